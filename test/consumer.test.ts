/**
 * generated/ as a package another project installs: TypeScript consumers under
 * `moduleResolution: nodenext` and `bundler` (and one without Node's types at all, as in a
 * Worker or a browser project), a plain-JS consumer run by Node, a bundle of one function that
 * must hold only its category and the runtime, and bundles for the neutral and browser platforms
 * that must hold no `node:` import.
 */
import { execFile } from "node:child_process";
import { copyFile, cp, mkdir, readFile, symlink, writeFile } from "node:fs/promises";
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
  for (const f of ["main.ts", "main.mjs", "one-function.mjs", "client-one-function.mjs"]) await copyFile(path.join(FIXTURE, f), path.join(dir, f));
  // The README's "Calling a server" example, compiled as a user would paste it.
  const readme = await readFile(path.join(ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("### Calling a server"));
  const example = /```ts\n([\s\S]*?)```/.exec(section)![1]!;
  await writeFile(path.join(dir, "readme.ts"), `declare const body: string;\n${example}\nexport {};\n`);
  await writeRuntimeExamples(readme);
  await writeFile(path.join(dir, "neutral.ts"), NEUTRAL_CONSUMER);
});

type Kind = "node" | "bun" | "deno" | "worker";
/** The README's "Runtimes and transports" examples, in order, with the runtime each is for. */
let examples: [Kind, string][] = [];
const examplesFor = (kind: Kind): string[] => examples.flatMap(([k], i) => (k === kind ? [`runtime-${kind}-${i}.ts`] : []));

async function writeRuntimeExamples(readme: string): Promise<void> {
  const start = readme.indexOf("### Runtimes and transports");
  const section = readme.slice(start, readme.indexOf("### Testing code that uses the SDK", start));
  examples = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m): [Kind, string] => {
    const code = m[1]!;
    return [/\bBun\./.test(code) ? "bun" : /\bDeno\./.test(code) ? "deno" : /export default \{/.test(code) ? "worker" : "node", code];
  });
  for (const [i, [kind, code]] of examples.entries()) await writeFile(path.join(dir, `runtime-${kind}-${i}.ts`), code);
  // Bun's own types are not installed here: just the two globals the example uses.
  await writeFile(path.join(dir, "bun-globals.d.ts"), "declare const Bun: { env: Record<string, string | undefined>; file(path: string): { text(): Promise<string> } };\n");
}

/** A project for a Worker or a browser: the neutral entry, typed without Node's types. */
const NEUTRAL_CONSUMER =
  'import { createClient, fetchTransport, tokenAuth, type WhmData } from "whmapi1";\n' +
  'const whm = createClient({ host: "server.example.com", auth: tokenAuth("root", "t"), fetch: (input, init) => fetch(input, init) });\n' +
  'const rows: WhmData<"listaccts">["acct"] = (await whm.listaccts()).data.acct;\n' +
  'fetchTransport({ host: "server.example.com", ca: new Uint8Array([1]) });\n' +
  "// @ts-expect-error the Node-only transports are not in the neutral entry\n" +
  'import { httpsTransport } from "whmapi1";\n' +
  "export { rows, httpsTransport };\n";

/** One compiler run (each reads the whole SDK's declarations, so tests share runs where they can). */
async function tsc(name: string, options: Record<string, unknown>, files: string[]): Promise<string> {
  const config = path.join(dir, `tsconfig.${name}.json`);
  await writeFile(config, JSON.stringify({ compilerOptions: { strict: true, noEmit: true, target: "ES2022", lib: ["ES2023"], types: ["node"], skipLibCheck: false, ...options }, files }));
  try {
    const r = await run(process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", config], { cwd: dir });
    return r.stdout + r.stderr;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return `${e.stdout ?? ""}${e.stderr ?? ""}` || String(error);
  }
}

describe("TypeScript consumers (types from dist/*.d.ts)", () => {
  test("moduleResolution: nodenext (with the README's Node examples of every section)", async () => {
    expect(examplesFor("node")).toHaveLength(2);
    expect(await tsc("nodenext", { module: "NodeNext", moduleResolution: "NodeNext" }, ["main.ts", "readme.ts", ...examplesFor("node")])).toBe("");
  });
  test("moduleResolution: bundler", async () => {
    expect(await tsc("bundler", { module: "ESNext", moduleResolution: "Bundler" }, ["main.ts", "readme.ts"])).toBe("");
  });
  test("without Node's types (lib DOM, types: []): the neutral entry, and the README's Bun and Worker examples", async () => {
    expect(examplesFor("bun")).toHaveLength(1);
    expect(examplesFor("worker")).toHaveLength(1);
    const files = ["neutral.ts", ...examplesFor("bun"), "bun-globals.d.ts", ...examplesFor("worker")];
    expect(await tsc("neutral", { module: "ESNext", moduleResolution: "Bundler", lib: ["ES2023", "DOM"], types: [] }, files)).toBe("");
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

/** `node:` imports left in a bundle (esbuild keeps them as imports when it cannot bundle them). */
function nodeImports(text: string): string[] {
  return [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["'](node:[\w/]+)["']/g)].map((m) => m[1]!);
}

const NODE_ONLY = /runtime\/(node|transport-https|transport-cli|session)\.js$/;

describe("createClient and one function, bundled for a Worker or a browser: no node: import", () => {
  async function bundle(platform: esbuild.Platform) {
    const result = await esbuild.build({
      entryPoints: [path.join(dir, "client-one-function.mjs")],
      bundle: true,
      write: false,
      format: "esm",
      platform,
      minify: true,
      metafile: true,
      absWorkingDir: dir,
      logLevel: "silent",
      // Node's built-ins stay imports in the output (as a Worker's bundler would leave them), so a
      // stray one shows up below rather than failing the build.
      external: ["node:*"],
    });
    return { text: result.outputFiles[0]!.text, inputs: Object.keys(result.metafile.inputs) };
  }

  test.each(["neutral", "browser"] as const)("platform %s", async (platform) => {
    const { text, inputs } = await bundle(platform);
    console.log(`createClient + one function, ${platform} bundle: ${(text.length / 1024).toFixed(1)} KiB minified`);
    expect(inputs.some((i) => i.endsWith("runtime/transport-fetch.js"))).toBe(true);
    expect(inputs.filter((i) => NODE_ONLY.test(i))).toEqual([]);
    expect(nodeImports(text)).toEqual([]);
    expect(text).toContain('"listaccts"');
  });

  test("the control: for platform node, the same import resolves to whmapi1/node and its node:https", async () => {
    const { text, inputs } = await bundle("node");
    expect(inputs.filter((i) => NODE_ONLY.test(i)).length).toBeGreaterThan(0);
    expect(nodeImports(text)).toContain("node:https");
  });
});

describe("README: the runtime examples", () => {
  test("one per runtime: Node (HTTPS and fetch), Bun, Deno, a Worker (the TypeScript consumers above compile all but Deno's)", () => {
    expect(examples.map(([kind]) => kind)).toEqual(["node", "node", "bun", "deno", "worker"]);
  });

  test("Deno's: deno check, with Deno's own types", async (ctx) => {
    const deno = path.join(ROOT, "node_modules", ".bin", "deno");
    try {
      await run(deno, ["--version"], { timeout: 30_000 });
    } catch (error) {
      const reason = `Deno cannot run on this machine (${(error as Error).message.split("\n")[0]})`;
      console.warn(`SKIPPED ${reason}`);
      return ctx.skip(reason);
    }
    // A copy, as npm installs it: Deno reads a package's .d.ts beside its .js only under node_modules,
    // and a symlink's real path (generated/) is outside it.
    const project = path.join(dir, "deno-project");
    await mkdir(path.join(project, "node_modules", "whmapi1"), { recursive: true });
    for (const entry of ["package.json", "dist"]) await cp(path.join(ROOT, "generated", entry), path.join(project, "node_modules", "whmapi1", entry), { recursive: true });
    await writeFile(path.join(project, "package.json"), JSON.stringify({ name: "deno-consumer", private: true, type: "module" }));
    for (const name of examplesFor("deno")) await copyFile(path.join(dir, name), path.join(project, name));
    const env = { ...process.env, NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1", DENO_DIR: path.join(dir, ".deno") };
    const { stdout, stderr } = await run(deno, ["check", "--no-lock", ...examplesFor("deno")], { cwd: project, env, timeout: 60_000 }).catch((e: { stdout?: string; stderr?: string }) => ({ stdout: e.stdout ?? "", stderr: `FAILED ${e.stderr ?? ""}` }));
    expect(`${stdout}${stderr}`.replace(/^Check .*\n?/gm, "")).toBe("");
  });
});
