import { describe, expect, test } from "vitest";
import { functionExportName, moduleStem, propertyKey, typeStem, uniqueNames } from "../../generator/naming.js";

describe("function export names", () => {
  test.each([
    ["createacct", "createacct"],
    ["api_token_create", "api_token_create"],
    ["MAX_EMAIL_PER_HOUR", "MAX_EMAIL_PER_HOUR"],
    ["api.version", "api_version"],
    ["360Monitoring", "_360Monitoring"],
    ["delete", "delete_"],
    ["class", "class_"],
    ["set-thing", "set_thing"],
    ["", "_"],
  ])("%s → %s", (given, want) => expect(functionExportName(given)).toBe(want));
});

describe("type stems", () => {
  test.each([
    ["createacct", "Createacct"],
    ["api_token_create", "ApiTokenCreate"],
    ["360Monitoring", "Whm360Monitoring"],
    ["api.version", "ApiVersion"],
    ["MXCHECK-*", "MXCHECK"],
  ])("%s → %s", (given, want) => expect(typeStem(given)).toBe(want));
});

describe("property keys", () => {
  test.each([
    ["user", "user"],
    ["delete", "delete"],
    ["api.version", '"api.version"'],
    ["MXCHECK-*", '"MXCHECK-*"'],
    ["Variable Names and Values", '"Variable Names and Values"'],
    ["acct-summary", '"acct-summary"'],
  ])("%s → %s", (given, want) => expect(propertyKey(given)).toBe(want));
});

test("module stems are kebab-case and avoid the generator's own files", () => {
  expect(moduleStem("Account Creation")).toBe("account-creation");
  expect(moduleStem("cPHulk")).toBe("cphulk");
  expect(moduleStem("Index")).toBe("index-functions");
  expect(moduleStem("!!!")).toBe("category");
});

test("collisions get stable suffixes and exact names keep theirs", () => {
  const names = ["set-thing", "set_thing", "set.thing"].sort();
  const got = uniqueNames(names, functionExportName, "_", (n) => n);
  expect(Object.fromEntries(got)).toEqual({ "set-thing": "set_thing_2", "set.thing": "set_thing_3", set_thing: "set_thing" });
  // The same input gives the same names every time.
  expect(Object.fromEntries(uniqueNames(names, functionExportName, "_", (n) => n))).toEqual(Object.fromEntries(got));
});
