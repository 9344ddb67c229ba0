/**
 * OpenAPI schema → IrShape. One function per schema form, dispatched from `toShape`.
 * Both nullable spellings (3.0's `nullable: true`, 3.1's `type: [x, 'null']`) land here.
 */
import { WhmgenError, pointerToken } from "../errors.js";
import type { IrProperty, IrShape } from "./types.js";

type Schema = Record<string, unknown>;

/** Per-run state of the conversion (no module-level state). */
export interface ShapeContext {
  file: string;
  /** Nodes left before the document is judged too large (alias bombs expand here). */
  budget: number;
  /** Schemas being converted, to stop at cycles. */
  stack: Set<object>;
}

export const NODE_BUDGET = 1_000_000;

/** Deepest nesting of schemas inside one another (objects in arrays in objects…) after `$ref`s are resolved. */
export const MAX_SCHEMA_DEPTH = 100;

const SCALAR_TYPES = new Set(["string", "integer", "number", "boolean", "null", "object", "array"]);

function isSchema(value: unknown): value is Schema {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Converts one schema. `at` is its JSON pointer, for errors. */
export function toShape(schema: unknown, ctx: ShapeContext, at: string): IrShape {
  if (!isSchema(schema)) return { kind: "unknown" };
  if (--ctx.budget < 0) {
    throw new WhmgenError(`the document expands to more than ${NODE_BUDGET} schema nodes (a YAML alias bomb?)`, { file: ctx.file, pointer: at });
  }
  if (ctx.stack.has(schema)) return { kind: "unknown" }; // recursive schema: typed loosely
  if (ctx.stack.size >= MAX_SCHEMA_DEPTH) {
    // A long chain of `$ref`s can nest deeper than the file does; every later phase recurses on shapes.
    throw new WhmgenError(`schemas nest deeper than ${MAX_SCHEMA_DEPTH} levels here`, { file: ctx.file, pointer: at });
  }
  ctx.stack.add(schema);
  try {
    return convert(schema, ctx, at);
  } finally {
    ctx.stack.delete(schema);
  }
}

function convert(schema: Schema, ctx: ShapeContext, at: string): IrShape {
  if (typeof schema["$ref"] === "string") return { kind: "unknown" }; // left by circular resolution
  if (Array.isArray(schema["allOf"])) return allOfShape(schema, ctx, at);
  if (Array.isArray(schema["oneOf"]) || Array.isArray(schema["anyOf"])) return choiceShape(schema, ctx, at);
  const type = schema["type"];
  if (Array.isArray(type)) return typeListShape(schema, type, ctx, at);
  const base = Array.isArray(schema["enum"]) ? enumShape(schema, ctx, at) : typedShape(schema, type, ctx, at);
  return schema["nullable"] === true ? union([base, { kind: "null" }]) : base;
}

function typedShape(schema: Schema, type: unknown, ctx: ShapeContext, at: string): IrShape {
  if (type !== undefined && (typeof type !== "string" || !SCALAR_TYPES.has(type))) {
    throw new WhmgenError(`unknown schema type ${JSON.stringify(type)}`, { file: ctx.file, pointer: `${at}/type` });
  }
  const format = typeof schema["format"] === "string" ? schema["format"] : undefined;
  switch (type) {
    case "string":
      return format === "binary" ? { kind: "file" } : format ? { kind: "string", format } : { kind: "string" };
    case "integer":
      return format ? { kind: "integer", format } : { kind: "integer" };
    case "number":
      return format ? { kind: "number", format } : { kind: "number" };
    case "boolean":
      return { kind: "boolean" };
    case "null":
      return { kind: "null" };
    case "array":
      return { kind: "array", items: toShape(schema["items"], ctx, `${at}/items`) };
    case "object":
      return objectShape(schema, ctx, at);
    default:
      if (isSchema(schema["properties"]) || schema["additionalProperties"] !== undefined) return objectShape(schema, ctx, at);
      if (schema["items"] !== undefined) return { kind: "array", items: toShape(schema["items"], ctx, `${at}/items`) };
      return { kind: "unknown" };
  }
}

function objectShape(schema: Schema, ctx: ShapeContext, at: string): IrShape {
  const required = new Set(Array.isArray(schema["required"]) ? schema["required"].map(String) : []);
  const props = isSchema(schema["properties"]) ? schema["properties"] : {};
  const properties: IrProperty[] = Object.keys(props)
    .sort(compare)
    .map((name) => property(name, props[name], required.has(name), ctx, `${at}/properties/${pointerToken(name)}`));
  const extra = schema["additionalProperties"];
  const shape: IrShape = { kind: "object", properties };
  if (extra === true || (isSchema(extra) && Object.keys(extra).length === 0)) shape.additional = { kind: "unknown" };
  else if (isSchema(extra)) shape.additional = toShape(extra, ctx, `${at}/additionalProperties`);
  return shape;
}

function property(name: string, schema: unknown, required: boolean, ctx: ShapeContext, at: string): IrProperty {
  const prop: IrProperty = { name, required, shape: toShape(schema, ctx, at) };
  if (isSchema(schema)) {
    if (typeof schema["description"] === "string") prop.description = schema["description"];
    if (schema["deprecated"] === true) prop.deprecated = true;
  }
  return prop;
}

/** `enum` with or without `type`: WHM Booleans (`[1, 0]`), y/n flags, literals, `[null]`. */
function enumShape(schema: Schema, ctx: ShapeContext, at: string): IrShape {
  const values = schema["enum"] as unknown[];
  const type = schema["type"];
  const nonNull = values.filter((v) => v !== null);
  const hasNull = nonNull.length !== values.length;
  let base: IrShape;
  if (nonNull.length === 0) return { kind: "null" };
  if (isBool01(nonNull, type)) base = { kind: "bool01" };
  else if (isYesNo(nonNull)) base = { kind: "yesno" };
  else {
    const literals = nonNull.filter((v): v is string | number | boolean => ["string", "number", "boolean"].includes(typeof v));
    if (literals.length !== nonNull.length) {
      throw new WhmgenError("enum values must be strings, numbers, Booleans or null", { file: ctx.file, pointer: `${at}/enum` });
    }
    base = { kind: "literal", values: [...new Set(literals)] };
  }
  return hasNull ? union([base, { kind: "null" }]) : base;
}

function isBool01(values: unknown[], type: unknown): boolean {
  if (values.length !== 2) return false;
  const set = new Set(values.map((v) => (type === "integer" || type === undefined || type === "number" ? String(v) : v)));
  return set.has("0") && set.has("1") && type !== "string";
}

function isYesNo(values: unknown[]): boolean {
  return values.length === 2 && values.includes("y") && values.includes("n");
}

/** `type: [integer, 'null']` (3.1) — one member per listed type. */
function typeListShape(schema: Schema, types: unknown[], ctx: ShapeContext, at: string): IrShape {
  return union(types.map((t) => convert({ ...schema, type: t }, ctx, at)));
}

/** `oneOf` / `anyOf`: members inherit the parent's sibling keywords (`anyOf` beside `type`). */
function choiceShape(schema: Schema, ctx: ShapeContext, at: string): IrShape {
  const key = Array.isArray(schema["oneOf"]) ? "oneOf" : "anyOf";
  const { oneOf: _o, anyOf: _a, ...parent } = schema;
  const members = (schema[key] as unknown[]).map((member, i) => {
    const merged = isSchema(member) && member["$ref"] === undefined ? { ...parent, ...member } : member;
    return toShape(merged, ctx, `${at}/${key}/${i}`);
  });
  const shape = union(members);
  return schema["nullable"] === true ? union([shape, { kind: "null" }]) : shape;
}

/** `allOf`: object parts are merged; otherwise the first non-unknown part wins. */
function allOfShape(schema: Schema, ctx: ShapeContext, at: string): IrShape {
  const { allOf, ...rest } = schema;
  const parts = [...(allOf as unknown[]), ...(Object.keys(rest).length ? [rest] : [])];
  const shapes = parts.map((p, i) => toShape(p, ctx, `${at}/allOf/${i}`));
  const objects = shapes.filter((s): s is Extract<IrShape, { kind: "object" }> => s.kind === "object");
  if (objects.length === 0) return shapes.find((s) => s.kind !== "unknown") ?? { kind: "unknown" };
  const byName = new Map<string, IrProperty>();
  for (const o of objects) for (const p of o.properties) byName.set(p.name, { ...p, required: p.required || (byName.get(p.name)?.required ?? false) });
  const merged: IrShape = { kind: "object", properties: [...byName.values()].sort((a, b) => compare(a.name, b.name)) };
  const additional = objects.find((o) => o.additional)?.additional;
  if (additional) merged.additional = additional;
  return merged;
}

/** Flattens and de-duplicates union members; a single member stands alone. */
export function union(members: IrShape[]): IrShape {
  const flat: IrShape[] = [];
  const seen = new Set<string>();
  for (const m of members) {
    for (const part of m.kind === "union" ? m.members : [m]) {
      const key = JSON.stringify(part);
      if (!seen.has(key)) {
        seen.add(key);
        flat.push(part);
      }
    }
  }
  if (flat.length === 1) return flat[0]!;
  return { kind: "union", members: flat };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
