/**
 * generated/ as a package another project installs: TypeScript consumers under
 * `moduleResolution: nodenext` and `bundler`, a plain-JS consumer run by Node, and a bundle of
 * one function that must hold only its category and the runtime.
 */
import { execFile } from "node:child_process";
import { copyFile, mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import * as esbuild from "esbuild";
import { beforeAll, describe, expect, test } from "vitest";
import { ROOT, tempDir } from "./helpers.js";

const run = promisify(execFile);
const FIXTURE = path.join(ROOT, "test", "fixtures", "consumer");
let dir = "";

beforeAll(async () => {
  dir = await tempDir("consumer");
  await mkdir(path.join(dir, "node_modules", "@types"), { recursive: true });
  await symlink(path.join(ROOT, "generated"), path.join(dir, "node_modules", "whmapi1"), "dir");
  await symlink(path.join(ROOT, "node_modules", "@types", "node"), path.join(dir, "node_modules", "@types", "node"), "dir");
  await writeFile(path.join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  for (const f of ["main.ts", "main.mjs", "one-function.mjs"]) await copyFile(path.join(FIXTURE, f), path.join(dir, f));
  // The README's "Calling a server" example, compiled as a user would paste it.
  const readme = await readFile(path.join(ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("### Calling a server"));
  const example = /```ts\n([\s\S]*?)```/.exec(section)![1]!;
  await writeFile(path.join(dir, "readme.ts"), `declare const body: string;\n${example}\nexport {};\n`);
});

async function tsc(options: Record<string, unknown>): Promise<string> {
  const config = path.join(dir, `tsconfig.${String(options["moduleResolution"])}.json`);
  await writeFile(config, JSON.stringify({ compilerOptions: { strict: true, noEmit: true, target: "ES2022", lib: ["ES2023"], types: ["node"], skipLibCheck: false, ...options }, files: ["main.ts", "readme.ts"] }));
  try {
    const r = await run(process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", config], { cwd: dir });
    return r.stdout + r.stderr;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return `${e.stdout ?? ""}${e.stderr ?? ""}` || String(error);
  }
}

describe("TypeScript consumers (types from dist/*.d.ts)", () => {
  test("moduleResolution: nodenext", async () => {
    expect(await tsc({ module: "NodeNext", moduleResolution: "NodeNext" })).toBe("");
  });
  test("moduleResolution: bundler", async () => {
    expect(await tsc({ module: "ESNext", moduleResolution: "Bundler" })).toBe("");
  });
});

test("a plain-JavaScript consumer runs on Node against dist/*.js", async () => {
  const { stdout } = await run(process.execPath, ["main.mjs"], { cwd: dir });
  expect(stdout).toBe(
    "https://server.example.com:2087/json-api/listaccts?api.version=1&search=bob\n" + '{"user":"bob","suspended":true,"uid":1001} function\n',
  );
});

test("importing one function bundles only its category and the runtime", async () => {
  const result = await esbuild.build({
    entryPoints: [path.join(dir, "one-function.mjs")],
    bundle: true,
    write: false,
    format: "esm",
    platform: "node",
    minify: true,
    absWorkingDir: dir,
    logLevel: "silent",
  });
  const text = result.outputFiles[0]!.text;
  console.log(`one-function bundle: ${(text.length / 1024).toFixed(1)} KiB minified`);
  expect(text).toContain('"listaccts"');
  expect(text).toContain("api.version");
  for (const other of ['"createacct"', '"api_token_create"', '"passwd"', '"addzonerecord"']) expect(text, other).not.toContain(other);
});
