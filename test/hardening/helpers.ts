/** Shared pieces of the hardening tests: the strict type-check and the counts for docs/reliability.md. */
import { execFile } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { ROOT, TMP } from "../helpers.js";

const run = promisify(execFile);

/** The compiler options test/typecheck.test.ts uses for the generated SDK. */
export const STRICT = {
  strict: true,
  noEmit: true,
  target: "ES2022",
  module: "NodeNext",
  moduleResolution: "NodeNext",
  lib: ["ES2023"],
  types: ["node"],
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  skipLibCheck: true,
};

/**
 * Type-checks generated SDKs with TypeScript 5.9 in one run: each folder's top-level modules and
 * runtime (not the compiled `dist/` some outputs carry). Returns tsc's exit code and output.
 */
export async function typecheck(outs: readonly string[], name: string): Promise<{ code: number; output: string }> {
  const dir = path.join(TMP, "hardening-typecheck", name);
  await mkdir(dir, { recursive: true });
  const config = path.join(dir, "tsconfig.json");
  const include = outs.flatMap((out) => [path.join(out, "*.ts"), path.join(out, "runtime", "*.ts")].map((p) => path.relative(dir, p).split(path.sep).join("/")));
  await writeFile(config, JSON.stringify({ compilerOptions: STRICT, include }, null, 2));
  const bin = path.join(ROOT, "node_modules", "typescript", "bin", "tsc");
  try {
    const r = await run(process.execPath, [bin, "-p", config], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, output: r.stdout + r.stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : 1, output: (e.stdout ?? "") + (e.stderr ?? "") };
  }
}

/**
 * Counts of what a hardening test file tried, printed and kept in test/.tmp/hardening-counts/
 * (docs/reliability.md quotes them).
 */
export async function recordCounts(file: string, counts: Record<string, number | string>): Promise<void> {
  const dir = path.join(TMP, "hardening-counts");
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, `${file}.json`), JSON.stringify(counts, null, 2) + "\n");
  console.log(`[hardening] ${file}: ${Object.entries(counts).map(([k, v]) => `${k}=${v}`).join(", ")}`);
}
