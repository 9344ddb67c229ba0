/**
 * Comparing catalog shapes: equality, widening (the rule that decides whether a type change
 * breaks callers or readers) and a short text notation for reports.
 *
 * Widening is judged on the wire shapes of catalog.json, so it holds for every SDK built on
 * the catalog. `format` is documentation and is never compared.
 */
import { compareNames, propertyKey } from "../naming.js";
import type { CatalogShape, LiteralValue, ObjectShape } from "./types.js";

/**
 * Which way values flow. `in`: from the caller to WHM (parameters), so a change is compatible
 * when the new shape accepts every old value. `out`: from WHM to the reader (response data), so a
 * change is compatible when every new value is one the old shape promised.
 */
export type Variance = "in" | "out";

/**
 * True when every value of `a` is a value of `b` (`a ⊆ b`):
 * - anything ⊆ `unknown`; `unknown` ⊆ only `unknown`;
 * - `integer` ⊆ `number`;
 * - a literal ⊆ its base type (string values ⊆ `string`, whole numbers ⊆ `integer`, numbers ⊆
 *   `number`, Booleans ⊆ `boolean`) and ⊆ any literal holding it;
 * - a union ⊆ `b` when each member is; `a` ⊆ a union when it is ⊆ one member (literal values
 *   are placed one by one, so `"a" | "b"` ⊆ `"a" | string`);
 * - `T[]` ⊆ `U[]` when `T` ⊆ `U`;
 * - objects: see `objectSub`; every other kind (`bool01`, `yesno`, `boolean`, `null`, `file`,
 *   `string`) only ⊆ itself: a 0/1 flag is not an integer to an SDK that maps it to a Boolean.
 */
export function isSubshape(a: CatalogShape, b: CatalogShape, variance: Variance): boolean {
  if (b.kind === "unknown") return true;
  if (a.kind === "unknown") return false;
  if (a.kind === "union") return a.members.every((m) => isSubshape(m, b, variance));
  if (a.kind === "literal") return a.values.every((v) => literalIn(v, b));
  if (b.kind === "union") return b.members.some((m) => isSubshape(a, m, variance));
  switch (a.kind) {
    case "integer":
      return b.kind === "integer" || b.kind === "number";
    case "array":
      return b.kind === "array" && isSubshape(a.items, b.items, variance);
    case "object":
      return b.kind === "object" && objectSub(a, b, variance);
    default:
      return a.kind === b.kind;
  }
}

function literalIn(value: LiteralValue, b: CatalogShape): boolean {
  switch (b.kind) {
    case "unknown":
      return true;
    case "union":
      return b.members.some((m) => literalIn(value, m));
    case "literal":
      return b.values.includes(value);
    case "string":
      return typeof value === "string";
    case "number":
      return typeof value === "number";
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "boolean":
      return typeof value === "boolean";
    default:
      return false;
  }
}

/**
 * Object `a` ⊆ object `b`. A property `b` requires must be required in `a`; shared properties
 * must nest (`a.p ⊆ b.p`). Properties only `b` has must be optional (`in`: a new optional
 * property) or are a removal (`out`: a reader loses them). Properties only `a` has are a removal
 * for callers (`in`, unless `b`'s map values take them) and an addition for readers (`out`).
 * Map values (`additional`) follow the same rule: gained is fine, lost breaks.
 */
function objectSub(a: ObjectShape, b: ObjectShape, variance: Variance): boolean {
  const inA = new Map(a.properties.map((p) => [p.name, p]));
  const inB = new Map(b.properties.map((p) => [p.name, p]));
  for (const pb of b.properties) {
    const pa = inA.get(pb.name);
    if (!pa) {
      if (variance === "out" || pb.required) return false;
      continue;
    }
    if (pb.required && !pa.required) return false;
    if (!isSubshape(pa.shape, pb.shape, variance)) return false;
  }
  if (variance === "in") {
    for (const pa of a.properties) if (!inB.has(pa.name) && !(b.additional && isSubshape(pa.shape, b.additional, variance))) return false;
    if (a.additional && !(b.additional && isSubshape(a.additional, b.additional, variance))) return false;
  } else if (b.additional && !(a.additional && isSubshape(a.additional, b.additional, variance))) {
    return false;
  }
  return true;
}

/** A change from `old` to `next` keeps working code working (see `Variance`). */
export function isCompatible(old: CatalogShape, next: CatalogShape, variance: Variance): boolean {
  return variance === "in" ? isSubshape(old, next, "in") : isSubshape(next, old, "out");
}

/** Same shape, ignoring `format`, the order of union members and of literal values. */
export function sameShape(a: CatalogShape, b: CatalogShape): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(shape: CatalogShape): unknown {
  switch (shape.kind) {
    case "string":
    case "integer":
    case "number":
      return { kind: shape.kind };
    case "literal":
      return { kind: "literal", values: shape.values.map((v) => JSON.stringify(v)).sort(compareNames) };
    case "array":
      return { kind: "array", items: canonical(shape.items) };
    case "object":
      return {
        kind: "object",
        properties: shape.properties.map((p) => [p.name, p.required, p.deprecated === true, canonical(p.shape)]),
        additional: shape.additional ? canonical(shape.additional) : null,
      };
    case "union":
      return { kind: "union", members: shape.members.map((m) => JSON.stringify(canonical(m))).sort(compareNames) };
    default:
      return { kind: shape.kind };
  }
}

/**
 * The shape without what lies inside objects and arrays: `{ items: … }` becomes `unknown[]`,
 * an object loses its properties. The walk compares outlines first, then descends.
 */
export function outline(shape: CatalogShape): CatalogShape {
  switch (shape.kind) {
    case "array":
      return { kind: "array", items: { kind: "unknown" } };
    case "object":
      return { kind: "object", properties: [] };
    case "union":
      return { kind: "union", members: shape.members.map(outline) };
    default:
      return shape;
  }
}

/** The members of a shape (a union's members, or the shape alone). */
export function membersOf(shape: CatalogShape): CatalogShape[] {
  return shape.kind === "union" ? shape.members : [shape];
}

/** Literal values of a shape (all its literal members) and the members that are not literals. */
export function splitLiterals(shape: CatalogShape): { values: LiteralValue[]; rest: CatalogShape[] } {
  const values: LiteralValue[] = [];
  const rest: CatalogShape[] = [];
  for (const m of membersOf(shape)) {
    if (m.kind === "literal") values.push(...m.values);
    else rest.push(m);
  }
  return { values, rest };
}

/**
 * A short type notation for reports: kind names for scalars (`integer`, `bool01`, `yesno`),
 * JSON for literals (`"unlimited"`), `T[]` for arrays, ` | ` between union members. Objects are
 * written `object` (the walk compares their fields one by one), or with `deep` in full:
 * `{ a: string; b?: integer; [key]: string }`.
 */
export function renderShape(shape: CatalogShape, deep = false): string {
  switch (shape.kind) {
    case "literal":
      return shape.values.map((v) => JSON.stringify(v)).join(" | ");
    case "array": {
      const items = renderShape(shape.items, deep);
      return items.includes(" | ") ? `(${items})[]` : `${items}[]`;
    }
    case "object":
      return deep ? renderObject(shape) : "object";
    case "union":
      return shape.members.map((m) => renderShape(m, deep)).join(" | ");
    default:
      return shape.kind;
  }
}

function renderObject(shape: ObjectShape): string {
  const members = shape.properties.map((p) => `${propertyKey(p.name)}${p.required ? "" : "?"}: ${renderShape(p.shape, true)}`);
  if (shape.additional) members.push(`[key]: ${renderShape(shape.additional, true)}`);
  return members.length ? `{ ${members.join("; ")} }` : "{}";
}
