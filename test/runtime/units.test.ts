/** Small pieces: errors, retries, paging arithmetic, flattening, and the client with a fake transport. */
import { describe, expect, it } from "vitest";
import { createRuntimeClient, WHM_FUNCTIONS } from "../../templates/runtime/client.js";
import { WhmError, isAccessDenied, whmError } from "../../templates/runtime/errors.js";
import { nextChunkStart, rowsOf } from "../../templates/runtime/paginate.js";
import { flattenData } from "../../templates/runtime/result.js";
import { backoffDelay, isRetryable, resolveRetry } from "../../templates/runtime/retry.js";
import type { WhmTransport, WhmTransportRequest } from "../../templates/runtime/transport.js";
import type { WhmChunkMetadata } from "../../templates/runtime/types.js";
import * as registry from "./helpers/functions.js";

describe("WhmError", () => {
  it("carries its info as fields, in JSON, and narrows on kind", () => {
    const error = whmError({ kind: "http", functionName: "version", status: 502 });
    expect(error).toBeInstanceOf(WhmError);
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe("version: the server answered HTTP 502");
    expect(JSON.parse(JSON.stringify(error))).toEqual({ name: "WhmError", kind: "http", functionName: "version", status: 502, message: "version: the server answered HTTP 502" });
    expect(String(error)).toBe("WhmError: version: the server answered HTTP 502");
    if (error.kind === "http") expect(error.status).toBe(502);
  });

  it.each([
    ["Access denied", true],
    ["You do not have permission to run this function.", true],
    ["The token lacks the required privilege.", true],
    ["Sorry, a user with that name already exists.", false],
  ] as const)("isAccessDenied(%j) = %s", (reason, want) => {
    expect(isAccessDenied(reason)).toBe(want);
  });
});

describe("retry", () => {
  it("settings", () => {
    expect(resolveRetry(undefined)).toBeUndefined();
    expect(resolveRetry(false)).toBeUndefined();
    expect(resolveRetry(0)).toBeUndefined();
    expect(resolveRetry(2)).toEqual({ retries: 2, minDelay: 200, maxDelay: 5000 });
    expect(() => resolveRetry(-1)).toThrow(RangeError);
  });

  it("what is worth another try", () => {
    const fn = "f";
    expect(isRetryable(whmError({ kind: "network", functionName: fn }))).toBe(true);
    expect(isRetryable(whmError({ kind: "http", functionName: fn, status: 503 }))).toBe(true);
    expect(isRetryable(whmError({ kind: "not-json", functionName: fn, status: 502 }))).toBe(true);
    expect(isRetryable(whmError({ kind: "http", functionName: fn, status: 404 }))).toBe(false);
    expect(isRetryable(whmError({ kind: "auth", functionName: fn, status: 403 }))).toBe(false);
    expect(isRetryable(whmError({ kind: "timeout", functionName: fn }))).toBe(false);
    expect(isRetryable(whmError({ kind: "tls", functionName: fn }))).toBe(false);
  });

  it("exponential backoff, capped, with jitter between 50 and 100 %", () => {
    const options = { retries: 5, minDelay: 100, maxDelay: 1000 };
    expect([0, 1, 2, 3, 4].map((a) => backoffDelay(a, options, () => 1))).toEqual([100, 200, 400, 800, 1000]);
    expect(backoffDelay(1, options, () => 0)).toBe(100);
  });
});

describe("paging arithmetic", () => {
  it.each([
    ["full page, more records", { chunk: { records: "25" }, start: 1, rows: 10, size: 10 }, 11],
    ["last full page", { chunk: { records: 20 }, start: 11, rows: 10, size: 10 }, undefined],
    ["short page", { chunk: { records: "25" }, start: 21, rows: 5, size: 10 }, undefined],
    ["empty page", { chunk: { records: 0 }, start: 1, rows: 0, size: 10 }, undefined],
    ["no chunk record: the server ignored api.chunk", { chunk: undefined, start: 1, rows: 10, size: 10 }, undefined],
    ["records unknown, full page", { chunk: {}, start: 1, rows: 10, size: 10 }, 11],
  ] as const)("%s", (_name, given, want) => {
    expect(nextChunkStart(given.chunk as WhmChunkMetadata | undefined, given.start, given.rows, given.size)).toBe(want);
  });

  it("finds the rows", () => {
    expect(rowsOf("f", [1, 2])).toEqual([1, 2]);
    expect(rowsOf("f", { acct: [1], count: 1 })).toEqual([1]);
    expect(rowsOf("f", undefined)).toEqual([]);
    expect(() => rowsOf("f", { a: [], b: [] })).toThrow(/several lists/);
  });
});

describe("flattenData", () => {
  it.each([
    ["single-key list", { acct: [1] }, [1]],
    ["two keys", { acct: [1], x: 1 }, { acct: [1], x: 1 }],
    ["single key, not a list", { a: 1 }, { a: 1 }],
    ["already a list", [1], [1]],
    ["nothing", undefined, undefined],
  ] as const)("%s", (_name, given, want) => {
    expect(flattenData(given)).toEqual(want);
  });
});

describe("the client over a fake transport", () => {
  const envelope = (command: string, data: unknown) => ({ data, metadata: { command, result: 1, reason: "OK", version: 1 } });

  it("hands the transport the built request; decodes with the function's decoder", async () => {
    const seen: WhmTransportRequest[] = [];
    const fake: WhmTransport = {
      async send(request) {
        seen.push(request);
        return { ok: true, json: envelope(request.functionName, { acct: [{ user: "a", suspended: "1" }] }) };
      },
    };
    const whm = createRuntimeClient({ transport: fake }, registry);
    const { data } = await whm.listaccts({ search: "a" });
    expect(data.acct[0]?.suspended).toBe(true);
    expect(seen[0]?.url("https://x:2087")).toBe("https://x:2087/json-api/listaccts?api.version=1&search=a");
    expect(whm[WHM_FUNCTIONS]).toBe(registry);
    expect(Object.keys(whm)).toContain("listaccts");
  });

  it("a transport that ignores the signal still times out; one that throws a WhmError is understood", async () => {
    const stuck: WhmTransport = { send: () => new Promise(() => {}) };
    const whm = createRuntimeClient({ transport: stuck, timeout: 50 }, registry);
    await expect(whm.version()).rejects.toMatchObject({ kind: "timeout", timeoutMs: 50 });
    const throwing: WhmTransport = {
      send: async (request) => {
        throw whmError({ kind: "network", functionName: request.functionName, code: "EHOSTUNREACH" });
      },
    };
    await expect(createRuntimeClient({ transport: throwing }, registry).version()).rejects.toMatchObject({ kind: "network", code: "EHOSTUNREACH" });
  });

  it("a decoder that throws on an unexpected shape gives a malformed error", async () => {
    const fake: WhmTransport = { send: async () => ({ ok: true, json: envelope("listaccts", { acct: "not a list" }) }) };
    const broken = { ...registry.listaccts, decode: () => { throw new TypeError("boom"); } };
    const whm = createRuntimeClient({ transport: fake }, { listaccts: { ...broken, request: (p?: object) => ({ ...registry.listaccts.request(p ?? {}), decode: broken.decode }) } as typeof registry.listaccts });
    await expect(whm.listaccts()).rejects.toMatchObject({ kind: "malformed", detail: expect.stringContaining("boom") });
  });

  it("call() with an unknown name needs a name", async () => {
    const whm = createRuntimeClient({ transport: { send: async () => ({ ok: true, json: envelope("x", {}) }) } }, registry);
    expect(() => whm.call("")).toThrow(TypeError);
  });
});
