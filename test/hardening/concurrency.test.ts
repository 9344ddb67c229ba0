/**
 * Two `whmgen generate` processes writing the same output folder at once, and runs killed in the
 * middle of writing: the folder always holds one complete generation — exactly the bytes of one
 * of the runs, never a mix — `--check` agrees, and no lock or temporary folder stays behind.
 */
import { spawn } from "node:child_process";
import { mkdir, readFile, readdir, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { BIN, checksums, cli, ROOT, tempDir } from "../helpers.js";
import { recordCounts } from "./helpers.js";

const SPEC_A = "test/fixtures/quirks"; // 18 functions, 5 categories
const SPEC_B = "test/bad-specs/reserved-and-non-identifier-names/spec.yaml"; // 10 functions, 1 category
const ROUNDS = 3;
const KILLS = [0.3, 0.6, 0.8, 0.9, 1.0];

let dir: string;
let out: string;
let sums: Record<"A" | "B", Record<string, string>>;
const tally = { concurrentRuns: 0, kills: 0, killedMidWrite: 0 };

const generateArgs = (spec: string): string[] => ["generate", "--no-config", "--quiet", "--spec", spec, "--out", path.relative(ROOT, out)];

/**
 * The folder's checksums without what depends on what the folder held before: CHANGELOG.md (each
 * regeneration's API diff) and the SDK's own version, which continues from the previous output's
 * (in package.json and the README, compared without it), and the digest, which holds the hashes
 * of those. Those are checked to be whole, not to be one of two; the digest to be the one of the
 * files beside it (never one generation's digest with another's files).
 */
async function generation(): Promise<Record<string, string>> {
  const { ["CHANGELOG.md"]: changelog, ["package.json"]: _pkg, ["README.md"]: _readme, [".whmgen/digest.json"]: _digest, ...rest } = await checksums(out);
  expect(changelog, "CHANGELOG.md").toBeDefined();
  const { [".whmgen/digest.json"]: _, ...files } = await checksums(out);
  expect((JSON.parse(await readFile(path.join(out, ".whmgen/digest.json"), "utf8")) as { files: unknown }).files, ".whmgen/digest.json").toEqual(files);
  const pkg = JSON.parse(await readFile(path.join(out, "package.json"), "utf8")) as Record<string, unknown>;
  expect(pkg["version"], "package.json version").toMatch(/^\d+\.\d+\.\d+$/);
  delete pkg["version"];
  const readme = (await readFile(path.join(out, "README.md"), "utf8")).replace(/^Version \d+\.\d+\.\d+ of this SDK/m, "Version X of this SDK");
  return { ...rest, "package.json": JSON.stringify(pkg), "README.md": readme };
}

/** Which of the two generations `out` holds, if exactly one. */
async function which(): Promise<"A" | "B" | "neither"> {
  const now = await generation();
  const same = (a: Record<string, string>): boolean => JSON.stringify(a) === JSON.stringify(now);
  return same(sums.A) ? "A" : same(sums.B) ? "B" : "neither";
}

/** Names beside the output folder other than the folder itself: locks, temporary folders. */
async function leftovers(): Promise<string[]> {
  return (await readdir(dir)).filter((n) => n !== "out").sort();
}

beforeAll(async () => {
  dir = await tempDir("concurrency");
  out = path.join(dir, "out");
  expect((await cli(generateArgs(SPEC_B))).code).toBe(0);
  const b = await generation();
  expect((await cli(generateArgs(SPEC_A))).code).toBe(0);
  sums = { A: await generation(), B: b };
  // Different file sets, so a mix of the two would show.
  expect(Object.keys(sums.A).filter((f) => !(f in sums.B)).length).toBeGreaterThan(5);
}, 60_000);

afterAll(async () => {
  await recordCounts("concurrency", tally);
});

describe("two runs at once", () => {
  test("the same spec twice: both succeed, one complete folder, --check passes", async () => {
    const [r1, r2] = await Promise.all([cli(generateArgs(SPEC_A)), cli(generateArgs(SPEC_A))]);
    tally.concurrentRuns += 2;
    expect([r1.code, r2.code, r1.stderr, r2.stderr]).toEqual([0, 0, "", ""]);
    expect(await which()).toBe("A");
    expect((await cli([...generateArgs(SPEC_A), "--check"])).code).toBe(0);
    expect(await leftovers()).toEqual([]);
  }, 60_000);

  test.each(Array.from({ length: ROUNDS }, (_, i) => [i + 1]))("two different specs, round %i: exactly one of them, never a mix", async () => {
    const [ra, rb] = await Promise.all([cli(generateArgs(SPEC_A)), cli(generateArgs(SPEC_B))]);
    tally.concurrentRuns += 2;
    expect([ra.code, rb.code, ra.stderr, rb.stderr]).toEqual([0, 0, "", ""]);
    const winner = await which();
    expect(winner).not.toBe("neither");
    expect((await cli([...generateArgs(winner === "A" ? SPEC_A : SPEC_B), "--check"])).code).toBe(0);
    expect((await cli([...generateArgs(winner === "A" ? SPEC_B : SPEC_A), "--check"])).code).toBe(1);
    expect(await leftovers()).toEqual([]);
  }, 60_000);
});

describe("runs killed while writing", () => {
  test("leftovers of a killed run (lock of a dead process, temporary and old folders) are cleaned by the next run", async () => {
    const dead = 2 ** 22 + 12_345; // above Linux's default pid_max: no such process
    await writeFile(path.join(dir, ".out.whmgen-lock"), String(dead));
    await mkdir(path.join(dir, `.out.tmp-${dead}-abc123`, "runtime"), { recursive: true });
    await writeFile(path.join(dir, `.out.tmp-${dead}-abc123`, "index.ts"), "// half written");
    await mkdir(path.join(dir, `.out.old-${dead}-abc123`), { recursive: true });
    await writeFile(path.join(dir, `.out.whmgen-lock.${dead}`), String(dead));
    expect((await cli(generateArgs(SPEC_B))).code).toBe(0);
    expect(await which()).toBe("B");
    expect(await leftovers()).toEqual([]);
  }, 60_000);

  test("an empty lock left for a while (a run killed while creating it) is judged stale", async () => {
    const lock = path.join(dir, ".out.whmgen-lock");
    await writeFile(lock, "");
    const past = new Date(Date.now() - 60_000);
    await utimes(lock, past, past);
    const started = Date.now();
    expect((await cli(generateArgs(SPEC_A))).code).toBe(0);
    expect(Date.now() - started).toBeLessThan(20_000); // did not wait out the 30 s lock timeout
    expect(await which()).toBe("A");
    expect(await leftovers()).toEqual([]);
  }, 60_000);

  test(`kill -9 at ${KILLS.length} points of a run: the folder is the old or the new generation, and the next run recovers`, async () => {
    // Time one run, then kill others at fractions of that time (the write phase is at the end).
    const started = Date.now();
    expect((await cli(generateArgs(SPEC_A))).code).toBe(0);
    const duration = Date.now() - started;
    for (const fraction of KILLS) {
      // The folder holds A (the run above, or the recovery run below); a run writing B is killed.
      const child = spawn(process.execPath, [BIN, ...generateArgs(SPEC_B)], { cwd: ROOT, stdio: "ignore" });
      const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
      const timer = setTimeout(() => child.kill("SIGKILL"), Math.round(duration * fraction));
      const code = await exited;
      clearTimeout(timer);
      tally.kills++;
      const left = await leftovers();
      if (left.length) tally.killedMidWrite++;
      // Killed or not, the folder holds one whole generation: the one before, or the new one.
      const now = await which();
      expect(code === 0 ? ["B"] : ["A", "B"], `killed at ${fraction} (${left.join(", ")})`).toContain(now);
      // The next run cleans up whatever the killed one left.
      expect((await cli(generateArgs(SPEC_A))).code).toBe(0);
      expect(await which()).toBe("A");
      expect(await leftovers()).toEqual([]);
    }
  }, 120_000);
});
