/**
 * The generated SDK (generated/, from specs/) and the golden quirks output are type-checked
 * with `strict: true` under TypeScript 5.9 and TypeScript 7 (the native compiler), together
 * with the type-level tests in test/types/. Once per run, one compiler per test.
 */
import { execFile } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "vitest";
import { ROOT, TMP } from "./helpers.js";

const run = promisify(execFile);

const COMPILERS = [
  ["TypeScript 5.9", path.join(ROOT, "node_modules", "typescript", "bin", "tsc")],
  ["TypeScript 7", path.join(ROOT, "node_modules", "typescript7", "bin", "tsc")],
] as const;

async function writeConfig(): Promise<string> {
  const dir = path.join(TMP, "typecheck");
  await mkdir(dir, { recursive: true });
  const config = {
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
  };
  const file = path.join(dir, "tsconfig.json");
  await writeFile(file, JSON.stringify(config, null, 2));
  return file;
}

test.each(COMPILERS)("%s: generated SDK, golden output and type-level tests compile with strict", async (_name, tsc) => {
  const config = await writeConfig();
  let output = "";
  let code = 0;
  try {
    const r = await run(process.execPath, [tsc, "-p", config], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
    output = r.stdout + r.stderr;
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    code = typeof e.code === "number" ? e.code : 1;
    output = (e.stdout ?? "") + (e.stderr ?? "");
  }
  expect(output).toBe("");
  expect(code).toBe(0);
});
