/**
 * `whmgen serve` as a user runs it: a child process on a free loopback port, called with plain
 * HTTP requests (and the SDK's client), stopped with SIGTERM and checked gone.
 *
 * The child runs the compiled command (generator/serve compiled with tsconfig.build.json's settings
 * into test/.tmp, as `npm run build` compiles it into dist/), through serveCommand: the same code
 * `whmgen serve` runs once the CLI dispatches the verb.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UsageError, WhmgenError } from "../../generator/errors.js";
import { makeCertificate } from "../../generator/serve/cert.js";
import { serveCommand, startServe } from "../../generator/serve/index.js";
import { startFakeServer } from "../../generator/serve/server.js";
import { createFakeEngine } from "../../templates/testing/engine.js";
import * as helpers from "../runtime/helpers/functions.js";
import { HELPER_CATALOG } from "./helpers/catalogs.js";
import { tokenAuth } from "../../templates/runtime/auth.js";
import { createRuntimeClient } from "../../templates/runtime/client.js";
import { nodeTransportMakers } from "../../templates/runtime/node.js";
import { registry } from "../../generated/registry.js";
import { ROOT, tempDir } from "../helpers.js";

let runner = "";
const children = new Set<ChildProcess>();

beforeAll(async () => {
  const dir = await tempDir("serve-build");
  const rel = path.relative(dir, ROOT);
  await writeFile(
    path.join(dir, "tsconfig.json"),
    JSON.stringify({
      extends: path.join(rel, "tsconfig.build.json"),
      compilerOptions: { outDir: "./dist", rootDir: rel, declaration: false },
      include: [],
      files: [path.join(rel, "generator/serve/index.ts")],
    }),
  );
  await new Promise<void>((resolve, reject) => {
    const tsc = spawn(process.execPath, [path.join(ROOT, "node_modules/typescript/bin/tsc"), "-p", path.join(dir, "tsconfig.json")], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    tsc.stdout.on("data", (d: Buffer) => (output += d.toString()));
    tsc.stderr.on("data", (d: Buffer) => (output += d.toString()));
    tsc.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`tsc failed:\n${output}`))));
  });
  runner = path.join(dir, "serve.mjs");
  await writeFile(
    runner,
    'const { serveCommand } = await import("./dist/generator/serve/index.js");\n' +
      'process.exitCode = await serveCommand(process.argv.slice(2), { out: (l) => process.stdout.write(l + "\\n"), err: (l) => process.stderr.write(l + "\\n") });\n',
  );
}, 60_000);

afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
});

interface Served {
  url: string;
  port: number;
  lines: string[];
  child: ChildProcess;
  /** SIGTERM, then the exit code and signal (fails after 10 s). */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no result within ${ms} ms`)), ms)))]).finally(() => clearTimeout(timer));
}

async function serve(args: string[]): Promise<Served> {
  const child = spawn(process.execPath, [runner, "--port", "0", ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, signal) => {
    children.delete(child);
    resolve({ code, signal });
  }));
  const lines: string[] = [];
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const first = new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on("line", (line) => {
      lines.push(line);
      if (lines.length === 1) resolve(line);
    });
    void exited.then(() => reject(new Error(`serve exited before printing its URL: ${stderr}`)));
  });
  const url = await within(20_000, "serve's first line", first);
  return { url, port: Number(new URL(url).port), lines, child, stop: () => (child.kill("SIGTERM"), within(10_000, "exit after SIGTERM", exited)) };
}

const HEADERS = { Authorization: "whm root:T" };

async function getJson(url: string, init: RequestInit = {}): Promise<{ status: number; json: any }> {
  const response = await fetch(url, { ...init, headers: { ...HEADERS, ...(init.headers as Record<string, string> | undefined) } });
  return { status: response.status, json: await response.json() };
}

describe("whmgen serve (plain HTTP, token)", () => {
  let s: Served;
  beforeAll(async () => {
    s = await serve(["--spec", "specs", "--token", "root:T", "--accounts", "25", "--seed", "5", "--fault", "html-login:accountsummary,domainuserdata"]);
  }, 30_000);
  afterAll(async () => {
    if (s?.child.exitCode === null) await s.stop();
  });

  it("prints the URL it listens on first: loopback, the port picked", () => {
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(s.port).toBeGreaterThan(0);
  });

  it("success: a WHM API 1 envelope", async () => {
    const { status, json } = await getJson(`${s.url}/json-api/version?api.version=1`);
    expect(status).toBe(200);
    expect(json).toEqual({ data: { version: expect.stringMatching(/^11\./) }, metadata: { command: "version", reason: "OK", result: 1, version: 1 } });
  });

  it("result 0 under HTTP 200, with a reason naming the parameter", async () => {
    const { status, json } = await getJson(`${s.url}/json-api/createacct?api.version=1&domain=bob.example`);
    expect(status).toBe(200);
    expect(json.metadata).toEqual({ command: "createacct", reason: "Provide the “username” parameter.", result: 0, version: 1 });
  });

  it("a wrong token or none: HTTP 403 with the cpanelresult body", async () => {
    for (const headers of [{ Authorization: "whm root:WRONG" }, { Authorization: "" }]) {
      const { status, json } = await getJson(`${s.url}/json-api/version?api.version=1`, { headers });
      expect(status).toBe(403);
      expect(json).toEqual({ cpanelresult: { apiversion: "2", error: "Access denied", data: { reason: "Access denied", result: "0" }, type: "text" } });
    }
  });

  it("--fault html-login:FUNCTIONS: WHM's login page under HTTP 200 for those functions only", async () => {
    for (const fn of ["accountsummary?user=user001", "domainuserdata?domain=user001.example"]) {
      const response = await fetch(`${s.url}/json-api/${fn}&api.version=1`, { headers: HEADERS });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^text\/html/);
      expect(await response.text()).toContain("<title>WHM Login</title>");
    }
    expect((await getJson(`${s.url}/json-api/version?api.version=1`)).json.metadata.result).toBe(1);
  });

  it("a chunked listing, also under a /cpsess prefix", async () => {
    const { json } = await getJson(`${s.url}/cpsess0123456789/json-api/listaccts?api.version=1&api.chunk.enable=1&api.chunk.start=11&api.chunk.size=10&api.columns.enable=1&api.columns.a=user`);
    expect(json.data.acct).toEqual(Array.from({ length: 10 }, (_, i) => ({ user: `user${String(11 + i).padStart(3, "0")}` })));
    expect(json.metadata.chunk).toEqual({ start: "11", size: "10", records: "25", current: "2" });
  });

  it("batch: a form POST of repeated commands", async () => {
    const form = new URLSearchParams([["command", "version"], ["command", "listaccts?search=user007"], ["command", "no_such_function"]]);
    const { json } = await getJson(`${s.url}/json-api/batch?api.version=1`, { method: "POST", body: form });
    expect(json.metadata.result).toBe(1);
    expect(json.data.result.map((r: { metadata: { command: string; result: number } }) => [r.metadata.command, r.metadata.result])).toEqual([["version", 1], ["listaccts", 1], ["no_such_function", 0]]);
    expect(json.data.result[1].data.acct.map((a: { user: string }) => a.user)).toEqual(["user007"]);
  });

  it("the SDK's client against it: paginate, and state kept between calls", async () => {
    const whm = createRuntimeClient({ host: "127.0.0.1", port: s.port, protocol: "http", auth: tokenAuth("root", "T") }, registry, nodeTransportMakers);
    try {
      const users: string[] = [];
      for await (const a of whm.paginate("listaccts", {}, { size: 10 })) users.push(a.user ?? "");
      expect(users).toHaveLength(25);
      await whm.createacct({ username: "bob", domain: "bob.example" });
      expect((await whm.listaccts({ search: "bob" })).data.acct?.map((a) => a.user)).toEqual(["bob"]);
    } finally {
      await whm.close();
    }
  });

  it("logs one line per request, without parameters", () => {
    expect(s.lines.some((l) => l === "whmgen serve: GET version → 200, result 1")).toBe(true);
    expect(s.lines.some((l) => l.includes("403 (credentials refused)"))).toBe(true);
    expect(s.lines.join("\n")).not.toContain("bob.example");
  });

  it("SIGTERM: stops cleanly (exit 0) and the port is closed", async () => {
    const { code, signal } = await s.stop();
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(s.lines.at(-1)).toBe("whmgen serve: stopped (SIGTERM)");
    await expect(fetch(`${s.url}/json-api/version?api.version=1`)).rejects.toThrow();
  });
});

describe("whmgen serve --tls", () => {
  it("makes a CA and a server certificate, prints where the CA's PEM is, serves HTTPS; SIGINT removes it", async () => {
    const s = await serve(["--spec", "test/fixtures/quirks", "--tls"]);
    try {
      expect(s.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      await within(5_000, "second line", (async () => { while (s.lines.length < 2) await new Promise((r) => setTimeout(r, 20)); })());
      const pem = /certificate \(PEM\): (\S+)/.exec(s.lines[1] ?? "")?.[1];
      expect(pem && existsSync(pem)).toBe(true);
      const { readFile } = await import("node:fs/promises");
      const whm = createRuntimeClient({ host: "127.0.0.1", port: s.port, ca: await readFile(pem!, "utf8") }, registry, nodeTransportMakers);
      try {
        expect((await whm.version()).data.version).toBe("11.137.9999.106");
      } finally {
        await whm.close();
      }
      s.child.kill("SIGINT");
      const exited = await within(10_000, "exit after SIGINT", new Promise((resolve) => s.child.on("exit", (code) => resolve(code))));
      expect(exited).toBe(0);
      expect(existsSync(pem!)).toBe(false);
    } finally {
      if (s.child.exitCode === null) await s.stop();
    }
  }, 30_000);
});

describe("serveCommand in-process", () => {
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
  };

  it("--help", async () => {
    const { out, io: sink } = io();
    expect(await serveCommand(["--help"], sink)).toBe(0);
    for (const option of ["--spec PATH", "--host HOST", "--port N", "--token USER:TOKEN", "--tls", "--fault KIND", "html-login, forbidden", "SIGTERM"]) expect(out.join("\n")).toContain(option);
  });

  it.each([
    [["--port", "http"], /--port takes a whole number/],
    [["--port", "70000"], /--port takes a whole number from 0 to 65535/],
    [["--token", "no-colon"], /--token takes USER:TOKEN/],
    [["--sepc", "x"], /Unknown option '--sepc'/],
    [["stray"], /positional/],
    [["--fault", "slow"], /--fault takes KIND\[:FUNCTION,\.\.\.\] with KIND one of latency, html-login/],
    [["--fault", "reset:"], /--fault reset: name the functions after ':'/],
  ])("usage error: %j", async (args, message) => {
    await expect(serveCommand(args, io().io)).rejects.toSatisfy((e: unknown) => e instanceof UsageError && message.test(e.message));
  });

  it("runs until its signal fires; a taken port is an input error", async () => {
    const taken = await startServe({ specs: ["test/fixtures/quirks"], host: "127.0.0.1", port: 0, tls: false, seed: 1, accounts: 3, listLength: 3, cwd: ROOT });
    try {
      const port = new URL(taken.url).port;
      await expect(serveCommand(["--spec", "test/fixtures/quirks", "--port", port], io().io)).rejects.toSatisfy((e: unknown) => e instanceof WhmgenError && /port \d+ on 127\.0\.0\.1 is taken/.test(e.message));
      const controller = new AbortController();
      const { out, io: sink } = io();
      const running = serveCommand(["--spec", "test/fixtures/quirks", "--port", "0", "--quiet"], sink, { signal: controller.signal });
      await within(10_000, "URL", (async () => { while (!out.length) await new Promise((r) => setTimeout(r, 10)); })());
      expect(out[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await fetch(`${out[0]}/json-api/version?api.version=1`)).status).toBe(200);
      controller.abort();
      expect(await within(5_000, "serveCommand", running)).toBe(0);
    } finally {
      await taken.close();
    }
  });
});

describe("the HTTP front in-process", () => {
  it("the CA and the server certificate it signs: a client trusting the CA accepts the server; one trusting nothing refuses it", async () => {
    const cert = makeCertificate("127.0.0.1");
    const server = await startFakeServer({ engine: createFakeEngine(HELPER_CATALOG), host: "127.0.0.1", port: 0, tls: cert });
    const stranger = createRuntimeClient({ host: "127.0.0.1", port: server.port }, helpers, nodeTransportMakers);
    await expect(stranger.version()).rejects.toMatchObject({ kind: "tls", code: "UNABLE_TO_VERIFY_LEAF_SIGNATURE" });
    await stranger.close();
    const whm = createRuntimeClient({ host: "127.0.0.1", port: server.port, ca: cert.ca }, helpers, nodeTransportMakers);
    try {
      expect((await whm.version()).data.version).toBe("11.137.0.1");
    } finally {
      await whm.close();
      await server.close();
    }
  });

  it("faults over HTTP: a reset connection, latency, a connection left hanging; close() ends them all", async () => {
    const engine = createFakeEngine(HELPER_CATALOG, {
      faults: [{ fault: "reset", functions: "listaccts" }, { fault: "latency", ms: 80, functions: "version" }, { fault: "timeout", functions: "hang" }],
    });
    const server = await startFakeServer({ engine, host: "127.0.0.1", port: 0 });
    const whm = createRuntimeClient({ host: "127.0.0.1", port: server.port, protocol: "http", auth: tokenAuth("root", "T") }, helpers, nodeTransportMakers);
    try {
      await expect(whm.listaccts()).rejects.toMatchObject({ kind: "network" });
      const started = Date.now();
      expect((await whm.version()).metadata.result).toBe(1);
      expect(Date.now() - started).toBeGreaterThanOrEqual(70);
      await expect(whm.hang({}, { timeout: 150 })).rejects.toMatchObject({ kind: "timeout" });
      const left = whm.hang({}, { timeout: 0, throwOnError: false });
      await new Promise((r) => setTimeout(r, 50));
      await within(3_000, "close with a hanging request", server.close());
      expect(await within(3_000, "the hanging call", left)).toMatchObject({ ok: false, error: { kind: "network" } });
    } finally {
      await whm.close();
      await server.close().catch(() => {});
    }
  });
});
