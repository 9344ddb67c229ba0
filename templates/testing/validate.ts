/**
 * Checking a call's parameters against the function's description, and decoding them into the
 * values the SDK's types promise (1/0 → boolean, "5" → 5, repeated and indexed lists, JSON).
 *
 * Reasons: a missing parameter gets cPanel's own wording ("Provide the “user” parameter.", from
 * Cpanel::Exception::MissingParameter). For a value of the wrong kind cPanel's wording differs
 * from function to function; the double says what it expected, naming the parameter:
 * "The “hasshell” parameter must be 1 or 0, not “true”."
 */
import type { FakeFunction, FakeParam, FakeShape, FakeUpload } from "./types.js";

/** Values as received, by wire name: strings from the URL or a form, JSON values from a JSON body, uploads. */
export type RawParams = ReadonlyMap<string, readonly unknown[]>;

export type Checked = { ok: true; params: Record<string, unknown> } | { ok: false; reason: string };

type Decoded = { ok: true; value: unknown } | { ok: false; expected: string };

const ok = (value: unknown): Decoded => ({ ok: true, value });
const no = (expected: string): Decoded => ({ ok: false, expected });

export function missingReason(name: string): string {
  return `Provide the “${name}” parameter.`;
}

function isUpload(value: unknown): value is FakeUpload {
  return value !== null && typeof value === "object" && typeof (value as FakeUpload).size === "number" && typeof (value as FakeUpload).name === "string";
}

function quoteList(values: readonly unknown[]): string {
  const quoted = values.map((v) => `“${String(v)}”`);
  return quoted.length <= 1 ? quoted.join("") : `${quoted.slice(0, -1).join(", ")} or ${quoted.at(-1)}`;
}

/** What a shape accepts, in words: "an integer", "1 or 0", "“exact” or “regex”". */
export function describeShape(shape: FakeShape): string {
  switch (shape.kind) {
    case "integer":
      return "an integer";
    case "number":
      return "a number";
    case "bool01":
    case "boolean":
      return "1 or 0";
    case "yesno":
      return "“y” or “n”";
    case "literal":
      return shape.values.length === 1 ? quoteList(shape.values) : `one of ${quoteList(shape.values)}`;
    case "null":
      return "empty";
    case "union": {
      const parts = shape.members.map(describeShape);
      return parts.length <= 1 ? parts.join("") : `${parts.slice(0, -1).join(", ")} or ${parts.at(-1)}`;
    }
    case "object":
      return "a JSON object";
    case "array":
      return "a JSON list";
    case "file":
      return "a file upload (multipart/form-data)";
    default:
      return "a string";
  }
}

const INTEGER = /^[-+]?\d+$/;
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

function parseJson(raw: unknown): Decoded | undefined {
  if (typeof raw !== "string") return raw !== null && typeof raw === "object" ? ok(raw) : undefined;
  try {
    return ok(JSON.parse(raw) as unknown);
  } catch {
    return undefined;
  }
}

/** Union members tried in an order where the catch-all `string` comes last. */
function unionOrder(members: readonly FakeShape[]): FakeShape[] {
  const rank = (s: FakeShape): number => (s.kind === "string" || s.kind === "unknown" ? 2 : s.kind === "object" || s.kind === "array" ? 1 : 0);
  return [...members].sort((a, b) => rank(a) - rank(b));
}

/** Decodes one raw value as `shape`. */
export function decodeValue(shape: FakeShape, raw: unknown): Decoded {
  if (isUpload(raw)) return shape.kind === "file" || shape.kind === "unknown" ? ok(raw) : no(describeShape(shape));
  switch (shape.kind) {
    case "string":
      return typeof raw === "string" || typeof raw === "number" || typeof raw === "bigint" ? ok(String(raw)) : no("a string");
    case "integer":
      if (typeof raw === "number") return Number.isInteger(raw) ? ok(raw) : no("an integer");
      return typeof raw === "string" && INTEGER.test(raw.trim()) ? ok(Number(raw)) : no("an integer");
    case "number":
      if (typeof raw === "number") return Number.isFinite(raw) ? ok(raw) : no("a number");
      return typeof raw === "string" && NUMBER.test(raw.trim()) ? ok(Number(raw)) : no("a number");
    case "bool01":
    case "boolean":
      // WHM takes 1 and 0 only: "cPanel & WHM's APIs do not support the literal values of true and false."
      if (raw === "1" || raw === 1 || raw === true) return ok(true);
      if (raw === "0" || raw === 0 || raw === false) return ok(false);
      return no("1 or 0");
    case "yesno":
      if (raw === "y" || raw === true) return ok(true);
      if (raw === "n" || raw === false) return ok(false);
      return no("“y” or “n”");
    case "literal": {
      const found = shape.values.find((v) => v === raw || String(v) === String(raw));
      return found !== undefined ? ok(found) : no(describeShape(shape));
    }
    case "null":
      return raw === "" || raw === null ? ok(null) : no("empty");
    case "union": {
      for (const member of unionOrder(shape.members)) {
        const decoded = decodeValue(member, raw);
        if (decoded.ok) return decoded;
      }
      return no(describeShape(shape));
    }
    case "object": {
      const parsed = parseJson(raw);
      return parsed?.ok && parsed.value !== null && typeof parsed.value === "object" && !Array.isArray(parsed.value) ? parsed : no("a JSON object");
    }
    case "array": {
      const parsed = parseJson(raw);
      return parsed?.ok && Array.isArray(parsed.value) ? parsed : no("a JSON list");
    }
    case "file":
      return no(describeShape(shape));
    default:
      return ok(raw);
  }
}

/** The shape of one element of a list parameter (`string | string[]` documents a list of strings). */
function itemShape(shape: FakeShape): FakeShape {
  if (shape.kind === "array") return shape.items;
  if (shape.kind === "union") {
    const list = shape.members.find((m) => m.kind === "array");
    if (list && list.kind === "array") return list.items;
  }
  return shape;
}

function show(param: FakeParam, raw: unknown): string {
  if (param.secret) return "";
  if (isUpload(raw)) return ", not a file upload";
  const text = typeof raw === "string" ? raw : JSON.stringify(raw) ?? String(raw);
  return `, not “${text.length > 60 ? `${text.slice(0, 60)}…` : text}”`;
}

function invalid(param: FakeParam, wire: string, expected: string, raw: unknown): string {
  return `The “${wire}” parameter must be ${expected}${show(param, raw)}.`;
}

/** A glob with `*` (`MXCHECK-*`) as a regular expression. */
function globRegex(name: string): RegExp {
  return new RegExp(`^${name.split("*").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
}

/** What an indexed list's names start with: `acl-` for `acl-1`, `setting_id` for `setting_id1`. */
function indexPrefix(param: FakeParam): string {
  return `${param.name}${param.index?.separator ?? "-"}`;
}

/** Wire names that carry `param`, with their raw values (an indexed list: name-1, name-2, …, in order). */
function occurrences(param: FakeParam, raw: RawParams): [wire: string, values: readonly unknown[]][] {
  if (param.name.includes("*")) {
    const re = globRegex(param.name);
    return [...raw].filter(([name]) => re.test(name));
  }
  if (param.kind === "array-indexed") {
    const prefix = indexPrefix(param);
    const indexed = [...raw]
      .filter(([name]) => name.startsWith(prefix) && /^\d+$/.test(name.slice(prefix.length)))
      .sort((a, b) => Number(a[0].slice(prefix.length)) - Number(b[0].slice(prefix.length)));
    const plain = raw.get(param.name) ?? [];
    const values = [...plain, ...indexed.flatMap(([, v]) => v)];
    return values.length ? [[param.name, values]] : [];
  }
  const values = raw.get(param.name);
  return values && values.length ? [[param.name, values]] : [];
}

function decodeParam(param: FakeParam, wire: string, values: readonly unknown[]): Decoded & { reason?: string } {
  const list = param.kind === "array-repeated" || param.kind === "array-indexed";
  if (list) {
    // From a JSON body a list arrives as one array.
    const items = values.length === 1 && Array.isArray(values[0]) ? (values[0] as unknown[]) : values;
    const out: unknown[] = [];
    for (const item of items) {
      const decoded = decodeValue(itemShape(param.shape), item);
      if (!decoded.ok) return { ...decoded, reason: invalid(param, wire, decoded.expected, item) };
      out.push(decoded.value);
    }
    return ok(out);
  }
  // WHM reads the first value of a parameter sent twice.
  const first = values[0];
  const shape: FakeShape = param.kind === "json" && param.shape.kind !== "object" && param.shape.kind !== "array" ? { kind: "unknown" } : param.shape;
  if (param.kind === "json" && shape.kind === "unknown") {
    const parsed = parseJson(first);
    return parsed ?? { ok: false, expected: "valid JSON", reason: invalid(param, wire, "valid JSON", first) };
  }
  const decoded = decodeValue(shape, first);
  return decoded.ok ? decoded : { ...decoded, reason: invalid(param, wire, decoded.expected, first) };
}

/**
 * Checks `raw` against `fn`'s parameters: every required one present, every value of its kind.
 * Parameters the description does not name are kept as sent (WHM ignores what it does not know).
 *
 * @example
 * checkParams(createacct, new Map([["username", ["bob"]], ["hasshell", ["true"]]]));
 * // { ok: false, reason: "Provide the “domain” parameter." }
 */
export function checkParams(fn: FakeFunction, raw: RawParams): Checked {
  const params: Record<string, unknown> = {};
  const claimed = new Set<string>();
  for (const param of fn.params) {
    const found = occurrences(param, raw);
    if (!found.length) {
      if (param.required) return { ok: false, reason: missingReason(param.name) };
      continue;
    }
    for (const [wire, values] of found) {
      const decoded = decodeParam(param, wire, values);
      if (!decoded.ok) return { ok: false, reason: decoded.reason ?? invalid(param, wire, decoded.expected, values[0]) };
      params[wire] = decoded.value;
      claimed.add(wire);
      if (param.kind === "array-indexed") for (const name of raw.keys()) if (name.startsWith(indexPrefix(param))) claimed.add(name);
    }
  }
  for (const [name, values] of raw) {
    if (claimed.has(name) || name.startsWith("api.")) continue;
    params[name] = values.length === 1 ? values[0] : [...values];
  }
  return { ok: true, params };
}
