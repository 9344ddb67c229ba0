/**
 * What the generated code does at run time, on the golden output of the quirks fixture:
 * URLs, argv, bodies, decoders.
 */
import { describe, expect, test } from "vitest";
import * as sdk from "./__snapshots__/quirks/index.js";

const envelope = (data: unknown, extra: Record<string, unknown> = {}) => ({ data, metadata: { command: "x", reason: "OK", result: 1, version: 1, ...extra } });

describe("request builders", () => {
  test("createacct: booleans 1/0, y/n flag, union, repeated array, odd names", () => {
    const req = sdk.createacct.request({
      username: "bob",
      domain: "bob.example",
      hasshell: true,
      cgi: 0,
      ip: false,
      bwlimit: "unlimited",
      account_enhancements: ["One", "Two words"],
      "MXCHECK-*": "local",
      OWNER: "root",
      owner: "reseller",
    });
    expect(req.url("https://server.example.com:2087")).toBe(
      "https://server.example.com:2087/json-api/createacct?api.version=1&username=bob&domain=bob.example&hasshell=1&cgi=0&ip=n&bwlimit=unlimited" +
        "&account_enhancements=One&account_enhancements=Two%20words&MXCHECK-*=local&OWNER=root&owner=reseller",
    );
    expect(req.argv().slice(0, 6)).toEqual(["--output=json", "createacct", "username=bob", "domain=bob.example", "hasshell=1", "cgi=0"]);
  });
  test("create_cphulk_record sends indexed values", () => {
    const req = sdk.create_cphulk_record.request({ list_name: "black", ip: ["192.0.2.1", "192.0.2.2"] });
    expect(req.url("https://h:2087")).toBe("https://h:2087/json-api/create_cphulk_record?api.version=1&list_name=black&ip-1=192.0.2.1&ip-2=192.0.2.2");
  });
  test("JSON-encoded parameter", () => {
    const req = sdk.set_thing_2.request({ config: { enabled: 1, names: ["a", "b"] } });
    expect(new URL(req.url("https://h:2087")).searchParams.get("config")).toBe('{"enabled":1,"names":["a","b"]}');
  });
  test("JSON body, form body and multipart", () => {
    expect(sdk.personalization_set.request({ personalization: { theme: "dark" } }).body()).toMatchObject({ kind: "json", text: '{"personalization":{"theme":"dark"}}' });
    const form = sdk.set_hostname_form.request({ hostname: "h.example", force: true });
    expect(form.url("https://h:2087")).toBe("https://h:2087/json-api/set_hostname_form?api.version=1");
    expect(form.body()).toMatchObject({ kind: "form", text: "hostname=h.example&force=1" });
    expect(sdk.upload_locale.request({ file: { name: "x.xml", content: "<x/>" } }).body()).toMatchObject({ kind: "multipart", files: [["file", { name: "x.xml" }]] });
  });
  test("functions without parameters take none", () => {
    expect(sdk.version.request().url("https://h:2087")).toBe("https://h:2087/json-api/version?api.version=1");
  });
  test("non-identifier names are exported under their documented mapping and keyed by WHM name", () => {
    expect(sdk.delete_.functionName).toBe("delete");
    expect(sdk.class_.functionName).toBe("class");
    expect(sdk._360Monitoring.functionName).toBe("360Monitoring");
    expect(sdk.api_version.functionName).toBe("api.version");
    expect(sdk.registry["api.version"]).toBe(sdk.api_version);
    expect(sdk.registry["set_thing"]).toBe(sdk.set_thing);
    expect(Object.keys(sdk.registry)).toEqual([...Object.keys(sdk.registry)].sort());
  });
});

describe("decoders", () => {
  test("listaccts: 0/1 → boolean, quoted numbers → numbers, unions kept lenient", () => {
    const raw = envelope({
      acct: [
        { user: "bob", suspended: "1", is_locked: 0, uid: "1001", diskused: "14M", maxpop: "unlimited", inodeslimit: "250000", unix_startdate: "1369256589" },
        { user: "amy", suspended: 0, maxpop: "10" },
      ],
    });
    const result = sdk.listaccts.decode(raw);
    expect(result.data.acct).toEqual([
      { user: "bob", suspended: true, is_locked: false, uid: 1001, diskused: "14M", maxpop: "unlimited", inodeslimit: 250000, unix_startdate: 1369256589 },
      { user: "amy", suspended: false, maxpop: 10 },
    ]);
    expect(result.metadata.result).toBe(1);
  });
  test("allOf with $ref and hyphenated keys", () => {
    const r = sdk.accountsummary.decode(envelope({ "acct-summary": { user: "bob", diskused: "5", suspended: "0" } }));
    expect(r.data["acct-summary"]).toEqual({ user: "bob", diskused: 5, suspended: false });
  });
  test("maps via additionalProperties", () => {
    const r = sdk.get_tweaksetting.decode(envelope({ tweaksetting: { key: "k", value: "1" }, limits: { a: "3" }, flags: { x: "1", y: 0 } }));
    expect(r.data).toEqual({ tweaksetting: { key: "k", value: "1" }, limits: { a: 3 }, flags: { x: true, y: false } });
  });
  test("nested maps of objects", () => {
    const r = sdk.personalization_set.decode(envelope({ personalization: { theme: { success: "1", value: "dark" } } }));
    expect(r.data.personalization?.["theme"]).toEqual({ success: true, value: "dark" });
  });
  test("a failure keeps its data and reason", () => {
    const r = sdk.listaccts.decode({ metadata: { command: "listaccts", result: 0, reason: "Access denied", version: 1 } });
    expect(r.metadata.result).toBe(0);
    expect(r.metadata.reason).toBe("Access denied");
  });
  test("a malformed envelope is a clear error", () => {
    expect(() => sdk.listaccts.decode({ cpanelresult: {} })).toThrow('listaccts: malformed WHM API 1 answer: "metadata" is missing');
  });
});
