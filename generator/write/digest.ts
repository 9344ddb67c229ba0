/**
 * The output's digest, `.whmgen/digest.json`: what a generation was made from and what it wrote,
 * so that `generate --check` can tell an up-to-date output without regenerating it.
 *
 * It records (a) what determines the output — the command in the banners (the spec paths as
 * shown and `--out`), the SHA-256 of every file the load read (the documents and the applist.json
 * used, the bytes the load parsed), and a hash of whmgen itself (its package version, the compiled
 * code of the generate path, templates/ and the compiled templates, the versions of the packages
 * that path runs) — and (b) the SHA-256 of every file written beside it, plus the summary a check
 * prints. It holds no timestamp and no absolute path: the same generation writes the same bytes.
 *
 * A check that finds (a) the same now and every file of the output folder as (b) says, with no
 * file missing or extra (and the coverage report, when one is asked for, equal to coverage.md),
 * answers "up to date" without loading a document. That answer is sound although CHANGELOG.md,
 * the SDK version (package.json, README.md) and the digest itself depend on the previous output
 * as well: (b) shows the folder is exactly what a generate wrote from these inputs with this
 * whmgen, and a generate over its own output changes nothing (catalog.json is a function of the
 * inputs alone; an unchanged catalog keeps the version and the changelog — generate.ts), so a
 * generate now would write the same bytes again. Anything else — no digest, another format,
 * another command, an input, whmgen, a file — and the check regenerates and compares, as it
 * always did.
 */
import { createHash, hash } from "node:crypto";
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { displayPath, listSpecFiles } from "../load/read.js";
import { compareNames } from "../naming.js";
import { listFiles } from "./index.js";

/** Where the digest lives in the output folder. */
export const DIGEST_FILE = ".whmgen/digest.json";
/** Changes when the digest's format does; a digest of another format is not used. */
export const DIGEST_FORMAT = 1;

const ABOUT = "whmgen's record of this generation: what it was made from and the SHA-256 of each file it wrote. `whmgen generate --check` compares it instead of regenerating when nothing changed. Do not edit.";

/** What a check prints about the output (counts of the generation). */
export interface DigestSummary {
  specVersion: string;
  functions: number;
  described: number;
  seeded: number;
  skipped: { name: string; reason: string }[];
  coverage: string;
}

export interface Digest {
  format: number;
  about: string;
  /** The command in the banners. */
  command: string;
  /** Hash of whmgen itself ({@link generatorDigest}). */
  generator: string;
  /** Display path → SHA-256 of every file the load read; `null` when a `$ref` resolver read files whmgen did not see. */
  inputs: Record<string, string> | null;
  summary: DigestSummary;
  /** Path in the output folder → SHA-256, every file but the digest. */
  files: Record<string, string>;
}

/** SHA-256 in hex (crypto.hash: one call, no Hash object per file). */
export const sha256 = (data: string | Uint8Array): string => hash("sha256", data, "hex");

/** The package root: two levels up from this module, past `dist/` when built (as emit/index.ts finds templates/). */
export const PACKAGE_ROOT = ((): string => {
  const up = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
  return path.basename(up) === "dist" ? path.dirname(up) : up;
})();

/**
 * The packages the generate path runs: js-yaml (load/read.ts), @apidevtools/swagger-parser
 * (load/refs.ts), Handlebars (emit/templates.ts). Their versions, and those of everything they
 * depend on, are part of {@link generatorDigest}. test/digest.test.ts checks the list against
 * the packages the compiled generate path imports.
 */
export const GENERATE_PACKAGES = ["@apidevtools/swagger-parser", "handlebars", "js-yaml"] as const;

/**
 * A hash of whmgen as it generates: its package name and version; the compiled modules of the
 * generate path, from dist/generator/generate.js and from the bundle's generate chunk that
 * bin/whmgen.js runs (each followed through its relative imports); every file of templates/ and
 * dist/templates/ (the runtime and test double copied into the SDK, compiled, and the
 * precompiled README and coverage templates); and the version of each package the generate path
 * runs, with their dependencies. Code outside the generate path (import, seed, serve, diff's
 * command) does not count.
 */
export function generatorDigest(root = PACKAGE_ROOT): string {
  // One hash over every part, each named and sized before its bytes (no two sets of parts hash alike).
  const hash = createHash("sha256");
  const own = readJson(path.join(root, "package.json")) as { name?: unknown; version?: unknown } | undefined;
  hash.update(`whmgen ${String(own?.name)}@${String(own?.version)}\n`);
  for (const [file, bytes] of codeFiles(root)) hash.update(`code ${relative(root, file)} ${bytes.length}\n`).update(bytes);
  for (const dir of ["templates", "dist/templates"]) {
    for (const file of filesUnder(path.join(root, dir))) {
      const bytes = readFileSync(path.join(root, dir, file));
      hash.update(`template ${dir}/${file} ${bytes.length}\n`).update(bytes);
    }
  }
  for (const p of packageVersions(root, GENERATE_PACKAGES)) hash.update(`package ${p}\n`);
  return hash.digest("hex");
}

/** The compiled generate path's files, sorted, with their bytes: the modules and bundle chunks reached from its entries. */
export function codeFiles(root = PACKAGE_ROOT): Map<string, Buffer> {
  const entries = [path.join(root, "dist", "generator", "generate.js")];
  const bundle = path.join(root, "dist", "bundle");
  let names: string[] = [];
  try {
    names = readdirSync(bundle);
  } catch {
    // no bundle: bin/whmgen.js runs dist/generator
  }
  // esbuild names the chunk of `import("./generate.js")` after it: generate-HASH.js.
  for (const name of names.sort(compareNames)) if (/^generate-[A-Za-z0-9]+\.js$/.test(name)) entries.push(path.join(bundle, name));
  const seen = new Map<string, Buffer>();
  const walk = (file: string): void => {
    if (seen.has(file)) return;
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      return; // not a module (the pattern below also meets import statements inside emitted text)
    }
    seen.set(file, bytes);
    // Specifiers are ASCII: latin1 decodes without the cost of UTF-8.
    for (const m of bytes.toString("latin1").matchAll(RELATIVE_IMPORT)) walk(path.resolve(path.dirname(file), (m[1] ?? m[2] ?? m[3])!));
  };
  for (const entry of entries) walk(entry);
  return new Map([...seen].sort((a, b) => compareNames(a[0], b[0])));
}

/** `from "./x.js"`, `import("./x.js")`, `import "./x.js"`: relative specifiers, as tsc and esbuild write them. */
const RELATIVE_IMPORT = /\bfrom\s*["'](\.{1,2}\/[^"']+)["']|\bimport\s*\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)|\bimport\s*["'](\.{1,2}\/[^"']+)["']/g;

/** Every file under `dir` as `a/b` paths, sorted; none when `dir` does not exist. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    let entries;
    try {
      entries = readdirSync(path.join(dir, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(child);
      else out.push(child);
    }
  };
  walk("");
  return out.sort(compareNames);
}

/**
 * `name@version` of each package and of what it depends on (dependencies and optional ones), as
 * Node resolves them from `root`: the nearest node_modules folder up from the dependent package.
 */
export function packageVersions(root: string, names: readonly string[]): string[] {
  const found = new Set<string>();
  const done = new Set<string>();
  const queue: [string, string][] = names.map((n) => [n, root]);
  for (let next = queue.shift(); next; next = queue.shift()) {
    const [name, from] = next;
    const dir = packageDir(name, from);
    if (dir === undefined) {
      found.add(`${name}@(not installed)`);
      continue;
    }
    if (done.has(dir)) continue;
    done.add(dir);
    const pkg = readJson(path.join(dir, "package.json")) as { version?: unknown; dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
    found.add(`${name}@${String(pkg.version)}`);
    for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies }).sort(compareNames)) queue.push([dep, dir]);
  }
  return [...found].sort(compareNames);
}

function packageDir(name: string, from: string): string | undefined {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", name);
    if (statSync(path.join(candidate, "package.json"), { throwIfNoEntry: false })?.isFile()) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

const relative = (root: string, file: string): string => path.relative(root, file).split(path.sep).join("/");

/** The inputs record of a generation from what its load read (`LoadOptions.inputs`). */
export function inputsRecord(read: ReadonlyMap<string, Uint8Array | null>, cwd: string): Record<string, string> | null {
  const entries: [string, string][] = [];
  for (const [abs, bytes] of read) {
    if (bytes === null) return null;
    entries.push([displayPath(abs, cwd), sha256(bytes)]);
  }
  return Object.fromEntries(entries.sort((a, b) => compareNames(a[0], b[0])));
}

/**
 * The same record made from the files as they are now, the way the load finds them: the documents
 * of `listSpecFiles`, and the applist.json of the first spec folder that has one.
 */
export async function currentInputs(specs: readonly string[], cwd: string): Promise<Record<string, string>> {
  const read = new Map<string, Uint8Array>();
  for (const file of await listSpecFiles(specs, cwd)) read.set(file, readFileSync(file));
  for (const spec of specs) {
    const dir = path.resolve(cwd, spec);
    try {
      if (!statSync(dir).isDirectory()) continue;
      const file = path.join(dir, "applist.json");
      read.set(file, readFileSync(file));
      break;
    } catch {
      // no applist here (load/index.ts: findApplist)
    }
  }
  return inputsRecord(read, cwd)!;
}

/** The digest file's text: JSON, keys in a fixed order, every map sorted. */
export function digestText(digest: Omit<Digest, "format" | "about">): string {
  const files = Object.fromEntries(Object.entries(digest.files).sort((a, b) => compareNames(a[0], b[0])));
  const value: Digest = {
    format: DIGEST_FORMAT,
    about: ABOUT,
    command: digest.command,
    generator: digest.generator,
    inputs: digest.inputs,
    summary: {
      specVersion: digest.summary.specVersion,
      functions: digest.summary.functions,
      described: digest.summary.described,
      seeded: digest.summary.seeded,
      skipped: digest.summary.skipped.map((s) => ({ name: s.name, reason: s.reason })),
      coverage: digest.summary.coverage,
    },
    files,
  };
  return JSON.stringify(value, null, 2) + "\n";
}

/** The hash of every output file, by path (the files a generate writes, before the digest is added). */
export function fileHashes(files: ReadonlyMap<string, string | Uint8Array>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, text] of files) if (name !== DIGEST_FILE) out[name] = sha256(text);
  return out;
}

export interface DigestCheck {
  /** The output folder. */
  outAbs: string;
  /** The command the banners would show. */
  command: string;
  specs: readonly string[];
  cwd: string;
  /** The coverage report to compare with coverage.md, when asked for. */
  coverageAbs?: string | undefined;
  /** whmgen's hash ({@link generatorDigest}), when computed already. */
  generator?: string;
}

/** Why a check could not go by the digest (for tests and `--debug`); `undefined` when it could. */
export type DigestMiss = "no digest" | "format" | "command" | "external refs" | "inputs" | "generator" | "files" | "coverage";

/**
 * Whether `outAbs` is up to date by its digest alone: the digest's summary when (a) and (b) hold
 * as described above, else the reason it cannot tell (then the caller regenerates and compares).
 * Reads every file of the output folder and of the inputs; loads no document.
 */
export async function checkByDigest(check: DigestCheck): Promise<{ summary: DigestSummary; files: number } | { miss: DigestMiss }> {
  let digest: Digest;
  try {
    digest = JSON.parse(readFileSync(path.join(check.outAbs, DIGEST_FILE), "utf8")) as Digest;
  } catch {
    return { miss: "no digest" };
  }
  if (!wellFormed(digest)) return { miss: "format" };
  if (digest.command !== check.command) return { miss: "command" };
  if (digest.inputs === null) return { miss: "external refs" };
  try {
    if (!sameRecord(await currentInputs(check.specs, check.cwd), digest.inputs)) return { miss: "inputs" };
  } catch {
    return { miss: "inputs" }; // a spec path gone, a folder emptied: the full run reports it
  }
  if ((check.generator ?? generatorDigest()) !== digest.generator) return { miss: "generator" };
  const want = new Map(Object.entries(digest.files));
  const present = (await listFiles(check.outAbs)).filter((f) => f !== DIGEST_FILE);
  if (present.length !== want.size) return { miss: "files" };
  for (const name of present) {
    const hash = want.get(name);
    if (hash === undefined || hashOf(path.join(check.outAbs, name)) !== hash) return { miss: "files" };
  }
  if (check.coverageAbs !== undefined && hashOf(check.coverageAbs) !== want.get("coverage.md")) return { miss: "coverage" };
  return { summary: digest.summary, files: want.size + 1 };
}

function hashOf(file: string): string | undefined {
  try {
    return sha256(readFileSync(file));
  } catch {
    return undefined;
  }
}

function sameRecord(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k]);
}

const isString = (v: unknown): v is string => typeof v === "string";
const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
const isRecord = (v: unknown): v is Record<string, string> => v !== null && typeof v === "object" && !Array.isArray(v) && Object.values(v).every(isString);

function wellFormed(d: unknown): d is Digest {
  if (d === null || typeof d !== "object") return false;
  const x = d as Record<string, unknown>;
  const s = x["summary"] as Record<string, unknown> | undefined;
  return (
    x["format"] === DIGEST_FORMAT &&
    isString(x["command"]) &&
    isString(x["generator"]) &&
    (x["inputs"] === null || isRecord(x["inputs"])) &&
    isRecord(x["files"]) &&
    s !== null &&
    typeof s === "object" &&
    isString(s["specVersion"]) &&
    isCount(s["functions"]) &&
    isCount(s["described"]) &&
    isCount(s["seeded"]) &&
    isString(s["coverage"]) &&
    Array.isArray(s["skipped"]) &&
    s["skipped"].every((k: unknown) => k !== null && typeof k === "object" && isString((k as Record<string, unknown>)["name"]) && isString((k as Record<string, unknown>)["reason"]))
  );
}
