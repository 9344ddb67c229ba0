/**
 * The in-process WHM test double: a transport that `createClient({ transport: fake })` accepts,
 * answering from the catalog (validation, synthesised data, state for the account family,
 * meta-parameters, batch, faults), and recording every call for assertions.
 *
 * The generated SDK's `testing` subpath binds it to the SDK's functions and catalog:
 *
 * @example
 * import { createClient } from "whmapi1";
 * import { createFakeWhm, whmFailure } from "whmapi1/testing";
 *
 * const fake = createFakeWhm({ handlers: { version: () => ({ version: "11.126.0.1" }) } });
 * const whm = createClient({ transport: fake });
 * await whm.createacct({ username: "bob", domain: "bob.example" });
 * expect(fake.calls.at(-1)).toMatchObject({ function: "createacct", params: { username: "bob" } });
 */
import { classifyAnswer } from "../runtime/answer.js";
import { sleep } from "../runtime/retry.js";
import { abortError, whmError } from "../runtime/errors.js";
import type {
  WhmDataOf,
  WhmFile,
  WhmFunction,
  WhmParamsOf,
  WhmTransport,
  WhmTransportCallOptions,
  WhmTransportRequest,
  WhmTransportResult,
} from "../runtime/index.js";
import { createFakeEngine, type FakeEngine, type FakeEngineOptions, type FakeHandlerContext, type FakeHandlerFn, type FakeState, type WhmFakeAnswer, type WhmFakeFailure } from "./engine.js";
import type { WhmFaultRule } from "./faults.js";
import type { FakeCall, FakeCatalog, FakePair, FakeUpload, FakeWireRequest } from "./types.js";

export { FakeAccounts, type FakeAccount, type FakeAccountInput } from "./accounts.js";
export {
  createFakeEngine,
  whmFailure,
  whmSuccess,
  WhmFakeAnswer,
  WhmFakeFailure,
  unknownFunctionReason,
  postOnlyReason,
  type FakeEngine,
  type FakeEngineOptions,
  type FakeHandlerContext,
  type FakeState,
  type WhmFakeAnswerExtras,
} from "./engine.js";
export { FAULT_KINDS, type WhmFaultKind, type WhmFaultRule } from "./faults.js";
export type { FakeCall, FakeCatalog, FakeFunction, FakeParam, FakeProperty, FakeShape, FakeUpload, FakeWireRequest, FakeWireReply } from "./types.js";

/** Every function of an SDK by WHM name (the generated `WhmFunctionMap`). */
export type FakeTypeMap = Record<string, WhmFunction<any, any>>;

/** What a handler may return: the data (typed as the SDK decodes it), `whmFailure(…)` or `whmSuccess(…)`. */
export type WhmFakeResult<Data> = Data | WhmFakeFailure | WhmFakeAnswer<Data>;

/**
 * Answers one function: gets the parameters decoded as the SDK types them (flags as booleans,
 * numbers as numbers), returns the data as the SDK types it; the double puts it on the wire.
 */
export type WhmFakeHandler<Params, Data> = (params: Params, context: FakeHandlerContext) => WhmFakeResult<Data> | Promise<WhmFakeResult<Data>>;

/** Handlers by WHM name, typed from the SDK's functions. */
export type WhmFakeHandlers<M extends FakeTypeMap> = {
  [K in keyof M & string]?: WhmFakeHandler<WhmParamsOf<M[K]>, WhmDataOf<M[K]>>;
};

/** Options of `createFakeWhm`. */
export interface FakeWhmOptions<M extends FakeTypeMap = FakeTypeMap> extends Omit<FakeEngineOptions, "handlers"> {
  /**
   * Answers for particular functions, by WHM name, typed from the SDK.
   *
   * @example
   * handlers: { createacct: (params) => (params.username === "taken" ? whmFailure("Sorry, a user with that name already exists.") : {}) }
   */
  handlers?: WhmFakeHandlers<M> | undefined;
}

/** The fake: a transport for `createClient`, plus what the test needs to look at and steer it. */
export interface FakeWhm<M extends FakeTypeMap = FakeTypeMap> extends WhmTransport {
  /** Every call received, in order: function, parameters (decoded; secrets "[redacted]"), method. */
  readonly calls: readonly FakeCall[];
  /** The server's state: `state.accounts` (list, get, add, remove, suspend, unsuspend). */
  readonly state: FakeState;
  readonly catalog: FakeCatalog;
  /** The engine behind the transport (for another front, such as an HTTP server). */
  readonly engine: FakeEngine;
  /** The calls of one function. */
  callsTo(name: (keyof M & string) | (string & {})): FakeCall[];
  /** Sets (or, with `undefined`, removes) the handler of one function. */
  handle<K extends keyof M & string>(name: K, handler: WhmFakeHandler<WhmParamsOf<M[K]>, WhmDataOf<M[K]>> | undefined): void;
  /**
   * Adds a fault rule; returns a function that removes it.
   *
   * @example
   * const stop = fake.inject({ fault: "html-login", functions: "listaccts", times: 1 });
   */
  inject(rule: WhmFaultRule): () => void;
  /** Removes every fault rule. */
  clearFaults(): void;
  /** Forgets the recorded calls (the state stays). */
  clearCalls(): void;
  send(request: WhmTransportRequest, options: WhmTransportCallOptions): Promise<WhmTransportResult>;
  close(): Promise<void>;
}

const BASE = "http://whm.fake.invalid";

function uploadOf(file: WhmFile): FakeUpload {
  const content = file.content;
  const size = typeof content === "string" ? new TextEncoder().encode(content).byteLength : content instanceof Uint8Array ? content.byteLength : content.size;
  const type = file.type ?? (typeof content === "object" && "type" in content && content.type ? content.type : "application/octet-stream");
  return { name: file.name, size, type };
}

/** A built request as the server would receive it. */
function wireRequest(request: WhmTransportRequest): FakeWireRequest {
  const url = new URL(request.url(BASE));
  const query: FakePair[] = [...url.searchParams];
  const body = request.body();
  const base = { method: request.method, functionName: request.functionName, query };
  if (body?.kind === "form") return { ...base, form: [...new URLSearchParams(body.text)] };
  if (body?.kind === "json") return { ...base, json: body.text };
  if (body?.kind === "multipart") return { ...base, form: body.fields.map(([k, v]): FakePair => [k, v]), files: body.files.map(([field, file]) => [field, uploadOf(file)] as const) };
  return base;
}

/** Waits `ms`; false when `signal` fired first (the runtime's own `sleep`). */
function wait(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  if (ms <= 0) return Promise.resolve(!signal?.aborted);
  return sleep(ms, signal);
}

/**
 * A fake WHM for `catalog` (catalog.json's format). The generated SDK's `createFakeWhm` calls this
 * with its own catalog and type map.
 *
 * @example
 * const fake = createCatalogFake(JSON.parse(readFileSync("generated/catalog.json", "utf8")), { seed: 7 });
 */
export function createCatalogFake<M extends FakeTypeMap = FakeTypeMap>(catalog: FakeCatalog, options: FakeWhmOptions<M> = {}): FakeWhm<M> {
  const engine = createFakeEngine(catalog, options as FakeEngineOptions);
  const hanging = new Set<() => void>();

  async function send(request: WhmTransportRequest, callOptions: WhmTransportCallOptions): Promise<WhmTransportResult> {
    const fn = request.functionName;
    const { signal, timeoutMs } = callOptions;
    if (signal?.aborted) return { ok: false, error: abortError(fn, signal, timeoutMs) };
    const reply = await engine.handle(wireRequest(request));
    if (!(await wait(reply.delayMs, signal))) return { ok: false, error: abortError(fn, signal, timeoutMs) };
    if (reply.kind === "reset") return { ok: false, error: whmError({ kind: "network", functionName: fn, code: "ECONNRESET" }) };
    if (reply.kind === "hang") {
      // No answer ever: the call ends when its signal fires (its timeout) or the fake is closed.
      return new Promise<WhmTransportResult>((resolve) => {
        const end = (): void => {
          hanging.delete(end);
          signal?.removeEventListener("abort", end);
          resolve({ ok: false, error: abortError(fn, signal, timeoutMs) });
        };
        hanging.add(end);
        signal?.addEventListener("abort", end, { once: true });
      });
    }
    return classifyAnswer(fn, { status: reply.status, contentType: reply.contentType, text: reply.body });
  }

  return {
    calls: engine.calls,
    state: engine.state,
    catalog,
    engine,
    callsTo: (name) => engine.calls.filter((c) => c.function === name),
    handle: (name, handler) => {
      if (handler) engine.handlers.set(name, handler as FakeHandlerFn);
      else engine.handlers.delete(name);
    },
    inject: (rule) => engine.faults.add(rule),
    clearFaults: () => engine.faults.clear(),
    clearCalls: () => {
      engine.calls.length = 0;
    },
    send,
    close: async () => {
      for (const end of [...hanging]) end();
    },
  };
}
