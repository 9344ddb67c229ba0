/**
 * One normalised, dereferenced OpenAPI document → IR functions.
 * The WHM function name is the last segment of the path (cPanel's operationIds carry an internal
 * module prefix such as `Accounts-` that is not part of the name).
 */
import { WhmgenError, pointerToken } from "../errors.js";
import { keepNestedEnvelopeResults } from "./envelope.js";
import { bodyParams, queryParam } from "./params.js";
import { NODE_BUDGET, toShape, type ShapeContext } from "./shape.js";
import type { IrBodyKind, IrFunction, IrParam, IrProperty, IrShape, IrSkipped } from "./types.js";
import { isObj, type Obj } from "../json.js";


const DOCS_BASE = "https://api.docs.cpanel.net/openapi/whm/operation/";
const WHM_METHODS = ["get", "post"] as const;
const OTHER_METHODS = ["put", "delete", "patch", "head", "options", "trace", "query"];
const STANDARD_METADATA = new Set(["command", "reason", "result", "version", "output", "chunk", "filter", "payload_is_literal"]);


export interface BuiltDocument {
  version: string;
  functions: IrFunction[];
  skipped: IrSkipped[];
}

export function buildDocument(doc: Obj, file: string): BuiltDocument {
  const ctx: ShapeContext = { file, budget: NODE_BUDGET, stack: new Set() };
  const info = isObj(doc["info"]) ? doc["info"] : {};
  const version = info["version"] === undefined ? "0.0.0.0" : String(info["version"]);
  const groups = tagGroups(doc);
  const functions: IrFunction[] = [];
  const skipped: IrSkipped[] = [];
  const byName = new Map<string, string>();
  const paths = doc["paths"] as Obj;
  for (const path of Object.keys(paths)) {
    const at = `/paths/${pointerToken(path)}`;
    const item = paths[path];
    const name = path.split("/").filter((s) => s !== "").pop() ?? "";
    if (!isObj(item)) throw new WhmgenError("path item must be a mapping", { file, pointer: at });
    const method = WHM_METHODS.find((m) => isObj(item[m]));
    if (name === "" || /[{}]/.test(name)) {
      skipped.push({ name: path, reason: "the path does not end in a WHM function name", source: { file, pointer: at } });
      continue;
    }
    if (!method) {
      const other = OTHER_METHODS.find((m) => isObj(item[m]));
      skipped.push({
        name,
        reason: other ? `only HTTP ${other.toUpperCase()} is described; WHM API 1 takes GET or POST` : "the path has no operation",
        source: { file, pointer: at },
      });
      continue;
    }
    const previous = byName.get(name);
    if (previous !== undefined) {
      throw new WhmgenError(`function ${JSON.stringify(name)} is described twice in this document (also at ${previous})`, { file, pointer: at });
    }
    byName.set(name, at);
    functions.push(buildFunction(name, method, item[method] as Obj, item, ctx, `${at}/${method}`, groups));
  }
  return { version, functions, skipped };
}

function tagGroups(doc: Obj): Map<string, string> {
  const groups = new Map<string, string>();
  const list = doc["x-tagGroups"];
  if (!Array.isArray(list)) return groups;
  for (const group of list) {
    if (!isObj(group) || typeof group["name"] !== "string" || !Array.isArray(group["tags"])) continue;
    for (const tag of group["tags"]) if (typeof tag === "string" && !groups.has(tag)) groups.set(tag, group["name"]);
  }
  return groups;
}

function buildFunction(name: string, method: "get" | "post", op: Obj, item: Obj, ctx: ShapeContext, at: string, groups: Map<string, string>): IrFunction {
  const tags = Array.isArray(op["tags"]) ? op["tags"].filter((t): t is string => typeof t === "string") : [];
  const category = tags[0] ?? "Uncategorized";
  const seeded = op["x-whmgen-seeded"] === true;
  const { params, body } = operationParams(op, item, method, ctx, at);
  const response = responseSchema(op);
  const fn: IrFunction = {
    name,
    category,
    docsUrl: isObj(op["externalDocs"]) && typeof op["externalDocs"]["url"] === "string" ? op["externalDocs"]["url"] : DOCS_BASE + encodeURIComponent(name),
    method: method === "get" ? "GET" : "POST",
    body,
    deprecated: op["deprecated"] === true,
    readOnly: op["x-readonly"] === true,
    seeded,
    payloadIsLiteral: op["x-whm-payload-is-literal"] === true,
    params,
    freeParams: seeded,
    partial: op["x-whmgen-partial"] === true,
    metadata: [],
    source: { file: ctx.file, pointer: at },
  };
  const group = groups.get(category);
  if (group !== undefined) fn.group = group;
  if (typeof op["summary"] === "string") fn.summary = op["summary"];
  if (typeof op["description"] === "string") fn.description = op["description"];
  const since = op["x-cpanel-available-version"];
  if (since !== undefined && since !== null) fn.since = String(since);
  applyResponse(fn, response, ctx);
  return fn;
}

function operationParams(op: Obj, item: Obj, method: string, ctx: ShapeContext, at: string): { params: IrParam[]; body: IrBodyKind } {
  const params: IrParam[] = [];
  const seen = new Map<string, string>();
  const add = (p: IrParam, pointer: string): void => {
    const before = seen.get(p.name);
    if (before !== undefined) throw new WhmgenError(`parameter ${JSON.stringify(p.name)} is described twice (also at ${before})`, { file: ctx.file, pointer });
    seen.set(p.name, pointer);
    params.push(p);
  };
  // Path-level parameters apply to every operation of the path; operation-level ones override.
  const opNames = new Set((Array.isArray(op["parameters"]) ? op["parameters"] : []).map((p) => (isObj(p) ? p["name"] : undefined)));
  const shared = Array.isArray(item["parameters"]) ? item["parameters"] : [];
  shared.forEach((p, i) => {
    if (isObj(p) && opNames.has(p["name"])) return;
    const ir = queryParam(p, ctx, `${at.slice(0, at.lastIndexOf("/"))}/parameters/${i}`);
    if (ir) add(ir, `${at}/parameters/${i}`);
  });
  const own = Array.isArray(op["parameters"]) ? op["parameters"] : [];
  own.forEach((p, i) => {
    const ir = queryParam(p, ctx, `${at}/parameters/${i}`);
    if (ir) add(ir, `${at}/parameters/${i}`);
  });
  let body: IrBodyKind = method === "get" ? "query" : "form";
  const requestBody = op["requestBody"];
  if (isObj(requestBody) && isObj(requestBody["content"])) {
    const content = requestBody["content"];
    const media = Object.keys(content);
    const pick = (want: (m: string) => boolean): string | undefined => media.find(want);
    const json = pick((m) => m === "application/json" || m.endsWith("+json"));
    const multipart = pick((m) => m === "multipart/form-data");
    const form = pick((m) => m === "application/x-www-form-urlencoded");
    const chosen = multipart ?? form ?? json;
    if (!chosen) {
      throw new WhmgenError(`request body media type ${media.join(", ")} is not supported (use form, JSON or multipart)`, { file: ctx.file, pointer: `${at}/requestBody/content` });
    }
    body = chosen === multipart ? "multipart" : chosen === form ? "form" : "json";
    const schemaAt = `${at}/requestBody/content/${pointerToken(chosen)}/schema`;
    bodyParams((content[chosen] as Obj | undefined)?.["schema"], ctx, schemaAt).forEach((p) => add(p, schemaAt));
  }
  if (body !== "query") for (const p of params) if (p.location === "query" && body !== "json") p.location = "body";
  return { params, body };
}

/**
 * The JSON schema of the success answer — 200, else 2XX, else default; a JSON media type, else the
 * first — with the pointer (below the operation) of the response and media type actually read.
 */
function responseSchema(op: Obj): { schema: Obj; at: string } | undefined {
  const responses = isObj(op["responses"]) ? op["responses"] : {};
  const code = ["200", "2XX", "default"].find((c) => responses[c] !== undefined);
  const response = code === undefined ? undefined : responses[code];
  if (!isObj(response) || !isObj(response["content"])) return undefined;
  const content = response["content"];
  const media = Object.keys(content).find((m) => m === "application/json" || m.endsWith("+json")) ?? Object.keys(content)[0];
  const schema = media ? (content[media] as Obj | undefined)?.["schema"] : undefined;
  return isObj(schema) ? { schema, at: `/responses/${pointerToken(code!)}/content/${pointerToken(media!)}/schema` } : undefined;
}

function applyResponse(fn: IrFunction, response: { schema: Obj; at: string } | undefined, ctx: ShapeContext): void {
  const at = `${fn.source.pointer}${response?.at ?? ""}`;
  const schema = response?.schema;
  const properties = schema && isObj(schema["properties"]) ? schema["properties"] : undefined;
  if (!properties) {
    fn.data = { kind: "unknown" };
    return;
  }
  if (properties["data"] !== undefined) fn.data = keepNestedEnvelopeResults(toShape(properties["data"], ctx, `${at}/properties/data`));
  const metadata = properties["metadata"];
  if (isObj(metadata) && isObj(metadata["properties"])) {
    const metaShape = toShape(metadata, ctx, `${at}/properties/metadata`);
    if (metaShape.kind === "object") fn.metadata = metaShape.properties.filter((p: IrProperty) => !STANDARD_METADATA.has(p.name));
  }
}

export type { IrShape };
