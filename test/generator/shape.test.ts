import { describe, expect, test } from "vitest";
import { NODE_BUDGET, toShape, type ShapeContext } from "../../generator/ir/shape.js";
import { classify } from "../../generator/ir/params.js";
import type { IrShape } from "../../generator/ir/types.js";

const ctx = (): ShapeContext => ({ file: "t.yaml", budget: NODE_BUDGET, stack: new Set() });
const shape = (schema: unknown): IrShape => toShape(schema, ctx(), "/x");

describe("schemas → shapes", () => {
  test.each<[string, { given: unknown; want: IrShape }]>([
    ["0/1 enum is a WHM Boolean", { given: { type: "integer", enum: [0, 1] }, want: { kind: "bool01" } }],
    ["1/0 enum is a WHM Boolean", { given: { type: "integer", enum: [1, 0] }, want: { kind: "bool01" } }],
    ["enum without type", { given: { enum: [1, 0] }, want: { kind: "bool01" } }],
    ["y/n enum is a flag", { given: { type: "string", enum: ["y", "n"] }, want: { kind: "yesno" } }],
    ['string "0"/"1" enum stays literal', { given: { type: "string", enum: ["0", "1"] }, want: { kind: "literal", values: ["0", "1"] } }],
    ["enum [null]", { given: { enum: [null] }, want: { kind: "null" } }],
    ["3.1 null in type list", { given: { type: ["integer", "null"] }, want: { kind: "union", members: [{ kind: "integer" }, { kind: "null" }] } }],
    ["3.0 nullable", { given: { type: "string", nullable: true }, want: { kind: "union", members: [{ kind: "string" }, { kind: "null" }] } }],
    [
      "cPanel union with enum [null]",
      {
        given: { oneOf: [{ enum: [null] }, { type: "string", enum: ["unlimited"] }, { type: "integer", minimum: 0 }] },
        want: { kind: "union", members: [{ kind: "null" }, { kind: "literal", values: ["unlimited"] }, { kind: "integer" }] },
      },
    ],
    [
      "anyOf next to a sibling type",
      { given: { type: "string", anyOf: [{ format: "email" }, { format: "ipv4" }] }, want: { kind: "union", members: [{ kind: "string", format: "email" }, { kind: "string", format: "ipv4" }] } },
    ],
    [
      "allOf merges object parts",
      {
        given: { allOf: [{ type: "object", properties: { a: { type: "string" } } }, { properties: { b: { type: "integer" } }, required: ["b"] }] },
        want: { kind: "object", properties: [{ name: "a", required: false, shape: { kind: "string" } }, { name: "b", required: true, shape: { kind: "integer" } }] },
      },
    ],
    ["map via additionalProperties", { given: { type: "object", additionalProperties: { type: "integer", enum: [0, 1] } }, want: { kind: "object", properties: [], additional: { kind: "bool01" } } }],
    ["schema with no type", { given: {}, want: { kind: "unknown" } }],
    ["non-standard format kept", { given: { type: "integer", format: "unix_timestamp" }, want: { kind: "integer", format: "unix_timestamp" } }],
    ["3.1 numeric exclusiveMinimum ignored", { given: { type: "integer", exclusiveMinimum: 0 }, want: { kind: "integer" } }],
    ["binary is a file", { given: { type: "string", format: "binary" }, want: { kind: "file" } }],
    ["example beside the schema is ignored", { given: { type: "integer", example: "not a number" }, want: { kind: "integer" } }],
  ])("%s", (_name, { given, want }) => expect(shape(given)).toEqual(want));

  test("properties are sorted by name", () => {
    const s = shape({ type: "object", properties: { b: { type: "string" }, a: { type: "string" }, "acct-summary": {} } });
    expect(s.kind === "object" && s.properties.map((p) => p.name)).toEqual(["a", "acct-summary", "b"]);
  });

  test("a recursive schema stops at the cycle", () => {
    const node: Record<string, unknown> = { type: "object", properties: {} };
    (node["properties"] as Record<string, unknown>)["child"] = node;
    expect(shape(node)).toEqual({ kind: "object", properties: [{ name: "child", required: false, shape: { kind: "unknown" } }] });
  });

  test("an unknown type is an error with file and pointer", () => {
    expect(() => shape({ type: "strnig" })).toThrow("t.yaml at /x/type: unknown schema type \"strnig\"");
  });

  test("an alias bomb runs out of budget instead of memory", () => {
    let node: unknown = { type: "string" };
    for (let i = 0; i < 40; i++) node = { type: "object", properties: { a: node, b: node } };
    expect(() => shape(node)).toThrow(/expands to more than/);
  });
});

describe("parameter kinds and encodings", () => {
  test.each<[string, { given: [IrShape, boolean, boolean]; want: ReturnType<typeof classify> }]>([
    ["0/1 flag", { given: [{ kind: "bool01" }, false, false], want: { kind: "boolean01", encoding: "s" } }],
    ["y/n flag", { given: [{ kind: "yesno" }, false, false], want: { kind: "yesno", encoding: "yn" } }],
    ["repeated array", { given: [{ kind: "array", items: { kind: "string" } }, false, false], want: { kind: "array-repeated", encoding: "rep" } }],
    ["indexed array", { given: [{ kind: "array", items: { kind: "string" } }, true, false], want: { kind: "array-indexed", encoding: "idx" } }],
    ["string or array", { given: [{ kind: "union", members: [{ kind: "string" }, { kind: "array", items: { kind: "string" } }] }, false, false], want: { kind: "array-repeated", encoding: "rep" } }],
    ["JSON content", { given: [{ kind: "object", properties: [] }, false, true], want: { kind: "json", encoding: "json" } }],
    ["union", { given: [{ kind: "union", members: [{ kind: "integer" }, { kind: "literal", values: ["unlimited"] }] }, false, false], want: { kind: "union", encoding: "s" } }],
    ["enum", { given: [{ kind: "literal", values: ["a"] }, false, false], want: { kind: "enum", encoding: "s" } }],
    ["file", { given: [{ kind: "file" }, false, false], want: { kind: "file", encoding: "file" } }],
  ])("%s", (_n, { given, want }) => expect(classify(...given)).toEqual(want));
});
