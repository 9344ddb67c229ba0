/**
 * The main job, as a function: load → IR → emit → write (or compare, with `check`).
 */
import { readFile, rename, writeFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { coverageLine, coverageOf } from "./emit/coverage.js";
import { CATALOG_FORMAT_VERSION } from "./emit/catalog.js";
import { changelogText, type Previous } from "./emit/changelog.js";
import { emitSdk } from "./emit/index.js";
import { FIRST_SDK_VERSION, nextSdkVersion } from "./emit/version.js";
import { diffApis, type ApiDiff, type CatalogLike } from "./diff/index.js";
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

/** The previous output's catalog and changelog, if the folder holds whmgen output. */
async function readPrevious(outAbs: string): Promise<Previous> {
  const previous: Previous = {};
  try {
    const catalog = JSON.parse(await readFile(path.join(outAbs, "catalog.json"), "utf8")) as CatalogLike & { generator?: unknown };
    if (catalog.generator === "whmgen" && catalog.formatVersion === CATALOG_FORMAT_VERSION) previous.catalog = catalog;
  } catch {
    // no previous output
  }
  const changelog = await readFile(path.join(outAbs, "CHANGELOG.md"), "utf8").catch(() => undefined);
  if (changelog !== undefined) previous.changelog = changelog;
  try {
    const pkg = JSON.parse(await readFile(path.join(outAbs, "package.json"), "utf8")) as { version?: unknown; whmgen?: unknown };
    // Only a version made under the semver scheme continues; an older output starts a new history.
    if (typeof pkg.version === "string" && pkg.whmgen !== undefined) previous.version = pkg.version;
  } catch {
    // no previous package
  }
  return previous;
}

function withChangelog(files: Map<string, string>, text: string): Map<string, string> {
  const all = new Map(files);
  all.set("CHANGELOG.md", text);
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
  const previous = await readPrevious(outAbs);
  // The diff from the previous output, once: it sets the SDK's version and makes the changelog.
  let diff: ApiDiff | undefined;
  let version = FIRST_SDK_VERSION;
  const emitted = await emitSdk(api, {
    command,
    sdkVersion: (catalog) => {
      diff = previous.catalog ? diffApis(previous.catalog, catalog) : undefined;
      return (version = nextSdkVersion(previous.version, diff).version);
    },
  });
  const { plan } = emitted;
  const files = withChangelog(emitted.files, changelogText(previous, emitted.catalog as CatalogLike, version, diff));
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
