/**
 * Turning typed parameters into WHM API 1 wire pairs, URLs and `whmapi1` arguments.
 *
 * Rules (from cPanel's "WHM API 1 — how to call" documentation):
 * - every call carries `api.version=1`; without it the server answers as WHM API 0;
 * - every value is URI-encoded;
 * - Booleans are `1`/`0` (some flags `y`/`n`);
 * - multi-value parameters are either repeated (`name=a&name=b`) or indexed
 *   (`name-1=a&name-2=b`), depending on the function.
 */
import { toWhmYesNo } from "./boolean.js";
import type { WhmFreeParams } from "./types.js";

/**
 * How one parameter is put on the wire.
 * - `s`: scalar (strings and numbers as text, booleans as 1/0, null as an empty value)
 * - `yn`: a y/n flag (booleans as y/n)
 * - `json`: JSON-encoded value
 * - `rep`: array sent as the same name repeated
 * - `idx`: array sent as `name-1`, `name-2`, … (a single value as plain `name`); a table entry
 *   may give another first index and separator (`acl-0`, `acl-1`; `setting_id1`, `setting_id2`)
 * - `file`: a file part of a multipart upload
 */
export type ParamEncoding = "s" | "yn" | "json" | "rep" | "idx" | "file";

/** How one parameter is sent: wire name, encoding, and for `idx` the first index and the separator (default 1 and "-"). */
export type ParamEntry = readonly [wire: string, encoding: ParamEncoding, indexBase?: number, indexSeparator?: string];

/** Parameter table of a described function: property name → its entry. */
export type ParamTable = Readonly<Record<string, ParamEntry>>;

export type WirePair = readonly [name: string, value: string];

/** A scalar as WHM expects it. */
export function encodeScalar(value: unknown): string {
  if (value === true) return "1";
  if (value === false) return "0";
  if (value === null || value === undefined) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function pushValue(out: WirePair[], wire: string, encoding: ParamEncoding, value: unknown, base = 1, separator = "-"): void {
  switch (encoding) {
    case "yn":
      out.push([wire, typeof value === "boolean" || value === "y" || value === "n" ? toWhmYesNo(value) : encodeScalar(value)]);
      return;
    case "json":
      out.push([wire, typeof value === "string" ? value : JSON.stringify(value)]);
      return;
    case "rep":
      for (const item of Array.isArray(value) ? value : [value]) out.push([wire, encodeScalar(item)]);
      return;
    case "idx": {
      // cPanel's examples send one value under the plain name and several as name-1, name-2, …
      const items: unknown[] = Array.isArray(value) ? value : [value];
      if (items.length === 1) out.push([wire, encodeScalar(items[0])]);
      else for (let i = 0; i < items.length; i++) out.push([`${wire}${separator}${i + base}`, encodeScalar(items[i])]);
      return;
    }
    case "file":
      return; // carried as a multipart part, never as a text pair
    default:
      out.push([wire, encodeScalar(value)]);
  }
}

/**
 * Encodes parameters to wire pairs, in the order the caller gave them.
 * Names missing from `table` (free-form parameters) are encoded by the shape of their value:
 * arrays repeated, objects as JSON, Booleans as 1/0.
 */
export function encodeParams(params: object | undefined, table: ParamTable): WirePair[] {
  const out: WirePair[] = [];
  if (!params) return out;
  for (const key of Object.keys(params)) {
    const value = (params as Record<string, unknown>)[key];
    if (value === undefined) continue;
    const entry = Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
    if (entry) pushValue(out, entry[0], entry[1], value, entry[2], entry[3]);
    else pushValue(out, key, Array.isArray(value) ? "rep" : value !== null && typeof value === "object" ? "json" : "s", value);
  }
  return out;
}

/** Free-form parameters (untyped calls) to wire pairs. */
export function encodeFreeParams(params: WhmFreeParams | undefined): WirePair[] {
  return encodeParams(params, {});
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * `encodeURIComponent`, except that a lone UTF-16 surrogate (half of an emoji cut by `slice`)
 * becomes U+FFFD instead of throwing `URIError`: what URLSearchParams, fetch and Buffer send too.
 */
export function encodeComponent(text: string): string {
  return encodeURIComponent(text.replace(LONE_SURROGATE, "\uFFFD"));
}

/** `a=1&b=2`, every name and value URI-encoded. */
export function toQueryString(pairs: readonly WirePair[]): string {
  let s = "";
  for (const [k, v] of pairs) s += (s ? "&" : "") + encodeComponent(k) + "=" + encodeComponent(v);
  return s;
}

/** Joins a base (`https://host:2087` or `https://host:2087/cpsess0123456789`) and a function path. */
export function functionUrl(base: string, fn: string, query: string): string {
  const trimmed = base.endsWith("/") ? base.slice(0, -1) : base;
  const root = trimmed.endsWith("/json-api") ? trimmed : `${trimmed}/json-api`;
  return `${root}/${encodeComponent(fn)}?${query}`;
}

/**
 * Arguments for `whmapi1 --output=json FUNCTION k=v …`, to pass to `execFile` (never a shell).
 * whmapi1 URI-decodes its `k=v` arguments, so names and values are URI-encoded exactly as in a
 * URL, and a leading `-` of a name is encoded too (`%2D`): no argument after the function name
 * can start with `-` and be taken for an option. A function name cannot be encoded, so one
 * that starts with `-` is refused.
 */
export function toArgv(fn: string, pairs: readonly WirePair[]): string[] {
  if (fn.startsWith("-")) throw new TypeError(`whmapi1: a function name cannot start with "-" (it would be read as an option)`);
  const argv = ["--output=json", fn];
  for (const pair of pairs) argv.push(toArg(pair));
  return argv;
}

/** One `k=v` argument of `whmapi1`, encoded as {@link toArgv} does. */
export function toArg([k, v]: WirePair): string {
  const name = encodeComponent(k);
  return (name.startsWith("-") ? "%2D" + name.slice(1) : name) + "=" + encodeComponent(v);
}
