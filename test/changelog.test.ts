/**
 * generated/CHANGELOG.md and the SDK's own version: a section per regeneration that changed the
 * API, none otherwise; the version is semver of the SDK's API (the bump the diff suggests),
 * with the WHM version it describes recorded beside it.
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "vitest";
import { generate } from "../generator/generate.js";
import { ROOT, tempDir } from "./helpers.js";

const OLD = path.join(ROOT, "test/fixtures/diff/params/old.yaml");
const NEW = path.join(ROOT, "test/fixtures/diff/params/new.yaml");

async function pkg(out: string): Promise<{ version: string; whmgen: { whmApiVersion: string } }> {
  return JSON.parse(await readFile(path.join(out, "package.json"), "utf8"));
}

test("same spec twice → no new section; changed spec → exactly one, and a major version for a breaking change", async () => {
  const dir = await tempDir("changelog");
  const out = path.join(dir, "sdk");
  const log = () => readFile(path.join(out, "CHANGELOG.md"), "utf8");
  await generate({ specs: [OLD], out, cwd: ROOT });
  const first = await log();
  expect(first.match(/^## /gm)).toHaveLength(1);
  expect(first).toContain("## 1.0.0 — WHM API 1 11.130.0.1\n\nFirst generated: ");
  expect(await pkg(out)).toMatchObject({ version: "1.0.0", whmgen: { whmApiVersion: "11.130.0.1" } });
  await generate({ specs: [OLD], out, cwd: ROOT });
  expect(await log()).toBe(first);
  expect((await generate({ specs: [OLD], out, cwd: ROOT, check: true })).drift).toEqual([]);
  await generate({ specs: [NEW], out, cwd: ROOT });
  const second = await log();
  expect(second.match(/^## /gm)).toHaveLength(2);
  expect(second).toContain("## 2.0.0 — WHM API 1 11.130.0.1 → 11.132.0.4\n\nSDK version 2.0.0 (from 1.0.0, a major change), describing WHM API 1 11.132.0.4.\n\n**Suggested version bump: major.**");
  expect(second.endsWith(first.slice(first.indexOf("\n## ")))).toBe(true); // history kept below
  await generate({ specs: [NEW], out, cwd: ROOT });
  expect(await log()).toBe(second);
  expect(await pkg(out)).toMatchObject({ version: "2.0.0", whmgen: { whmApiVersion: "11.132.0.4" } });
  const readme = await readFile(path.join(out, "README.md"), "utf8");
  expect(readme).toContain("Version 2.0.0 of this SDK describes WHM API 1 11.132.0.4.");
});

test("an added function is a minor version; only the WHM version changing is a patch", async () => {
  const dir = await tempDir("versions");
  const out = path.join(dir, "sdk");
  const base = await readFile(OLD, "utf8");
  const v1 = path.join(dir, "v1.yaml");
  await writeFile(v1, base);
  await generate({ specs: [v1], out, cwd: ROOT });
  expect((await pkg(out)).version).toBe("1.0.0");

  // Only info.version changes: the API is the same, the package says which WHM it describes.
  await writeFile(v1, base.replace(/version: ['"]?11\.130\.0\.1['"]?/, "version: 11.130.0.2"));
  await generate({ specs: [v1], out, cwd: ROOT });
  expect(await pkg(out)).toMatchObject({ version: "1.0.1", whmgen: { whmApiVersion: "11.130.0.2" } });

  // A new function: compatible, minor.
  const added = base.replace(/version: ['"]?11\.130\.0\.1['"]?/, "version: 11.130.0.2").replace(/^paths:\n/m, "paths:\n  /brand_new_function:\n    get:\n      tags: [New]\n      responses: {}\n");
  expect(added).toContain("/brand_new_function");
  await writeFile(v1, added);
  await generate({ specs: [v1], out, cwd: ROOT });
  expect((await pkg(out)).version).toBe("1.1.0");
  expect(await readFile(path.join(out, "CHANGELOG.md"), "utf8")).toContain("## 1.1.0 — WHM API 1 11.130.0.2 → 11.130.0.2\n\nSDK version 1.1.0 (from 1.0.1, a minor change)");
});
