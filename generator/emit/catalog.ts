/**
 * `generated/catalog.json`: the machine-readable contract other SDKs generate from.
 * Key order is fixed by construction; lists are sorted; nothing depends on the machine.
 */
import type { IrParam, IrProperty, IrShape } from "../ir/types.js";
import type { EmitPlan } from "./plan.js";

export const CATALOG_FORMAT_VERSION = 1;

function shapeJson(shape: IrShape): unknown {
  switch (shape.kind) {
    case "array":
      return { kind: "array", items: shapeJson(shape.items) };
    case "object":
      return {
        kind: "object",
        properties: shape.properties.map(propertyJson),
        ...(shape.additional ? { additional: shapeJson(shape.additional) } : {}),
      };
    case "union":
      return { kind: "union", members: shape.members.map(shapeJson) };
    default:
      return shape;
  }
}

function propertyJson(p: IrProperty): unknown {
  return { name: p.name, required: p.required, ...(p.deprecated ? { deprecated: true } : {}), shape: shapeJson(p.shape) };
}

function paramJson(p: IrParam): unknown {
  return {
    name: p.name,
    required: p.required,
    kind: p.kind,
    encoding: p.encoding,
    location: p.location,
    deprecated: p.deprecated,
    secret: p.secret,
    ...(p.default !== undefined ? { default: p.default } : {}),
    ...(p.index ? { index: p.index } : {}),
    shape: shapeJson(p.shape),
  };
}

export function catalogJson(plan: EmitPlan): string {
  return catalogText(catalogOf(plan));
}

/** catalog.json's text for the value {@link catalogOf} built. */
export function catalogText(catalog: object): string {
  return JSON.stringify(catalog, null, 2) + "\n";
}

/**
 * catalog.json's value as built, before it is written: plain data, but a number JSON cannot
 * hold (an enum value `.nan` or `.inf`) is still a number here and `null` in the file. Whatever
 * compares catalogs reads the file's value (`JSON.parse` of the text), never this one.
 */
export function catalogOf(plan: EmitPlan): object {
  return {
    formatVersion: CATALOG_FORMAT_VERSION,
    generator: "whmgen",
    specVersion: plan.api.version,
    openapi: plan.api.openapi,
    functions: plan.functions.map(({ fn, exportName, module }) => ({
      name: fn.name,
      exportName,
      module,
      category: fn.category,
      ...(fn.group !== undefined ? { group: fn.group } : {}),
      summary: fn.summary ?? null,
      docsUrl: fn.docsUrl,
      method: fn.method,
      body: fn.body,
      readOnly: fn.readOnly,
      deprecated: fn.deprecated,
      since: fn.since ?? null,
      seeded: fn.seeded,
      payloadIsLiteral: fn.payloadIsLiteral,
      freeParams: fn.freeParams,
      partial: fn.partial,
      params: fn.params.map(paramJson),
      data: fn.seeded ? { kind: "unknown" } : fn.data === undefined ? null : shapeJson(fn.data),
      metadata: fn.metadata.map(propertyJson),
    })),
    skipped: plan.api.skipped.map((s) => ({ name: s.name, reason: s.reason, file: s.source.file, pointer: s.source.pointer })),
  };
}
