/**
 * Either side of a diff: a catalog.json written by whmgen, or spec documents turned into the
 * same catalog in memory (load → plan → catalogJson), so both are compared in one form.
 */
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { catalogJson, CATALOG_FORMAT_VERSION } from "../emit/catalog.js";
import { planApi } from "../emit/plan.js";
import { WhmgenError } from "../errors.js";
import { loadSpecs } from "../load/index.js";
import { displayPath, parseText } from "../load/read.js";
import type { CatalogLike } from "./types.js";
import { isObj, type Obj } from "../json.js";

/**
 * Loads `input` (relative to `cwd`): a file named `catalog.json`, or any JSON file whose
 * `generator` is `"whmgen"`, is read as a catalog, and so is a folder holding such a
 * `catalog.json` (a generated SDK); anything else (a document or a folder of them) is loaded
 * as specs.
 */
export async function loadCatalog(input: string, cwd: string = process.cwd()): Promise<CatalogLike> {
  const abs = path.resolve(cwd, input);
  const file = displayPath(abs, cwd);
  let isFile: boolean;
  try {
    isFile = (await stat(abs)).isFile();
  } catch {
    throw new WhmgenError("path does not exist", { file });
  }
  if (isFile && path.extname(abs).toLowerCase() === ".json") {
    const value = parseText(await readFile(abs, "utf8"), file);
    if (path.basename(abs) === "catalog.json" || isWhmgenCatalog(value)) return checkCatalog(value, file);
  }
  if (!isFile) {
    // A generated SDK folder: its catalog.json, rather than its files read as specs.
    const inside = path.join(abs, "catalog.json");
    const value = await readFile(inside, "utf8").then((text) => parseText(text, displayPath(inside, cwd)), () => undefined);
    if (isWhmgenCatalog(value)) return checkCatalog(value, displayPath(inside, cwd));
  }
  return JSON.parse(catalogJson(planApi(await loadSpecs([input], { cwd })))) as CatalogLike;
}

function isWhmgenCatalog(value: unknown): boolean {
  return isObj(value) && value["generator"] === "whmgen";
}


/** The checks that tell a catalog this version can read from anything else. */
function checkCatalog(value: unknown, file: string): CatalogLike {
  if (!isObj(value)) throw new WhmgenError("a catalog must be a JSON object", { file, pointer: "" });
  if (value["formatVersion"] !== CATALOG_FORMAT_VERSION) {
    throw new WhmgenError(`catalog formatVersion ${JSON.stringify(value["formatVersion"])} is not supported (this whmgen reads ${CATALOG_FORMAT_VERSION})`, {
      file,
      pointer: "/formatVersion",
    });
  }
  if (typeof value["specVersion"] !== "string") throw new WhmgenError('the catalog has no "specVersion" string', { file, pointer: "/specVersion" });
  const functions = value["functions"];
  if (!Array.isArray(functions)) throw new WhmgenError('the catalog has no "functions" list', { file, pointer: "/functions" });
  functions.forEach((fn, i) => {
    if (!isObj(fn) || typeof fn["name"] !== "string" || !Array.isArray(fn["params"]) || !Array.isArray(fn["metadata"])) {
      throw new WhmgenError("a catalog function needs a name, params and metadata", { file, pointer: `/functions/${i}` });
    }
  });
  return value as unknown as CatalogLike;
}
