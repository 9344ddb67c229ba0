import { describe, expect, test } from "vitest";
import { bool, decodeEnvelope, list, map, num, WhmEnvelopeError } from "../../templates/runtime/decode.js";

describe("leaf conversions", () => {
  test.each([
    ["1369256589", 1369256589],
    ["0", 0],
    [42, 42],
    ["14M", "14M"],
    ["unlimited", "unlimited"],
    ["", ""],
    [" 1", " 1"],
    [null, null],
  ])("num(%j) = %j", (given, want) => expect(num(given)).toBe(want));
  test("list and map convert in place", () => {
    const rows = ["1", "0", 1];
    expect(list(rows, bool)).toBe(rows);
    expect(rows).toEqual([true, false, true]);
    const m = { a: "1", b: "0" };
    expect(map(m, bool)).toEqual({ a: true, b: false });
    expect(list("not a list", bool)).toBe("not a list");
  });
});

describe("envelope", () => {
  const ok = () => ({ data: { suspended: "1" }, metadata: { command: "x", reason: "OK", result: 1, version: 1 } });
  const decodeData = (d: unknown) => {
    const r = d as { suspended: unknown };
    r.suspended = bool(r.suspended);
    return r as { suspended: boolean };
  };
  test("decodes data on success", () => {
    expect(decodeEnvelope("x", ok(), decodeData).data.suspended).toBe(true);
  });
  test('accepts result "1" and "0" as sent by old builds', () => {
    const r = ok();
    (r.metadata as { result: unknown }).result = "0";
    const decoded = decodeEnvelope("x", r, decodeData);
    expect(decoded.metadata.result).toBe(0);
    expect(decoded.data).toEqual({ suspended: "1" }); // a failure's data is kept as sent
  });
  test.each<[string, unknown, string]>([
    ["not an object", "<html>", "x: malformed WHM API 1 answer: expected an object, got the string \"<html>\""],
    ["no metadata", { data: {} }, '"metadata" is missing'],
    ["metadata not an object", { metadata: [] }, '"metadata" is an array'],
    ["result missing", { metadata: { reason: "OK" } }, '"metadata.result" is missing'],
    ["result not 0/1", { metadata: { result: "yes" } }, '"metadata.result" is the string "yes"'],
  ])("%s is a clear error", (_n, raw, message) => {
    expect(() => decodeEnvelope("x", raw, decodeData)).toThrow(WhmEnvelopeError);
    expect(() => decodeEnvelope("x", raw, decodeData)).toThrow(message);
  });
});
