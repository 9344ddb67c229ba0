/**
 * Type-checks under TypeScript 5.9 and TypeScript 7 (the native compiler), one compiler per test:
 *
 * 1. The generated SDK (generated/, from specs/) and the golden quirks output, with `strict` and
 *    the strictest options a user may turn on, together with the type-level tests in test/types/.
 * 2. The project as tsconfig.json describes it (generator/, templates/, every file under test/):
 *    every `expectTypeOf` and `// @ts-expect-error` in the suite's test files is checked here,
 *    since vitest itself only strips types.
 * 3. That check can fail: a fixture of deliberately wrong type assertions, checked with the same
 *    compiler options (its config extends tsconfig.json), is reported on each wrong line and
 *    nowhere else.
 */
import { execFile } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "vitest";
import { ROOT, TMP } from "./helpers.js";

const run = promisify(execFile);

const COMPILERS = [
  ["TypeScript 5.9", path.join(ROOT, "node_modules", "typescript", "bin", "tsc")],
  ["TypeScript 7", path.join(ROOT, "node_modules", "typescript7", "bin", "tsc")],
] as const;

/** The fixture of wrong assertions (test/fixtures/ is outside tsconfig.json's files). */
const WRONG = path.join(ROOT, "test", "fixtures", "typecheck", "wrong-assertions.ts");

/** Runs `tsc -p config`: its exit code and everything it printed. */
async function tsc(bin: string, config: string): Promise<{ code: number; output: string }> {
  try {
    const r = await run(process.execPath, [bin, "-p", config], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, output: r.stdout + r.stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : 1, output: (e.stdout ?? "") + (e.stderr ?? "") || String(error) };
  }
}

async function writeConfig(name: string, config: object): Promise<string> {
  const dir = path.join(TMP, name);
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, "tsconfig.json");
  await writeFile(file, JSON.stringify(config, null, 2));
  return file;
}

const sdkConfig = (): Promise<string> =>
  writeConfig("typecheck", {
    compilerOptions: {
      strict: true,
      noEmit: true,
      target: "ES2022",
      module: "NodeNext",
      moduleResolution: "NodeNext",
      lib: ["ES2023"],
      types: ["node"],
      noUncheckedIndexedAccess: true,
      exactOptionalPropertyTypes: true,
      noImplicitOverride: true,
      noUnusedLocals: true,
      noUnusedParameters: true,
      skipLibCheck: true,
    },
    include: ["../../../generated/**/*.ts", "../../generator/__snapshots__/quirks/**/*.ts", "../../types/**/*.ts"],
    // dist/ holds the package's .js and .d.ts; the consumer test checks those as a user sees them.
    exclude: ["../../../generated/dist/**", "../../generator/__snapshots__/quirks/dist/**"],
  });

test.each(COMPILERS)("%s: generated SDK, golden output and test/types compile with strict", async (_name, bin) => {
  const r = await tsc(bin, await sdkConfig());
  expect(r.output).toBe("");
  expect(r.code).toBe(0);
});

test.each(COMPILERS)("%s: the project (tsconfig.json), so every type assertion in the test files, compiles", async (_name, bin) => {
  const r = await tsc(bin, path.join(ROOT, "tsconfig.json"));
  expect(r.output).toBe("");
  expect(r.code).toBe(0);
});

test.each(COMPILERS)("%s: a wrong expectTypeOf or @ts-expect-error fails that check, on its own line", async (_name, bin) => {
  const config = await writeConfig("typecheck-wrong", {
    extends: path.relative(path.join(TMP, "typecheck-wrong"), path.join(ROOT, "tsconfig.json")),
    include: [path.relative(path.join(TMP, "typecheck-wrong"), WRONG)],
    exclude: [],
  });
  const marked = (await readFile(WRONG, "utf8")).split("\n").flatMap((line, i) => (/\bwrong:/.test(line) ? [i + 1] : []));
  expect(marked.length).toBeGreaterThanOrEqual(5);
  const r = await tsc(bin, config);
  expect(r.code).not.toBe(0);
  // Every reported error is in the fixture, one per marked line.
  const errors = [...r.output.matchAll(/^(.*?)\((\d+),\d+\): error TS\d+/gm)];
  expect(errors.map((m) => path.resolve(ROOT, m[1]!))).toEqual(errors.map(() => WRONG));
  expect([...new Set(errors.map((m) => Number(m[2])))].sort((a, b) => a - b)).toEqual(marked);
});
