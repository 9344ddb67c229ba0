/**
 * Write phase: all-or-nothing. Files are written into a temporary folder beside the output,
 * which then replaces the output by rename, under a lock so that two runs never mix.
 * Files that are no longer generated disappear with the old folder.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { link, mkdir, readFile, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { WhmgenError } from "../errors.js";
import { compareNames } from "../naming.js";

/** Path in the output folder → its text, or its UTF-8 bytes (generate.ts encodes once, to hash and write the same bytes). */
export type FileMap = ReadonlyMap<string, string | Uint8Array>;

/** Lists every file under `dir` as `a/b.ts` paths, sorted; empty when `dir` does not exist. */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(path.join(dir, rel), { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
      throw error;
    }
    for (const e of entries) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(child);
      else out.push(child);
    }
  };
  await walk("");
  return out.sort(compareNames);
}

/**
 * Compares `files` with what `dir` holds: the paths that are missing, changed or extra. A path in
 * `ignore` is none of these (the output's digest, which generate.ts compares on its own).
 */
export async function diffOutput(dir: string, files: FileMap, ignore: readonly string[] = []): Promise<{ missing: string[]; changed: string[]; extra: string[] }> {
  const present = new Set(await listFiles(dir));
  for (const name of ignore) present.delete(name);
  const missing: string[] = [];
  const changed: string[] = [];
  for (const [name, text] of files) {
    if (ignore.includes(name)) continue;
    if (!present.has(name)) missing.push(name);
    // Read one after another, synchronously: hundreds of small files, each a few round trips
    // through the thread pool when read asynchronously.
    else if (!same(readFileSync(path.join(dir, name)), text)) changed.push(name);
    present.delete(name);
  }
  return { missing, changed, extra: [...present].sort(compareNames) };
}

/** Whether a file's bytes are `text` (bytes compare as they are: no decoding of what is on disk). */
function same(bytes: Buffer, text: string | Uint8Array): boolean {
  return typeof text === "string" ? bytes.toString("utf8") === text : bytes.equals(text);
}

/** Refuses to replace a folder that whmgen did not make (a wrong `--out` must not wipe a project). */
async function assertReplaceable(dir: string, shown: string): Promise<boolean> {
  let info;
  try {
    info = await stat(dir);
  } catch {
    return false;
  }
  if (!info.isDirectory()) throw new WhmgenError("output path exists and is not a folder", { file: shown });
  const entries = await readdir(dir);
  if (entries.length === 0) return true;
  try {
    const catalog = JSON.parse(await readFile(path.join(dir, "catalog.json"), "utf8")) as { generator?: unknown };
    if (catalog.generator === "whmgen") return true;
  } catch {
    // fall through
  }
  throw new WhmgenError("refusing to replace a folder that whmgen did not generate (it has no whmgen catalog.json); remove it or pick another --out", { file: shown });
}

const LOCK_WAIT_MS = 30_000;
/**
 * A lock file that holds no pid (left by a kill while it was created without link(2): by older
 * whmgen versions, or on a file system without hard links) is stale after this.
 */
const GARBAGE_LOCK_MS = 5_000;

/**
 * Takes the lock `.<out>.whmgen-lock` beside the output folder. The lock file appears whole, with
 * the owner's pid in it: the pid is written to a candidate file first, which is then hard-linked
 * to the lock name (a link fails atomically when the name exists). A run killed between creating
 * and filling the lock would otherwise leave an empty lock that no later run could judge.
 */
async function withLock<T>(dir: string, shown: string, work: () => Promise<T>): Promise<T> {
  const lock = lockPath(dir);
  const candidate = `${lock}.${process.pid}`;
  const started = Date.now();
  await writeFile(candidate, String(process.pid));
  try {
    for (;;) {
      try {
        await createLock(candidate, lock);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
        if (await staleLock(lock)) {
          await rm(lock, { force: true });
          continue;
        }
        if (Date.now() - started > LOCK_WAIT_MS) throw new WhmgenError(`another whmgen run holds the lock ${path.basename(lock)}`, { file: shown });
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  } finally {
    await rm(candidate, { force: true });
  }
  try {
    return await work();
  } finally {
    // Release only our own lock (a run that judged it stale in error must not lose its own).
    if ((await readFile(lock, "utf8").catch(() => "")).trim() === String(process.pid)) await rm(lock, { force: true });
  }
}

/**
 * Creates the lock from the pid-filled candidate with link(2). On a file system without hard
 * links (some network and FAT mounts), an exclusive create with the pid written after it: a kill
 * in between leaves a lock without a pid, which {@link staleLock} frees after a while.
 */
async function createLock(candidate: string, lock: string): Promise<void> {
  try {
    await link(candidate, lock);
  } catch (error) {
    if (!["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS", "EMLINK"].includes((error as NodeJS.ErrnoException).code ?? "")) throw error;
    await writeFile(lock, String(process.pid), { flag: "wx" });
  }
}

const lockPath = (dir: string): string => path.join(path.dirname(dir), `.${path.basename(dir)}.whmgen-lock`);

/** Whether a process with this pid exists. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

/** A lock whose process is gone, or whose content has been no pid for too long. */
async function staleLock(lock: string): Promise<boolean> {
  try {
    const text = (await readFile(lock, "utf8")).trim();
    if (/^[1-9]\d*$/.test(text)) return !alive(Number(text));
    return Date.now() - (await stat(lock)).mtimeMs > GARBAGE_LOCK_MS;
  } catch (error) {
    // Gone already: not stale, simply free; the next attempt takes it.
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
}

/**
 * Removes the temporary and old folders of runs that were killed while writing (`kill -9`, a
 * power cut): `finally` never ran for them. Called under the lock, so no live run owns one.
 */
async function removeLeftovers(dir: string): Promise<void> {
  const parent = path.dirname(dir);
  const prefix = `.${path.basename(dir)}.`;
  for (const name of await readdir(parent)) {
    if (!name.startsWith(prefix)) continue;
    const rest = name.slice(prefix.length);
    const candidate = /^whmgen-lock\.(\d+)$/.exec(rest);
    // Lock candidates belong to runs waiting for the lock; only those of dead runs are leftovers.
    if (/^(tmp|old)-\d+-[a-z0-9]+$/.test(rest) || (candidate && !alive(Number(candidate[1])))) {
      await rm(path.join(parent, name), { recursive: true, force: true });
    }
  }
}

/** Replaces `dir` with exactly `files`. On any failure the old `dir` is left as it was. */
export async function writeOutput(dir: string, files: FileMap, shown: string): Promise<void> {
  const parent = path.dirname(dir);
  await mkdir(parent, { recursive: true });
  await withLock(dir, shown, async () => {
    await removeLeftovers(dir);
    const exists = await assertReplaceable(dir, shown);
    const suffix = `${process.pid}-${Date.now().toString(36)}`;
    const temp = path.join(parent, `.${path.basename(dir)}.tmp-${suffix}`);
    const old = path.join(parent, `.${path.basename(dir)}.old-${suffix}`);
    try {
      const folders = new Set<string>();
      for (const name of files.keys()) folders.add(path.dirname(path.join(temp, name)));
      for (const folder of [...folders].sort()) mkdirSync(folder, { recursive: true });
      // One file after another: with hundreds of small files, thousands of concurrent writes
      // cost more in scheduling than they gain (measured: 3x slower at 6,250 functions).
      for (const [name, text] of files) writeFileSync(path.join(temp, name), text);
      if (exists) await rename(dir, old);
      try {
        await rename(temp, dir);
      } catch (error) {
        if (exists) await rename(old, dir);
        throw error;
      }
    } finally {
      await rm(temp, { recursive: true, force: true });
      await rm(old, { recursive: true, force: true });
    }
  });
}
