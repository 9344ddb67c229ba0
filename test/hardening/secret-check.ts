/**
 * The secrets property's machinery, shared by secret-properties.test.ts (the SDK as generated)
 * and secret-mutants.test.ts (the same check against a runtime with one protection switched off,
 * to show the check can fail).
 *
 * One run = one call of a described function that has secret parameters, every secret a fresh
 * random value (a unique alphanumeric core, then text that traps URL and JSON encoders: `%`, `+`,
 * `&`, `=`, `%20`, quotes, backslashes, newlines, lone surrogates, emoji). The call goes through
 * the request builder, the client against the test double (answering, failing on its own, with an
 * injected fault, or echoing the parameters back in its failure), `whm.call`, `batch`, the whmapi1
 * transport (a fake whmapi1 that logs its arguments), the fetch transport (a fetch that echoes the
 * body) and the HTTPS transport (a loopback server that echoes the body, records the URL, and
 * answers with an envelope, an HTML page or a 403). Each secret's core must then be absent from
 * every URL, argv, error (message, String, stack, JSON, inspect), display of a request (String,
 * JSON, inspect of it, its pairs and body), the double's call record, and every console line the
 * run wrote; and present where it must go (the bodies the servers received).
 */
import { appendFileSync, chmodSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { format, inspect } from "node:util";
import fc from "fast-check";
import { ROOT, tempDir } from "../helpers.js";

// --- The functions -----------------------------------------------------------------------------

export interface CatalogShape {
  kind: string;
  values?: unknown[];
  members?: CatalogShape[];
  items?: CatalogShape;
}

export interface CatalogParam {
  name: string;
  required: boolean;
  kind: string;
  secret: boolean;
  shape: CatalogShape;
}

export interface CatalogFunction {
  name: string;
  exportName: string;
  method: string;
  body: string;
  params: CatalogParam[];
}

/** Every described function of generated/ that has a secret parameter. */
export async function secretFunctions(): Promise<CatalogFunction[]> {
  const catalog = JSON.parse(await readFile(path.join(ROOT, "generated", "catalog.json"), "utf8")) as { functions: CatalogFunction[] };
  return catalog.functions.filter((f) => f.params.some((p) => p.secret));
}

// --- Values ------------------------------------------------------------------------------------

/** Text that breaks naive URL, form and JSON encoders, or a naive redactor. */
const TRAPS = ["%", "%25", "%20", "%2B", "+", "&", "=", "&password=", "?", "#", " ", "\n", "\r\n", "\t", "'", '"', "\\", "\\u0041", "é", "🎉", "\ud83c", "\udf89", "\u2028", "<b>", "\0", "[", "]"];

/** A secret: `Zx` + 8 alphanumerics (the core searched for: no encoding changes it), then traps. */
export const secretValue: fc.Arbitrary<string> = fc
  .tuple(fc.stringMatching(/^[A-Za-z0-9]{8}$/), fc.array(fc.oneof(fc.constantFrom(...TRAPS), fc.string({ unit: "grapheme", maxLength: 3 })), { maxLength: 5 }))
  .map(([id, traps]) => `Zx${id}${traps.join("")}`);

/** The part of a secret no encoding or escaping changes: finding it anywhere is a leak. */
export function coreOf(secret: string): string {
  return secret.slice(0, 10);
}

/** A plausible value for a non-secret parameter (the double validates: an invalid one is an error path too). */
function sample(shape: CatalogShape): unknown {
  switch (shape.kind) {
    case "integer":
    case "number":
      return 1;
    case "bool01":
    case "yesno":
    case "boolean":
      return true;
    case "literal":
      return shape.values?.[0] ?? "x";
    case "union": {
      const member = shape.members?.find((m) => m.kind !== "null") ?? { kind: "string" };
      return sample(member);
    }
    case "array":
      return [sample(shape.items ?? { kind: "string" })];
    case "object":
      return {};
    case "null":
      return null;
    default:
      return "value1";
  }
}

export interface Draw {
  /** Parameters as the SDK takes them. */
  params: Record<string, unknown>;
  /** Every secret value in them. */
  secrets: string[];
  /** What the test double does with the call. */
  mode: "answer" | "echo" | "html-login" | "forbidden" | "reset" | "timeout" | "server-error" | "truncated";
  /** What the loopback server answers. */
  answer: "envelope" | "html" | "forbidden" | "ok";
  seed: number;
}

/** A random call of `fn`: fresh secrets for every secret parameter (lists for list parameters), plausible values for the rest. */
export function callOf(fn: CatalogFunction): fc.Arbitrary<Draw> {
  const secretParams = fn.params.filter((p) => p.secret);
  const optional = fn.params.filter((p) => !p.secret && !p.required && p.shape.kind !== "file");
  return fc
    .record({
      values: fc.tuple(...secretParams.map((p) => (p.kind.startsWith("array") ? fc.array(secretValue, { minLength: 1, maxLength: 3 }) : secretValue))),
      // At least one secret parameter is given, sometimes all of them.
      given: fc.array(fc.boolean(), { minLength: secretParams.length, maxLength: secretParams.length }),
      extra: fc.array(fc.boolean(), { minLength: optional.length, maxLength: optional.length }),
      mode: fc.constantFrom<Draw["mode"]>("answer", "echo", "echo", "html-login", "forbidden", "reset", "timeout", "server-error", "truncated"),
      answer: fc.constantFrom<Draw["answer"]>("envelope", "html", "forbidden", "ok"),
      seed: fc.nat(1000),
    })
    .map(({ values, given, extra, mode, answer, seed }) => {
      const params: Record<string, unknown> = {};
      const secrets: string[] = [];
      for (const p of fn.params) if (!p.secret && p.required && p.shape.kind !== "file") params[p.name] = sample(p.shape);
      optional.forEach((p, i) => {
        if (extra[i]) params[p.name] = sample(p.shape);
      });
      secretParams.forEach((p, i) => {
        if (!given[i] && !(i === 0 && !given.includes(true))) return;
        const value = values[i] as string | string[];
        params[p.name] = value;
        secrets.push(...(Array.isArray(value) ? value : [value]));
      });
      return { params, secrets, mode, answer, seed };
    });
}

// --- Sinks -------------------------------------------------------------------------------------

export interface Counts {
  runs: number;
  requests: number;
  clientCalls: number;
  batches: number;
  cliRefusals: number;
  fetchCalls: number;
  httpsCalls: number;
  errorsChecked: number;
  textsScanned: number;
  consoleLines: number;
  secretsSent: number;
  secretsArrived: number;
}

export function newCounts(): Counts {
  return { runs: 0, requests: 0, clientCalls: 0, batches: 0, cliRefusals: 0, fetchCalls: 0, httpsCalls: 0, errorsChecked: 0, textsScanned: 0, consoleLines: 0, secretsSent: 0, secretsArrived: 0 };
}

/** Fails the run when `text` holds a secret's core. */
function scan(counts: Counts, where: string, text: string, secrets: readonly string[]): void {
  counts.textsScanned++;
  for (const secret of secrets) {
    const at = text.indexOf(coreOf(secret));
    if (at >= 0) throw new Error(`LEAK: ${where} shows the secret ${JSON.stringify(secret)}: …${text.slice(Math.max(0, at - 80), at + 40)}…`);
  }
}

function errorTexts(error: unknown): [string, string][] {
  const e = error as Error & { cause?: unknown };
  return [
    ["error message", e.message],
    ["String(error)", String(e)],
    ["error stack", e.stack ?? ""],
    ["JSON.stringify(error)", JSON.stringify(e) ?? ""],
    ["inspect(error)", inspect(e, { depth: Infinity })],
    ["inspect(error, showHidden)", inspect(e, { depth: Infinity, showHidden: true })],
    ["error cause", inspect(e.cause, { depth: Infinity })],
  ];
}

function displays(what: string, value: unknown): [string, string][] {
  return [
    [`String(${what})`, String(value)],
    [`JSON.stringify(${what})`, JSON.stringify(value) ?? ""],
    [`inspect(${what})`, inspect(value, { depth: Infinity })],
    [`inspect(${what}, showHidden)`, inspect(value, { depth: Infinity, showHidden: true })],
  ];
}

// --- Servers -----------------------------------------------------------------------------------

export interface Received {
  url: string;
  body: string;
}

/** What every echo says: the body received, as it came and decoded. */
function echoOf(body: string): string {
  let decoded = "";
  try {
    decoded = [...new URLSearchParams(body).values()].join(" ");
  } catch {
    decoded = body;
  }
  return `${decoded} | ${body}`;
}

function answerFor(kind: Draw["answer"], fn: string, body: string): { status: number; type: string; text: string } {
  const echo = echoOf(body);
  switch (kind) {
    case "envelope":
      return { status: 200, type: "application/json", text: JSON.stringify({ data: { received: echo }, metadata: { command: fn, result: 0, reason: `Rejected: ${echo}`, version: 1 } }) };
    case "html":
      return { status: 500, type: "text/html", text: `<html><head><title>Error ${echo.slice(0, 200)}</title></head><body>${echo}</body></html>` };
    case "forbidden":
      return { status: 403, type: "application/json", text: JSON.stringify({ cpanelresult: { error: `Access denied ${echo}`, data: { reason: `Access denied ${echo}`, result: "0" } } }) };
    default:
      return { status: 200, type: "application/json", text: JSON.stringify({ data: {}, metadata: { command: fn, result: 1, reason: "OK", version: 1 } }) };
  }
}

/** A loopback HTTP server that records each request and answers as the current draw says. */
export async function startEchoServer(): Promise<{ port: number; received: Received[]; answer: { kind: Draw["answer"] }; close(): Promise<void> }> {
  const received: Received[] = [];
  const answer = { kind: "envelope" as Draw["answer"] };
  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      received.push({ url: req.url ?? "", body });
      const fn = (req.url ?? "").replace(/^.*\/json-api\/([^?]*).*$/, "$1");
      const out = answerFor(answer.kind, fn, body);
      res.writeHead(out.status, { "content-type": out.type });
      res.end(out.text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    received,
    answer,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A whmapi1 that logs its arguments and standard input, and answers result 0 quoting them. */
export async function fakeWhmapi1(): Promise<{ path: string; log: string; calls(): Promise<string> }> {
  const dir = await tempDir("secret-properties-cli");
  const log = path.join(dir, "calls.log");
  const script = path.join(dir, "whmapi1.mjs");
  await writeFile(
    script,
    `#!/usr/bin/env node
import { appendFileSync } from "node:fs";
let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (c) => (input += c));
process.stdin.on("end", () => {
  const args = process.argv.slice(2);
  appendFileSync(${JSON.stringify(log)}, JSON.stringify({ args, input }) + "\\n");
  process.stdout.write(JSON.stringify({ data: null, metadata: { command: args[1], result: 0, reason: "rejected: " + args.join(" ") + " " + input, version: 1 } }));
});
`,
  );
  chmodSync(script, 0o755);
  appendFileSync(log, "");
  return { path: script, log, calls: () => readFile(log, "utf8") };
}

// --- One run -----------------------------------------------------------------------------------

/* eslint-disable @typescript-eslint/no-explicit-any */
/** The SDK modules a run uses, loaded by the caller (so a mutant test can load them mocked). */
export interface Sdk {
  /** generated/node.js: the functions, createClient, the transports. */
  node: any;
  /** generated/testing/index.js: createFakeWhm, whmFailure. */
  testing: any;
  /** generated/runtime/index.js: the building blocks (batchRequest) the root does not export. */
  runtime: any;
}

export interface Environment {
  sdk: Sdk;
  server: Awaited<ReturnType<typeof startEchoServer>>;
  whmapi1: Awaited<ReturnType<typeof fakeWhmapi1>>;
  counts: Counts;
}

const BASE = "https://whm.example:2087";
const TOKEN = "TOKENZZ0123456789abcdefSECRETTOKEN";
/** Calls of the in-memory double: its injected `timeout` fault ends there (any outcome is checked alike). */
const CALL = { throwOnError: false, timeout: 30 } as const;
/** Calls over HTTP, which always answer. */
const HTTP_CALL = { throwOnError: false, timeout: 10_000 } as const;

/** The values the servers must have received: scalar secrets, as a UTF-8 round trip gives them. */
function wellFormed(value: string): string {
  return Buffer.from(value, "utf8").toString("utf8");
}

/**
 * One call of `fn` through every path; throws (`LEAK: …`) at the first secret shown where it must
 * not be, or when a secret did not arrive where it must.
 */
export async function runCall(env: Environment, fn: CatalogFunction, draw: Draw): Promise<void> {
  const { counts } = env;
  const secrets = [...draw.secrets, TOKEN];
  counts.runs++;
  counts.secretsSent += draw.secrets.length;
  const lines: string[] = [];
  const original = { log: console.log, info: console.info, warn: console.warn, error: console.error, debug: console.debug };
  for (const level of Object.keys(original) as (keyof typeof original)[]) console[level] = (...args: unknown[]) => void lines.push(format(...args));
  try {
    await throughEveryPath(env, fn, draw);
  } finally {
    Object.assign(console, original);
  }
  counts.consoleLines += lines.length;
  lines.forEach((line, i) => scan(counts, `console line ${i + 1}`, line, secrets));
}

async function throughEveryPath(env: Environment, fn: CatalogFunction, draw: Draw): Promise<void> {
  const { sdk, counts, server, whmapi1 } = env;
  const { params } = draw;
  // The API token of the HTTP clients is a secret too.
  const secrets = [...draw.secrets, TOKEN];
  const check = (where: string, text: string): void => scan(counts, where, text, secrets);
  const checkError = (where: string, error: unknown): void => {
    counts.errorsChecked++;
    for (const [what, text] of errorTexts(error)) check(`${where}: ${what}`, text);
    console.error(error); // a log line, as an application would write it
  };
  const scalarSecrets = fn.params.filter((p) => p.secret && typeof params[p.name] === "string").map((p) => [p.name, params[p.name] as string] as const);

  // 1. The request builder.
  const request = sdk.node[fn.exportName].request(params);
  counts.requests++;
  check("request.url()", request.url(BASE));
  if (request.method !== "POST") throw new Error(`LEAK: ${fn.name} with a secret is sent as ${request.method}`);
  const body = request.body();
  for (const [what, value] of [["request", request], ["request.pairs", request.pairs], ["request.body()", body]] as const) {
    for (const [where, text] of displays(what, value)) check(where, text);
  }
  console.log(request);
  console.log("sending %o with %s", request, request);
  // …while the values are where they must go.
  if (body?.kind === "form") {
    const form = new URLSearchParams(body.text);
    for (const [name, value] of scalarSecrets) if (!form.getAll(name).includes(wellFormed(value))) throw new Error(`MISSING: ${fn.name}'s form body lacks ${name}`);
  }
  let refused: unknown;
  try {
    check("request.argv()", JSON.stringify(request.argv()));
  } catch (error) {
    refused = error;
  }
  if (!(refused instanceof TypeError)) throw new Error(`LEAK: ${fn.name}'s argv() did not refuse its secret`);
  checkError("argv() refusal", refused);

  // 2. The client against the test double: a method call, whm.call and a batch.
  const arrived: unknown[] = [];
  const handlers = draw.mode === "echo"
    ? {
        [fn.name]: (got: Record<string, unknown>) => {
          arrived.push(got);
          return sdk.testing.whmFailure(`Rejected ${JSON.stringify(got)} ${Object.values(got).flat().join(" ")}`, { echo: got });
        },
      }
    : {};
  const fake = sdk.testing.createFakeWhm({ seed: draw.seed, handlers });
  if (draw.mode !== "answer" && draw.mode !== "echo") fake.inject({ fault: draw.mode, functions: [fn.name, "batch"] });
  const urls: string[] = [];
  const recording = {
    send: (r: { url(base: string): string }, o: unknown) => {
      urls.push(r.url(BASE));
      return fake.send(r, o);
    },
    close: () => fake.close(),
  };
  const whm = sdk.node.createClient({ transport: recording, timeout: 30 });
  const outcomes = [await whm[fn.name](params, CALL), await whm.call(fn.name, params, CALL)];
  counts.clientCalls += 2;
  try {
    await whm[fn.name](params, { timeout: 30 });
  } catch (error) {
    outcomes.push({ ok: false, error });
  }
  outcomes.forEach((outcome, i) => {
    if (!outcome.ok) checkError(`client call ${i + 1}`, outcome.error);
  });
  const items = await whm.batch([sdk.node.version.request(), request], { timeout: 30 }).catch((error: unknown) => [{ ok: false, error }]);
  counts.batches++;
  (items as { ok: boolean; error?: unknown }[]).forEach((item, i) => {
    if (!item.ok) checkError(`batch item ${i + 1}`, item.error);
  });
  const batch = sdk.runtime.batchRequest([request]);
  for (const [where, text] of displays("batchRequest", batch)) check(where, text);
  urls.forEach((url, i) => check(`URL ${i + 1} sent to the double`, url));
  check("the double's call record", JSON.stringify(fake.calls));
  // The double's own answer is seeded data; the secret must have reached the handler.
  // (A call the double refuses as invalid never reaches the handler: a false-positive secret such
  // as setacls' 0/1 `acl-passwd`, given a random string, or a required parameter left out.)
  if (draw.mode === "echo" && arrived.length && scalarSecrets.length) {
    const got = JSON.stringify(arrived);
    for (const [name, value] of scalarSecrets) if (!got.includes(JSON.stringify(wellFormed(value)).slice(1, -1))) throw new Error(`MISSING: the double's handler never got ${name}`);
    counts.secretsArrived += scalarSecrets.length;
  }

  // 3. The whmapi1 transport: refused before it runs (the fake logs every run).
  const cli = sdk.node.createClient({ transport: sdk.node.cliTransport({ path: whmapi1.path }) });
  for (const run of [() => cli[fn.name](params), () => cli.call(fn.name, params), () => cli.batch([request])]) {
    const error = await run().then(() => undefined, (e: unknown) => e);
    if (!(error instanceof TypeError)) throw new Error(`LEAK: the whmapi1 transport ran ${fn.name} with a secret (${String(error)})`);
    checkError("whmapi1 refusal", error);
    counts.cliRefusals++;
  }
  check("whmapi1's arguments and input", await whmapi1.calls());

  // 4. The fetch transport, with a fetch that echoes the body.
  const fetched: Received[] = [];
  const echoFetch = async (url: string, init: RequestInit): Promise<Response> => {
    const text = typeof init.body === "string" ? init.body : "";
    fetched.push({ url, body: text });
    const out = answerFor(draw.answer, fn.name, text);
    return new Response(out.text, { status: out.status, headers: { "content-type": out.type } });
  };
  const viaFetch = sdk.node.createClient({ host: "whm.example", auth: sdk.node.tokenAuth("root", TOKEN), fetch: echoFetch });
  const fetchOutcome = await viaFetch[fn.name](params, HTTP_CALL);
  counts.fetchCalls++;
  if (!fetchOutcome.ok) checkError("fetch transport", fetchOutcome.error);

  // 5. The HTTPS transport (over plain HTTP to a loopback server).
  server.answer.kind = draw.answer;
  const before = server.received.length;
  const viaHttps = sdk.node.createClient({ host: "127.0.0.1", port: server.port, protocol: "http", auth: sdk.node.tokenAuth("root", TOKEN), transport: "https", keepAlive: false });
  const httpsOutcome = await viaHttps[fn.name](params, HTTP_CALL);
  await viaHttps.close();
  counts.httpsCalls++;
  if (!httpsOutcome.ok) checkError("HTTPS transport", httpsOutcome.error);
  const sent = [...fetched, ...server.received.slice(before)];
  sent.forEach((r, i) => check(`URL ${i + 1} received over HTTP`, r.url));
  // Where the secrets must go: the bodies the servers received.
  for (const r of sent) {
    const form = new URLSearchParams(r.body);
    for (const [name, value] of scalarSecrets) if (!form.getAll(name).includes(wellFormed(value))) throw new Error(`MISSING: a body received over HTTP lacks ${name}`);
  }
  counts.secretsArrived += scalarSecrets.length * sent.length;
}
