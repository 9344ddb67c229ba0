/** Catalogs for the double's tests: from the specs, from the quirks fixture, and written in code. */
import { catalogFromSpecs } from "../../../generator/serve/index.js";
import type { FakeCatalog, FakeFunction, FakeParam, FakeProperty, FakeShape } from "../../../templates/testing/types.js";
import { ROOT } from "../../helpers.js";

export const QUIRKS = "test/fixtures/quirks";

export function specsCatalog(): Promise<FakeCatalog> {
  return catalogFromSpecs(["specs"], ROOT);
}

export function quirksCatalog(): Promise<FakeCatalog> {
  return catalogFromSpecs([QUIRKS], ROOT);
}

// A small vocabulary for catalogs written in code.
export const str: FakeShape = { kind: "string" };
export const int: FakeShape = { kind: "integer" };
export const flag: FakeShape = { kind: "bool01" };
export const obj = (...props: [name: string, shape: FakeShape][]): FakeShape => ({
  kind: "object",
  properties: props.map(([name, shape]): FakeProperty => ({ name, required: false, shape })),
});
export const arr = (items: FakeShape): FakeShape => ({ kind: "array", items });
export const lit = (...values: (string | number)[]): FakeShape => ({ kind: "literal", values });
export const union = (...members: FakeShape[]): FakeShape => ({ kind: "union", members });
export const param = (name: string, kind: FakeParam["kind"], shape: FakeShape, more: Partial<FakeParam> = {}): FakeParam => ({ name, required: false, kind, shape, ...more });

export function fn(name: string, params: FakeParam[], data: FakeShape | null, more: Partial<FakeFunction> = {}): FakeFunction {
  return { name, method: "GET", body: "query", params, data, ...more };
}

const account = obj(["user", str], ["domain", str], ["suspended", flag], ["disklimit", union(int, lit("unlimited"))]);

/**
 * The functions of test/runtime/helpers/functions.ts (the runtime's end-to-end registry), described
 * as a catalog, so the same client code runs against the loopback server and the double.
 */
export const HELPER_CATALOG: FakeCatalog = {
  specVersion: "11.137.0.1",
  functions: [
    fn("version", [], obj(["version", str]), { readOnly: true }),
    fn("listaccts", [param("search", "string", str), param("searchtype", "enum", lit("domain", "user"))], obj(["acct", arr(account)]), { readOnly: true }),
    fn(
      "createacct",
      [
        param("username", "string", str, { required: true }),
        param("domain", "string", str, { required: true }),
        param("password", "string", str, { secret: true }),
        param("hasshell", "boolean01", flag),
        param("quota", "union", union(int, lit("unlimited"))),
      ],
      obj(["pkg", str], ["ip", str]),
      { method: "POST", body: "form" },
    ),
    fn("php_fpm_config_set", [param("domain", "string", str, { required: true }), param("config", "object", obj())], obj(["applied", flag]), { method: "POST", body: "json" }),
    fn("upload_file", [param("note", "string", str, { required: true }), param("file", "file", { kind: "file" }, { required: true })], obj(["note", str], ["filename", str], ["size", int], ["content", str]), { method: "POST", body: "multipart" }),
    fn("batch", [param("command", "array-repeated", arr(str), { required: true }), param("abort_on_error", "boolean01", flag)], obj(["result", arr({ kind: "unknown" })]), { method: "POST", body: "form" }),
  ],
};

/** The loopback server's accounts (test/runtime/helpers/whm-server.ts, makeAccounts), as the double's accounts. */
export function loopbackAccounts(n: number): { user: string; domain: string; suspended: boolean; disklimit: string }[] {
  return Array.from({ length: n }, (_, i) => {
    const user = `user${String(i + 1).padStart(5, "0")}`;
    return { user, domain: `${user}.example`, suspended: i % 7 === 0, disklimit: i % 2 ? "unlimited" : "1024" };
  });
}
