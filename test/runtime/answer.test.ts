import { describe, expect, it } from "vitest";
import { classifyAnswer, type RawAnswer } from "../../templates/runtime/answer.js";

const DENIED = JSON.stringify({ cpanelresult: { apiversion: "2", error: "Access denied", data: { reason: "Access denied", result: "0" }, type: "text" } });
const ENVELOPE = JSON.stringify({ data: {}, metadata: { command: "f", result: 1, reason: "OK", version: 1 } });

describe("classifyAnswer", () => {
  const cases: [string, { given: RawAnswer; want: Record<string, unknown> | "ok" }][] = [
    ["an envelope under 200", { given: { status: 200, contentType: "application/json", text: ENVELOPE }, want: "ok" }],
    ["an envelope with result 0 is left to the decoder", { given: { status: 200, text: ENVELOPE.replace('"result":1', '"result":0') }, want: "ok" }],
    ["403 with the cpanelresult body", { given: { status: 403, text: DENIED }, want: { kind: "auth", status: 403, reason: "Access denied" } }],
    ["cpanelresult under 200", { given: { status: 200, text: DENIED }, want: { kind: "auth", status: 200, reason: "Access denied" } }],
    ["401 with nothing", { given: { status: 401, text: "" }, want: { kind: "auth", status: 401 } }],
    ["403 with an HTML page is still auth", { given: { status: 403, contentType: "text/html", text: "<html></html>" }, want: { kind: "auth", status: 403 } }],
    ["an HTML login page under 200", { given: { status: 200, contentType: "text/html", text: "<html><title>WHM Login</title></html>" }, want: { kind: "not-json", status: 200, title: "WHM Login" } }],
    ["a proxy page under 502", { given: { status: 502, contentType: "text/html; charset=utf-8", text: "<html><head><title>502 Bad Gateway</title>" }, want: { kind: "not-json", status: 502, title: "502 Bad Gateway" } }],
    ["HTML without a content type", { given: { status: 200, text: "  <!DOCTYPE html><p>hi" }, want: { kind: "not-json" } }],
    ["500 with text", { given: { status: 500, contentType: "text/plain", text: "Internal Server Error" }, want: { kind: "http", status: 500 } }],
    ["404 with a JSON reason", { given: { status: 404, text: '{"reason":"Unknown function"}' }, want: { kind: "http", status: 404, reason: "Unknown function" } }],
    ["truncated JSON", { given: { status: 200, text: '{"data":{"acct":[{"user":"b' }, want: { kind: "malformed", status: 200 } }],
    ["an empty 200", { given: { status: 200, text: "" }, want: { kind: "malformed" } }],
    ["plain text under 200", { given: { status: 200, contentType: "text/plain", text: "OK" }, want: { kind: "not-json", contentType: "text/plain" } }],
    ["no status at all (CLI output)", { given: { text: ENVELOPE }, want: "ok" }],
    ["a cpanelresult success (the `cpanel` function) is not an auth failure", { given: { status: 200, text: '{"cpanelresult":{"data":[{"a":1}],"event":{"result":1}}}' }, want: "ok" }],
  ];
  it.each(cases)("%s", (_name, { given, want }) => {
    const result = classifyAnswer("f", given);
    if (want === "ok") expect(result.ok).toBe(true);
    else {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatchObject({ functionName: "f", ...want });
    }
  });

  it("messages say what happened", () => {
    const page = classifyAnswer("listaccts", { status: 200, contentType: "text/html", text: "<title>WHM Login</title>" });
    expect(!page.ok && page.error.message).toMatch(/HTML page \("WHM Login"\) instead of JSON.*login page/);
    const denied = classifyAnswer("listaccts", { status: 403, text: DENIED });
    expect(!denied.ok && denied.error.message).toMatch(/^listaccts: the server refused the credentials \(HTTP 403: Access denied\)/);
  });
});
