/**
 * `whmgen import`: cPanel's WHM API 1 document(s) → `specs/`, one document per category.
 *
 *   cPanel's document(s) ─ facts.ts ─▶ facts ─ overlay.ts (specs/overlays/) ─▶ corrected facts
 *     ─ words.ts (the words already in specs/, and --words files) ─▶ specs/<category>.yaml
 *
 * Deterministic: the same inputs, overlays and words give the same bytes, so a second run
 * changes nothing and `check` can guard it in CI.
 */
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import yaml from "js-yaml";
import { WhmgenError, formatPlace } from "../errors.js";
import { compareVersions } from "../load/index.js";
import { normalizeDocument } from "../load/normalize.js";
import { displayPath, listSpecFiles, parseText, readDocument } from "../load/read.js";
import { compareNames, moduleStem, uniqueNames } from "../naming.js";
import { isObj } from "../json.js";
import { importDocument, type ImportedFunction } from "./facts.js";
import { applyOverlays, readOverlays, type ActionOutcome } from "./overlay.js";
import { applyWords, wordsOfDocument, wordsOfFile, type Words, type WordsGaps } from "./words.js";

type Obj = Record<string, unknown>;

/** Marks a spec document as written by `whmgen import` (a later import may replace or remove it). */
export const IMPORTED_MARK = "x-whmgen-imported";
export const APPLIST_FILE = "applist.json";

export interface ImportOptions {
  /** cPanel documents: files or folders (several at once; per-category files are merged). */
  inputs: readonly string[];
  /** The specs folder; default `specs`. */
  specs?: string;
  /** Overlay documents (a folder or one file); default `<specs>/overlays`. */
  overlays?: string;
  /** Words files (see words.ts) applied over the words already in the specs. */
  words?: readonly string[];
  /** Compare instead of writing. */
  check?: boolean;
  cwd?: string;
}

export interface VanishedCorrection {
  place: string;
  target: string;
  reason: string;
}

export interface ImportResult {
  version: string;
  functions: number;
  files: number;
  /** Function names new to the specs folder, gone from it, and with different facts. */
  added: string[];
  removed: string[];
  changed: string[];
  /** Functions only older input documents describe (kept, newest version wins otherwise). */
  fromOlder: string[];
  corrections: number;
  vanished: VanishedCorrection[];
  gaps: WordsGaps;
  /** Files that differ from what was on disk before the run (`missing:`, `changed:`, `extra:`); with `check` nothing was written. */
  drift: string[];
  seconds: number;
  specs: string;
}

interface SpecFile {
  name: string;
  abs: string;
  value: unknown;
  text: string;
  imported: boolean;
}

/** The documents directly in the specs folder (not overlays/), parsed. */
async function readSpecsFolder(dir: string, cwd: string): Promise<SpecFile[]> {
  let files: string[];
  try {
    files = (await listSpecFiles([dir], cwd)).filter((f) => path.dirname(f) === dir);
  } catch {
    return [];
  }
  return Promise.all(
    files.map(async (abs) => {
      const doc = await readDocument(abs, cwd);
      const text = await readFile(abs, "utf8");
      return { name: path.basename(abs), abs, value: doc.value, text, imported: isObj(doc.value) && doc.value[IMPORTED_MARK] === true };
    }),
  );
}

/** Reads every input document and keeps, per function, the newest version's (later input on a tie). */
async function readInputs(inputs: readonly string[], cwd: string): Promise<{ functions: ImportedFunction[]; version: string; groups: Map<string, string>; fromOlder: string[] }> {
  if (inputs.length === 0) throw new WhmgenError("no input document: name cPanel's whm.openapi.yaml (or per-category files, or a folder of them)", { file: "." });
  const files = await listSpecFiles(inputs, cwd);
  const docs = await Promise.all(files.map((f) => readDocument(f, cwd)));
  const imported = docs.map((raw) => importDocument(normalizeDocument(raw.value, raw.file).doc, raw.file));
  const order = imported.map((d, i) => ({ d, i })).sort((a, b) => compareVersions(a.d.version, b.d.version) || a.i - b.i);
  const byName = new Map<string, ImportedFunction>();
  const groups = new Map<string, string>();
  for (const { d } of order) {
    for (const fn of d.functions) byName.set(fn.name, fn);
    for (const [tag, group] of d.groups) groups.set(tag, group);
  }
  const version = order[order.length - 1]!.d.version;
  const fromOlder = [...byName.values()].filter((f) => compareVersions(f.version, version) < 0).map((f) => f.name).sort(compareNames);
  return { functions: [...byName.values()], version, groups, fromOlder };
}

function specHeader(category: string, version: string): string {
  return [
    `# WHM API 1, ${category}: the functions of this category in the project's form (docs/specs-format.md).`,
    `# Written by \`whmgen import\` from cPanel's WHM API 1 document ${version}: the facts are cPanel's,`,
    "# corrected by specs/overlays/; the summaries and descriptions are the project's own words, and the",
    "# next import keeps them. Edit descriptions here; correct facts in an overlay (docs/version-bump.md).",
    "",
  ].join("\n");
}

function dump(value: unknown): string {
  return yaml.dump(value, { lineWidth: 100, noRefs: true, quotingType: "'" });
}

/** One category's document. */
function categoryDocument(category: string, group: string | undefined, version: string, paths: Obj): string {
  const doc: Obj = {
    openapi: "3.0.3",
    info: { title: `WHM API 1 - ${category}`, version },
    [IMPORTED_MARK]: true,
    servers: [{ url: "https://{host}:{port}/json-api", variables: { host: { default: "hostname.example.com" }, port: { default: "2087" } } }],
    security: [{ BasicAuth: [] }],
    components: { securitySchemes: { BasicAuth: { type: "http", scheme: "basic" } } },
    tags: [{ name: category }],
    ...(group !== undefined ? { "x-tagGroups": [{ name: group, tags: [category] }] } : {}),
    paths,
  };
  return specHeader(category, version) + dump(doc);
}

/** `applist.json` as the published document lists the functions (until a server's answer replaces it). */
function applistText(names: readonly string[], version: string): string {
  const answer = {
    data: { app: names },
    metadata: { command: "applist", reason: "OK", result: 1, version: 1 },
    "x-whmgen-source": `the function list of cPanel's WHM API 1 document ${version}, written by whmgen import; replace it with a server's applist answer to measure coverage against that server`,
  };
  return JSON.stringify(answer, null, 2) + "\n";
}

/** True when applist.json may be rewritten: absent, or written by an import. */
function applistIsOurs(text: string | undefined): boolean {
  if (text === undefined) return true;
  try {
    const value = JSON.parse(text) as Obj;
    return typeof value["x-whmgen-source"] === "string";
  } catch {
    return false;
  }
}

export interface ImportedFacts {
  /** `{ paths }` of every imported function, facts only, after the overlays. */
  merged: Obj;
  outcomes: ActionOutcome[];
  version: string;
  groups: Map<string, string>;
  fromOlder: string[];
}

/**
 * The facts of the inputs in one document, with the overlays (a folder or file; none when
 * `undefined`) applied: what an import writes, before the words and the split by category.
 */
export async function importedFacts(inputs: readonly string[], overlays: string | undefined, cwd = process.cwd()): Promise<ImportedFacts> {
  const input = await readInputs(inputs, cwd);
  // Facts of every function in one document, so overlay targets do not depend on the file layout.
  const merged: Obj = { paths: {} };
  const paths = merged["paths"] as Obj;
  for (const fn of [...input.functions].sort((a, b) => compareNames(a.name, b.name))) paths[fn.path] = { [fn.method]: fn.operation };
  const outcomes = overlays === undefined ? [] : applyOverlays(merged, await readOverlays(overlays, cwd));
  return { merged, outcomes, version: input.version, groups: input.groups, fromOlder: input.fromOlder };
}

export async function importSpecs(options: ImportOptions): Promise<ImportResult> {
  const started = process.hrtime.bigint();
  const cwd = options.cwd ?? process.cwd();
  const specsAbs = path.resolve(cwd, options.specs ?? "specs");
  const specs = displayPath(specsAbs, cwd);
  const facts = await importedFacts(options.inputs, options.overlays ?? path.join(specs, "overlays"), cwd);
  const input = facts;
  const previous = await readSpecsFolder(specsAbs, cwd);

  // The words on file: what the specs say now, then the words files over them.
  const words: Words = new Map();
  for (const f of previous) wordsOfDocument(f.value, words);
  for (const w of options.words ?? []) {
    const abs = path.resolve(cwd, w);
    const file = displayPath(abs, cwd);
    const text = await readFile(abs, "utf8").catch(() => {
      throw new WhmgenError("cannot read the words file", { file });
    });
    wordsOfFile(parseText(text, file), file, words);
  }

  const paths = facts.merged["paths"] as Obj;
  const outcomes = facts.outcomes;

  // Words, then one document per category.
  const gaps: WordsGaps = { functions: [], params: [] };
  const byCategory = new Map<string, Obj>();
  const names: string[] = [];
  const ops = new Map<string, string>();
  for (const p of Object.keys(paths).sort(compareNames)) {
    const item = paths[p];
    const name = p.split("/").filter((s) => s !== "").pop() ?? "";
    const method = isObj(item) ? (["get", "post"] as const).find((m) => isObj(item[m])) : undefined;
    if (!method) continue;
    const op = (item as Obj)[method] as Obj;
    applyWords(name, op, words, gaps);
    const category = Array.isArray(op["tags"]) && typeof op["tags"][0] === "string" ? op["tags"][0] : "Uncategorized";
    if (!byCategory.has(category)) byCategory.set(category, {});
    byCategory.get(category)![p] = { [method]: op };
    names.push(name);
    ops.set(name, JSON.stringify(op));
  }
  names.sort(compareNames);
  const categories = [...byCategory.keys()].sort(compareNames);
  const stems = uniqueNames(categories, moduleStem, "-", undefined, true);
  const files = new Map<string, string>();
  for (const category of categories) files.set(`${stems.get(category)}.yaml`, categoryDocument(category, input.groups.get(category), input.version, byCategory.get(category)!));

  // A hand-written document that describes an imported function would describe it twice.
  for (const f of previous) {
    if (f.imported || files.has(f.name) || !isObj(f.value) || !isObj(f.value["paths"])) continue;
    for (const [p, item] of Object.entries(f.value["paths"])) {
      const name = p.split("/").filter((s) => s !== "").pop() ?? "";
      const op = isObj(item) ? (item["get"] ?? item["post"]) : undefined;
      if (ops.has(name) && isObj(op) && op["x-whmgen-seeded"] !== true) {
        throw new WhmgenError(`function ${JSON.stringify(name)} is described here and would also be imported; remove it from this document (its words are kept if you pass the file with --words) or from the import`, { file: displayPath(f.abs, cwd), pointer: `/paths/${p.replace(/~/g, "~0").replace(/\//g, "~1")}` });
      }
    }
  }

  const applistAbs = path.join(specsAbs, APPLIST_FILE);
  const applistBefore = await readFile(applistAbs, "utf8").catch(() => undefined);
  if (applistIsOurs(applistBefore)) files.set(APPLIST_FILE, applistText(names, input.version));

  // Compare with what is on disk.
  const before = new Map(previous.filter((f) => f.imported).map((f) => [f.name, f]));
  const previousOps = new Map<string, string>();
  for (const f of before.values()) {
    const p = isObj(f.value) && isObj(f.value["paths"]) ? f.value["paths"] : {};
    for (const [k, item] of Object.entries(p)) {
      const op = isObj(item) ? (item["get"] ?? item["post"]) : undefined;
      previousOps.set(k.split("/").filter((s) => s !== "").pop() ?? "", JSON.stringify(op));
    }
  }
  const added = names.filter((n) => !previousOps.has(n));
  const removed = [...previousOps.keys()].filter((n) => !ops.has(n)).sort(compareNames);
  const changed = names.filter((n) => previousOps.has(n) && previousOps.get(n) !== ops.get(n));
  const stale = [...before.keys()].filter((n) => !files.has(n)).sort(compareNames);
  const onDisk = new Map(previous.map((f) => [f.name, f.text]));
  if (applistBefore !== undefined) onDisk.set(APPLIST_FILE, applistBefore);
  const drift = [
    ...[...files].flatMap(([name, text]) => (!onDisk.has(name) ? [`missing: ${specs}/${name}`] : onDisk.get(name) !== text ? [`changed: ${specs}/${name}`] : [])),
    ...stale.map((n) => `extra:   ${specs}/${n}`),
  ];

  if (!options.check && drift.length) {
    // Every file is written whole beside its place first, then all are renamed in one go.
    const temps: [string, string][] = [];
    try {
      for (const [name, text] of files) {
        if (onDisk.get(name) === text) continue;
        const abs = path.join(specsAbs, name);
        const temp = path.join(specsAbs, `.${name}.tmp-${process.pid}`);
        await writeFile(temp, text);
        temps.push([temp, abs]);
      }
    } catch (error) {
      await Promise.all(temps.map(([t]) => rm(t, { force: true })));
      throw error;
    }
    for (const [temp, abs] of temps) await rename(temp, abs);
    for (const name of stale) await rm(path.join(specsAbs, name), { force: true });
  }

  return {
    version: input.version,
    functions: names.length,
    files: files.size,
    added,
    removed,
    changed,
    fromOlder: input.fromOlder,
    corrections: outcomes.filter((o) => o.matched > 0).length,
    vanished: outcomes
      .filter((o) => o.matched === 0)
      .map((o) => ({ place: formatPlace({ file: o.action.file, pointer: o.action.pointer }), target: o.action.target, reason: o.action.description })),
    gaps,
    drift,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
    specs,
  };
}
