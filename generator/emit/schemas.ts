/**
 * `generated/schemas/<module>.json`: one JSON Schema (2020-12) document per category module,
 * holding one schema per function under `$defs` (`#/$defs/<function>`), each with its
 * parameters (`$defs/params`) and its `data` (`$defs/data`) in wire terms (0/1 flags as
 * integers, y/n as strings), annotated with `x-whm-kind` where WHM gives a value a meaning
 * JSON Schema cannot say. A generator for another language can be built on these without
 * reading OpenAPI. One file per module rather than per function: with cPanel's ~625 functions,
 * per-function files were two thirds of all files written, and file creation dominated the
 * write phase (bench/HISTORY.md).
 */
import type { IrFunction, IrParam, IrShape } from "../ir/types.js";
import type { EmitPlan } from "./plan.js";

type Schema = Record<string, unknown>;

export function shapeSchema(shape: IrShape): Schema {
  switch (shape.kind) {
    case "string":
    case "integer":
    case "number":
      return shape.format ? { type: shape.kind, format: shape.format } : { type: shape.kind };
    case "bool01":
      return { type: "integer", enum: [0, 1], "x-whm-kind": "bool01" };
    case "yesno":
      return { type: "string", enum: ["y", "n"], "x-whm-kind": "yesno" };
    case "boolean":
      return { type: "boolean" };
    case "null":
      return { type: "null" };
    case "literal":
      return { enum: shape.values };
    case "array":
      return { type: "array", items: shapeSchema(shape.items) };
    case "object": {
      const schema: Schema = { type: "object", properties: Object.fromEntries(shape.properties.map((p) => [p.name, shapeSchema(p.shape)])) };
      const required = shape.properties.filter((p) => p.required).map((p) => p.name);
      if (required.length) schema["required"] = required;
      if (shape.additional) schema["additionalProperties"] = shapeSchema(shape.additional);
      return schema;
    }
    case "union":
      return { anyOf: shape.members.map(shapeSchema) };
    case "file":
      return { type: "string", contentMediaType: "application/octet-stream", "x-whm-kind": "file" };
    default:
      return {};
  }
}

function paramSchema(p: IrParam): Schema {
  return {
    ...shapeSchema(p.shape),
    "x-whm-param-kind": p.kind,
    "x-whm-encoding": p.encoding,
    ...(p.default !== undefined ? { default: p.default } : {}),
    ...(p.deprecated ? { deprecated: true } : {}),
  };
}

export function functionSchema(fn: IrFunction): Schema {
  const params: Schema = fn.freeParams
    ? { type: "object", additionalProperties: true }
    : {
        type: "object",
        properties: Object.fromEntries(fn.params.map((p) => [p.name, paramSchema(p)])),
        ...(fn.params.some((p) => p.required) ? { required: fn.params.filter((p) => p.required).map((p) => p.name) } : {}),
        additionalProperties: fn.partial,
      };
  const data: Schema = fn.seeded || fn.data === undefined ? {} : shapeSchema(fn.data);
  return {
    $id: `urn:whmapi1:function:${encodeURIComponent(fn.name)}`,
    title: fn.name,
    ...(fn.summary ? { description: fn.summary } : {}),
    "x-whm-method": fn.method,
    "x-whm-body": fn.body,
    ...(fn.data === undefined && !fn.seeded ? { "x-whm-no-data": true } : {}),
    $defs: { params, data },
  };
}

/** The schema document of a category module. */
export function schemaFileName(module: string): string {
  return `schemas/${module}.json`;
}

export function schemaFiles(plan: EmitPlan): [string, string][] {
  return plan.modules.map((mod) => {
    const doc = {
      $schema: "https://json-schema.org/draft/2020-12/schema",
      $id: `urn:whmapi1:module:${mod.name}`,
      title: mod.category,
      description: `Parameters and data of the WHM API 1 functions in the ${JSON.stringify(mod.category)} category: one schema per function under $defs.`,
      $defs: Object.fromEntries(mod.functions.map((f) => [f.fn.name, functionSchema(f.fn)])),
    };
    return [schemaFileName(mod.name), JSON.stringify(doc, null, 2) + "\n"];
  });
}
