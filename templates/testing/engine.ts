/**
 * The WHM test double's engine: one decoded HTTP request in, one reply out. It knows WHM API 1 from
 * the catalog: which functions exist, how their parameters are typed, what their answers look like.
 * The in-process fake (`createCatalogFake`) and `whmgen serve` are thin fronts over it.
 *
 * Per call: faults → `api.version=1` → unknown function → POST-only → parameters → handler, state
 * (the account family) or synthesis → meta-parameters → the data/metadata envelope.
 */
import { FakeAccounts, type FakeAccountInput } from "./accounts.js";
import { ACCOUNT_FUNCTIONS } from "./family.js";
import { FaultPlan, type WhmFaultKind, type WhmFaultRule } from "./faults.js";
import { applyMeta, metaProblem, parseMeta } from "./meta.js";
import { synthesize, synthesizeField, type SynthSettings } from "./synth.js";
import type { FakeCall, FakeCatalog, FakeFunction, FakePair, FakeWireReply, FakeWireRequest } from "./types.js";
import { checkParams, missingReason, type RawParams } from "./validate.js";
import { collectParams, metaPairs, rawFromPairs, redactParams, toWireData } from "./wire.js";

/** The state a fake server keeps between calls. */
export interface FakeState {
  readonly accounts: FakeAccounts;
}

/** What a handler gets besides the parameters. */
export interface FakeHandlerContext {
  readonly functionName: string;
  readonly method: string;
  /** Run as a command of a `batch` call. */
  readonly inBatch: boolean;
  readonly state: FakeState;
  /** The data the double would synthesise for this call, in wire form (flags as 1/0). */
  synthesize(): unknown;
}

/** A handler's failure: the call answers `result: 0` with this reason. Build it with {@link whmFailure}. */
export class WhmFakeFailure {
  readonly kind = "whm-fake-failure";
  constructor(
    readonly reason: string,
    readonly data?: unknown,
  ) {}
}

/** Extras for a handler's success (see {@link whmSuccess}). */
export interface WhmFakeAnswerExtras {
  /** `metadata.reason` (default "OK"). */
  reason?: string | undefined;
  /** `metadata.output.warnings`. */
  warnings?: readonly string[] | undefined;
  /** `metadata.output.messages`. */
  messages?: readonly string[] | undefined;
  /** More metadata keys. */
  metadata?: Readonly<Record<string, unknown>> | undefined;
}

/** A handler's success with a reason, warnings or more metadata. Build it with {@link whmSuccess}. */
export class WhmFakeAnswer<Data> {
  readonly kind = "whm-fake-answer";
  constructor(
    readonly data: Data,
    readonly extras: WhmFakeAnswerExtras = {},
  ) {}
}

/**
 * Makes a handler's call fail as WHM does: HTTP 200, `metadata.result` 0, this reason.
 *
 * @example
 * createFakeWhm({ handlers: { createacct: () => whmFailure("Sorry, a user with that name already exists.") } });
 */
export function whmFailure(reason: string, data?: unknown): WhmFakeFailure {
  return new WhmFakeFailure(reason, data);
}

/**
 * A handler's success with more than data: a reason, warnings, messages, metadata.
 *
 * @example
 * handlers: { createacct: (p) => whmSuccess({}, { reason: "Account Creation Ok", warnings: ["The system could not set the nameservers."] }) }
 */
export function whmSuccess<Data>(data: Data, extras: WhmFakeAnswerExtras = {}): WhmFakeAnswer<Data> {
  return new WhmFakeAnswer(data, extras);
}

/** A handler as the engine sees it (the typed form is `WhmFakeHandler` in fake.ts). */
export type FakeHandlerFn = (params: any, context: FakeHandlerContext) => unknown;

/** Settings of the engine (and of `createFakeWhm`). */
export interface FakeEngineOptions {
  /** Seeds every synthesised value and the random faults (default 1). Same seed, same bytes. */
  seed?: number | string | undefined;
  /** Elements per synthesised list, entries per synthesised map (default 3). */
  listLength?: number | undefined;
  /**
   * The accounts the server starts with: a number of made-up ones (`user001` on `user001.example`, …),
   * a list, or `false` to answer the account family by synthesis like any other function (default 3).
   */
  accounts?: number | readonly FakeAccountInput[] | false | undefined;
  /** The fake clock, for timestamps (default 2024-01-15T12:00:00Z). */
  now?: number | Date | undefined;
  /** Faults to inject (see {@link WhmFaultRule}). */
  faults?: readonly WhmFaultRule[] | undefined;
  /** Answers for particular functions, by WHM name. */
  handlers?: Readonly<Record<string, FakeHandlerFn | undefined>> | undefined;
}

export interface FakeEngine {
  readonly catalog: FakeCatalog;
  /** Every call received, in order (secrets redacted). */
  readonly calls: FakeCall[];
  readonly state: FakeState;
  readonly faults: FaultPlan;
  /** Handlers by WHM name; set or delete entries to change answers between calls. */
  readonly handlers: Map<string, FakeHandlerFn>;
  /** The function's description, if the catalog has it. */
  describe(name: string): FakeFunction | undefined;
  /** Answers one request. Rejects only when a handler throws. */
  handle(request: FakeWireRequest): Promise<FakeWireReply>;
}

/** The WHM API 1 envelope. */
export interface FakeEnvelope {
  data?: unknown;
  metadata: { command: string; reason: string; result: 0 | 1; version: 1; [key: string]: unknown };
}

const DEFAULT_NOW = Date.UTC(2024, 0, 15, 12, 0, 0) / 1000;

/**
 * The reason WHM gives for a function it does not have. A server answered a user's call to an unknown
 * function with `Unknown app ("csf_allow") requested for this version (1) of the API.` and cPanel's
 * WHM API 0 source has `"Unknown app ($app) requested for this version (0) of the API."`; cPanel
 * quotes names with “ ” in its messages, as the project's loopback test server does.
 */
export function unknownFunctionReason(name: string): string {
  return `Unknown app (“${name}”) requested for this version (1) of the API.`;
}

/**
 * The reason for a POST-only function called with GET. cPanel documents no wording for this
 * (its servers mostly accept either method); the double's own is explicit.
 */
export function postOnlyReason(name: string): string {
  return `The “${name}” function requires an HTTP POST request.`;
}

/** The `cpanelresult` body WHM sends with HTTP 403 when it refuses the credentials. */
export const CPANELRESULT_DENIED: string = JSON.stringify({
  cpanelresult: { apiversion: "2", error: "Access denied", data: { reason: "Access denied", result: "0" }, type: "text" },
});

/** WHM's login page, which a call on the wrong port or with an expired session gets under HTTP 200. */
export const LOGIN_PAGE: string =
  '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>WHM Login</title></head>\n' +
  '<body><form action="/login/" method="post"><input name="user"><input name="pass" type="password"></form></body></html>\n';

/** Without `api.version=1` a WHM server answers as WHM API 0, in another format; the double says so in that format. */
const API0_ANSWER = JSON.stringify({
  status: 0,
  statusmsg: "whmgen's WHM test double speaks WHM API 1 only: add api.version=1 (without it a WHM server answers in the WHM API 0 format).",
});

export function envelope(command: string, data: unknown, meta: Partial<FakeEnvelope["metadata"]> = {}): FakeEnvelope {
  const metadata = { command, reason: "OK", result: 1 as const, version: 1 as const, ...meta };
  return data === undefined ? { metadata } : { data, metadata };
}

export function failure(command: string, reason: string, data?: unknown): FakeEnvelope {
  return envelope(command, data, { result: 0, reason });
}

function json(status: number, body: string, delayMs: number): FakeWireReply {
  return { kind: "answer", status, contentType: "application/json; charset=utf-8", body, delayMs };
}

function faultReply(fault: Exclude<WhmFaultKind, "latency">, functionName: string, delayMs: number): FakeWireReply {
  switch (fault) {
    case "html-login":
      return { kind: "answer", status: 200, contentType: "text/html; charset=utf-8", body: LOGIN_PAGE, delayMs };
    case "forbidden":
      return json(403, CPANELRESULT_DENIED, delayMs);
    case "server-error":
      return { kind: "answer", status: 500, contentType: "text/plain; charset=utf-8", body: "Internal Server Error\n", delayMs };
    case "truncated": {
      const whole = JSON.stringify(envelope(functionName, { note: "this answer is cut short on purpose" }));
      return json(200, whole.slice(0, Math.floor(whole.length / 2)), delayMs);
    }
    case "reset":
      return { kind: "reset", delayMs };
    case "timeout":
      return { kind: "hang", delayMs };
  }
}

/** A function the catalog does not describe (a handler answers it): free-form parameters. */
function undescribed(name: string): FakeFunction {
  return { name, method: "GET", body: "query", freeParams: true, params: [], data: null };
}

function plainParams(name: string, raw: RawParams): Record<string, unknown> {
  const checked = checkParams(undescribed(name), raw);
  return checked.ok ? checked.params : {};
}

function toSeconds(now: number | Date | undefined): number {
  if (now instanceof Date) return Math.floor(now.getTime() / 1000);
  return typeof now === "number" && Number.isFinite(now) ? Math.floor(now) : DEFAULT_NOW;
}

/** Builds the engine for `catalog`. */
export function createFakeEngine(catalog: FakeCatalog, options: FakeEngineOptions = {}): FakeEngine {
  const byName = new Map<string, FakeFunction>(catalog.functions.map((f) => [f.name, f]));
  const settings: SynthSettings = {
    seed: String(options.seed ?? 1),
    listLength: Math.max(0, Math.floor(options.listLength ?? 3)),
    now: toSeconds(options.now),
    specVersion: catalog.specVersion ?? "11.0.0.0",
  };
  const accounts = new FakeAccounts(settings);
  if (options.accounts !== false) {
    if (typeof options.accounts === "number" || options.accounts === undefined) accounts.seed(options.accounts ?? 3);
    else for (const input of options.accounts) accounts.add(input);
  }
  const state: FakeState = { accounts };
  const calls: FakeCall[] = [];
  const faults = new FaultPlan(options.faults ?? [], settings.seed);
  const handlers = new Map<string, FakeHandlerFn>();
  for (const [name, handler] of Object.entries(options.handlers ?? {})) if (handler) handlers.set(name, handler);
  const describe = (name: string): FakeFunction | undefined => byName.get(name);

  function record(name: string, method: string, raw: RawParams, inBatch: boolean, fault?: string): void {
    const fn = byName.get(name);
    const checked = checkParams(fn ?? undescribed(name), raw);
    // A call that fails validation is recorded as sent.
    const params = checked.ok ? checked.params : plainParams(name, raw);
    const meta: Record<string, string> = {};
    for (const [k, v] of metaPairs(raw)) meta[k] = v;
    calls.push({ function: name, method, params: redactParams(name, params, describe), meta, inBatch, ...(fault ? { fault } : {}) });
  }

  async function answer(name: string, fn: FakeFunction | undefined, method: string, params: Record<string, unknown>, inBatch: boolean): Promise<FakeEnvelope> {
    const synthesized = (): unknown => (fn?.data ? synthesize(fn.data, name, { ...settings, echo: params }) : fn ? undefined : {});
    const handler = handlers.get(name);
    if (handler) {
      const out = await handler(params, { functionName: name, method, inBatch, state, synthesize: synthesized });
      if (out instanceof WhmFakeFailure) return failure(name, out.reason, out.data === undefined ? undefined : toWireData(out.data, undefined));
      if (out instanceof WhmFakeAnswer) {
        const { reason, warnings, messages, metadata } = out.extras as WhmFakeAnswerExtras;
        const output = warnings || messages ? { output: { ...(messages ? { messages: [...messages] } : {}), ...(warnings ? { warnings: [...warnings] } : {}) } } : {};
        return envelope(name, toWireData(out.data, fn?.data ?? undefined), { ...(reason !== undefined ? { reason } : {}), ...output, ...(metadata ?? {}) });
      }
      return envelope(name, toWireData(out, fn?.data ?? undefined));
    }
    const family = fn && options.accounts !== false ? ACCOUNT_FUNCTIONS.get(name) : undefined;
    if (fn && family) {
      const out = family(params, fn, accounts, { ...settings, echo: params });
      return out.ok ? envelope(name, out.data, out.reason !== undefined ? { reason: out.reason } : {}) : failure(name, out.reason);
    }
    return envelope(name, synthesized());
  }

  /** One function call (a request of its own, or a batch command). */
  async function runCall(name: string, method: string, raw: RawParams, inBatch: boolean): Promise<FakeEnvelope> {
    const fn = byName.get(name);
    if (!fn && !handlers.has(name)) return failure(name, unknownFunctionReason(name));
    if (fn?.method === "POST" && method.toUpperCase() !== "POST" && !inBatch) return failure(name, postOnlyReason(name));
    const checked = checkParams(fn ?? undescribed(name), raw);
    if (!checked.ok) return failure(name, checked.reason);
    const meta = parseMeta(metaPairs(raw));
    const problem = meta && metaProblem(meta);
    if (problem) return failure(name, problem);
    const result = await answer(name, fn, method, checked.params, inBatch);
    if (fn?.payloadIsLiteral && result.metadata.result === 1) result.metadata["payload_is_literal"] = 1;
    for (const p of fn?.metadata ?? []) {
      if (result.metadata.result === 1 && !(p.name in result.metadata)) result.metadata[p.name] = synthesizeField(p.shape, p.name, `${name}#metadata`, { ...settings, echo: checked.params });
    }
    if (!meta || result.metadata.result !== 1) return result;
    const applied = applyMeta(result.data, meta);
    return { data: applied.data, metadata: { ...result.metadata, ...applied.metadata } };
  }

  async function runBatch(method: string, raw: RawParams): Promise<FakeEnvelope> {
    const commands = (raw.get("command") ?? []).filter((c): c is string => typeof c === "string");
    if (!commands.length) return failure("batch", missingReason("command"));
    const abort = raw.get("abort_on_error")?.[0] === "1";
    const results: FakeEnvelope[] = [];
    let failed = false;
    for (const command of commands) {
      const at = command.indexOf("?");
      const name = at < 0 ? command : command.slice(0, at);
      const pairs: FakePair[] = at < 0 ? [] : [...new URLSearchParams(command.slice(at + 1))];
      const inner = rawFromPairs(pairs);
      record(name, method, inner, true);
      const result = name === "batch" ? failure(name, "A batch command cannot be “batch”.") : await runCall(name, method, inner, true);
      results.push(result);
      if (result.metadata.result !== 1) failed = true;
      if (failed && abort) break;
    }
    // Under abort_on_error the batch fails as a whole, yet answers the commands that ran.
    return envelope("batch", { result: results }, failed && abort ? { result: 0, reason: "A batch command failed; the rest were not run." } : {});
  }

  async function handle(request: FakeWireRequest): Promise<FakeWireReply> {
    const name = request.functionName;
    const collected = collectParams(request);
    const raw = collected.ok ? collected.raw : new Map<string, unknown[]>();
    const decision = faults.decide(name);
    record(name, request.method, raw, false, decision.fault);
    if (decision.fault) return faultReply(decision.fault, name, decision.delayMs);
    if (!request.query.some(([k, v]) => k === "api.version" && v === "1")) return json(200, API0_ANSWER, decision.delayMs);
    if (!collected.ok) return json(200, JSON.stringify(failure(name, collected.reason)), decision.delayMs);
    const result = name === "batch" && !handlers.has("batch") ? await runBatch(request.method, raw) : await runCall(name, request.method, raw, false);
    return json(200, JSON.stringify(result), decision.delayMs);
  }

  return { catalog, calls, state, faults, handlers, describe, handle };
}
