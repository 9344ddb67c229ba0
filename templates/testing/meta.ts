/**
 * WHM API 1 meta-parameters applied to the list in an answer, as a server does:
 * filter (https://api.docs.cpanel.net/whm/filter-output/), columns (…/output-columns/),
 * sort (…/sort-output/), then paginate with `api.chunk` (…/paginate-output/, 1-indexed).
 *
 * Columns come before sort because cPanel's page says a sort key must be a displayed column.
 * The `metadata.chunk` record carries quoted numbers, as servers send them; `metadata.filter`
 * is whmgen's form (`filtered`: rows kept, `records_before_filter`), which cPanel does not document.
 */
import type { FakePair } from "./types.js";

export interface MetaFilter {
  readonly field: string;
  readonly type: string;
  readonly arg0: string;
}

export interface MetaSort {
  readonly field: string;
  readonly method: string;
  readonly reverse: boolean;
}

export interface MetaRequest {
  readonly filters: readonly MetaFilter[];
  readonly sorts: readonly MetaSort[];
  readonly chunk?: { readonly start: number; readonly size: number } | undefined;
  readonly columns: readonly string[];
}

/** `a → 0`, `z → 25`, `aa → 26`: the inverse of the runtime's metaLetter. */
function letterIndex(letters: string): number {
  let n = 0;
  for (const c of letters) n = n * 26 + (c.charCodeAt(0) - 96);
  return n - 1;
}

function grouped(pairs: readonly FakePair[], prefix: string): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  const re = new RegExp(`^api\\.${prefix}\\.([a-z]+)(?:\\.([a-z0-9_]+))?$`);
  for (const [name, value] of pairs) {
    const m = re.exec(name);
    if (!m || m[1] === "enable" || m[1] === undefined) continue;
    const entry = out.get(m[1]) ?? new Map<string, string>();
    if (!entry.has(m[2] ?? "")) entry.set(m[2] ?? "", value);
    out.set(m[1], entry);
  }
  return new Map([...out].sort((a, b) => letterIndex(a[0]) - letterIndex(b[0])));
}

const enabled = (pairs: readonly FakePair[], what: string): boolean => pairs.some(([k, v]) => k === `api.${what}.enable` && v === "1");

/** The meta-parameters of a call, or undefined when none is enabled. */
export function parseMeta(pairs: readonly FakePair[]): MetaRequest | undefined {
  const filters = enabled(pairs, "filter")
    ? [...grouped(pairs, "filter").values()].map((e) => ({ field: e.get("field") ?? "", type: e.get("type") || "contains", arg0: e.get("arg0") ?? "" }))
    : [];
  const sorts = enabled(pairs, "sort")
    ? [...grouped(pairs, "sort").values()].map((e) => ({ field: e.get("field") ?? "", method: e.get("method") || "lexicographic", reverse: e.get("reverse") === "1" }))
    : [];
  const columns = enabled(pairs, "columns") ? [...grouped(pairs, "columns").values()].map((e) => e.get("") ?? "").filter(Boolean) : [];
  let chunk: MetaRequest["chunk"];
  if (enabled(pairs, "chunk")) {
    const get = (k: string): number => Number(pairs.find(([name]) => name === `api.chunk.${k}`)?.[1]);
    const start = get("start");
    const size = get("size");
    chunk = { start: Number.isInteger(start) && start >= 1 ? start : 1, size: Number.isInteger(size) && size >= 1 ? size : 20 };
  }
  if (!filters.length && !sorts.length && !columns.length && !chunk) return undefined;
  return { filters, sorts, columns, chunk };
}

const FILTER_TYPES = new Set([
  "contains", "begins", "ends", "matches", "eq", "ne", "==", "!=", "lt", "lt_equal", "gt", "gt_equal",
  "lt_handle_unlimited", "gt_handle_unlimited", "defined", "undefined",
]);

const SORT_METHODS = new Set(["lexicographic", "numeric", "numeric_zero_as_max", "ipv4"]);

/** A reason when the request asks for something a server would refuse, else undefined. */
export function metaProblem(meta: MetaRequest): string | undefined {
  const badType = meta.filters.find((f) => !FILTER_TYPES.has(f.type));
  if (badType) return `The filter type “${badType.type}” is not valid.`;
  const badMethod = meta.sorts.find((s) => !SORT_METHODS.has(s.method));
  if (badMethod) return `The sort method “${badMethod.method}” is not valid.`;
  return undefined;
}

function text(value: unknown): string {
  if (value === undefined || value === null) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

function numeric(value: unknown, unlimited: number): number {
  const s = text(value).trim();
  if (/^unlimited$/i.test(s)) return unlimited;
  return s === "" ? Number.NaN : Number(s);
}

function matchOne(value: unknown, filter: MetaFilter): boolean {
  const v = text(value);
  const lower = v.toLowerCase();
  const arg = filter.arg0.toLowerCase();
  switch (filter.type) {
    case "contains":
      return lower.includes(arg);
    case "begins":
      return lower.startsWith(arg);
    case "ends":
      return lower.endsWith(arg);
    case "matches":
      try {
        return new RegExp(filter.arg0).test(v);
      } catch {
        return false;
      }
    case "eq":
      return v === filter.arg0;
    case "ne":
    case "!=":
      return v !== filter.arg0;
    case "==":
      return numeric(value, Number.NaN) === Number(filter.arg0);
    case "lt":
      return numeric(value, Number.NaN) < Number(filter.arg0);
    case "lt_equal":
      return numeric(value, Number.NaN) <= Number(filter.arg0);
    case "gt":
      return numeric(value, Number.NaN) > Number(filter.arg0);
    case "gt_equal":
      return numeric(value, Number.NaN) >= Number(filter.arg0);
    case "lt_handle_unlimited":
      return numeric(value, Number.POSITIVE_INFINITY) < numeric(filter.arg0, Number.POSITIVE_INFINITY);
    case "gt_handle_unlimited":
      return numeric(value, Number.POSITIVE_INFINITY) > numeric(filter.arg0, Number.POSITIVE_INFINITY);
    case "defined":
      return value !== undefined && value !== null && v !== "";
    case "undefined":
      return value === undefined || value === null || v === "";
    default:
      return false;
  }
}

function record(row: unknown): Record<string, unknown> {
  return row !== null && typeof row === "object" && !Array.isArray(row) ? (row as Record<string, unknown>) : { value: row };
}

function matches(row: unknown, filter: MetaFilter): boolean {
  const fields = record(row);
  if (filter.field === "*") return Object.values(fields).some((value) => matchOne(value, filter));
  return matchOne(fields[filter.field], filter);
}

function ipv4Key(value: unknown): number {
  const parts = text(value).split(".").map(Number);
  return parts.length === 4 && parts.every((p) => Number.isInteger(p) && p >= 0 && p < 256) ? parts.reduce((n, p) => n * 256 + p, 0) : -1;
}

function compareBy(sort: MetaSort): (a: unknown, b: unknown) => number {
  const key = (row: unknown): unknown => record(row)[sort.field];
  const order = sort.reverse ? -1 : 1;
  const numericOf = (row: unknown): number => {
    const n = numeric(key(row), Number.POSITIVE_INFINITY);
    if (sort.method === "numeric_zero_as_max" && n === 0) return Number.POSITIVE_INFINITY;
    return Number.isNaN(n) ? Number.NEGATIVE_INFINITY : n;
  };
  return (a, b) => {
    let c: number;
    if (sort.method === "numeric" || sort.method === "numeric_zero_as_max") c = numericOf(a) - numericOf(b) || 0;
    else if (sort.method === "ipv4") c = ipv4Key(key(a)) - ipv4Key(key(b));
    else {
      const x = text(key(a));
      const y = text(key(b));
      c = x < y ? -1 : x > y ? 1 : 0;
    }
    return Number.isNaN(c) ? 0 : c * order;
  };
}

/** Where the rows are: `data` itself when it is a list, else its only list-valued field. */
export function listOf(data: unknown): { rows: unknown[]; put: (rows: unknown[]) => unknown } | undefined {
  if (Array.isArray(data)) return { rows: data, put: (rows) => rows };
  if (data === null || typeof data !== "object") return undefined;
  const lists = Object.entries(data).filter(([, v]) => Array.isArray(v));
  if (lists.length !== 1) return undefined;
  const [key, rows] = lists[0] as [string, unknown[]];
  return { rows, put: (next) => ({ ...(data as Record<string, unknown>), [key]: next }) };
}

/**
 * Applies `meta` to the list in `data`. Returns the new data and the metadata records to add;
 * data without exactly one list is left alone (no `chunk` record: the SDK's paginate then stops).
 */
export function applyMeta(data: unknown, meta: MetaRequest): { data: unknown; metadata: Record<string, unknown> } {
  const list = listOf(data);
  if (!list) return { data, metadata: {} };
  const metadata: Record<string, unknown> = {};
  let rows = list.rows;
  if (meta.filters.length) {
    const before = rows.length;
    rows = rows.filter((row) => meta.filters.every((f) => matches(row, f)));
    metadata["filter"] = { filtered: rows.length, records_before_filter: before };
  }
  if (meta.columns.length) {
    rows = rows.map((row) => Object.fromEntries(meta.columns.filter((c) => c in record(row)).map((c) => [c, record(row)[c]])));
  }
  if (meta.sorts.length) {
    const comparators = meta.sorts.map(compareBy);
    rows = [...rows].sort((a, b) => {
      for (const compare of comparators) {
        const c = compare(a, b);
        if (c !== 0) return c;
      }
      return 0;
    });
  }
  if (meta.chunk) {
    const { start, size } = meta.chunk;
    metadata["chunk"] = { start: String(start), size: String(size), records: String(rows.length), current: String(Math.ceil(start / size)) };
    rows = rows.slice(start - 1, start - 1 + size);
  }
  return { data: list.put(rows), metadata };
}
