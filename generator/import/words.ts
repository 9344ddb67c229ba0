/**
 * The project's own words: a summary and description per function, a description per parameter
 * (query parameters and the top-level properties of a request body). They live in the specs
 * themselves, so an import reads them from the specs it is about to replace and carries them to
 * the new facts; `--words FILE` adds or replaces words in bulk:
 *
 * ```yaml
 * createacct:
 *   summary: Create a cPanel account
 *   description: Creates the account, its home directory, main domain and DNS zone.
 *   params:
 *     username: Login name of the new account.
 * ```
 */
import { WhmgenError, pointerToken } from "../errors.js";
import { isObj } from "../json.js";

type Obj = Record<string, unknown>;

export interface FunctionWords {
  summary?: string;
  description?: string;
  params: Map<string, string>;
}

export type Words = Map<string, FunctionWords>;

function entry(words: Words, name: string): FunctionWords {
  let w = words.get(name);
  if (!w) words.set(name, (w = { params: new Map() }));
  return w;
}

/** The body schema of an operation (the first media type that has one). */
function bodySchema(op: Obj): Obj | undefined {
  const body = op["requestBody"];
  if (!isObj(body) || !isObj(body["content"])) return undefined;
  for (const media of Object.values(body["content"])) if (isObj(media) && isObj(media["schema"])) return media["schema"];
  return undefined;
}

/** The words already written in a spec document (every function of its `paths`). */
export function wordsOfDocument(doc: unknown, words: Words = new Map()): Words {
  if (!isObj(doc) || !isObj(doc["paths"])) return words;
  for (const [path, item] of Object.entries(doc["paths"])) {
    if (!isObj(item)) continue;
    const name = path.split("/").filter((s) => s !== "").pop();
    for (const method of ["get", "post"]) {
      const op = item[method];
      if (!name || !isObj(op) || op["x-whmgen-seeded"] === true) continue;
      const w = entry(words, name);
      if (typeof op["summary"] === "string") w.summary = op["summary"];
      if (typeof op["description"] === "string") w.description = op["description"];
      for (const p of Array.isArray(op["parameters"]) ? op["parameters"] : []) {
        if (isObj(p) && typeof p["name"] === "string" && typeof p["description"] === "string") w.params.set(p["name"], p["description"]);
      }
      const props = bodySchema(op)?.["properties"];
      if (isObj(props)) for (const [k, v] of Object.entries(props)) if (isObj(v) && typeof v["description"] === "string") w.params.set(k, v["description"]);
    }
  }
  return words;
}

/** Reads a words file (the map shown above) into `words`, replacing what it names. */
export function wordsOfFile(value: unknown, file: string, words: Words = new Map()): Words {
  if (!isObj(value)) throw new WhmgenError("a words file must be a mapping of function names", { file, pointer: "" });
  for (const [name, raw] of Object.entries(value)) {
    const at = `/${pointerToken(name)}`;
    if (!isObj(raw)) throw new WhmgenError("must be a mapping with summary, description and params", { file, pointer: at });
    const w = entry(words, name);
    for (const key of Object.keys(raw)) {
      if (key !== "summary" && key !== "description" && key !== "params") throw new WhmgenError(`unknown key ${JSON.stringify(key)} (known: summary, description, params)`, { file, pointer: `${at}/${pointerToken(key)}` });
    }
    for (const key of ["summary", "description"] as const) {
      const text = raw[key];
      if (text === undefined) continue;
      if (typeof text !== "string") throw new WhmgenError("must be text", { file, pointer: `${at}/${key}` });
      w[key] = text.trim();
    }
    const params = raw["params"];
    if (params === undefined) continue;
    if (!isObj(params)) throw new WhmgenError("must map parameter names to their descriptions", { file, pointer: `${at}/params` });
    for (const [p, text] of Object.entries(params)) {
      if (typeof text !== "string") throw new WhmgenError("must be text", { file, pointer: `${at}/params/${pointerToken(p)}` });
      w.params.set(p, text.trim());
    }
  }
  return words;
}

export interface WordsGaps {
  /** Functions without a summary. */
  functions: string[];
  /** `function.parameter` without a description. */
  params: string[];
}

/** Writes the words into one operation (in place); records what has none. */
export function applyWords(name: string, op: Obj, words: Words, gaps: WordsGaps): void {
  const w = words.get(name);
  if (w?.summary) op["summary"] = w.summary;
  else gaps.functions.push(name);
  if (w?.description) op["description"] = w.description;
  for (const p of Array.isArray(op["parameters"]) ? op["parameters"] : []) {
    if (!isObj(p) || typeof p["name"] !== "string") continue;
    const text = w?.params.get(p["name"]);
    if (text) p["description"] = text;
    else gaps.params.push(`${name}.${p["name"]}`);
  }
  const props = bodySchema(op)?.["properties"];
  if (isObj(props)) {
    for (const [k, v] of Object.entries(props)) {
      if (!isObj(v)) continue;
      const text = w?.params.get(k);
      // Written first, so a description sits above the facts it describes.
      if (text) props[k] = { description: text, ...Object.fromEntries(Object.entries(v).filter(([key]) => key !== "description")) };
      else gaps.params.push(`${name}.${k}`);
    }
  }
}
