/**
 * The generated SDK's `testing` subpath, as a user gets it: generated from specs/ into a temp folder;
 * used as docs/testing.md shows; type-checked with
 * strict settings (exactOptionalPropertyTypes included) under TypeScript 5.9 and 7, with type-level
 * checks that handlers are typed from the SDK.
 */
import { execFile } from "node:child_process";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { catalogLiteral, testingFilesOf } from "../../generator/emit/testing.js";
import { ROOT } from "../helpers.js";
import { sdkWithTesting, TEMPLATES } from "./helpers/sdk.js";

const run = promisify(execFile);
let out = "";
let app = "";
let quirks = "";

/** The docs' `// NAME.ts` code blocks, importing the SDK from the generated folder instead of the package. */
async function docsFiles(): Promise<[name: string, text: string][]> {
  const docs = await readFile(path.join(ROOT, "docs", "testing.md"), "utf8");
  return [...docs.matchAll(/```ts\n\/\/ ([\w.-]+\.ts)\n([\s\S]*?)```/g)].map((m): [string, string] => [
    m[1]!,
    m[2]!.replaceAll('from "whmapi1/testing"', 'from "../sdk/testing/index.js"').replaceAll('from "whmapi1"', 'from "../sdk/index.js"'),
  ]);
}

beforeAll(async () => {
  [out, quirks] = await Promise.all([sdkWithTesting("specs", "sdk-testing"), sdkWithTesting("test/fixtures/quirks", "sdk-testing-quirks")]);
  app = path.join(path.dirname(out), "app");
  await mkdir(app, { recursive: true });
  for (const [name, text] of await docsFiles()) await writeFile(path.join(app, name), text);
  // Its own config, as in a user's project (else vitest would find this project's).
  await writeFile(path.join(app, "vitest.config.mjs"), 'export default { test: { include: ["*.test.ts"] } };\n');
}, 60_000);

describe("emitted files", () => {
  it("testing/catalog and testing/index as .js and .d.ts, under the banner; the compiled engine beside them, the same under dist/", async () => {
    const catalogText = await readFile(path.join(out, "catalog.json"), "utf8");
    const files = testingFilesOf(catalogLiteral(catalogText), "BANNER");
    expect(files.map(([name]) => name)).toEqual(["testing/catalog.d.ts", "testing/catalog.js", "testing/index.d.ts", "testing/index.js"]);
    for (const [, text] of files) expect(text.startsWith("// BANNER\n\n")).toBe(true);
    const catalogJs = files[1]![1];
    expect(catalogJs).toContain("export const catalog = JSON.parse(\n");
    // One function per line, as a JSON string piece (a changed function is a one-line diff).
    expect(catalogJs.split("\n").filter((l) => l.startsWith('  "{\\"name\\":')).length).toBe((JSON.parse(catalogText) as { functions: unknown[] }).functions.length);
    expect(files[2]![1]).toContain('import type { WhmFunctionMap } from "../registry.js";');
    // What generate wrote: these files, and the engine compiled from templates/testing/, under testing/ and dist/testing/ alike.
    const engine = (await readdir(path.join(TEMPLATES, "testing"))).filter((n) => n.endsWith(".ts") && !n.endsWith(".test.ts"));
    expect(engine).not.toContain("index.ts");
    expect(engine).not.toContain("catalog.ts");
    for (const dir of ["testing", "dist/testing"]) {
      const written = (await readdir(path.join(out, dir))).sort();
      const expected = [...engine.flatMap((n) => [n.replace(/\.ts$/, ".js"), n.replace(/\.ts$/, ".d.ts")]), ...files.map(([name]) => path.basename(name))].sort();
      expect(written, dir).toEqual(expected);
      expect(written.some((n) => n.endsWith(".ts") && !n.endsWith(".d.ts")), dir).toBe(false);
    }
    expect(await readFile(path.join(out, "testing", "catalog.js"), "utf8")).toBe(await readFile(path.join(out, "dist", "testing", "catalog.js"), "utf8"));
  });

  it("the compiled package works in plain Node: dist/index.js with dist/testing/index.js", async () => {
    const script = path.join(path.dirname(out), "plain.mjs");
    await writeFile(
      script,
      `import { createClient } from "./sdk/dist/index.js";
import { createFakeWhm, whmFailure } from "./sdk/dist/testing/index.js";
const fake = createFakeWhm({ handlers: { version: () => ({ version: "11.1.0.0" }) } });
const whm = createClient({ transport: fake });
await whm.createacct({ username: "bob", domain: "bob.example" });
const users = (await whm.listaccts()).data.acct.map((a) => a.user);
const version = (await whm.version()).data.version;
const missing = await whm.createacct({ domain: "carol.example" }, { throwOnError: false });
console.log(JSON.stringify({ users, version, missing: missing.error.message, failure: typeof whmFailure }));
`,
    );
    const { stdout } = await run(process.execPath, [script], { cwd: path.dirname(out), timeout: 30_000 });
    expect(JSON.parse(stdout)).toEqual({
      users: ["user001", "user002", "user003", "bob"],
      version: "11.1.0.0",
      missing: "createacct failed: Provide the “username” parameter.",
      failure: "function",
    });
  });

  it("the SDK's main index does not pull the double in", async () => {
    const index = await readFile(path.join(out, "index.ts"), "utf8");
    expect(index).toContain('export * from "./client.js";');
    expect(index).not.toMatch(/from "\.\/testing/);
  });
});

describe("a user's test against createFakeWhm (docs/testing.md)", () => {
  it("the docs' vitest file passes, run by vitest as a user runs it", async () => {
    expect((await docsFiles()).map(([name]) => name)).toEqual(["provision.ts", "provision.test.ts"]);
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
    delete env["NEW_ACCOUNT_USER"];
    const vitest = path.join(ROOT, "node_modules", "vitest", "vitest.mjs");
    let output = "";
    try {
      const r = await run(process.execPath, [vitest, "run", "--root", app, "--config", path.join(app, "vitest.config.mjs")], { cwd: app, env, timeout: 60_000 });
      output = r.stdout + r.stderr;
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string };
      throw new Error(`the docs' test failed:\n${e.stdout ?? ""}${e.stderr ?? ""}`);
    }
    expect(output).toMatch(/Tests\s+4 passed \(4\)/);
  }, 90_000);

  it("createacct → listaccts → removeacct; a forgotten required parameter fails with a clear reason", async () => {
    const sdk = await import(path.join(out, "index.js"));
    const testing = await import(path.join(out, "testing", "index.js"));
    const fake = testing.createFakeWhm({ seed: 1 });
    const whm = sdk.createClient({ transport: fake });
    await whm.createacct({ username: "bob", domain: "bob.example" });
    const users = async (): Promise<string[]> => ((await whm.listaccts()).data.acct as { user: string }[]).map((a) => a.user);
    expect(await users()).toContain("bob");
    await whm.removeacct({ username: "bob" });
    expect(await users()).not.toContain("bob");
    await expect(whm.createacct({ domain: "carol.example" })).rejects.toMatchObject({ kind: "api", message: "createacct failed: Provide the “username” parameter." });
    // Since 11.137's document, domain is optional: WHM makes a temporary one.
    await whm.createacct({ username: "dave" });
    expect(await users()).toContain("dave");
    expect(fake.callsTo("createacct").map((c: { params: unknown }) => c.params)).toEqual([{ username: "bob", domain: "bob.example" }, { domain: "carol.example" }, { username: "dave" }]);
  });
});

const PROBE = `import { createClient } from "../index.js";
import { createFakeWhm as createCompiledFake, type WhmHandlers as CompiledHandlers } from "../dist/testing/index.js";
import { createFakeWhm, whmFailure, whmSuccess, type WhmHandlers } from "./index.js";

const fake = createFakeWhm({
  seed: 1,
  accounts: [{ user: "alice" }],
  faults: [{ fault: "latency", ms: 10 }],
  handlers: {
    createacct: (params) => {
      const user: string = params.username;
      return user === "taken" ? whmFailure("Sorry, a user with that name already exists.") : {};
    },
    version: () => ({ version: "11.126.0.1" }),
    listaccts: async () => whmSuccess({ acct: [{ user: "bob", suspended: true }] }, { warnings: ["w"] }),
  },
});
const whm = createClient({ transport: fake });
export const suspended = async (): Promise<boolean | undefined> => (await whm.listaccts()).data.acct?.[0]?.suspended;
fake.handle("version", (_params, context) => ({ version: String(context.state.accounts.list().length) }));
export const handlers: WhmHandlers = { version: () => ({}) };

// @ts-expect-error: not a function of this SDK
createFakeWhm({ handlers: { no_such_function: () => ({}) } });
// @ts-expect-error: version's data has a string version
createFakeWhm({ handlers: { version: () => ({ version: 11 }) } });
// @ts-expect-error: listaccts has no parameter "serch"
createFakeWhm({ handlers: { listaccts: (params) => (params.serch, {}) } });
// @ts-expect-error: the handler's data must be version's
fake.handle("version", () => ({ version: 1 }));
// @ts-expect-error: not a fault
createFakeWhm({ faults: [{ fault: "meteor" }] });

// The compiled package's declarations type handlers the same way.
export const compiledHandlers: CompiledHandlers = { version: () => ({ version: "1" }) };
createCompiledFake({ handlers: { listaccts: () => ({ acct: [] }) } });
// @ts-expect-error: version's data has a string version (dist/testing/index.d.ts)
createCompiledFake({ handlers: { version: () => ({ version: 11 }) } });
`;

const COMPILERS = [
  ["TypeScript 5.9", path.join(ROOT, "node_modules", "typescript", "bin", "tsc")],
  ["TypeScript 7", path.join(ROOT, "node_modules", "typescript7", "bin", "tsc")],
] as const;

describe("type-checks with strict settings", () => {
  it.each(COMPILERS)("%s: the SDKs (specs/, quirks) with testing/, the docs' files, handlers typed from the SDK", async (_name, tsc) => {
    await writeFile(path.join(out, "testing", "probe.ts"), PROBE);
    const config = path.join(out, "tsconfig.json");
    await writeFile(config, JSON.stringify({
      compilerOptions: {
        strict: true, noEmit: true, target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", lib: ["ES2023"], types: ["node"],
        typeRoots: [path.join(ROOT, "node_modules", "@types")], noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true,
        noImplicitOverride: true, skipLibCheck: true,
      },
      // The quirks fixture too: names that are not identifiers (api.version, MXCHECK-*, 360Monitoring).
      include: ["./**/*.ts", "../app/**/*.ts", `${path.relative(out, quirks)}/**/*.ts`],
    }));
    let output = "";
    try {
      const r = await run(process.execPath, [tsc, "-p", config], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
      output = r.stdout + r.stderr;
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string };
      output = (e.stdout ?? "") + (e.stderr ?? "") || String(error);
    }
    expect(output).toBe("");
  }, 120_000);
});
