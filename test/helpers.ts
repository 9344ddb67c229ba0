/** Shared helpers for the generator's tests. */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { listFiles } from "../generator/write/index.js";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const TMP = path.join(ROOT, "test", ".tmp");
export const BIN = path.join(ROOT, "bin", "whmgen.js");

const run = promisify(execFile);

/** A fresh folder under test/.tmp (inside the project, so node_modules resolves from it). */
export async function tempDir(prefix: string): Promise<string> {
  await mkdir(TMP, { recursive: true });
  return mkdtemp(path.join(TMP, `${prefix}-`));
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real command line (compiled generator), as a user would. */
export async function cli(args: string[], cwd = ROOT): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: "1" } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : 1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

/** path → sha256 of every file under `dir`, to prove a folder did not change. */
export async function checksums(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of await listFiles(dir)) out[f] = createHash("sha256").update(await readFile(path.join(dir, f))).digest("hex");
  return out;
}

/**
 * Type-checks the SDK in `dir/sdk` (its `.ts` sources) with `strict` under TypeScript 5.9 and 7:
 * each compiler's exit code and output (a compiler that dies may print nothing).
 */
export async function typecheckSdk(dir: string): Promise<{ compiler: string; code: unknown; output: string }[]> {
  await writeFile(
    path.join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", lib: ["ES2023"], types: ["node"], skipLibCheck: true },
      include: ["sdk/**/*.ts"],
      exclude: ["sdk/dist/**"],
    }),
  );
  const results = [];
  for (const compiler of ["typescript/bin/tsc", "typescript7/bin/tsc"]) {
    results.push(
      await run(process.execPath, [path.join(ROOT, "node_modules", compiler), "-p", path.join(dir, "tsconfig.json")], { cwd: dir, maxBuffer: 16 * 1024 * 1024 }).then(
        (r) => ({ compiler, code: 0 as unknown, output: r.stdout + r.stderr }),
        (e: { code?: unknown; stdout?: string; stderr?: string }) => ({ compiler, code: e.code, output: `${e.stdout ?? ""}${e.stderr ?? ""}` }),
      ),
    );
  }
  return results;
}
