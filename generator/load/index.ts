/**
 * Load phase: files → parsed → normalised → dereferenced → IR, merged across a folder.
 */
import { WhmgenError, formatPlace } from "../errors.js";
import { buildDocument } from "../ir/build.js";
import type { IrApi, IrFunction, IrSkipped } from "../ir/types.js";
import { compareNames } from "../naming.js";
import { normalizeDocument } from "./normalize.js";
import { displayPath, listSpecFiles, readDocument } from "./read.js";
import { parseApplist } from "../seed/applist.js";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { dereference } from "./refs.js";

/** Compares four-part versions numerically (`11.137.9999.106` > `11.132.0.5`). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map((p) => Number.parseInt(p, 10) || 0);
  const pb = b.split(".").map((p) => Number.parseInt(p, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return compareNames(a, b);
}

export interface LoadOptions {
  cwd?: string;
  /**
   * Filled with every file the load reads (absolute path → the bytes it read): the documents and
   * the applist.json used. A file read by the `$ref` resolver, whose bytes whmgen does not see,
   * is entered as `null`. generate records their hashes with its output (write/digest.ts).
   */
  inputs?: Map<string, Uint8Array | null>;
}

/** Loads every document named by `inputs` (files or folders) into one IR. */
export async function loadSpecs(inputs: readonly string[], options: LoadOptions = {}): Promise<IrApi> {
  const cwd = options.cwd ?? process.cwd();
  const files = await listSpecFiles(inputs, cwd);
  const docs = await Promise.all(files.map((f) => readDocument(f, cwd)));
  const read = options.inputs;
  if (read) for (const raw of docs) read.set(raw.absPath, raw.bytes);
  const external = read && ((target: string): void => void read.set(target, null));
  const functions: IrFunction[] = [];
  const skipped: IrSkipped[] = [];
  const openapi = new Set<string>();
  let version: string | undefined;
  const seen = new Map<string, IrFunction>();
  for (const raw of docs) {
    const normalized = normalizeDocument(raw.value, raw.file);
    openapi.add(normalized.openapi);
    const doc = raw.mayHaveRefs ? await dereference(normalized.doc, raw.absPath, raw.file, external) : normalized.doc;
    const built = buildDocument(doc, raw.file);
    if (version === undefined || compareVersions(built.version, version) > 0) version = built.version;
    for (const fn of built.functions) {
      const before = seen.get(fn.name);
      // A described function replaces its seeded stub.
      if (before && before.seeded !== fn.seeded) {
        if (fn.seeded) continue;
        functions.splice(functions.indexOf(before), 1);
      } else if (before) {
        throw new WhmgenError(`function ${JSON.stringify(fn.name)} is described twice: here and in ${formatPlace(before.source)}`, fn.source);
      }
      seen.set(fn.name, fn);
      functions.push(fn);
    }
    skipped.push(...built.skipped);
  }
  functions.sort((a, b) => compareNames(a.name, b.name));
  skipped.sort((a, b) => compareNames(a.name, b.name) || compareNames(a.source.file, b.source.file));
  const api: IrApi = { version: version ?? "0.0.0.0", openapi: [...openapi].sort(compareNames), functions, skipped };
  const applist = await findApplist(inputs, cwd, read);
  if (applist) api.applist = applist;
  return api;
}

/** The `applist.json` of the first spec folder that has one. */
async function findApplist(inputs: readonly string[], cwd: string, read?: Map<string, Uint8Array | null>): Promise<string[] | undefined> {
  for (const input of inputs) {
    const dir = path.resolve(cwd, input);
    const file = path.join(dir, "applist.json");
    try {
      if (!(await stat(dir)).isDirectory()) continue;
      const bytes = await readFile(file);
      read?.set(file, bytes);
      return parseApplist(bytes.toString("utf8"), displayPath(file, cwd));
    } catch (error) {
      if (error instanceof WhmgenError) throw error;
    }
  }
  return undefined;
}
