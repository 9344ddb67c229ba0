/**
 * cPanel's document → the facts whmgen keeps: names, types, required flags, enums, defaults,
 * formats, methods, bodies, deprecation, since-versions and answer shapes. cPanel's prose
 * (descriptions, titles, examples, code samples) is dropped here; the project's own words are
 * added later (words.ts). Local `$ref`s are inlined, so the specs need no reference resolution.
 */
import { WhmgenError, pointerToken } from "../errors.js";
import { resolvePointer } from "../load/refs.js";
import { isObj, type Obj } from "../json.js";



/** One function as imported: its operation in the project's form, and where it came from. */
export interface ImportedFunction {
  name: string;
  /** The path as cPanel writes it (`/createacct`, `/360Monitoring/set_360_agent_polling`). */
  path: string;
  method: "get" | "post";
  category: string;
  operation: Obj;
  version: string;
  file: string;
  pointer: string;
}

/** Schema keywords that state facts; everything else (prose, examples) is dropped. */
const SCHEMA_KEYS = [
  "type",
  "format",
  "nullable",
  "enum",
  "const",
  "default",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "minLength",
  "maxLength",
  "pattern",
  "minItems",
  "maxItems",
  "uniqueItems",
  "deprecated",
  "readOnly",
  "writeOnly",
  "required",
  "items",
  "properties",
  "additionalProperties",
  "oneOf",
  "anyOf",
  "allOf",
  "not",
];

/** whmgen's own markers (docs/specs-format.md) survive an import. */
const KEEP_EXTENSION = /^x-whm(gen)?-/;

interface Walk {
  root: Obj;
  file: string;
  /** `$ref`s being inlined, to catch a schema that contains itself. */
  inlining: string[];
}

/** A schema with facts only, `$ref`s inlined, `type: [x, 'null']` written as `nullable`. */
export function factsSchema(schema: unknown, walk: Walk, at: string): unknown {
  if (!isObj(schema)) return schema;
  const ref = schema["$ref"];
  if (typeof ref === "string") {
    if (!ref.startsWith("#")) throw new WhmgenError(`only references inside the document can be imported, not ${JSON.stringify(ref)}`, { file: walk.file, pointer: at });
    if (walk.inlining.includes(ref)) throw new WhmgenError(`the schema ${ref} contains itself; whmgen imports only schemas it can write out in full`, { file: walk.file, pointer: at });
    const target = resolvePointer(walk.root, ref);
    if (target === undefined) throw new WhmgenError(`$ref ${JSON.stringify(ref)} points to nothing in this document`, { file: walk.file, pointer: at });
    walk.inlining.push(ref);
    const inlined = factsSchema(target, walk, at);
    walk.inlining.pop();
    return inlined;
  }
  const out: Obj = {};
  for (const key of SCHEMA_KEYS) {
    if (!(key in schema)) continue;
    const value = schema[key];
    const here = `${at}/${key}`;
    if (key === "items" || key === "not" || (key === "additionalProperties" && isObj(value))) out[key] = factsSchema(value, walk, here);
    else if (key === "properties" && isObj(value)) {
      const props: Obj = {};
      for (const [name, prop] of Object.entries(value)) props[name] = factsSchema(prop, walk, `${here}/${pointerToken(name)}`);
      out[key] = props;
    } else if ((key === "oneOf" || key === "anyOf" || key === "allOf") && Array.isArray(value)) {
      out[key] = value.map((s, i) => factsSchema(s, walk, `${here}/${i}`));
    } else out[key] = structuredClone(value);
  }
  for (const key of Object.keys(schema)) if (KEEP_EXTENSION.test(key)) out[key] = structuredClone(schema[key]);
  // 3.1 writes "may be null" as a type list; the project's documents use the 3.0 spelling.
  const type = out["type"];
  if (Array.isArray(type) && type.includes("null")) {
    const rest = type.filter((t) => t !== "null");
    if (rest.length === 1) {
      out["type"] = rest[0];
      out["nullable"] = true;
    }
  }
  return reorder(out, SCHEMA_KEYS);
}

/** The keys of `obj` in the order of `order`, then the others in their own order. */
export function reorder(obj: Obj, order: readonly string[]): Obj {
  const out: Obj = {};
  for (const key of order) if (key in obj) out[key] = obj[key];
  for (const key of Object.keys(obj)) if (!(key in out)) out[key] = obj[key];
  return out;
}

const PARAM_ORDER = ["name", "in", "required", "deprecated", "description", "style", "explode", "schema", "content"];

function factsParameter(param: unknown, walk: Walk, at: string): Obj {
  let p = param;
  if (isObj(p) && typeof p["$ref"] === "string") {
    const target = resolvePointer(walk.root, p["$ref"]);
    if (!isObj(target)) throw new WhmgenError(`$ref ${JSON.stringify(p["$ref"])} points to nothing in this document`, { file: walk.file, pointer: at });
    p = target;
  }
  if (!isObj(p) || typeof p["name"] !== "string") throw new WhmgenError('a parameter must be a mapping with a "name"', { file: walk.file, pointer: at });
  const out: Obj = { name: p["name"], in: p["in"] ?? "query", required: p["required"] === true };
  if (p["deprecated"] === true) out["deprecated"] = true;
  if (p["style"] !== undefined) out["style"] = p["style"];
  if (p["explode"] !== undefined) out["explode"] = p["explode"];
  if (p["schema"] !== undefined) out["schema"] = factsSchema(p["schema"], walk, `${at}/schema`);
  if (isObj(p["content"])) out["content"] = factsContent(p["content"], walk, `${at}/content`);
  for (const key of Object.keys(p)) if (KEEP_EXTENSION.test(key)) out[key] = structuredClone(p[key]);
  return reorder(out, PARAM_ORDER);
}

function factsContent(content: Obj, walk: Walk, at: string): Obj {
  const out: Obj = {};
  for (const [media, value] of Object.entries(content)) {
    out[media] = isObj(value) && value["schema"] !== undefined ? { schema: factsSchema(value["schema"], walk, `${at}/${pointerToken(media)}/schema`) } : {};
  }
  return out;
}

/** The success answer only: 200 (else 2XX, else default), its JSON schema. */
function factsResponses(responses: unknown, walk: Walk, at: string): Obj {
  const all = isObj(responses) ? responses : {};
  const code = ["200", "2XX", "default"].find((c) => all[c] !== undefined);
  let response = code ? all[code] : undefined;
  if (isObj(response) && typeof response["$ref"] === "string") response = resolvePointer(walk.root, response["$ref"]);
  const answer: Obj = { description: "The WHM API 1 answer." };
  if (isObj(response) && isObj(response["content"])) {
    const media = Object.keys(response["content"]).find((m) => m === "application/json" || m.endsWith("+json"));
    const schema = media ? (response["content"][media] as Obj | undefined)?.["schema"] : undefined;
    if (schema !== undefined) answer["content"] = { "application/json": { schema: factsSchema(schema, walk, `${at}/${code}/content/${pointerToken(media!)}/schema`) } };
  }
  return { "200": answer };
}

const OPERATION_ORDER = [
  "operationId",
  "summary",
  "description",
  "tags",
  "externalDocs",
  "deprecated",
  "x-cpanel-available-version",
  "parameters",
  "requestBody",
  "responses",
];

/** Every function of one parsed document, facts only. */
export function importDocument(doc: Obj, file: string): { version: string; functions: ImportedFunction[]; groups: Map<string, string> } {
  const info = isObj(doc["info"]) ? doc["info"] : {};
  const version = info["version"] === undefined ? "0.0.0.0" : String(info["version"]);
  const walk: Walk = { root: doc, file, inlining: [] };
  const functions: ImportedFunction[] = [];
  const paths = isObj(doc["paths"]) ? doc["paths"] : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObj(item)) continue;
    const name = path.split("/").filter((s) => s !== "").pop();
    const method = (["get", "post"] as const).find((m) => isObj(item[m]));
    if (!name || !method || /[{}]/.test(name)) continue;
    const at = `/paths/${pointerToken(path)}/${method}`;
    const op = item[method] as Obj;
    const tags = Array.isArray(op["tags"]) ? op["tags"].filter((t): t is string => typeof t === "string") : [];
    const out: Obj = {};
    if (typeof op["operationId"] === "string") out["operationId"] = op["operationId"];
    const category = tags[0] ?? "Uncategorized";
    out["tags"] = tags.length ? tags : [category];
    if (isObj(op["externalDocs"]) && typeof op["externalDocs"]["url"] === "string") out["externalDocs"] = { url: op["externalDocs"]["url"] };
    if (op["deprecated"] === true) out["deprecated"] = true;
    const since = op["x-cpanel-available-version"];
    if (since !== undefined && since !== null) out["x-cpanel-available-version"] = String(since);
    for (const key of Object.keys(op)) if (KEEP_EXTENSION.test(key)) out[key] = structuredClone(op[key]);
    const shared = Array.isArray(item["parameters"]) ? item["parameters"] : [];
    const own = Array.isArray(op["parameters"]) ? op["parameters"] : [];
    const ownNames = new Set(own.map((p) => (isObj(p) ? p["name"] : undefined)));
    const parameters = [
      ...shared.map((p, i) => ({ p, at: `/paths/${pointerToken(path)}/parameters/${i}` })).filter(({ p }) => !(isObj(p) && ownNames.has(p["name"]))),
      ...own.map((p, i) => ({ p, at: `${at}/parameters/${i}` })),
    ].map(({ p, at: pAt }) => factsParameter(p, walk, pAt));
    if (parameters.length) out["parameters"] = parameters;
    let body = op["requestBody"];
    if (isObj(body) && typeof body["$ref"] === "string") body = resolvePointer(walk.root, body["$ref"]);
    if (isObj(body) && isObj(body["content"])) {
      out["requestBody"] = { ...(body["required"] === true ? { required: true } : {}), content: factsContent(body["content"], walk, `${at}/requestBody/content`) };
    }
    out["responses"] = factsResponses(op["responses"], walk, `${at}/responses`);
    functions.push({ name, path, method, category, operation: reorder(out, OPERATION_ORDER), version, file, pointer: at });
  }
  const groups = new Map<string, string>();
  if (Array.isArray(doc["x-tagGroups"])) {
    for (const g of doc["x-tagGroups"]) {
      if (!isObj(g) || typeof g["name"] !== "string" || !Array.isArray(g["tags"])) continue;
      for (const t of g["tags"]) if (typeof t === "string" && !groups.has(t)) groups.set(t, g["name"]);
    }
  }
  return { version, functions, groups };
}

export { OPERATION_ORDER, PARAM_ORDER };
