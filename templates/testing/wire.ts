/**
 * Between the wire and the engine: a request's pairs, form fields, JSON body and uploads as one
 * map of raw values; handler data (typed as the SDK decodes it) back to WHM's wire form; secrets
 * taken out of what the double records.
 */
import type { RawParams } from "./validate.js";
import type { FakeFunction, FakePair, FakeShape, FakeWireRequest } from "./types.js";

/** The raw values of a request by name, or the reason a server would refuse its body. */
export function collectParams(request: FakeWireRequest): { ok: true; raw: Map<string, unknown[]> } | { ok: false; reason: string } {
  const raw = new Map<string, unknown[]>();
  const add = (name: string, value: unknown): void => {
    const list = raw.get(name);
    if (list) list.push(value);
    else raw.set(name, [value]);
  };
  for (const [name, value] of request.query) add(name, value);
  for (const [name, value] of request.form ?? []) add(name, value);
  for (const [name, file] of request.files ?? []) add(name, file);
  if (request.json !== undefined && request.json.trim() !== "") {
    let body: unknown;
    try {
      body = JSON.parse(request.json) as unknown;
    } catch {
      return { ok: false, reason: "The request body is not valid JSON." };
    }
    if (body === null || typeof body !== "object" || Array.isArray(body)) return { ok: false, reason: "The JSON request body must be an object." };
    for (const [name, value] of Object.entries(body)) add(name, value);
  }
  return { ok: true, raw };
}

/** Raw values from pairs alone (a `batch` command's query string). */
export function rawFromPairs(pairs: readonly FakePair[]): Map<string, unknown[]> {
  const raw = new Map<string, unknown[]>();
  for (const [name, value] of pairs) raw.set(name, [...(raw.get(name) ?? []), value]);
  return raw;
}

/** The `api.*` pairs of a request (meta-parameters), `api.version` left out. */
export function metaPairs(raw: RawParams): FakePair[] {
  const out: FakePair[] = [];
  for (const [name, values] of raw) {
    if (!name.startsWith("api.") || name === "api.version") continue;
    for (const value of values) if (typeof value === "string") out.push([name, value]);
  }
  return out;
}

function booleanForm(shape: FakeShape | undefined): "bool01" | "yesno" | "boolean" {
  if (shape?.kind === "yesno" || shape?.kind === "boolean") return shape.kind;
  if (shape?.kind === "union") {
    if (shape.members.some((m) => m.kind === "yesno")) return "yesno";
    if (shape.members.some((m) => m.kind === "boolean") && !shape.members.some((m) => m.kind === "bool01")) return "boolean";
  }
  return "bool01";
}

function itemsOf(shape: FakeShape | undefined): FakeShape | undefined {
  if (shape?.kind === "array") return shape.items;
  if (shape?.kind === "union") for (const m of shape.members) if (m.kind === "array") return m.items;
  return undefined;
}

function fieldOf(shape: FakeShape | undefined, key: string): FakeShape | undefined {
  if (shape?.kind === "object") return shape.properties.find((p) => p.name === key)?.shape ?? shape.additional;
  if (shape?.kind === "union") for (const m of shape.members) if (m.kind === "object") return fieldOf(m, key);
  return undefined;
}

/**
 * Handler data (decoded types: booleans, numbers) to WHM's wire form: `true` → 1 for 0/1 fields
 * (and where the shape is unknown), → "y" for y/n fields; JSON `true` only where the shape says so.
 *
 * @example
 * toWireData({ acct: [{ user: "bob", suspended: true }] }, listacctsDataShape); // { acct: [{ user: "bob", suspended: 1 }] }
 */
export function toWireData(value: unknown, shape: FakeShape | undefined): unknown {
  if (typeof value === "boolean") {
    const form = booleanForm(shape);
    return form === "yesno" ? (value ? "y" : "n") : form === "boolean" ? value : value ? 1 : 0;
  }
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Date) return Math.floor(value.getTime() / 1000);
  if (Array.isArray(value)) return value.map((item) => toWireData(item, itemsOf(shape)));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) if (item !== undefined) out[key] = toWireData(item, fieldOf(shape, key));
    return out;
  }
  return value;
}

/** Names that carry secrets whatever the catalog says (passwords, tokens, access hashes, keys). */
const SECRET_NAME = /pass|pwd|secret|token|accesshash|api_?key|private|credential/i;

export const REDACTED = "[redacted]";

function globMatch(pattern: string, name: string): boolean {
  return new RegExp(`^${pattern.split("*").map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`).test(name);
}

/** Whether the parameter `name` of `fn` carries a secret. */
export function isSecret(fn: FakeFunction | undefined, name: string): boolean {
  if (SECRET_NAME.test(name)) return true;
  const base = name.replace(/-\d+$/, "");
  return (fn?.params ?? []).some((p) => p.secret === true && (p.name === name || p.name === base || (p.name.includes("*") && globMatch(p.name, name))));
}

/** The parameters of a call to `functionName`, every secret replaced by "[redacted]"; `batch` commands are redacted inside. */
export function redactParams(
  functionName: string,
  params: Readonly<Record<string, unknown>>,
  lookup: (name: string) => FakeFunction | undefined,
): Record<string, unknown> {
  const fn = lookup(functionName);
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(params)) {
    if (isSecret(fn, name)) out[name] = REDACTED;
    else if (functionName === "batch" && name === "command") out[name] = Array.isArray(value) ? value.map((c) => redactCommand(c, lookup)) : redactCommand(value, lookup);
    else out[name] = value;
  }
  return out;
}

/** A `batch` command (`fn?k=v&…`) with the values of secret parameters replaced. */
export function redactCommand(command: unknown, lookup: (name: string) => FakeFunction | undefined): unknown {
  if (typeof command !== "string") return command;
  const at = command.indexOf("?");
  if (at < 0) return command;
  const name = command.slice(0, at);
  const fn = lookup(name);
  const pairs = [...new URLSearchParams(command.slice(at + 1))].map(([k, v]) => [k, isSecret(fn, k) ? REDACTED : v]);
  return `${name}?${pairs.map(([k, v]) => `${encodeURIComponent(k ?? "")}=${encodeURIComponent(v ?? "")}`).join("&")}`;
}
