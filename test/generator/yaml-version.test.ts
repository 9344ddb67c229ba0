/**
 * No value a user gets may depend on whether a YAML file has an anchor, nor on which js-yaml is
 * installed. fast-yaml.ts reads documents without anchors; js-yaml reads the rest. The two agree
 * only for the js-yaml release fast-yaml mirrors, so that release is pinned exactly, and the
 * scalars that releases read differently are read both ways here.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { MIRRORED_JS_YAML, fastYaml } from "../../generator/load/fast-yaml.js";
import { parseText } from "../../generator/load/read.js";
import { ROOT } from "../helpers.js";

const json = (file: string): { version?: string; dependencies?: Record<string, string>; packages?: Record<string, { version?: string; dependencies?: Record<string, string> }> } =>
  JSON.parse(readFileSync(path.join(ROOT, file), "utf8"));

test("js-yaml is pinned to exactly the release fast-yaml mirrors, and that release is installed", () => {
  expect(json("package.json").dependencies?.["js-yaml"]).toBe(MIRRORED_JS_YAML);
  expect(json("package-lock.json").packages?.[""]?.dependencies?.["js-yaml"]).toBe(MIRRORED_JS_YAML);
  expect(json("package-lock.json").packages?.["node_modules/js-yaml"]?.version).toBe(MIRRORED_JS_YAML);
  expect(json("node_modules/js-yaml/package.json").version).toBe(MIRRORED_JS_YAML);
});

/** Plain scalars that js-yaml releases (or YAML schemas) read differently. */
const SCALARS = [
  "1_000", "1__0", "0x_1F", "1_0.5", "1e400", "-1e400", "1e3", "1.", ".5", "+.5", ".5e3", "-0", "+12", "017", "0o17", "0b11", "0x1F",
  "190:20:30", "2001-12-14", ".inf", "-.Inf", ".NAN", "~", "null", "Null", "True", "FALSE", "yes", "on", "0.1e-2", "9007199254740993",
];

test.each(SCALARS)("%s reads the same with and without an anchor in the file, as a value and as a key", (scalar) => {
  for (const [plain, anchored, pick] of [
    [`a: ${scalar}\n`, `a: ${scalar}\nb: &anchor 1\n`, (v: unknown) => (v as Record<string, unknown>)["a"]],
    [`${scalar}: a\n`, `${scalar}: a\nb: &anchor 1\n`, (v: unknown) => Object.keys(v as object)[0]],
  ] as const) {
    expect(fastYaml(plain), "fast-yaml reads the file without an anchor").toBeDefined();
    expect(fastYaml(anchored), "js-yaml reads the file with one").toBeUndefined();
    const a = pick(parseText(plain, "x.yaml"));
    const b = pick(parseText(anchored, "x.yaml"));
    expect(Object.is(a, b), `${JSON.stringify(plain)}: ${String(a)} (${typeof a}) vs ${String(b)} (${typeof b})`).toBe(true);
  }
});
