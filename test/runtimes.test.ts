/**
 * The generated SDK in every JavaScript runtime it supports, proven rather than assumed: one
 * end-to-end scenario (test/fixtures/runtimes/scenario.mjs: token auth, trust of the double's CA
 * and rejection of it by default, HTTP 403 with the cpanelresult body, the HTML login page under
 * 200, result 0, paginate, batch) against `whmgen serve --tls`, imported as an installed package
 * ("whmapi1", so each runtime's export conditions pick the entry), on:
 *
 * - this Node, with the fetch transport and with the HTTPS transport (test/other-nodes.sh runs
 *   this file on Node 22 and 24 too);
 * - Bun and Deno, from their npm packages (`bun`, `deno` dev dependencies);
 * - workerd through miniflare, as a Worker bundled by esbuild.
 *
 * A runtime that cannot be run on this machine is skipped with the reason printed; one that runs
 * must pass. Each prints its version and how long its scenario took.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import * as esbuild from "esbuild";
import { afterAll, beforeAll, describe, expect, test, type TestContext } from "vitest";
import { BIN, ROOT, tempDir } from "./helpers.js";

const run = promisify(execFile);
const FIXTURES = path.join(ROOT, "test", "fixtures", "runtimes");
/** A marker secret: the reports say whether any error's text holds it. */
const TOKEN = "RUNTIMES-TOKEN-MARKER-0123456789";

let dir = "";
let serve: ChildProcess | undefined;
let url = "";
let ca = "";
let specVersion = "";

/** Starts `whmgen serve --tls` (the built CLI) and reads its URL and the CA file it prints. */
async function startServe(): Promise<void> {
  const args = ["serve", "--spec", "specs", "--tls", "--port", "0", "--token", `root:${TOKEN}`, "--accounts", "5", "--fault", "html-login:accountsummary", "--quiet"];
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  serve = child;
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const lines: string[] = [];
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on("line", (line) => {
      lines.push(line);
      if (lines.length === 2) resolve();
    });
    child.on("exit", (code) => reject(new Error(`whmgen serve exited (${code}) before printing its URL and CA: ${stderr}`)));
  });
  url = lines[0]!;
  const caFile = /\(PEM\): (\S+)/.exec(lines[1]!)?.[1];
  if (!/^https:\/\/127\.0\.0\.1:\d+$/.test(url) || !caFile) throw new Error(`unexpected serve output: ${lines.join("\n")}`);
  ca = await readFile(caFile, "utf8");
}

beforeAll(async () => {
  dir = await tempDir("runtimes");
  await mkdir(path.join(dir, "node_modules"), { recursive: true });
  await symlink(path.join(ROOT, "generated"), path.join(dir, "node_modules", "whmapi1"), "dir");
  await writeFile(path.join(dir, "package.json"), JSON.stringify({ name: "runtimes-consumer", private: true, type: "module" }));
  for (const f of ["scenario.mjs", "drive.mjs", "worker.mjs"]) await copyFile(path.join(FIXTURES, f), path.join(dir, f));
  specVersion = (JSON.parse(await readFile(path.join(ROOT, "generated", "catalog.json"), "utf8")) as { specVersion: string }).specVersion;
  await startServe();
}, 60_000);

afterAll(async () => {
  if (serve && serve.exitCode === null) {
    const exited = new Promise((resolve) => serve!.on("exit", resolve));
    serve.kill("SIGTERM");
    await exited;
  }
});

type UnknownCa = { kind: string; advice: string };

/** What WHM semantics require of every runtime; only the entry and the unknown-CA failure differ. */
function expected(entry: "whmapi1" | "whmapi1/node", unknownCa: UnknownCa): Record<string, unknown> {
  return {
    entry,
    version: specVersion,
    unknownCa: { ...unknownCa, leaksToken: false },
    wrongToken: { kind: "auth", status: 403, reason: "Access denied", leaksToken: false },
    loginPage: { kind: "not-json", status: 200, title: "WHM Login", leaksToken: false },
    result0: { kind: "api", reason: "Provide the “username” parameter.", accessDenied: false, leaksToken: false },
    paginate: ["user001", "user002", "user003", "user004", "user005"],
    batch: [specVersion, ["user002"]],
  };
}

/** Runs drive.mjs under `command` and returns its report. */
async function drive(command: string, args: string[], mode: string, extraEnv: Record<string, string> = {}): Promise<{ report: unknown; ms: number }> {
  const started = performance.now();
  const env = { ...process.env, ...extraEnv, NO_COLOR: "1", WHM_SCENARIO: JSON.stringify({ url, token: TOKEN, ca, mode }) };
  const { stdout } = await run(command, [...args, "drive.mjs"], { cwd: dir, env, timeout: 60_000 });
  const ms = performance.now() - started;
  return { report: JSON.parse(stdout.trim().split("\n").at(-1)!), ms };
}

/** The runtime's version, or the reason it cannot run here (then the test is skipped, saying so). */
async function probe(ctx: TestContext, name: string, binary: string, args: string[]): Promise<string> {
  if (!existsSync(binary)) {
    const reason = `${name}: not installed (${path.relative(ROOT, binary)} is missing; npm ci installs it)`;
    console.warn(`SKIPPED ${reason}`);
    ctx.skip(reason);
  }
  try {
    return (await run(binary, args, { timeout: 30_000 })).stdout.trim().split("\n")[0]!;
  } catch (error) {
    const reason = `${name}: cannot run on this machine (${(error as Error).message.split("\n")[0]})`;
    console.warn(`SKIPPED ${reason}`);
    ctx.skip(reason);
    throw error; // not reached: skip throws
  }
}

function report(name: string, ms: number): void {
  console.log(`runtimes: ${name}: scenario passed in ${Math.round(ms)} ms`);
}

describe(`Node ${process.version}`, () => {
  test("fetch transport (trust through an undici dispatcher)", async () => {
    const { report: got, ms } = await drive(process.execPath, [], "node-fetch");
    expect(got).toEqual(expected("whmapi1/node", { kind: "tls", advice: "dispatcher" }));
    report(`Node ${process.version}, fetch`, ms);
  });

  test("HTTPS transport (createClient's default on Node; takes `ca`)", async () => {
    const { report: got, ms } = await drive(process.execPath, [], "node-https");
    expect(got).toEqual(expected("whmapi1/node", { kind: "tls", advice: "ca" }));
    report(`Node ${process.version}, HTTPS`, ms);
  });
});

describe("Bun (npm package bun)", () => {
  test("fetch transport, the default there; `ca` through Bun's fetch `tls` option", async (ctx) => {
    const bun = path.join(ROOT, "node_modules", ".bin", "bun");
    const version = await probe(ctx, "Bun", bun, ["--version"]);
    const { report: got, ms } = await drive(bun, [], "native", { BUN_RUNTIME_TRANSPILER_CACHE_PATH: "0" });
    expect(got).toEqual(expected("whmapi1", { kind: "tls", advice: "ca" }));
    report(`Bun ${version}`, ms);
  });
});

describe("Deno (npm package deno)", () => {
  test("fetch transport, the default there; `ca` through Deno.createHttpClient", async (ctx) => {
    const deno = path.join(ROOT, "node_modules", ".bin", "deno");
    const version = await probe(ctx, "Deno", deno, ["--version"]);
    const args = ["run", "--no-lock", "--allow-net=127.0.0.1", "--allow-env=WHM_SCENARIO", "--allow-read"];
    const { report: got, ms } = await drive(deno, args, "native", { DENO_NO_UPDATE_CHECK: "1", DENO_DIR: path.join(dir, ".deno") });
    expect(got).toEqual(expected("whmapi1", { kind: "tls", advice: "ca" }));
    report(version, ms);
  });
});

describe("Cloudflare Workers (miniflare, npm package miniflare)", () => {
  test("fetch transport in workerd: a bundle without node:, trusting the CA through a service binding", async (ctx) => {
    let Miniflare: typeof import("miniflare").Miniflare;
    let workerd = "";
    try {
      ({ Miniflare } = await import("miniflare"));
      workerd = (JSON.parse(await readFile(path.join(ROOT, "node_modules", "workerd", "package.json"), "utf8")) as { version: string }).version;
    } catch (error) {
      const reason = `miniflare: not installed (${(error as Error).message.split("\n")[0]})`;
      console.warn(`SKIPPED ${reason}`);
      return ctx.skip(reason);
    }
    const bundle = await esbuild.build({
      entryPoints: [path.join(dir, "worker.mjs")],
      absWorkingDir: dir,
      bundle: true,
      write: false,
      format: "esm",
      platform: "neutral",
      conditions: ["workerd", "worker", "browser"],
      mainFields: ["module", "main"],
      metafile: true,
      logLevel: "silent",
    });
    const inputs = Object.keys(bundle.metafile.inputs);
    expect(inputs.some((i) => i.endsWith("runtime/transport-fetch.js"))).toBe(true);
    expect(inputs.filter((i) => /runtime\/(node|transport-https|transport-cli|session)\.js$|^node:/.test(i))).toEqual([]);
    const started = performance.now();
    // workerd logs each rejected certificate (the untrusted call is one); kept for a failure message.
    let workerdLog = "";
    let mf: InstanceType<typeof Miniflare>;
    try {
      mf = new Miniflare({
        handleRuntimeStdio(stdout: NodeJS.ReadableStream, stderr: NodeJS.ReadableStream) {
          stdout.on("data", (d: Buffer) => (workerdLog += d.toString()));
          stderr.on("data", (d: Buffer) => (workerdLog += d.toString()));
        },
        modules: true,
        script: bundle.outputFiles[0]!.text,
        compatibilityDate: "2025-01-01",
        // The trusted client's fetch: a network service whose TLS trusts the double's CA. The
        // Worker's global fetch keeps workerd's default trust, which must reject it.
        serviceBindings: { WHM: { network: { allow: ["private"], tlsOptions: { trustedCertificates: [ca] } } } },
      });
      await mf.ready;
    } catch (error) {
      const reason = `miniflare: workerd cannot run on this machine (${(error as Error).message.split("\n")[0]})`;
      console.warn(`SKIPPED ${reason}`);
      return ctx.skip(reason);
    }
    try {
      const response = await mf.dispatchFetch("http://worker.test/", { method: "POST", body: JSON.stringify({ url, token: TOKEN }) });
      const got = JSON.parse(await response.text()) as unknown;
      // workerd tells a Worker only "internal error" when it rejects a certificate: a network error.
      const want = expected("whmapi1", { kind: "network", advice: "none" });
      expect(got, workerdLog).toEqual({ ...want, unknownCa: { ...(want["unknownCa"] as object), workersNote: true }, caOption: "refused" });
      expect(workerdLog).toMatch(/TLS peer's certificate is not trusted/);
      report(`workerd ${workerd} (miniflare)`, performance.now() - started);
    } finally {
      await mf.dispose();
    }
  });
});
