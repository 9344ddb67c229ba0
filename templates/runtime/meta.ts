/**
 * WHM API 1 meta-parameters for list functions: filter, sort, paginate (`api.chunk`) and columns.
 *
 * Wire forms, from cPanel's "WHM API 1 Filter Output", "Sort Output", "Paginate Output" and
 * "Output Columns" pages (https://api.docs.cpanel.net/whm/filter-output/ and siblings):
 *   api.filter.enable=1&api.filter.a.field=F&api.filter.a.type=T&api.filter.a.arg0=V   (b, c, … for more)
 *   api.sort.enable=1&api.sort.a.field=F&api.sort.a.method=numeric&api.sort.a.reverse=1
 *   api.chunk.enable=1&api.chunk.start=1&api.chunk.size=N      (start is a record number, 1-indexed)
 *   api.columns.enable=1&api.columns.a=F&api.columns.b=G
 */
import type { WhmRequest, WhmRequestBody } from "./define.js";
import { encodeScalar, toArg, toQueryString, type WirePair } from "./encode.js";
import { checkArgvPairs, checkQueryPairs, isSecretName, isTagged, redactBody, sealRequest, secretInfo, secretPair, shownQuery } from "./secrets.js";

/** Match types of `api.filter.*.type` (WHM defaults to `contains`). */
export type WhmFilterType =
  | "contains" | "begins" | "ends" | "matches"
  | "eq" | "ne" | "==" | "!="
  | "lt" | "lt_equal" | "gt" | "gt_equal" | "lt_handle_unlimited" | "gt_handle_unlimited"
  | "defined" | "undefined"
  | (string & {});

/** Methods of `api.sort.*.method` (WHM defaults to `lexicographic`; numeric fields need `numeric`). */
export type WhmSortMethod = "lexicographic" | "numeric" | "numeric_zero_as_max" | "ipv4" | (string & {});

/** One filter: rows whose `field` matches `arg0`. `field: "*"` matches across all fields. */
export interface WhmFilter<Field extends string = string> {
  field: Field | "*";
  arg0: string | number | boolean;
  type?: WhmFilterType | undefined;
}

/** One sort key. */
export interface WhmSort<Field extends string = string> {
  field: Field;
  method?: WhmSortMethod | undefined;
  reverse?: boolean | undefined;
}

/** One page: `size` records from record number `start` (1-indexed, default 1). */
export interface WhmChunk {
  size: number;
  start?: number | undefined;
}

/**
 * Meta-parameters, accepted by every call. Field names are typed from the function's row type
 * when the spec describes it (see {@link WhmFieldOf}).
 *
 * @example
 * await whm.listaccts({}, {
 *   filter: { field: "domain", type: "ends", arg0: ".example" },
 *   sort: { field: "disklimit", method: "numeric", reverse: true },
 *   chunk: { start: 1, size: 100 },
 *   columns: ["user", "domain"],
 * });
 */
export interface WhmMetaOptions<Field extends string = string> {
  filter?: WhmFilter<Field> | readonly WhmFilter<Field>[] | undefined;
  sort?: Field | WhmSort<Field> | readonly (Field | WhmSort<Field>)[] | undefined;
  chunk?: WhmChunk | undefined;
  columns?: readonly Field[] | undefined;
}

/** `0 → a`, `25 → z`, `26 → aa`: the letters WHM numbers repeated meta-parameters with. */
export function metaLetter(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const rest = (n - 1) % 26;
    s = String.fromCharCode(97 + rest) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function asList<T>(value: T | readonly T[] | undefined): readonly T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}

function filterPairs(filters: readonly WhmFilter[]): WirePair[] {
  if (!filters.length) return [];
  const out: WirePair[] = [["api.filter.enable", "1"]];
  filters.forEach((filter, i) => {
    const p = `api.filter.${metaLetter(i)}`;
    out.push([`${p}.field`, filter.field]);
    if (filter.type !== undefined) out.push([`${p}.type`, filter.type]);
    out.push([`${p}.arg0`, encodeScalar(filter.arg0)]);
  });
  return out;
}

function sortPairs(sorts: readonly (string | WhmSort)[]): WirePair[] {
  if (!sorts.length) return [];
  const out: WirePair[] = [["api.sort.enable", "1"]];
  sorts.forEach((entry, i) => {
    const sort = typeof entry === "string" ? { field: entry } : entry;
    const p = `api.sort.${metaLetter(i)}`;
    out.push([`${p}.field`, sort.field]);
    if (sort.method !== undefined) out.push([`${p}.method`, sort.method]);
    if (sort.reverse !== undefined) out.push([`${p}.reverse`, sort.reverse ? "1" : "0"]);
  });
  return out;
}

function chunkPairs(chunk: WhmChunk | undefined): WirePair[] {
  if (!chunk) return [];
  const start = chunk.start ?? 1;
  if (!Number.isInteger(chunk.size) || chunk.size < 1) throw new RangeError("chunk.size must be a positive integer");
  // The classic mistake is a 0-indexed start; WHM counts records from 1.
  if (!Number.isInteger(start) || start < 1) throw new RangeError("chunk.start is a 1-indexed record number: use 1 for the first record");
  return [["api.chunk.enable", "1"], ["api.chunk.start", String(start)], ["api.chunk.size", String(chunk.size)]];
}

function columnPairs(columns: readonly string[]): WirePair[] {
  if (!columns.length) return [];
  return [["api.columns.enable", "1"], ...columns.map((field, i): WirePair => [`api.columns.${metaLetter(i)}`, field])];
}

/**
 * Meta-parameters to wire pairs, in the documented order (filter, sort, chunk, columns).
 *
 * @example
 * encodeMetaParams({ chunk: { size: 100 } });
 * // [["api.chunk.enable","1"], ["api.chunk.start","1"], ["api.chunk.size","100"]]
 */
export function encodeMetaParams(meta: WhmMetaOptions): WirePair[] {
  return [
    ...filterPairs(asList(meta.filter)),
    ...sortPairs(asList(meta.sort)),
    ...chunkPairs(meta.chunk),
    ...columnPairs(meta.columns ?? []),
  ];
}

function withFormPairs(body: WhmRequestBody | undefined, pairs: readonly WirePair[], extra: readonly WirePair[]): WhmRequestBody | undefined {
  if (body?.kind !== "form") return body;
  const more = toQueryString(extra);
  const join = (text: string, tail: string): string => (text ? `${text}&${tail}` : tail);
  const shown = join(secretInfo(body)?.shown ?? body.text, shownQuery(extra));
  return redactBody({ ...body, text: join(body.text, more) }, pairs, shown);
}

const EXTRA_ADVICE = "Pass it as a parameter of the call, not as a meta-parameter or extra pair: a call with a secret parameter is sent as a POST form body.";

/**
 * A copy of `request` with more wire pairs: in the form body for form POSTs, in the query string
 * otherwise (JSON and multipart bodies have no room for them), and in `argv()` and `command()`.
 * An extra pair named like a secret (`password`, `…_token`) is one: `url()` and `argv()` refuse it.
 */
export function withExtraPairs<Data>(request: WhmRequest<Data>, extra: readonly WirePair[]): WhmRequest<Data> {
  if (!extra.length) return request;
  const tagged = extra.map((pair) => (secretInfo(pair) === undefined && isSecretName(pair[0]) ? secretPair(pair[0], pair[1]) : pair));
  const fn = request.functionName;
  const inBody = request.body()?.kind === "form";
  const query = toQueryString(tagged);
  const pairs = [...request.pairs, ...tagged];
  const copy: WhmRequest<Data> = {
    functionName: fn,
    method: request.method,
    readOnly: request.readOnly,
    pairs,
    url: (base) => {
      if (inBody) return request.url(base);
      checkQueryPairs(fn, tagged, EXTRA_ADVICE);
      const url = request.url(base);
      return `${url}${url.includes("?") ? "&" : "?"}${query}`;
    },
    argv: () => {
      checkArgvPairs(fn, tagged);
      return [...request.argv(), ...tagged.map(toArg)];
    },
    body: () => withFormPairs(request.body(), pairs, tagged),
    command: () => {
      const command = request.command();
      return `${command}${command.includes("?") ? "&" : "?"}${query}`;
    },
    decode: (raw) => request.decode(raw),
  };
  return sealRequest(copy, isTagged(request));
}

/** A copy of `request` carrying the meta-parameters. */
export function withMetaParams<Data>(request: WhmRequest<Data>, meta: WhmMetaOptions): WhmRequest<Data> {
  return withExtraPairs(request, encodeMetaParams(meta));
}

type IsAny<T> = 0 extends 1 & T ? true : false;

/**
 * The row type of a list function's data: the element type of `data` itself when it is a list,
 * else of its list-valued fields (`{ acct: Account[] }` → `Account`). `never` when there is none.
 */
export type WhmRowOf<Data> = IsAny<Data> extends true
  ? unknown
  : Data extends readonly (infer Row)[]
    ? Row
    : Data extends object
      ? { [K in keyof Data]-?: NonNullable<Data[K]> extends readonly (infer Row)[] ? Row : never }[keyof Data]
      : never;

/** Field names usable in filter, sort and columns: the row's keys when known, else any string. */
export type WhmFieldOf<Data> = [WhmRowOf<Data>] extends [never]
  ? string
  : WhmRowOf<Data> extends infer Row
    ? Row extends object
      ? string extends keyof Row ? string : Extract<keyof Row, string>
      : string
    : string;
