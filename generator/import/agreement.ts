/**
 * How far the specs stand from cPanel's document: every parameter of the document, compared with
 * the same function's parameter after the project's corrections — present under the same name,
 * with the same required flag, of the same kind. Every difference must come from an overlay
 * action (a correction with a reason), never from a silent edit.
 *
 * Kinds are the documented value types: flag (1/0, y/n, JSON Boolean), integer (and number),
 * string (with or without enum or format), union, array, JSON (object, or JSON-encoded content).
 * The multi-value markers (`x-whm-multivalue`) say how several values are sent, not what a value
 * is, so a parameter that gains one keeps its kind; they are counted apart (`multiValue`).
 */
import { isObj } from "../json.js";
import type { ActionOutcome } from "./overlay.js";

type Obj = Record<string, unknown>;

export type ParamKind = "flag" | "integer" | "string" | "union" | "array" | "json" | "unknown";

function flagEnum(values: unknown[]): boolean {
  const set = new Set(values.map(String));
  return set.size === 2 && ((set.has("0") && set.has("1")) || (set.has("y") && set.has("n")));
}

export function schemaKind(schema: unknown): ParamKind {
  if (!isObj(schema)) return "unknown";
  if (Array.isArray(schema["oneOf"]) || Array.isArray(schema["anyOf"])) return "union";
  const raw = schema["type"];
  const type = Array.isArray(raw) ? raw.find((t) => t !== "null") : raw;
  if (type === "boolean" || (Array.isArray(schema["enum"]) && flagEnum(schema["enum"]))) return "flag";
  if (type === "integer" || type === "number") return "integer";
  if (type === "array") return "array";
  if (type === "object") return "json";
  if (type === "string" || Array.isArray(schema["enum"])) return "string";
  return "unknown";
}

/** A parameter's kind: JSON-encoded `content` is JSON whatever its schema. */
export function paramKind(param: Obj): ParamKind {
  return isObj(param["content"]) ? "json" : schemaKind(param["schema"]);
}

interface Param {
  name: string;
  required: boolean;
  kind: ParamKind;
  multi: boolean;
}

/** Every function's parameters: query parameters and the top-level fields of a request body. */
export function paramsOf(merged: Obj): Map<string, Map<string, Param>> {
  const out = new Map<string, Map<string, Param>>();
  const paths = isObj(merged["paths"]) ? merged["paths"] : {};
  for (const [p, item] of Object.entries(paths)) {
    if (!isObj(item)) continue;
    const op = isObj(item["get"]) ? item["get"] : isObj(item["post"]) ? item["post"] : undefined;
    if (!op) continue;
    const params = new Map<string, Param>();
    for (const q of Array.isArray(op["parameters"]) ? op["parameters"] : []) {
      if (!isObj(q) || typeof q["name"] !== "string") continue;
      params.set(q["name"], { name: q["name"], required: q["required"] === true, kind: paramKind(q), multi: q["x-whm-multivalue"] !== undefined || (isObj(q["schema"]) && q["schema"]["x-whm-multivalue"] !== undefined) });
    }
    const body = isObj(op["requestBody"]) && isObj(op["requestBody"]["content"]) ? Object.values(op["requestBody"]["content"]).find((m) => isObj(m) && isObj(m["schema"])) : undefined;
    const schema = isObj(body) && isObj(body["schema"]) ? body["schema"] : undefined;
    if (schema && isObj(schema["properties"])) {
      const required = new Set(Array.isArray(schema["required"]) ? schema["required"].map(String) : []);
      for (const [k, v] of Object.entries(schema["properties"])) params.set(k, { name: k, required: required.has(k), kind: schemaKind(v), multi: false });
    }
    out.set(p.split("/").filter((s) => s !== "").pop() ?? p, params);
  }
  return out;
}

export interface Disagreement {
  function: string;
  param: string;
  what: "missing" | "required" | "kind";
  document: string;
  specs: string;
  /** Covered by an overlay action (the action's file and pointer), or `undefined`. */
  correction?: string;
}

export interface Agreement {
  params: number;
  sameName: number;
  sameRequired: number;
  sameKind: number;
  /** Parameters the specs mark as taking several values (the kind unchanged). */
  multiValue: number;
  /** Functions and parameters the specs add (request bodies the document lacks, …). */
  added: number;
  disagreements: Disagreement[];
}

/** Which function and parameter names each overlay action touched (`*` for all of a function's). */
function touched(reference: Obj, outcomes: readonly ActionOutcome[]): Map<string, string> {
  const out = new Map<string, string>();
  const paths = isObj(reference["paths"]) ? reference["paths"] : {};
  for (const o of outcomes) {
    const place = `${o.action.file} at ${o.action.pointer}`;
    for (const loc of o.locations) {
      if (loc[0] !== "paths" || typeof loc[1] !== "string") continue;
      const fn = loc[1].split("/").filter((s) => s !== "").pop() ?? loc[1];
      if (loc.length <= 4) {
        out.set(`${fn}.*`, place);
        continue;
      }
      if (loc[3] === "parameters" && typeof loc[4] === "number") {
        const item = paths[loc[1]];
        const op = isObj(item) ? item[loc[2] as string] : undefined;
        const param = isObj(op) && Array.isArray(op["parameters"]) ? op["parameters"][loc[4]] : undefined;
        if (isObj(param) && typeof param["name"] === "string") out.set(`${fn}.${param["name"]}`, place);
      } else if (loc[3] === "requestBody") out.set(`${fn}.*`, place);
    }
  }
  return out;
}

/**
 * Compares the document's facts (`reference`, no overlays) with the specs' (`corrected`, the
 * same inputs with the overlays applied, whose `outcomes` say what each action touched).
 */
export function compareFacts(reference: Obj, corrected: Obj, outcomes: readonly ActionOutcome[]): Agreement {
  const ref = paramsOf(reference);
  const now = paramsOf(corrected);
  const by = touched(reference, outcomes);
  const result: Agreement = { params: 0, sameName: 0, sameRequired: 0, sameKind: 0, multiValue: 0, added: 0, disagreements: [] };
  const disagree = (fn: string, param: string, what: Disagreement["what"], document: string, specs: string): void => {
    const correction = by.get(`${fn}.${param}`) ?? by.get(`${fn}.*`);
    result.disagreements.push({ function: fn, param, what, document, specs, ...(correction ? { correction } : {}) });
  };
  for (const [fn, params] of ref) {
    const mine = now.get(fn) ?? new Map<string, Param>();
    for (const p of params.values()) {
      result.params++;
      const q = mine.get(p.name);
      if (!q) {
        disagree(fn, p.name, "missing", `${p.kind}${p.required ? ", required" : ""}`, "absent");
        continue;
      }
      result.sameName++;
      if (q.multi) result.multiValue++;
      if (q.required === p.required) result.sameRequired++;
      else disagree(fn, p.name, "required", String(p.required), String(q.required));
      if (q.kind === p.kind) result.sameKind++;
      else disagree(fn, p.name, "kind", p.kind, q.kind);
    }
    for (const name of mine.keys()) if (!params.has(name)) result.added++;
  }
  for (const [fn, params] of now) if (!ref.has(fn)) result.added += params.size;
  return result;
}
