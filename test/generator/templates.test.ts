/**
 * Templates are precompiled by the build and used only while they match their source: the
 * precompiled and the freshly compiled template render the same text, and an edited template
 * is compiled from the edit, not served stale from dist/.
 */
import { cp, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import Handlebars from "handlebars";
import { expect, test } from "vitest";
import { TEMPLATES_DIR } from "../../generator/emit/index.js";
import { PRECOMPILED_DIR, TEMPLATE_OPTIONS, loadTemplate, sha256 } from "../../generator/emit/templates.js";
import { tempDir } from "../helpers.js";

const CONTEXTS: Record<string, object> = {
  "coverage.md.hbs": { banner: "B", version: "11.1.2.3", applist: 3, described: 1, partial: 0, seeded: 2, percent: "33.3", categories: [{ category: "C", group: "G", module: "c", total: 3, described: 1, partial: 0, seeded: 2 }], hasMissing: false, hasExtra: false, missing: [], notInApplist: [] },
};

test("every template has compile options and a precompiled copy of its current source", async () => {
  for (const name of Object.keys(TEMPLATE_OPTIONS)) {
    const source = await readFile(path.join(TEMPLATES_DIR, name), "utf8");
    const built = await readFile(path.join(PRECOMPILED_DIR, `${name}.js`), "utf8");
    expect(built, name).toContain(`export const sha256 = "${sha256(source)}"`);
  }
});

test("the precompiled template renders what compiling the source renders", async () => {
  const name = "coverage.md.hbs";
  const source = await readFile(path.join(TEMPLATES_DIR, name), "utf8");
  const expected = Handlebars.compile(source, TEMPLATE_OPTIONS[name])(CONTEXTS[name]!);
  expect(expected).toContain("11.1.2.3");
  expect((await loadTemplate(TEMPLATES_DIR, name))(CONTEXTS[name]!)).toBe(expected);
});

test("a template edited since the build is compiled from the edit", async () => {
  const dir = await tempDir("templates");
  await cp(TEMPLATES_DIR, dir, { recursive: true });
  const name = "coverage.md.hbs";
  await writeFile(path.join(dir, name), `EDITED {{version}}\n${await readFile(path.join(dir, name), "utf8")}`);
  const text = (await loadTemplate(dir, name))(CONTEXTS[name]!);
  expect(text.startsWith("EDITED 11.1.2.3\n")).toBe(true);
});
