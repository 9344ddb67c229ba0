import { describe, expect, test } from "vitest";
import { fromWhmBoolean, fromWhmYesNo, toWhmBoolean, toWhmYesNo } from "../../templates/runtime/boolean.js";
import { defineFunction } from "../../templates/runtime/define.js";
import { encodeParams, toArgv, toQueryString, type ParamTable } from "../../templates/runtime/encode.js";

describe("Booleans both ways", () => {
  test.each([
    [true, 1],
    [false, 0],
    [1, 1],
    [0, 0],
    ["1", 1],
    ["0", 0],
  ] as const)("toWhmBoolean(%j) = %j", (given, want) => expect(toWhmBoolean(given)).toBe(want));
  test.each([
    [1, true],
    ["1", true],
    [0, false],
    ["0", false],
    ["", false],
    [true, true],
    ["unlimited", "unlimited"],
    [null, null],
  ])("fromWhmBoolean(%j) = %j", (given, want) => expect(fromWhmBoolean(given)).toBe(want));
  test("y/n flags", () => {
    expect(toWhmYesNo(true)).toBe("y");
    expect(toWhmYesNo(false)).toBe("n");
    expect(toWhmYesNo("n")).toBe("n");
    expect(fromWhmYesNo("y")).toBe(true);
    expect(fromWhmYesNo("n")).toBe(false);
    expect(fromWhmYesNo("maybe")).toBe("maybe");
  });
});

describe("parameters → wire pairs", () => {
  const table: ParamTable = { ip: ["ip", "yn"], config: ["config", "json"], domains: ["domain", "rep"], ips: ["ip", "idx"] };
  test.each<[string, { given: Record<string, unknown>; want: [string, string][] }]>([
    ["booleans as 1/0", { given: { hasshell: true, cgi: false }, want: [["hasshell", "1"], ["cgi", "0"]] }],
    ["y/n flag from boolean", { given: { ip: true }, want: [["ip", "y"]] }],
    ["y/n flag passes y/n", { given: { ip: "n" }, want: [["ip", "n"]] }],
    ["union member number", { given: { bwlimit: 500 }, want: [["bwlimit", "500"]] }],
    ["union member literal", { given: { bwlimit: "unlimited" }, want: [["bwlimit", "unlimited"]] }],
    ["null is an empty value", { given: { quota: null }, want: [["quota", ""]] }],
    ["undefined is left out", { given: { quota: undefined, user: "bob" }, want: [["user", "bob"]] }],
    ["JSON parameter", { given: { config: { enabled: 1, names: ["a"] } }, want: [["config", '{"enabled":1,"names":["a"]}']] }],
    ["repeated array", { given: { domains: ["a.example", "b.example"] }, want: [["domain", "a.example"], ["domain", "b.example"]] }],
    ["repeated array given one value", { given: { domains: "a.example" }, want: [["domain", "a.example"]] }],
    ["indexed array", { given: { ips: ["192.0.2.1", "192.0.2.2"] }, want: [["ip-1", "192.0.2.1"], ["ip-2", "192.0.2.2"]] }],
    ["indexed array with one value uses the plain name (as cPanel's examples do)", { given: { ips: ["192.0.2.1"] }, want: [["ip", "192.0.2.1"]] }],
    ["free-form array repeats", { given: { tag: ["x", "y"] }, want: [["tag", "x"], ["tag", "y"]] }],
    ["free-form object is JSON", { given: { blob: { a: true } }, want: [["blob", '{"a":true}']] }],
  ])("%s", (_n, { given, want }) => expect(encodeParams(given, table)).toEqual(want));
});

describe("special characters survive URL and argv", () => {
  const values = ["a&b=c", "1+1", "100%", "#hash", "two words", "ünïcødé ✓", "--flag", "line\nbreak", "quote'\"", "$(rm -rf /); echo"];
  test.each(values)("%j", (value) => {
    const pairs = encodeParams({ v: value }, {});
    const url = new URL(`https://h.example:2087/json-api/x?${toQueryString(pairs)}`);
    expect(url.searchParams.get("v")).toBe(value);
    const argv = toArgv("fn", pairs);
    expect(argv).toHaveLength(3);
    expect(argv[2]!.startsWith("v=")).toBe(true);
    expect(decodeURIComponent(argv[2]!.slice(2))).toBe(value);
    expect(argv[2]).not.toMatch(/[\s&#]/);
  });
});

describe("requests", () => {
  const fn = defineFunction<{ username: string; hasshell?: boolean; ips?: string[] }, unknown>({
    name: "createacct",
    method: "GET",
    body: "query",
    readOnly: false,
    params: { ips: ["ip", "idx"] },
  });
  test("url adds api.version=1 first and URI-encodes values", () => {
    const req = fn.request({ username: "bob smith", hasshell: true, ips: ["192.0.2.1", "192.0.2.2"] });
    expect(req.url("https://server.example.com:2087")).toBe(
      "https://server.example.com:2087/json-api/createacct?api.version=1&username=bob%20smith&hasshell=1&ip-1=192.0.2.1&ip-2=192.0.2.2",
    );
    expect(req.url("https://server.example.com:2087/cpsess0123456789/")).toBe(
      "https://server.example.com:2087/cpsess0123456789/json-api/createacct?api.version=1&username=bob%20smith&hasshell=1&ip-1=192.0.2.1&ip-2=192.0.2.2",
    );
    expect(req.body()).toBeUndefined();
  });
  test("argv is ready for execFile", () => {
    expect(fn.request({ username: "bob", hasshell: false }).argv()).toEqual(["--output=json", "createacct", "username=bob", "hasshell=0"]);
  });
  test("batch command form", () => {
    expect(fn.request({ username: "a&b" }).command()).toBe("createacct?username=a%26b");
  });
  test("POST form functions keep parameters out of the URL", () => {
    const post = defineFunction<{ password: string }, unknown>({ name: "passwd", method: "POST", body: "form", readOnly: false });
    const req = post.request({ password: "s3cret&more" });
    expect(req.url("https://h:2087")).toBe("https://h:2087/json-api/passwd?api.version=1");
    expect(req.body()).toEqual({ kind: "form", contentType: "application/x-www-form-urlencoded", text: "password=s3cret%26more" });
  });
  test("a secret parameter moves a GET function to a POST form body", () => {
    const pw = defineFunction<{ user: string; password?: string }, unknown>({ name: "passwd", method: "GET", body: "query", readOnly: false, secret: ["password"] });
    const withSecret = pw.request({ user: "bob", password: "hunter2&x" });
    expect(withSecret.method).toBe("POST");
    expect(withSecret.url("https://h:2087")).toBe("https://h:2087/json-api/passwd?api.version=1");
    expect(withSecret.url("https://h:2087")).not.toContain("hunter2");
    expect(withSecret.body()).toEqual({ kind: "form", contentType: "application/x-www-form-urlencoded", text: "user=bob&password=hunter2%26x" });
    const without = pw.request({ user: "bob" });
    expect(without.method).toBe("GET");
    expect(without.body()).toBeUndefined();
  });
  test("JSON body functions send the parameters as JSON", () => {
    const json = defineFunction<{ personalization: object }, unknown>({ name: "personalization_set", method: "POST", body: "json", readOnly: false });
    expect(json.request({ personalization: { a: 1 } }).body()).toEqual({ kind: "json", contentType: "application/json", text: '{"personalization":{"a":1}}' });
  });
  test("multipart splits files from fields", () => {
    const up = defineFunction<{ file: { name: string; content: string }; name?: string }, unknown>({
      name: "upload_locale",
      method: "POST",
      body: "multipart",
      readOnly: false,
      params: { file: ["file", "file"] },
    });
    const body = up.request({ file: { name: "x.xml", content: "<x/>" }, name: "x" }).body();
    expect(body).toEqual({ kind: "multipart", fields: [["name", "x"]], files: [["file", { name: "x.xml", content: "<x/>" }]] });
  });
});
