import { describe, expect, it } from "vitest";
import { batchRequest, splitBatch } from "../../templates/runtime/batch.js";
import { decodeEnvelope } from "../../templates/runtime/decode.js";
import { withMetaParams } from "../../templates/runtime/meta.js";
import { createacct, listaccts, version } from "./helpers/functions.js";

const ok = (command: string, data: unknown) => ({ data, metadata: { command, result: 1, reason: "OK", version: 1 } });

describe("batchRequest: the documented wire form", () => {
  it("one form POST with a URI-encoded command per request, then abort_on_error", () => {
    const request = batchRequest([version.request(), createacct.request({ username: "bob", domain: "bob.example", hasshell: true })], { abortOnError: true });
    expect(request.functionName).toBe("batch");
    expect(request.method).toBe("POST");
    expect(request.url("https://h:2087")).toBe("https://h:2087/json-api/batch?api.version=1");
    const body = request.body();
    expect(body).toMatchObject({ kind: "form", contentType: "application/x-www-form-urlencoded" });
    expect(body && "text" in body ? body.text : "").toBe(
      "command=version&command=createacct%3Fusername%3Dbob%26domain%3Dbob.example%26hasshell%3D1&abort_on_error=1",
    );
    // Each command decodes back to the function's own `fn?k=v` form.
    const commands = new URLSearchParams(body && "text" in body ? body.text : "").getAll("command");
    expect(commands).toEqual(["version", "createacct?username=bob&domain=bob.example&hasshell=1"]);
  });

  it("abort_on_error defaults to 0; meta-parameters ride inside their command", () => {
    const request = batchRequest([withMetaParams(listaccts.request(), { chunk: { size: 5 } })]);
    const params = new URLSearchParams((request.body() as { text: string }).text);
    expect(params.get("abort_on_error")).toBe("0");
    expect(params.get("command")).toBe("listaccts?api.chunk.enable=1&api.chunk.start=1&api.chunk.size=5");
  });

  it("is read-only only when every command is", () => {
    expect(batchRequest([version.request(), listaccts.request()]).readOnly).toBe(true);
    expect(batchRequest([version.request(), createacct.request({ username: "a", domain: "b" })]).readOnly).toBe(false);
  });

  it("refuses an empty batch", () => {
    expect(() => batchRequest([])).toThrow(RangeError);
  });
});

describe("splitBatch: data.result[] decoded by each request's own decoder", () => {
  const requests = [version.request(), listaccts.request(), createacct.request({ username: "x", domain: "y" })];

  it("one item per command, typed and decoded", () => {
    const answer = decodeEnvelope("batch", ok("batch", {
      result: [
        ok("version", { version: "11.137.0.1" }),
        ok("listaccts", { acct: [{ user: "bob", suspended: "0", disklimit: "500" }] }),
        { data: null, metadata: { command: "createacct", result: 0, reason: "Sorry, taken." } },
      ],
    }), (d) => d as { result?: unknown[] });
    const [v, l, c] = splitBatch(requests, answer);
    expect(v).toMatchObject({ ok: true, result: { data: { version: "11.137.0.1" }, warnings: [] } });
    expect(l).toMatchObject({ ok: true, result: { data: { acct: [{ user: "bob", suspended: false, disklimit: 500 }] } } });
    expect(c).toMatchObject({ ok: false, error: { kind: "api", functionName: "createacct", reason: "Sorry, taken." } });
  });

  it("commands after an aborting failure are `skipped`; a broken item is `malformed`", () => {
    const answer = decodeEnvelope("batch", {
      data: { result: [{ metadata: "broken" }] },
      metadata: { command: "batch", result: 0, reason: "A batch command failed.", version: 1 },
    }, (d) => d as { result?: unknown[] });
    const items = splitBatch(requests, answer);
    expect(items.map((i) => (i.ok ? "ok" : i.error.kind))).toEqual(["malformed", "skipped", "skipped"]);
    expect(items[1]).toMatchObject({ ok: false, error: { functionName: "listaccts", reason: "A batch command failed." } });
  });
});
