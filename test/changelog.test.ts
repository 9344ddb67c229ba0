/** generated/CHANGELOG.md: a section per regeneration that changed the API, none otherwise. */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "vitest";
import { generate } from "../generator/generate.js";
import { ROOT, tempDir } from "./helpers.js";

const OLD = path.join(ROOT, "test/fixtures/diff/params/old.yaml");
const NEW = path.join(ROOT, "test/fixtures/diff/params/new.yaml");

test("same spec twice → no new section; changed spec → exactly one", async () => {
  const dir = await tempDir("changelog");
  const out = path.join(dir, "sdk");
  const log = () => readFile(path.join(out, "CHANGELOG.md"), "utf8");
  await generate({ specs: [OLD], out, cwd: ROOT });
  const first = await log();
  expect(first.match(/^## /gm)).toHaveLength(1);
  expect(first).toContain("— WHM API 1 11.130.0.1\n\nFirst generated: ");
  await generate({ specs: [OLD], out, cwd: ROOT });
  expect(await log()).toBe(first);
  expect((await generate({ specs: [OLD], out, cwd: ROOT, check: true })).drift).toEqual([]);
  await generate({ specs: [NEW], out, cwd: ROOT });
  const second = await log();
  expect(second.match(/^## /gm)).toHaveLength(2);
  expect(second).toContain("## 132.0.4 — WHM API 1 11.130.0.1 → 11.132.0.4\n\n**Suggested version bump: major.**");
  expect(second.endsWith(first.slice(first.indexOf("\n## ")))).toBe(true); // history kept below
  await generate({ specs: [NEW], out, cwd: ROOT });
  expect(await log()).toBe(second);
  const pkg = JSON.parse(await readFile(path.join(out, "package.json"), "utf8")) as { version: string };
  expect(pkg.version).toBe("132.0.4"); // 11.132.0.4 → 132.0.4 (the leading 11 is cPanel's retired parent value)
});
