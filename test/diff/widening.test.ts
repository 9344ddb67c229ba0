/**
 * The rules under the report, on shapes and catalogs built in code: widening, wire encodings,
 * the semver step, path and type notation.
 */
import { describe, expect, test } from "vitest";
import { diffApis, isCompatible, isSubshape, renderShape, suggestBump, wireCompatible, type CatalogFunction, type CatalogLike, type CatalogShape, type Change } from "../../generator/diff/index.js";
import { code, joinPath } from "../../generator/diff/walk.js";

const S = { kind: "string" } as const;
const I = { kind: "integer" } as const;
const N = { kind: "number" } as const;
const NULL = { kind: "null" } as const;
const U = { kind: "unknown" } as const;
const lit = (...values: (string | number | boolean)[]): CatalogShape => ({ kind: "literal", values });
const union = (...members: CatalogShape[]): CatalogShape => ({ kind: "union", members });
const arr = (items: CatalogShape): CatalogShape => ({ kind: "array", items });
const obj = (props: Record<string, [CatalogShape, boolean?]>, additional?: CatalogShape): CatalogShape => ({
  kind: "object",
  properties: Object.entries(props).map(([name, [shape, required]]) => ({ name, required: required === true, shape })),
  ...(additional ? { additional } : {}),
});

describe("widening of a parameter (old ⊆ new)", () => {
  test.each<[string, { old: CatalogShape; next: CatalogShape; want: boolean }]>([
    ["same type", { old: S, next: S, want: true }],
    ["integer → number", { old: I, next: N, want: true }],
    ["number → integer", { old: N, next: I, want: false }],
    ["integer → union containing integer", { old: I, next: union(I, lit("unlimited")), want: true }],
    ["union member added", { old: union(I, NULL), next: union(I, NULL, lit("unlimited")), want: true }],
    ["union member removed", { old: union(I, NULL), next: I, want: false }],
    ["enum value added", { old: lit("a", "b"), next: lit("a", "b", "c"), want: true }],
    ["enum value removed", { old: lit("a", "b"), next: lit("a"), want: false }],
    ["enum → its base type", { old: lit("a", "b"), next: S, want: true }],
    ["whole-number literals → integer", { old: lit(1, 2), next: I, want: true }],
    ["fractional literal → integer", { old: lit(1.5), next: I, want: false }],
    ["literal values spread over union members", { old: lit("a", "b"), next: union(lit("a"), S), want: true }],
    ["anything → unknown", { old: obj({ a: [S] }), next: U, want: true }],
    ["unknown → anything else", { old: U, next: S, want: false }],
    ["0/1 flag → integer (SDKs map flags to Booleans)", { old: { kind: "bool01" }, next: I, want: false }],
    ["0/1 flag → y/n flag", { old: { kind: "bool01" }, next: { kind: "yesno" }, want: false }],
    ["array items widened", { old: arr(I), next: arr(N), want: true }],
    ["scalar → scalar or array of it", { old: S, next: union(S, arr(S)), want: true }],
    ["object: optional property added", { old: obj({ a: [S, true] }), next: obj({ a: [S, true], b: [S] }), want: true }],
    ["object: required property added", { old: obj({ a: [S, true] }), next: obj({ a: [S, true], b: [S, true] }), want: false }],
    ["object: property removed", { old: obj({ a: [S], b: [S] }), next: obj({ a: [S] }), want: false }],
    ["object: property removed but taken by the map", { old: obj({ a: [S], b: [S] }), next: obj({ a: [S] }, S), want: true }],
    ["object: property became required", { old: obj({ a: [S] }), next: obj({ a: [S, true] }), want: false }],
    ["object: property became optional", { old: obj({ a: [S, true] }), next: obj({ a: [S] }), want: true }],
    ["object: map values lost", { old: obj({}, S), next: obj({}), want: false }],
    ["object: map values gained", { old: obj({}), next: obj({}, S), want: true }],
  ])("%s", (_name, { old, next, want }) => {
    expect(isSubshape(old, next, "in")).toBe(want);
    expect(isCompatible(old, next, "in")).toBe(want);
  });
});

describe("compatibility of a response field (new ⊆ old)", () => {
  test.each<[string, { old: CatalogShape; next: CatalogShape; want: boolean }]>([
    ["null added", { old: S, next: union(S, NULL), want: false }],
    ["null dropped", { old: union(S, NULL), next: S, want: true }],
    ["enum value added", { old: lit("a"), next: lit("a", "b"), want: false }],
    ["enum value removed", { old: lit("a", "b"), next: lit("a"), want: true }],
    ["documented at last (unknown → object)", { old: U, next: obj({ a: [S] }), want: true }],
    ["no longer documented (object → unknown)", { old: obj({ a: [S] }), next: U, want: false }],
    ["integer → number", { old: I, next: N, want: false }],
    ["property added", { old: obj({ a: [S] }), next: obj({ a: [S], b: [S] }), want: true }],
    ["property removed", { old: obj({ a: [S], b: [S] }), next: obj({ a: [S] }), want: false }],
    ["property became optional", { old: obj({ a: [S, true] }), next: obj({ a: [S] }), want: false }],
    ["property became required", { old: obj({ a: [S] }), next: obj({ a: [S, true] }), want: true }],
    ["map values lost", { old: obj({}, I), next: obj({}), want: false }],
    ["map values gained", { old: obj({}), next: obj({}, I), want: true }],
  ])("%s", (_name, { old, next, want }) => expect(isCompatible(old, next, "out")).toBe(want));
});

describe("wire encodings", () => {
  test.each<[string, { old: string; next: string; want: boolean }]>([
    ["same", { old: "s", next: "s", want: true }],
    ["scalar → repeated (one value, one pair)", { old: "s", next: "rep", want: true }],
    ["scalar → indexed (name-1=…)", { old: "s", next: "idx", want: false }],
    ["repeated → indexed", { old: "rep", next: "idx", want: false }],
    ["repeated → scalar", { old: "rep", next: "s", want: false }],
    ["1/0 → y/n", { old: "s", next: "yn", want: false }],
  ])("%s", (_name, { old, next, want }) => expect(wireCompatible(old, next)).toBe(want));
});

describe("semver step", () => {
  const change = (kind: Change["kind"], severity: Change["severity"]): Change => ({ function: "f", kind, severity, message: "m" });
  test.each<[string, { changes: Change[]; same: boolean; want: string }]>([
    ["nothing changed", { changes: [], same: true, want: "none" }],
    ["only the spec version moved", { changes: [], same: false, want: "patch" }],
    ["only an un-deprecation", { changes: [change("function-undeprecated", "info")], same: true, want: "patch" }],
    ["a deprecation (semver §7)", { changes: [change("param-deprecated", "info")], same: true, want: "minor" }],
    ["a compatible change", { changes: [change("function-added", "compatible")], same: true, want: "minor" }],
    ["a breaking change wins", { changes: [change("function-added", "compatible"), change("param-removed", "breaking")], same: false, want: "major" }],
  ])("%s", (_name, { changes, same, want }) => expect(suggestBump(changes, same)).toBe(want));
});

describe("catalogs built in code", () => {
  const fn = (name: string, over: Partial<CatalogFunction> = {}): CatalogFunction => ({
    name,
    exportName: name,
    module: "m",
    method: "GET",
    body: "query",
    deprecated: false,
    freeParams: false,
    partial: false,
    params: [],
    data: null,
    metadata: [],
    ...over,
  });
  const catalog = (specVersion: string, functions: CatalogFunction[]): CatalogLike => ({ formatVersion: 1, generator: "whmgen", specVersion, functions });

  test("identical catalogs: no changes, bump none", () => {
    const c = catalog("11.1.0.0", [fn("a"), fn("b", { data: obj({ x: [I] }) })]);
    expect(diffApis(c, c)).toEqual({ old: { specVersion: "11.1.0.0" }, new: { specVersion: "11.1.0.0" }, semver: "none", summary: { breaking: 0, compatible: 0, info: 0, functions: 0 }, changes: [] });
  });

  test("a seeded function becoming described: closed parameters, typed data", () => {
    const seeded = fn("s", { freeParams: true, data: U });
    const described = fn("s", { params: [{ name: "user", required: true, kind: "string", encoding: "s", deprecated: false, shape: S }], data: obj({ ok: [{ kind: "bool01" }] }) });
    const diff = diffApis(catalog("1", [seeded]), catalog("2", [described]));
    expect(diff.changes.map((c) => `${c.kind} ${c.severity}`)).toEqual(["params-closed breaking", "param-added breaking", "field-type-changed compatible"]);
  });

  test("changes are sorted by function, then call, parameters and answer, then path", () => {
    const old = catalog("1", [fn("z"), fn("b", { data: obj({ a: [S] }) })]);
    const next = catalog("2", [fn("a"), fn("b", { deprecated: true, params: [{ name: "p", required: false, kind: "string", encoding: "s", deprecated: false, shape: S }], data: obj({}) })]);
    expect(diffApis(old, next).changes.map((c) => `${c.function} ${c.kind}`)).toEqual(["a function-added", "b function-deprecated", "b param-added", "b field-removed", "z function-removed"]);
  });
});

describe("notation", () => {
  test.each<[string, { shape: CatalogShape; want: string; deep?: boolean }]>([
    ["scalars by kind", { shape: union(I, NULL, { kind: "bool01" }), want: "integer | null | bool01" }],
    ["literals as JSON", { shape: lit("a", 1, true), want: '"a" | 1 | true' }],
    ["array of a union", { shape: arr(union(S, I)), want: "(string | integer)[]" }],
    ["objects abbreviated", { shape: arr(obj({ a: [S] })), want: "object[]" }],
    ["objects in full", { shape: obj({ a: [S, true], "b-c": [I] }, S), deep: true, want: '{ a: string; "b-c"?: integer; [key]: string }' }],
  ])("%s", (_name, { shape, want, deep }) => expect(renderShape(shape, deep)).toBe(want));

  test("paths: dots, and brackets for names that are not plain", () => {
    expect(joinPath("", "acct")).toBe("acct");
    expect(joinPath("data.acct[]", "acct-summary")).toBe("data.acct[].acct-summary");
    expect(joinPath("", "cpanel.function")).toBe('["cpanel.function"]');
    expect(joinPath("opts", "MXCHECK-*")).toBe('opts["MXCHECK-*"]');
  });

  test("Markdown code spans survive backticks", () => {
    expect(code("a")).toBe("`a`");
    expect(code("a`b")).toBe("``a`b``");
    expect(code("`x")).toBe("`` `x ``");
  });
});
