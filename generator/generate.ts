/**
 * The main job, as a function: load → IR → emit → write (or compare, with `check`). The output
 * carries a digest of what it was made from (write/digest.ts); a check whose digest still holds
 * answers without regenerating.
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
import { checkByDigest, DIGEST_FILE, digestText, fileHashes, generatorDigest, inputsRecord, type DigestMiss } from "./write/digest.js";

export interface GenerateOptions {
  /** Spec files or folders; default `["specs"]`. */
  specs?: readonly string[];
  /** Output folder; default `generated`. */
  out?: string;
  /** Compare instead of writing. */
  check?: boolean;
  /** With `check`: regenerate and compare every file even when the output's digest says nothing changed. */
  full?: boolean;
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
  /**
   * With `check`: `digest` when the output's digest answered (nothing was regenerated), else
   * `regenerated`; `miss` says why the digest could not answer.
   */
  checked?: { by: "digest" } | { by: "regenerated"; miss: DigestMiss | "full"; digestCurrent: boolean };
}

/**
 * The previous output: its catalog.json's text (parsed only if it differs from the new one), its
 * changelog, and its version when it was made under the semver scheme.
 */
async function readPrevious(outAbs: string): Promise<Previous & { catalogText?: string }> {
  const previous: Previous & { catalogText?: string } = {};
  const text = await readFile(path.join(outAbs, "catalog.json"), "utf8").catch(() => undefined);
  if (text !== undefined) previous.catalogText = text;
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

function parseCatalog(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined; // not whmgen's: a new history
  }
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
  const coverageAbs = options.coverage ? path.resolve(cwd, options.coverage) : undefined;
  // whmgen's hash, taken before anything is read for the emit: templates changed during the run
  // leave a digest that a later check disagrees with (unless they are changed back).
  const generator = generatorDigest();
  let miss: DigestMiss | "full" = "full";
  if (options.check && !options.full) {
    const quick = await checkByDigest({ outAbs, command, specs, cwd, coverageAbs, generator });
    if ("summary" in quick) {
      const { specVersion, functions, described, seeded, skipped, coverage } = quick.summary;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      return { specVersion, functions, described, seeded, skipped, files: quick.files, drift: [], seconds, out, coverage, checked: { by: "digest" } };
    }
    miss = quick.miss;
  }
  const read = new Map<string, Uint8Array | null>();
  const api = await loadSpecs(specs, { cwd, inputs: read });
  const previous = await readPrevious(outAbs);
  // The diff from the previous output, once: it sets the SDK's version and makes the changelog.
  // An unchanged catalog.json (a check, or a regeneration from the same specs) is neither parsed
  // nor diffed: the changelog sees the same value on both sides, and the version stays.
  let diff: ApiDiff | undefined;
  let version = FIRST_SDK_VERSION;
  let next: CatalogLike | undefined;
  const emitted = await emitSdk(api, {
    command,
    sdkVersion: (built, text) => {
      if (previous.catalogText === text) {
        next = previous.catalog = built as CatalogLike;
        return (version = previous.version ?? FIRST_SDK_VERSION);
      }
      const before = previous.catalogText === undefined ? undefined : (parseCatalog(previous.catalogText) as (CatalogLike & { generator?: unknown }) | undefined);
      if (before?.generator === "whmgen" && before.formatVersion === CATALOG_FORMAT_VERSION) previous.catalog = before;
      // Compared as the file's text parsed, like the previous one (the built value is for counts and names).
      next = previous.catalog ? (JSON.parse(text) as CatalogLike) : (built as CatalogLike);
      diff = previous.catalog ? diffApis(previous.catalog, next) : undefined;
      return (version = nextSdkVersion(previous.version, diff).version);
    },
  });
  const { plan } = emitted;
  const texts = withChangelog(emitted.files, changelogText(previous, next ?? (emitted.catalog as CatalogLike), version, diff));
  // Encoded once: the same bytes are hashed for the digest and written (or compared).
  const files = new Map<string, string | Uint8Array>();
  for (const [name, text] of texts) files.set(name, Buffer.from(text));
  const described = plan.functions.filter((f) => !f.fn.seeded).length;
  const summary = {
    specVersion: api.version,
    functions: plan.functions.length,
    described,
    seeded: plan.functions.length - described,
    skipped: api.skipped.map((s) => ({ name: s.name, reason: s.reason })),
    coverage: coverageLine(coverageOf(plan)),
  };
  // The digest of this generation: the inputs as the load read them, whmgen as it was at the start.
  const digest = digestText({
    command,
    generator,
    inputs: inputsRecord(read, cwd),
    summary,
    files: fileHashes(files),
  });
  files.set(DIGEST_FILE, digest);
  let drift: string[] = [];
  let checked: GenerateResult["checked"];
  const coverageText = texts.get("coverage.md")!;
  if (options.check) {
    // The digest is whmgen's record, not part of the SDK: a folder whose every other file is as
    // generated is up to date; a missing or outdated digest only means the next check regenerates too.
    const d = await diffOutput(outAbs, files, [DIGEST_FILE]);
    drift = [...d.missing.map((f) => `missing: ${f}`), ...d.changed.map((f) => `changed: ${f}`), ...d.extra.map((f) => `extra:   ${f}`)];
    if (coverageAbs && (await readFile(coverageAbs, "utf8").catch(() => undefined)) !== coverageText) drift.push(`changed: ${displayPath(coverageAbs, cwd)}`);
    const current = (await readFile(path.join(outAbs, DIGEST_FILE), "utf8").catch(() => undefined)) === digest;
    checked = { by: "regenerated", miss, digestCurrent: current };
  } else {
    await writeOutput(outAbs, files, out);
    if (coverageAbs) {
      await mkdir(path.dirname(coverageAbs), { recursive: true });
      const temp = `${coverageAbs}.tmp-${process.pid}`;
      await writeFile(temp, coverageText);
      await rename(temp, coverageAbs);
    }
  }
  return {
    ...summary,
    files: files.size,
    drift,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
    out,
    ...(checked ? { checked } : {}),
  };
}
