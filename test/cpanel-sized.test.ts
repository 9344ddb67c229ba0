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
  // The second run must succeed too: a failed run leaves the folder as it was, which would pass
  // the byte comparison below by itself.
  const second = await cli(["generate", "--no-config", "--spec", path.join(dir, "whm.openapi.yaml"), "--out", path.join(dir, "sdk")]);
  expect(second.stderr).toBe("");
  expect(second.code).toBe(0);
  expect(second.stdout).toMatch(/whmgen: 625 functions \(625 described, 0 seeded\) → \d+ files in /);
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
    // The exit code too: a compiler that dies (a signal, too much output) may print nothing.
    const result = await run(process.execPath, [path.join(ROOT, "node_modules", tsc), "-p", path.join(dir, "tsconfig.json")], { cwd: dir, maxBuffer: 16 * 1024 * 1024 }).then(
      (r) => ({ code: 0, output: r.stdout + r.stderr }),
      (e: { code?: unknown; stdout?: string; stderr?: string }) => ({ code: e.code, output: `${e.stdout ?? ""}${e.stderr ?? ""}` }),
    );
    expect(result, tsc).toEqual({ code: 0, output: "" });
  }
}, 120_000);
