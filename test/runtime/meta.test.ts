import { describe, expect, it } from "vitest";
import { defineFunction } from "../../templates/runtime/define.js";
import { toQueryString } from "../../templates/runtime/encode.js";
import { encodeMetaParams, metaLetter, withMetaParams, type WhmMetaOptions } from "../../templates/runtime/meta.js";
import { createacct, listaccts, php_fpm_config_set, upload_file } from "./helpers/functions.js";

const wire = (meta: WhmMetaOptions): string => toQueryString(encodeMetaParams(meta));

describe("encodeMetaParams: the documented wire forms", () => {
  const cases: [string, { given: WhmMetaOptions; want: string }][] = [
    ["nothing", { given: {}, want: "" }],
    [
      "one filter",
      { given: { filter: { field: "user", type: "contains", arg0: "bob" } }, want: "api.filter.enable=1&api.filter.a.field=user&api.filter.a.type=contains&api.filter.a.arg0=bob" },
    ],
    [
      "two filters, default type left to WHM, Boolean arg as 1",
      {
        given: { filter: [{ field: "domain", arg0: "example" }, { field: "suspended", type: "eq", arg0: true }] },
        want: "api.filter.enable=1&api.filter.a.field=domain&api.filter.a.arg0=example&api.filter.b.field=suspended&api.filter.b.type=eq&api.filter.b.arg0=1",
      },
    ],
    ["filter across all fields", { given: { filter: { field: "*", arg0: "x y" } }, want: "api.filter.enable=1&api.filter.a.field=*&api.filter.a.arg0=x%20y" }],
    [
      "sort with method and reverse",
      { given: { sort: { field: "disklimit", method: "numeric", reverse: true } }, want: "api.sort.enable=1&api.sort.a.field=disklimit&api.sort.a.method=numeric&api.sort.a.reverse=1" },
    ],
    ["sort by field names", { given: { sort: ["owner", "user"] }, want: "api.sort.enable=1&api.sort.a.field=owner&api.sort.b.field=user" }],
    ["chunk, start defaults to record 1", { given: { chunk: { size: 100 } }, want: "api.chunk.enable=1&api.chunk.start=1&api.chunk.size=100" }],
    ["chunk from record 3", { given: { chunk: { start: 3, size: 5 } }, want: "api.chunk.enable=1&api.chunk.start=3&api.chunk.size=5" }],
    ["columns", { given: { columns: ["user", "domain"] }, want: "api.columns.enable=1&api.columns.a=user&api.columns.b=domain" }],
    [
      "all four, in the documented order",
      {
        given: { columns: ["user"], chunk: { size: 2 }, sort: "user", filter: { field: "user", arg0: "a" } },
        want: "api.filter.enable=1&api.filter.a.field=user&api.filter.a.arg0=a&api.sort.enable=1&api.sort.a.field=user" +
          "&api.chunk.enable=1&api.chunk.start=1&api.chunk.size=2&api.columns.enable=1&api.columns.a=user",
      },
    ],
  ];
  it.each(cases)("%s", (_name, { given, want }) => {
    expect(wire(given)).toBe(want);
  });

  it("refuses a 0-indexed chunk start and an empty page", () => {
    expect(() => encodeMetaParams({ chunk: { start: 0, size: 10 } })).toThrow(/1-indexed/);
    expect(() => encodeMetaParams({ chunk: { size: 0 } })).toThrow(RangeError);
  });

  it("numbers repeated keys a…z, then aa, ab", () => {
    expect([0, 1, 25, 26, 27, 51, 52].map(metaLetter)).toEqual(["a", "b", "z", "aa", "ab", "az", "ba"]);
  });
});

describe("withMetaParams puts the pairs where the request carries its parameters", () => {
  const meta: WhmMetaOptions = { chunk: { start: 1, size: 10 } };
  const pairs = "api.chunk.enable=1&api.chunk.start=1&api.chunk.size=10";

  it("GET: in the query string, argv and command", () => {
    const request = withMetaParams(listaccts.request({ search: "bob" }), meta);
    expect(request.url("https://h:2087")).toBe(`https://h:2087/json-api/listaccts?api.version=1&search=bob&${pairs}`);
    expect(request.body()).toBeUndefined();
    expect(request.argv()).toEqual(["--output=json", "listaccts", "search=bob", "api.chunk.enable=1", "api.chunk.start=1", "api.chunk.size=10"]);
    expect(request.command()).toBe(`listaccts?search=bob&${pairs}`);
    expect(withMetaParams(listaccts.request(), meta).command()).toBe(`listaccts?${pairs}`);
  });

  it("form POST: in the body, not the URL", () => {
    const request = withMetaParams(createacct.request({ username: "bob", domain: "bob.example" }), meta);
    expect(request.url("https://h:2087")).toBe("https://h:2087/json-api/createacct?api.version=1");
    expect(request.body()).toMatchObject({ kind: "form", text: `username=bob&domain=bob.example&${pairs}` });
  });

  it("JSON and multipart bodies: in the URL, bodies untouched", () => {
    const json = withMetaParams(php_fpm_config_set.request({ domain: "d.example", config: {} }), meta);
    expect(json.url("https://h:2087")).toBe(`https://h:2087/json-api/php_fpm_config_set?api.version=1&${pairs}`);
    expect(json.body()).toMatchObject({ kind: "json", text: '{"domain":"d.example","config":{}}' });
    const multipart = withMetaParams(upload_file.request({ note: "n", file: { name: "a.txt", content: "A" } }), meta);
    expect(multipart.url("https://h:2087")).toContain(`?api.version=1&${pairs}`);
  });

  it("keeps the request's decoder", () => {
    const request = withMetaParams(listaccts.request(), meta);
    const decoded = request.decode({ data: { acct: [{ user: "a", suspended: "1" }] }, metadata: { command: "listaccts", result: 1, reason: "OK", version: 1 } });
    expect(decoded.data.acct[0]?.suspended).toBe(true);
  });

  it("no meta: the same request", () => {
    const request = defineFunction({ name: "version", method: "GET", body: "query", readOnly: true }).request();
    expect(withMetaParams(request, {})).toBe(request);
  });
});
