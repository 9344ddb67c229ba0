/**
 * The main job, as a function: load → IR → emit → write (or compare, with `check`).
 */
import { readFile, rename, writeFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { coverageLine, coverageOf } from "./emit/coverage.js";
import { CATALOG_FORMAT_VERSION } from "./emit/catalog.js";
import { changelogText, type Previous } from "./emit/changelog.js";
import { emitSdk, packageVersion } from "./emit/index.js";
import type { CatalogLike } from "./diff/index.js";
import { loadSpecs } from "./load/index.js";
import { displayPath } from "./load/read.js";
import { diffOutput, writeOutput } from "./write/index.js";

export interface GenerateOptions {
  /** Spec files or folders; default `["specs"]`. */
  specs?: readonly string[];
  /** Output folder; default `generated`. */
  out?: string;
  /** Compare instead of writing. */
  check?: boolean;
  /** Also write the coverage report (generated/coverage.md) to this file (checked with `check`). */
  coverage?: string;
  cwd?: string;
}

export interface GenerateResult {
  specVersion: string;
  functions: number;
  described: number;
  seeded: number;
  skipped: { name: string; reason: string }[];
  files: number;
  /** With `check`: the files that differ (missing, changed or extra); empty when up to date. */
  drift: string[];
  seconds: number;
  out: string;
  /** One line on how much of applist is described. */
  coverage: string;
}

/**
 * The previous output's catalog and changelog, if the folder holds whmgen output. A catalog.json
 * whose text is `catalogText` (the one just emitted, whose value is `built`) is not parsed again:
 * its value is `built`, and the changelog, seeing the same value on both sides, needs no diff.
 */
async function readPrevious(outAbs: string, catalogText: string, built: object): Promise<Previous> {
  const previous: Previous = {};
  try {
    const text = await readFile(path.join(outAbs, "catalog.json"), "utf8");
    const catalog = (text === catalogText ? built : JSON.parse(text)) as CatalogLike & { generator?: unknown };
    if (catalog.generator === "whmgen" && catalog.formatVersion === CATALOG_FORMAT_VERSION) previous.catalog = catalog;
  } catch {
    // no previous output
  }
  const changelog = await readFile(path.join(outAbs, "CHANGELOG.md"), "utf8").catch(() => undefined);
  if (changelog !== undefined) previous.changelog = changelog;
  return previous;
}

/**
 * The files with CHANGELOG.md added. The changelog compares catalog.json's value before and after:
 * `built` (emitSdk's value) when the previous catalog is that same value (unchanged text) or there
 * is none (then only its counts are read); else the new text parsed, as the previous one was.
 */
function withChangelog(files: Map<string, string>, built: object, previous: Previous, specVersion: string): Map<string, string> {
  const next = (previous.catalog === undefined || previous.catalog === built ? built : JSON.parse(files.get("catalog.json")!)) as CatalogLike;
  const all = new Map(files);
  all.set("CHANGELOG.md", changelogText(previous, next, packageVersion(specVersion)));
  return new Map([...all].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
}

export async function generate(options: GenerateOptions = {}): Promise<GenerateResult> {
  const started = process.hrtime.bigint();
  const cwd = options.cwd ?? process.cwd();
  const specs = options.specs && options.specs.length ? options.specs : ["specs"];
  const outAbs = path.resolve(cwd, options.out ?? "generated");
  const out = displayPath(outAbs, cwd);
  const command = ["whmgen generate", ...specs.map((s) => `--spec ${displayPath(path.resolve(cwd, s), cwd)}`), `--out ${out}`].join(" ");
  const api = await loadSpecs(specs, { cwd });
  const emitted = await emitSdk(api, { command });
  const { plan } = emitted;
  const files = withChangelog(emitted.files, emitted.catalog, await readPrevious(outAbs, emitted.files.get("catalog.json")!, emitted.catalog), plan.api.version);
  let drift: string[] = [];
  const coverageAbs = options.coverage ? path.resolve(cwd, options.coverage) : undefined;
  const coverageText = files.get("coverage.md")!;
  if (options.check) {
    const d = await diffOutput(outAbs, files);
    drift = [...d.missing.map((f) => `missing: ${f}`), ...d.changed.map((f) => `changed: ${f}`), ...d.extra.map((f) => `extra:   ${f}`)];
    if (coverageAbs && (await readFile(coverageAbs, "utf8").catch(() => undefined)) !== coverageText) drift.push(`changed: ${displayPath(coverageAbs, cwd)}`);
  } else {
    await writeOutput(outAbs, files, out);
    if (coverageAbs) {
      await mkdir(path.dirname(coverageAbs), { recursive: true });
      const temp = `${coverageAbs}.tmp-${process.pid}`;
      await writeFile(temp, coverageText);
      await rename(temp, coverageAbs);
    }
  }
  const described = plan.functions.filter((f) => !f.fn.seeded).length;
  return {
    specVersion: api.version,
    functions: plan.functions.length,
    described,
    seeded: plan.functions.length - described,
    skipped: api.skipped.map((s) => ({ name: s.name, reason: s.reason })),
    files: files.size,
    drift,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
    out,
    coverage: coverageLine(coverageOf(plan)),
  };
}
