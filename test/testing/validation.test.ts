/**
 * Validation: for each parameter kind a good and a bad value, and the reason the double gives
 * (naming the parameter). Table-driven, at the wire level (what any client sends), then once
 * through the SDK client to show the error a user's test sees.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { defineFunction } from "../../templates/runtime/define.js";
import { createRuntimeClient } from "../../templates/runtime/client.js";
import { createFakeEngine, postOnlyReason, unknownFunctionReason, type FakeEngine } from "../../templates/testing/engine.js";
import { createCatalogFake } from "../../templates/testing/fake.js";
import type { FakeCatalog, FakePair, FakeUpload, FakeWireRequest } from "../../templates/testing/types.js";
import { arr, flag, fn, int, lit, obj, param, quirksCatalog, str, union } from "./helpers/catalogs.js";

/** One function with a parameter of every kind (one of them required). */
const KINDS: FakeCatalog = {
  functions: [
    fn(
      "kinds",
      [
        param("name", "string", str, { required: true }),
        param("count", "integer", int),
        param("ratio", "number", { kind: "number" }),
        param("enabled", "boolean01", flag),
        param("dedicated", "yesno", { kind: "yesno" }),
        param("strict", "boolean", { kind: "boolean" }),
        param("mode", "enum", lit("exact", "regex")),
        param("quota", "union", union({ kind: "null" }, lit("unlimited"), int)),
        param("config", "json", obj(["enabled", flag])),
        param("settings", "object", obj()),
        param("ids", "array-repeated", arr(int)),
        param("ip", "array-indexed", arr(str)),
        param("level", "array-indexed", arr(int)),
        param("upload", "file", { kind: "file" }),
        param("password", "integer", int, { secret: true }),
        param("MXCHECK-*", "enum", lit("local", "remote")),
      ],
      obj(["ok", flag]),
    ),
  ],
};

const upload: FakeUpload = { name: "a.txt", size: 3, type: "text/plain" };

function request(name: string, pairs: FakePair[], more: Partial<FakeWireRequest> = {}): FakeWireRequest {
  return { method: "GET", functionName: name, query: [["api.version", "1"], ...pairs], ...more };
}

async function answer(engine: FakeEngine, req: FakeWireRequest): Promise<{ result: number; reason: string }> {
  const reply = await engine.handle(req);
  if (reply.kind !== "answer") throw new Error(`unexpected ${reply.kind}`);
  return (JSON.parse(reply.body) as { metadata: { result: number; reason: string } }).metadata;
}

type Row = [kind: string, good: FakePair[], bad: FakePair[], reason: string];

const NAME: FakePair = ["name", "x"];

const table: Row[] = [
  ["string (required)", [NAME], [], "Provide the “name” parameter."],
  ["integer", [NAME, ["count", "42"]], [NAME, ["count", "4.2"]], "The “count” parameter must be an integer, not “4.2”."],
  ["number", [NAME, ["ratio", "0.25"]], [NAME, ["ratio", "a quarter"]], "The “ratio” parameter must be a number, not “a quarter”."],
  ["boolean01 (0/1 flag)", [NAME, ["enabled", "1"]], [NAME, ["enabled", "true"]], "The “enabled” parameter must be 1 or 0, not “true”."],
  ["yesno (y/n flag)", [NAME, ["dedicated", "y"]], [NAME, ["dedicated", "1"]], "The “dedicated” parameter must be “y” or “n”, not “1”."],
  ["boolean", [NAME, ["strict", "0"]], [NAME, ["strict", "false"]], "The “strict” parameter must be 1 or 0, not “false”."],
  ["enum", [NAME, ["mode", "regex"]], [NAME, ["mode", "fuzzy"]], "The “mode” parameter must be one of “exact” or “regex”, not “fuzzy”."],
  ["union (null | unlimited | integer)", [NAME, ["quota", "unlimited"]], [NAME, ["quota", "lots"]], "The “quota” parameter must be empty, “unlimited” or an integer, not “lots”."],
  ["union, empty value as null", [NAME, ["quota", ""]], [NAME, ["quota", "-"]], "The “quota” parameter must be empty, “unlimited” or an integer, not “-”."],
  ["json", [NAME, ["config", '{"enabled":1}']], [NAME, ["config", "{enabled: 1"]], "The “config” parameter must be a JSON object, not “{enabled: 1”."],
  ["object (JSON-encoded)", [NAME, ["settings", "{}"]], [NAME, ["settings", "[1,2]"]], "The “settings” parameter must be a JSON object, not “[1,2]”."],
  ["array-repeated", [NAME, ["ids", "1"], ["ids", "2"]], [NAME, ["ids", "1"], ["ids", "two"]], "The “ids” parameter must be an integer, not “two”."],
  ["array-indexed", [NAME, ["level-1", "1"], ["level-2", "2"]], [NAME, ["level-1", "1"], ["level-2", "high"]], "The “level” parameter must be an integer, not “high”."],
  ["secret (value never shown)", [NAME, ["password", "12345"]], [NAME, ["password", "hunter2"]], "The “password” parameter must be an integer."],
  ["wildcard name (MXCHECK-*)", [NAME, ["MXCHECK-bob.example", "local"]], [NAME, ["MXCHECK-bob.example", "elsewhere"]], "The “MXCHECK-bob.example” parameter must be one of “local” or “remote”, not “elsewhere”."],
];

describe("validation table: a good and a bad value per kind", () => {
  const engine = createFakeEngine(KINDS);

  it.each(table)("%s", async (_kind, good, bad, reason) => {
    expect(await answer(engine, request("kinds", good))).toMatchObject({ result: 1, reason: "OK" });
    expect(await answer(engine, request("kinds", bad))).toEqual({ command: "kinds", result: 0, reason, version: 1 });
  });

  it("file: an upload is good, a text value is not", async () => {
    expect(await answer(engine, request("kinds", [NAME], { method: "POST", files: [["upload", upload]] }))).toMatchObject({ result: 1 });
    expect(await answer(engine, request("kinds", [NAME, ["upload", "a.txt"]]))).toMatchObject({
      result: 0,
      reason: "The “upload” parameter must be a file upload (multipart/form-data), not “a.txt”.",
    });
  });

  it("a JSON body: values typed by JSON, checked the same way", async () => {
    expect(await answer(engine, request("kinds", [], { method: "POST", json: '{"name":"x","count":3,"enabled":1,"ids":[1,2]}' }))).toMatchObject({ result: 1 });
    expect(await answer(engine, request("kinds", [], { method: "POST", json: '{"name":"x","enabled":true,"count":1.5}' }))).toMatchObject({
      result: 0,
      reason: "The “count” parameter must be an integer, not “1.5”.",
    });
    expect(await answer(engine, request("kinds", [], { method: "POST", json: "{broken" }))).toMatchObject({ result: 0, reason: "The request body is not valid JSON." });
  });

  it("parameters the description does not name are accepted, as WHM ignores them", async () => {
    expect(await answer(engine, request("kinds", [NAME, ["nonsense", "1"]]))).toMatchObject({ result: 1 });
  });
});

describe("validation on cPanel's quirks (test/fixtures/quirks)", () => {
  let engine: FakeEngine;
  beforeAll(async () => {
    engine = createFakeEngine(await quirksCatalog());
  });

  it("an unknown function: result 0 with the reason a WHM server gives", async () => {
    expect(await answer(engine, request("no_such_function", []))).toEqual({
      command: "no_such_function",
      result: 0,
      reason: "Unknown app (“no_such_function”) requested for this version (1) of the API.",
      version: 1,
    });
    expect(unknownFunctionReason("x")).toBe("Unknown app (“x”) requested for this version (1) of the API.");
  });

  it("a POST-only function called by GET", async () => {
    expect(await answer(engine, request("set_hostname_form", [["hostname", "h.example"]]))).toMatchObject({ result: 0, reason: postOnlyReason("set_hostname_form") });
    expect(await answer(engine, request("set_hostname_form", [], { method: "POST", form: [["hostname", "h.example"]] }))).toMatchObject({ result: 1 });
  });

  it("required parameters of cPanel's document: missing, indexed list, JSON body, upload", async () => {
    expect(await answer(engine, request("createacct", [["username", "bob"]]))).toMatchObject({ result: 0, reason: "Provide the “domain” parameter." });
    expect(await answer(engine, request("create_cphulk_record", [["list_name", "white"]]))).toMatchObject({ result: 0, reason: "Provide the “ip” parameter." });
    expect(await answer(engine, request("create_cphulk_record", [["list_name", "white"], ["ip-1", "192.0.2.1"], ["ip-2", "192.0.2.2"]]))).toMatchObject({ result: 1 });
    expect(await answer(engine, request("personalization_set", [], { method: "POST", json: '{"store":"x"}' }))).toMatchObject({ result: 0, reason: "Provide the “personalization” parameter." });
    expect(await answer(engine, request("upload_locale", [], { method: "POST", form: [["name", "x"]] }))).toMatchObject({ result: 0, reason: "Provide the “file” parameter." });
    expect(await answer(engine, request("upload_locale", [], { method: "POST", files: [["file", upload]] }))).toMatchObject({ result: 1 });
  });

  it("without api.version=1 the answer is not WHM API 1 (a server answers as WHM API 0)", async () => {
    const reply = await engine.handle({ method: "GET", functionName: "version", query: [] });
    expect(reply.kind === "answer" && JSON.parse(reply.body)).toMatchObject({ status: 0, statusmsg: expect.stringContaining("api.version=1") });
  });
});

describe("what a user's test sees", () => {
  it("a missing required parameter fails the call with a reason naming it", async () => {
    const register = defineFunction<{ name?: string; enabled?: boolean }, { ok: boolean }>({
      name: "kinds",
      method: "GET",
      body: "query",
      readOnly: true,
      params: { name: ["name", "s"], enabled: ["enabled", "s"] },
    });
    const whm = createRuntimeClient({ transport: createCatalogFake(KINDS) }, { kinds: register });
    await expect(whm.kinds({ enabled: true })).rejects.toMatchObject({
      kind: "api",
      reason: "Provide the “name” parameter.",
      message: "kinds failed: Provide the “name” parameter.",
    });
    expect((await whm.kinds({ name: "x", enabled: true })).metadata.result).toBe(1);
  });
});
