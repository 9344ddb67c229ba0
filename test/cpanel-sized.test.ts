/**
 * A cPanel-sized document that is not in the repository (625 functions, ~1.9 MB of YAML,
 * synthesised by bench/synth.mjs in the form of cPanel's whm.openapi.yaml): it loads unedited,
 * every function is emitted, the SDK type-checks with `strict` under TypeScript 5.9 and 7, and
 * two runs give identical bytes.
 */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, expect, test } from "vitest";
import { checksums, cli, tempDir, typecheckSdk } from "./helpers.js";

let dir = "";

beforeAll(async () => {
  dir = await tempDir("cpanel-sized");
  // @ts-expect-error bench/synth.mjs is plain JavaScript without declarations
  const synth = (await import("../bench/synth.mjs")) as { synthesizeDocument(o: { functions: number }): { doc: unknown }; toYaml(v: unknown): string };
  await writeFile(path.join(dir, "whm.openapi.yaml"), synth.toYaml(synth.synthesizeDocument({ functions: 625 }).doc));
});

test("625 functions: loads as is, all emitted, deterministic, strict type-check under TS 5.9 and 7", async () => {
  const first = await cli(["generate", "--no-config", "--spec", path.join(dir, "whm.openapi.yaml"), "--out", path.join(dir, "sdk")]);
  expect(first.stderr).toBe("");
  expect(first.code).toBe(0);
  expect(first.stdout).toMatch(/whmgen: 625 functions \(625 described, 0 seeded\) → \d+ files in /);
  const sums = await checksums(path.join(dir, "sdk"));
  // The second run must succeed too: a failed run leaves the folder as it was, which would pass
  // the byte comparison below by itself.
  const second = await cli(["generate", "--no-config", "--spec", path.join(dir, "whm.openapi.yaml"), "--out", path.join(dir, "sdk")]);
  expect(second.stderr).toBe("");
  expect(second.code).toBe(0);
  expect(second.stdout).toMatch(/whmgen: 625 functions \(625 described, 0 seeded\) → \d+ files in /);
  expect(await checksums(path.join(dir, "sdk"))).toEqual(sums);

  for (const result of await typecheckSdk(dir)) expect(result, result.compiler).toEqual({ compiler: result.compiler, code: 0, output: "" });
}, 120_000);
