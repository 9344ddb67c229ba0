/**
 * Walking two shapes side by side and reporting each difference at its path. One walk serves
 * parameters (values flow in: a new optional property is fine, a removed enum value breaks) and
 * response fields (values flow out: a new property is fine, a new enum value breaks readers).
 */
import { compareNames } from "../naming.js";
import { isCompatible, membersOf, outline, renderShape, sameShape, splitLiterals, type Variance } from "./shape.js";
import type { CatalogProperty, CatalogShape, Change, ChangeKind, LiteralValue, ObjectShape, Severity } from "./types.js";

/** Where changes of one function are collected, and whether it is a parameter or a field walk. */
export interface WalkContext {
  function: string;
  target: "param" | "field";
  changes: Change[];
}

const IDENTIFIER_LIKE = /^[A-Za-z0-9_$-]+$/;

/**
 * Appends a property name to a path: `.name`, or `["odd name"]` for names that hold anything
 * beyond letters, digits, `_`, `$` and `-` (so `cpanel.function` cannot read as two steps).
 */
export function joinPath(prefix: string, name: string): string {
  const segment = IDENTIFIER_LIKE.test(name) ? name : `[${JSON.stringify(name)}]`;
  if (prefix === "") return segment;
  return segment.startsWith("[") ? prefix + segment : `${prefix}.${segment}`;
}

/** `code` as a Markdown code span, whatever backticks it holds. */
export function code(text: string): string {
  const runs = text.match(/`+/g) ?? [];
  const fence = "`".repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

function noun(ctx: WalkContext): string {
  return ctx.target === "param" ? "parameter" : "response field";
}

function variance(ctx: WalkContext): Variance {
  return ctx.target === "param" ? "in" : "out";
}

/** Where a change is and what it changed from and to; see `Change`. */
export type ChangeDetail = Pick<Change, "path" | "from" | "to" | "values">;

/** Records one change, keys in the order of the JSON format. */
export function emit(ctx: WalkContext, kind: ChangeKind, severity: Severity, message: string, detail: ChangeDetail = {}): void {
  ctx.changes.push({
    function: ctx.function,
    kind,
    ...(detail.path !== undefined ? { path: detail.path } : {}),
    severity,
    message,
    ...(detail.from !== undefined ? { from: detail.from } : {}),
    ...(detail.to !== undefined ? { to: detail.to } : {}),
    ...(detail.values !== undefined ? { values: detail.values } : {}),
  });
}

type WalkSuffix = "added" | "removed" | "required" | "optional" | "type-changed" | "enum-added" | "enum-removed" | "deprecated" | "undeprecated";

/** `param-added` or `field-added`, …; checked against ChangeKind at compile time. */
function kindOf(ctx: WalkContext, suffix: WalkSuffix): ChangeKind {
  const kind: `${WalkContext["target"]}-${WalkSuffix}` = `${ctx.target}-${suffix}`;
  return kind;
}

/** A property (or parameter) present only in the new shape. */
export function added(ctx: WalkContext, path: string, required: boolean): void {
  const severity: Severity = ctx.target === "param" && required ? "breaking" : "compatible";
  const note = ctx.target === "param" ? (required ? " (required)" : " (optional)") : "";
  emit(ctx, kindOf(ctx, "added"), severity, `${noun(ctx)} ${code(path)} added${note}`, { path });
}

/** A property (or parameter) present only in the old shape. */
export function removed(ctx: WalkContext, path: string): void {
  emit(ctx, kindOf(ctx, "removed"), "breaking", `${noun(ctx)} ${code(path)} removed`, { path });
}

/** Required-ness and deprecation of a property (or parameter) present on both sides. */
export function compareFlags(ctx: WalkContext, path: string, old: { required: boolean; deprecated?: boolean }, next: { required: boolean; deprecated?: boolean }): void {
  if (old.required !== next.required) {
    const becameRequired = next.required;
    const breaks = ctx.target === "param" ? becameRequired : !becameRequired;
    const message = becameRequired
      ? `${noun(ctx)} ${code(path)} is now required`
      : `${noun(ctx)} ${code(path)} is now optional${ctx.target === "field" ? " (may be missing from answers)" : ""}`;
    emit(ctx, kindOf(ctx, becameRequired ? "required" : "optional"), breaks ? "breaking" : "compatible", message, { path });
  }
  const was = old.deprecated === true;
  const is = next.deprecated === true;
  if (was !== is) {
    emit(ctx, kindOf(ctx, is ? "deprecated" : "undeprecated"), "info", `${noun(ctx)} ${code(path)} ${is ? "deprecated" : "no longer deprecated"}`, { path });
  }
}

/** Compares two shapes at `path` and descends into their object and array members. */
export function walkShape(ctx: WalkContext, path: string, old: CatalogShape, next: CatalogShape): void {
  if (sameShape(old, next)) return;
  const o = containers(old);
  const n = containers(next);
  if (o.objects.length > 1 || n.objects.length > 1 || o.arrays.length > 1 || n.arrays.length > 1) {
    // Several objects or arrays in one union cannot be paired member by member: judge the whole.
    typeChanged(ctx, path, old, next, isCompatible(old, next, variance(ctx)), true);
    return;
  }
  const ol = outline(old);
  const nl = outline(next);
  if (!sameShape(ol, nl) && !enumChanged(ctx, path, ol, nl)) typeChanged(ctx, path, old, next, isCompatible(ol, nl, variance(ctx)));
  const [oo, no] = [o.objects[0], n.objects[0]];
  if (oo && no) walkObject(ctx, path, oo, no);
  const [oa, na] = [o.arrays[0], n.arrays[0]];
  if (oa && na) walkShape(ctx, `${path}[]`, oa.items, na.items);
}

/** Compares two objects property by property; map values are at `path{}`. */
export function walkObject(ctx: WalkContext, path: string, old: ObjectShape, next: ObjectShape): void {
  walkProperties(ctx, path, old.properties, next.properties);
  const mapPath = `${path}{}`;
  if (old.additional && next.additional) walkShape(ctx, mapPath, old.additional, next.additional);
  else if (old.additional) removed(ctx, mapPath);
  else if (next.additional) added(ctx, mapPath, false);
}

/** Property lists compared by name, in the order of the names. */
export function walkProperties(ctx: WalkContext, path: string, old: readonly CatalogProperty[], next: readonly CatalogProperty[]): void {
  const before = new Map(old.map((p) => [p.name, p]));
  const after = new Map(next.map((p) => [p.name, p]));
  const names = [...new Set([...before.keys(), ...after.keys()])].sort(compareNames);
  for (const name of names) {
    const p = before.get(name);
    const q = after.get(name);
    const at = joinPath(path, name);
    if (!q) removed(ctx, at);
    else if (!p) added(ctx, at, q.required);
    else {
      compareFlags(ctx, at, p, q);
      walkShape(ctx, at, p.shape, q.shape);
    }
  }
}

function typeChanged(ctx: WalkContext, path: string, old: CatalogShape, next: CatalogShape, compatible: boolean, deep = false): void {
  const from = renderShape(old, deep);
  const to = renderShape(next, deep);
  const note = compatible ? (ctx.target === "param" ? " (widened: old values are still accepted)" : " (narrowed: answers stay within the old type)") : "";
  emit(ctx, kindOf(ctx, "type-changed"), compatible ? "compatible" : "breaking", `${noun(ctx)} ${code(path)} changed type from ${code(from)} to ${code(to)}${note}`, {
    path,
    from,
    to,
  });
}

/**
 * When the outlines differ only in literal values, reports the values added and removed.
 * Returns false when something else differs too (then it is a type change).
 */
function enumChanged(ctx: WalkContext, path: string, old: CatalogShape, next: CatalogShape): boolean {
  const o = splitLiterals(old);
  const n = splitLiterals(next);
  if (o.values.length === 0 || n.values.length === 0) return false;
  const rest = (r: CatalogShape[]): CatalogShape => ({ kind: "union", members: r });
  if (!sameShape(rest(o.rest), rest(n.rest))) return false;
  const gained = n.values.filter((v) => !o.values.includes(v));
  const lost = o.values.filter((v) => !n.values.includes(v));
  const isParam = ctx.target === "param";
  if (gained.length) {
    const message = isParam ? `${noun(ctx)} ${code(path)} accepts new ${valueList(gained)}` : `${noun(ctx)} ${code(path)} may now hold ${valueList(gained)}`;
    emit(ctx, kindOf(ctx, "enum-added"), isParam ? "compatible" : "breaking", message, { path, values: gained });
  }
  if (lost.length) {
    const message = isParam ? `${noun(ctx)} ${code(path)} no longer accepts ${valueList(lost)}` : `${noun(ctx)} ${code(path)} no longer holds ${valueList(lost)}`;
    emit(ctx, kindOf(ctx, "enum-removed"), isParam ? "breaking" : "compatible", message, { path, values: lost });
  }
  return true;
}

function valueList(values: readonly LiteralValue[]): string {
  return `${values.length === 1 ? "value" : "values"} ${values.map((v) => code(JSON.stringify(v))).join(", ")}`;
}

function containers(shape: CatalogShape): { objects: ObjectShape[]; arrays: Extract<CatalogShape, { kind: "array" }>[] } {
  const members = membersOf(shape);
  return {
    objects: members.filter((m): m is ObjectShape => m.kind === "object"),
    arrays: members.filter((m): m is Extract<CatalogShape, { kind: "array" }> => m.kind === "array"),
  };
}
