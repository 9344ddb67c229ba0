/**
 * Golden output: the quirks fixture (every oddity of cPanel's published document) generates
 * exactly the files under __snapshots__/quirks/. The type-check test compiles that folder, so
 * no snapshot pins code that does not type-check.
 */
import { readdir } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "vitest";
import { emitSdk } from "../../generator/emit/index.js";
import { loadSpecs } from "../../generator/load/index.js";
import { listFiles } from "../../generator/write/index.js";
import { ROOT } from "../helpers.js";

const SNAPSHOTS = path.join(ROOT, "test", "generator", "__snapshots__", "quirks");

test("quirks fixture → golden files", async () => {
  const api = await loadSpecs(["test/fixtures/quirks"], { cwd: ROOT });
  const { files } = await emitSdk(api, { command: "whmgen generate --spec test/fixtures/quirks --out generated" });
  for (const [name, text] of files) await expect(text).toMatchFileSnapshot(path.join(SNAPSHOTS, name));
  // No stale golden file is left behind.
  expect(await listFiles(SNAPSHOTS)).toEqual([...files.keys()]);
});

test("the fixture exercises every quirk it claims to", async () => {
  const api = await loadSpecs(["test/fixtures/quirks"], { cwd: ROOT });
  expect(api.openapi).toEqual(["3.0.3", "3.1.0", "3.2.0"]);
  expect(api.version).toBe("11.137.9999.106");
  const byName = new Map(api.functions.map((f) => [f.name, f]));
  const createacct = byName.get("createacct")!;
  expect(createacct.source.pointer).toBe("/paths/~1Accounts~1createacct/get"); // prefixed path
  expect(createacct.since).toBe("WHM 11.30");
  expect(createacct.group).toBe("Accounts"); // x-tagGroups
  const kinds = Object.fromEntries(createacct.params.map((p) => [p.name, p.kind]));
  expect(kinds).toMatchObject({ hasshell: "boolean01", cgi: "boolean01", ip: "yesno", bwlimit: "union", quota: "union", account_enhancements: "array-repeated" });
  expect(createacct.params.find((p) => p.name === "frontpage")!.deprecated).toBe(true);
  expect(byName.get("listaccts")!.readOnly).toBe(true);
  expect(byName.get("accountsummary")!.deprecated).toBe(true);
  expect(byName.get("verify_new_username")!.data).toBeUndefined();
  expect(byName.get("update_configclusterserver")!.metadata.map((m) => m.name)).toEqual(["signature", "user"]);
  expect(byName.get("get_cphulk_brutes")!.payloadIsLiteral).toBe(true);
  expect(byName.get("create_cphulk_record")!.params.find((p) => p.name === "ip")!.encoding).toBe("idx");
  expect(byName.get("personalization_set")!.body).toBe("json");
  expect(byName.get("upload_locale")!.body).toBe("multipart");
  expect(byName.get("set_hostname_form")!.body).toBe("form");
  expect(byName.get("set-thing")!.params[0]!.kind).toBe("json");
  expect(api.skipped).toEqual([{ name: "put_only", reason: "only HTTP PUT is described; WHM API 1 takes GET or POST", source: { file: "test/fixtures/quirks/names.yaml", pointer: "/paths/~1put_only" } }]);
});

test("snapshot folder is a package the type checker can read", async () => {
  expect(await readdir(SNAPSHOTS)).toContain("package.json");
});
