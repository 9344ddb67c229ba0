/** OpenAPI Overlay 1.0: parsing with errors that name the place, and the update/remove semantics. */
import { describe, expect, test } from "vitest";
import { applyOverlays, parseOverlay, type Overlay } from "../../generator/import/overlay.js";

const EVIDENCE = "https://api.docs.cpanel.net/openapi/whm/operation/x";

function overlay(actions: unknown[]): Overlay {
  return parseOverlay(JSON.stringify({ overlay: "1.0.0", info: { title: "t", version: "1" }, actions }), "o.json");
}

function doc(): Record<string, unknown> {
  return {
    paths: {
      "/a": { get: { tags: ["T"], parameters: [{ name: "x", schema: { type: "string" } }, { name: "y", schema: { type: "integer" } }] } },
      "/b": { get: { tags: ["T"], parameters: [] } },
    },
  };
}

describe("applying actions", () => {
  test.each([
    [
      "update merges into an object, nested objects key by key",
      { target: "$.paths['/a'].get.parameters[?@.name=='y']", update: { schema: { enum: [1, 0] }, "x-whm-multivalue": "indexed" } },
      (d: any) => expect(d.paths["/a"].get.parameters[1]).toEqual({ name: "y", schema: { type: "integer", enum: [1, 0] }, "x-whm-multivalue": "indexed" }),
    ],
    [
      "update on an array appends",
      { target: "$.paths['/b'].get.parameters", update: { name: "z", in: "query", schema: { type: "string" } } },
      (d: any) => expect(d.paths["/b"].get.parameters).toEqual([{ name: "z", in: "query", schema: { type: "string" } }]),
    ],
    [
      "arrays inside an update replace",
      { target: "$.paths['/a'].get", update: { tags: ["U"] } },
      (d: any) => expect(d.paths["/a"].get.tags).toEqual(["U"]),
    ],
    [
      "remove deletes every match, array elements included",
      { target: "$.paths[*].get.parameters[?@.name=='x' || @.name=='y']", remove: true },
      (d: any) => expect(d.paths["/a"].get.parameters).toEqual([]),
    ],
    [
      "remove deletes an object key",
      { target: "$.paths['/b']", remove: true },
      (d: any) => expect(Object.keys(d.paths)).toEqual(["/a"]),
    ],
  ])("%s", (_name, action, check) => {
    const d = doc();
    const [outcome] = applyOverlays(d, [overlay([{ description: "why", "x-evidence": EVIDENCE, ...action }])]);
    expect(outcome!.matched).toBeGreaterThan(0);
    check(d);
  });

  test("a target that matches nothing is reported, and changes nothing", () => {
    const d = doc();
    const outcomes = applyOverlays(d, [overlay([{ target: "$.paths['/gone'].get", description: "why", "x-evidence": EVIDENCE, update: { deprecated: true } }])]);
    expect(outcomes.map((o) => o.matched)).toEqual([0]);
    expect(d).toEqual(doc());
  });

  test("actions run in order: a later one sees the earlier one's result", () => {
    const d = doc();
    const outcomes = applyOverlays(d, [
      overlay([
        { target: "$.paths['/b'].get", description: "add", "x-evidence": EVIDENCE, update: { deprecated: true } },
        { target: "$.paths[?@.get.deprecated==true]", description: "then remove", "x-evidence": EVIDENCE, remove: true },
      ]),
    ]);
    expect(outcomes.map((o) => o.matched)).toEqual([1, 1]);
    expect(Object.keys(d["paths"] as object)).toEqual(["/a"]);
  });

  test("an update value is copied, never shared between matches", () => {
    const d = doc();
    applyOverlays(d, [overlay([{ target: "$.paths[*].get", description: "why", "x-evidence": EVIDENCE, update: { "x-list": [1] } }])]);
    const paths = d["paths"] as Record<string, { get: { "x-list": number[] } }>;
    paths["/a"]!.get["x-list"].push(2);
    expect(paths["/b"]!.get["x-list"]).toEqual([1]);
  });
});

describe("errors name the overlay file and the action", () => {
  test.each([
    ["no overlay header", { info: { title: "t", version: "1" }, actions: [] }, "o.json at /overlay"],
    ["no actions", { overlay: "1.0.0", info: { title: "t", version: "1" }, actions: [] }, "o.json at /actions"],
    ["a reason over two lines", { overlay: "1.0.0", info: { title: "t", version: "1" }, actions: [{ target: "$", description: "a\nb", "x-evidence": EVIDENCE, update: {} }] }, "o.json at /actions/0/description"],
    ["no evidence", { overlay: "1.0.0", info: { title: "t", version: "1" }, actions: [{ target: "$", description: "a", update: {} }] }, "o.json at /actions/0/x-evidence"],
    ["neither update nor remove", { overlay: "1.0.0", info: { title: "t", version: "1" }, actions: [{ target: "$.x", description: "a", "x-evidence": EVIDENCE }] }, "o.json at /actions/0"],
    ["a target that is not JSONPath", { overlay: "1.0.0", info: { title: "t", version: "1" }, actions: [{ target: "paths", description: "a", "x-evidence": EVIDENCE, update: {} }] }, "o.json at /actions/0/target"],
  ])("%s", (_name, value, place) => {
    expect(() => parseOverlay(JSON.stringify(value), "o.json")).toThrow(place);
  });

  test("an invalid JSONPath expression is reported at its target", () => {
    const o = overlay([{ target: "$.paths[?@.name==]", description: "why", "x-evidence": EVIDENCE, update: {} }]);
    expect(() => applyOverlays(doc(), [o])).toThrow(/o\.json at \/actions\/0\/target: "target" is not a valid JSONPath/);
  });

  test("an update that cannot merge into what the target matches", () => {
    const o = overlay([{ target: "$.paths['/a'].get.tags[0]", description: "why", "x-evidence": EVIDENCE, update: { a: 1 } }]);
    expect(() => applyOverlays(doc(), [o])).toThrow("o.json at /actions/0/update");
  });
});
