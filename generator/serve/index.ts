/**
 * `whmgen serve`: the WHM test double as a real HTTP(S) server, built from the specs, so code in
 * any language can be tested against WHM API 1 without a cPanel server. The engine is the one the
 * generated SDK's `testing` subpath runs in-process (templates/testing/). It is imported by a
 * relative path that holds both in the sources and in dist/: tsconfig.build.json compiles
 * templates/testing/ into dist/templates/testing/ beside dist/generator/ (the generated package's
 * dist/testing/ is copied from there too).
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { isIP } from "node:net";
import os from "node:os";
import path from "node:path";
import { parseCommandLine } from "../args.js";
import { catalogJson } from "../emit/catalog.js";
import { planApi } from "../emit/plan.js";
import { UsageError, WhmgenError } from "../errors.js";
import { loadSpecs } from "../load/index.js";
import { createFakeEngine } from "../../templates/testing/engine.js";
import { FAULT_KINDS, type WhmFaultRule } from "../../templates/testing/faults.js";
import type { FakeCatalog } from "../../templates/testing/types.js";
import { makeCertificate } from "./cert.js";
import { startFakeServer, type FakeServer } from "./server.js";

export const SERVE_HELP = `Usage: whmgen serve [--spec PATH]... [--host HOST] [--port N] [--token USER:TOKEN] [--tls]
                   [--seed N] [--accounts N] [--list-length N] [--fault KIND[:FUNCTION,...]]... [--quiet]

Runs a WHM test double: a server that speaks WHM API 1 on /json-api/FUNCTION (and
/cpsessNNNNNNNNNN/json-api/FUNCTION) as the specs describe it. Calls are checked (unknown
function, missing or mistyped parameter → result 0 with a reason), answers are synthesised
from the documented shapes (the same seed gives the same answers), the account family
(createacct, listaccts, removeacct, …) keeps state, api.filter/sort/chunk/columns and
batch work.

Options:
  --spec PATH         an OpenAPI document or a folder of them; repeatable (default: specs)
  --host HOST         address to listen on (default 127.0.0.1: this machine only)
  --port N            port (default 2086, or 2087 with --tls; 0 picks a free port)
  --token USER:TOKEN  only "Authorization: whm USER:TOKEN" gets in; other credentials
                      get WHM's HTTP 403 cpanelresult answer (default: anything gets in)
  --tls               HTTPS, with a certificate signed by a CA made at start; the path of
                      the CA's PEM file is printed (give it to the client as its CA)
  --seed N            seed of the synthesised answers (default 1)
  --accounts N        accounts the server starts with: user001 … (default 3)
  --list-length N     elements per synthesised list (default 3)
  --fault KIND[:FN,…] inject a fault into every call (or into calls of the functions named):
                      ${FAULT_KINDS.join(", ")}; repeatable
  --quiet             no line per request
  -h, --help          this help

The first line printed is the URL the server listens on. SIGINT (Ctrl-C) or SIGTERM stops it.

Example:
  whmgen serve --token root:T
  curl -H 'Authorization: whm root:T' 'http://127.0.0.1:2086/json-api/listaccts?api.version=1'

Exit codes: 0 stopped, 1 bad input or the port is taken, 2 wrong usage.`;

export interface ServeOptions {
  specs: readonly string[];
  host: string;
  port: number;
  token?: { user: string; token: string } | undefined;
  tls: boolean;
  seed: number;
  accounts: number;
  listLength: number;
  /** Fault rules for the engine (`--fault`). */
  faults?: readonly WhmFaultRule[] | undefined;
  cwd?: string | undefined;
  /** One line per request. */
  log?: ((line: string) => void) | undefined;
}

export interface RunningServe {
  url: string;
  /** The PEM file of the CA that signed the server's certificate, with --tls. */
  certFile?: string | undefined;
  specVersion: string;
  functions: number;
  close(): Promise<void>;
}

interface Io {
  out(line: string): void;
  err(line: string): void;
}

function parse(args: readonly string[]) {
  return parseCommandLine({
    args: [...args],
    options: {
      spec: { type: "string", multiple: true },
      host: { type: "string" },
      port: { type: "string" },
      token: { type: "string" },
      tls: { type: "boolean" },
      seed: { type: "string" },
      accounts: { type: "string" },
      "list-length": { type: "string" },
      fault: { type: "string", multiple: true },
      quiet: { type: "boolean", short: "q" },
      debug: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
    allowPositionals: false,
  });
}

function wholeNumber(option: string, value: string | undefined, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) > max) throw new UsageError(`${option} takes a whole number from 0 to ${max}; got ${JSON.stringify(value)}`);
  return Number(value);
}

function parseToken(value: string | undefined): ServeOptions["token"] {
  if (value === undefined) return undefined;
  const at = value.indexOf(":");
  const user = value.slice(0, at);
  const token = value.slice(at + 1);
  if (at <= 0 || !token || /\s/.test(value)) throw new UsageError('--token takes USER:TOKEN (for example root:T), as in "Authorization: whm USER:TOKEN"');
  return { user, token };
}

/** `--fault KIND[:FN,FN…]` → a fault rule (every call of the functions named, or of all). */
function parseFault(value: string): WhmFaultRule {
  const [kind = "", names] = value.split(":", 2) as [string, string | undefined];
  const fault = FAULT_KINDS.find((k) => k === kind);
  if (!fault) throw new UsageError(`--fault takes KIND[:FUNCTION,...] with KIND one of ${FAULT_KINDS.join(", ")}; got ${JSON.stringify(value)}`);
  const functions = names === undefined ? [] : names.split(",").filter((n) => n !== "");
  if (names !== undefined && functions.length === 0) throw new UsageError(`--fault ${kind}: name the functions after ':', or leave the ':' out for all`);
  return { fault, ...(functions.length ? { functions } : {}) };
}

/** The catalog the double reads, from the specs (the same one `generate` writes to catalog.json). */
export async function catalogFromSpecs(specs: readonly string[], cwd: string): Promise<FakeCatalog> {
  const api = await loadSpecs(specs.length ? specs : ["specs"], { cwd });
  return JSON.parse(catalogJson(planApi(api))) as FakeCatalog;
}

/**
 * Loads the specs and starts the server; `close()` stops it and removes the certificate.
 *
 * @example
 * const serve = await startServe({ specs: ["specs"], host: "127.0.0.1", port: 0, tls: false, seed: 1, accounts: 3, listLength: 3 });
 * console.log(serve.url);
 * await serve.close();
 */
export async function startServe(options: ServeOptions): Promise<RunningServe> {
  const catalog = await catalogFromSpecs(options.specs, options.cwd ?? process.cwd());
  const engine = createFakeEngine(catalog, { seed: options.seed, accounts: options.accounts, listLength: options.listLength, faults: options.faults ?? [] });
  let certDir: string | undefined;
  let certFile: string | undefined;
  let tls: { key: string; cert: string } | undefined;
  if (options.tls) {
    certDir = await mkdtemp(path.join(os.tmpdir(), "whmgen-serve-"));
    const made = makeCertificate(options.host);
    certFile = path.join(certDir, "ca.pem");
    await writeFile(certFile, made.ca, { mode: 0o644 });
    tls = made;
  }
  let server: FakeServer;
  try {
    server = await startFakeServer({ engine, host: options.host, port: options.port, token: options.token, tls, log: options.log });
  } catch (error) {
    if (certDir) await rm(certDir, { recursive: true, force: true });
    const code = (error as { code?: string }).code;
    if (code === "EADDRINUSE") throw new WhmgenError(`port ${options.port} on ${options.host} is taken; pick another with --port (0 picks a free one)`);
    if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND") throw new WhmgenError(`cannot listen on ${options.host}: no such local address`);
    if (code === "EACCES") throw new WhmgenError(`not allowed to listen on port ${options.port}; ports below 1024 need privileges`);
    throw error;
  }
  return {
    url: server.url,
    certFile,
    specVersion: catalog.specVersion ?? "",
    functions: catalog.functions.length,
    close: async () => {
      await server.close();
      if (certDir) await rm(certDir, { recursive: true, force: true });
    },
  };
}

/** Resolves on the first SIGINT or SIGTERM (or when `signal` fires), with the listeners removed. */
function untilStopped(signal?: AbortSignal): Promise<string> {
  return new Promise((resolve) => {
    const stop = (name: string): void => {
      process.off("SIGINT", onInt);
      process.off("SIGTERM", onTerm);
      signal?.removeEventListener("abort", onAbort);
      resolve(name);
    };
    const onInt = (): void => stop("SIGINT");
    const onTerm = (): void => stop("SIGTERM");
    const onAbort = (): void => stop("abort");
    process.on("SIGINT", onInt);
    process.on("SIGTERM", onTerm);
    if (signal?.aborted) stop("abort");
    else signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * `whmgen serve …`: runs until SIGINT or SIGTERM (or `signal`), then stops cleanly and resolves with 0.
 * Usage problems throw UsageError, input problems WhmgenError; the CLI turns both into exit codes.
 */
export async function serveCommand(args: readonly string[], io: Io, runOptions: { signal?: AbortSignal } = {}): Promise<number> {
  const { values } = parse(args);
  if (values.help) {
    io.out(SERVE_HELP);
    return 0;
  }
  const tls = values.tls === true;
  const host = values.host ?? "127.0.0.1";
  if (!host || /[\s/]/.test(host)) throw new UsageError(`--host takes a host name or IP address; got ${JSON.stringify(host)}`);
  const options: ServeOptions = {
    specs: values.spec ?? [],
    host,
    port: wholeNumber("--port", values.port, tls ? 2087 : 2086, 65_535),
    token: parseToken(values.token),
    tls,
    seed: wholeNumber("--seed", values.seed, 1),
    accounts: wholeNumber("--accounts", values.accounts, 3, 1_000_000),
    listLength: wholeNumber("--list-length", values["list-length"], 3, 10_000),
    faults: (values.fault ?? []).map(parseFault),
  };
  let quiet = values.quiet === true;
  // `whmgen serve | head -1` closes standard output: keep serving, stop logging.
  const onPipeError = (error: NodeJS.ErrnoException): void => {
    if (error.code === "EPIPE") quiet = true;
  };
  process.stdout.on("error", onPipeError);
  try {
    const running = await startServe({ ...options, log: (line) => !quiet && io.out(`whmgen serve: ${line}`) });
    io.out(running.url);
    if (running.certFile) io.out(`whmgen serve: TLS CA certificate (PEM): ${running.certFile} — pass it to the client as its CA (curl --cacert FILE)`);
    const loopback = host === "localhost" || host === "::1" || (isIP(host) === 4 && host.startsWith("127."));
    if (!loopback && !options.token) io.err(`whmgen serve: warning: listening on ${host} without --token: anyone who can reach it can call it`);
    io.out(
      `whmgen serve: WHM API 1 ${running.specVersion}, ${running.functions} functions, seed ${options.seed}, ` +
        `${options.token ? `token auth as ${options.token.user}` : "no auth"}; SIGINT (Ctrl-C) or SIGTERM stops it`,
    );
    const why = await untilStopped(runOptions.signal);
    await running.close();
    if (!quiet) io.out(`whmgen serve: stopped (${why})`);
    return 0;
  } finally {
    process.stdout.off("error", onPipeError);
  }
}
