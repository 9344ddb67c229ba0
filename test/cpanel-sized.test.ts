/**
 * A cPanel-sized document that is not in the repository (625 functions, ~1.9 MB of YAML,
 * synthesised by bench/synth.mjs in the form of cPanel's whm.openapi.yaml): it loads unedited,
 * every function is emitted, the SDK type-checks with `strict` under TypeScript 5.9 and 7, and
 * two runs give identical bytes.
 */
import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, expect, test } from "vitest";
import { checksums, cli, ROOT, tempDir } from "./helpers.js";

const run = promisify(execFile);
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
  await cli(["generate", "--no-config", "--spec", path.join(dir, "whm.openapi.yaml"), "--out", path.join(dir, "sdk")]);
  expect(await checksums(path.join(dir, "sdk"))).toEqual(sums);

  await writeFile(
    path.join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", lib: ["ES2023"], types: ["node"], skipLibCheck: true },
      include: ["sdk/**/*.ts"],
      exclude: ["sdk/dist/**"],
    }),
  );
  for (const tsc of ["typescript/bin/tsc", "typescript7/bin/tsc"]) {
    const result = await run(process.execPath, [path.join(ROOT, "node_modules", tsc), "-p", path.join(dir, "tsconfig.json")], { cwd: dir }).then(
      (r) => r.stdout + r.stderr,
      (e: { stdout?: string; stderr?: string }) => `${e.stdout ?? ""}${e.stderr ?? ""}`,
    );
    expect(result, tsc).toBe("");
  }
}, 120_000);
