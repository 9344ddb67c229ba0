/**
 * The client: one method per generated WHM function, plus `call` (any function by name),
 * `batch`, `paginate` and `close`. The generated SDK's `createClient` is a one-line wrapper
 * around {@link createRuntimeClient} with its registry of functions.
 */
import { batchRequest, splitBatch, type WhmBatchData, type WhmBatchItem, type WhmBatchOptions, type WhmBatchResults } from "./batch.js";
import { decodeEnvelope } from "./decode.js";
import type { WhmFunction, WhmRequest } from "./define.js";
import type { WhmFieldOf, WhmRowOf } from "./meta.js";
import { paginatePages, type WhmPaginateOptions } from "./paginate.js";
import type { WhmCallResult, WhmFlatData, WhmOutcome } from "./result.js";
import type { WhmRetryOptions } from "./retry.js";
import { buildRequest as buildFreeRequest, encodeTagged, secretJudgeOf } from "./request.js";
import { Runner, type WhmCallOptions, type WhmCallSettings } from "./runner.js";
import { redactError, secretValues } from "./secrets.js";
import type { FetchTransportOptions, HttpsTransportOptions } from "./endpoint.js";
import { fetchTransport } from "./transport-fetch.js";
import type { WhmTransport } from "./transport.js";
import type { HttpMethod, WhmBodyKind, WhmFreeParams } from "./types.js";

/** Every generated function, keyed by WHM name (the generated `registry` object). */
export type WhmRegistry = Record<string, WhmFunction<any, any>>;

/** Key under which a client keeps its registry (a symbol, so no WHM name can clash with it). */
export const WHM_FUNCTIONS: unique symbol = Symbol.for("whmapi1.functions");

/** The parameters type of a generated function (`WhmParamsOf<typeof createacct>`). */
export type WhmParamsOf<F> = F extends WhmFunction<infer Params, any> ? Params : never;

/** The decoded `data` type of a generated function. */
export type WhmDataOf<F> = F extends WhmFunction<any, infer Data> ? Data : never;

/** Client-wide settings, whatever the transport. */
export interface WhmClientSettings<Throw extends boolean = true> {
  /** `false`: every call returns `{ ok, result | error }` instead of throwing. Default true. */
  throwOnError?: Throw | undefined;
  /** Milliseconds per attempt; `0` waits forever. Default 120 000 (WHM functions can be slow). */
  timeout?: number | undefined;
  /** Retries for read-only functions on network errors and 5xx. Off by default. */
  retry?: WhmRetryOptions | number | undefined;
}

/**
 * Where the server is and how to reach it, for the transport `createClient` builds: every option
 * of the HTTPS transport (Node) and of the fetch transport (everywhere), and which of the two.
 */
export interface WhmHttpClientOptions extends HttpsTransportOptions, Pick<FetchTransportOptions, "fetch" | "dispatcher"> {
  /**
   * `"https"`: node:https (Node only, from `whmapi1/node`; the default there). `"fetch"`: the
   * runtime's fetch (the default everywhere else, and whenever `fetch` or `dispatcher` is given).
   */
  transport?: "https" | "fetch" | undefined;
}

/**
 * Options of `createClient`: where the server is and how to authenticate (an HTTP transport built
 * for you), or any other transport (`cliTransport()`, a fake), plus client-wide settings.
 */
export type ClientOptions<Throw extends boolean = true> = WhmClientSettings<Throw> & (WhmHttpClientOptions | { transport: WhmTransport });

/**
 * The transports a client can build besides fetch. The runtime imports nothing from `node:`, so
 * the HTTPS transport comes from outside: `whmapi1/node`'s `createClient` passes it here.
 */
export interface WhmTransportMakers {
  /** Builds the HTTPS transport. */
  https?: ((options: HttpsTransportOptions) => WhmTransport) | undefined;
  /** Build HTTPS when no transport is named (on Node itself; not on Bun or Deno). */
  httpsByDefault?: boolean | undefined;
}

/** The transport the options name or imply. */
function makeTransport(options: ClientOptions<boolean>, makers: WhmTransportMakers): WhmTransport {
  const { transport } = options;
  if (transport !== null && typeof transport === "object") return transport;
  if (transport !== undefined && transport !== "https" && transport !== "fetch") {
    throw new TypeError('createClient: `transport` is "https", "fetch" or a transport object');
  }
  const http = options as WhmHttpClientOptions;
  const wantsFetch = http.fetch !== undefined || http.dispatcher !== undefined;
  const kind = transport ?? (makers.https && makers.httpsByDefault && !wantsFetch ? "https" : "fetch");
  if (kind === "fetch") return fetchTransport(http);
  if (!makers.https) {
    throw new TypeError(
      'createClient: the HTTPS transport is Node-only and comes with whmapi1/node: import { createClient } from "whmapi1/node" ' +
        '(on Node, "whmapi1" resolves to it), or pass transport: "fetch"',
    );
  }
  if (wantsFetch) throw new TypeError('createClient: `fetch` and `dispatcher` are options of the fetch transport; pass transport: "fetch", or drop them');
  return makers.https(http);
}

type ThrowsFor<O, Throw extends boolean> = "throwOnError" extends keyof O
  ? O extends { throwOnError?: infer T }
    ? (Exclude<T, undefined> & boolean) | (undefined extends T ? Throw : never)
    : Throw
  : Throw;

type ResultFor<T extends boolean, Data> = T extends true ? WhmCallResult<Data> : WhmOutcome<Data>;

type ShapeFor<Data, O> = O extends { flatten: true } ? WhmFlatData<Data> : Data;

/** What a call resolves to, given its options `O` and the client's `throwOnError`. */
export type WhmCallReturn<Data, O, Throw extends boolean> = ResultFor<ThrowsFor<O, Throw>, ShapeFor<Data, O>>;

type CallArgs<Params, O> = {} extends Params ? [params?: Params, options?: O] : [params: Params, options?: O];

/** The call options of function `F`, with filter/sort/columns fields typed from its rows. */
export type WhmCallOptionsOf<F> = WhmCallOptions<WhmFieldOf<WhmDataOf<F>>>;

/** A client method for generated function `F`. */
export type WhmMethod<F, Throw extends boolean = true> = <O extends WhmCallOptionsOf<F> = {}>(
  ...args: CallArgs<WhmParamsOf<F>, O>
) => Promise<WhmCallReturn<WhmDataOf<F>, O, Throw>>;

/** Options of `whm.call`: a function the specs do not describe may need its method and body kind. */
export interface WhmRawCallOptions extends WhmCallOptions {
  method?: HttpMethod | undefined;
  body?: WhmBodyKind | undefined;
  /** Safe to retry. Default: the registry's flag, else false. */
  readOnly?: boolean | undefined;
}

/** Options of `whm.batch`. */
export type WhmBatchCallOptions = WhmBatchOptions & WhmCallSettings;

type FunctionFor<M, K> = K extends keyof M ? M[K] : WhmFunction<WhmFreeParams, unknown>;
type RowFor<F> = [WhmRowOf<WhmDataOf<F>>] extends [never] ? unknown : WhmRowOf<WhmDataOf<F>>;
type PaginateArgs<F> = CallArgs<WhmParamsOf<F>, WhmPaginateOptions<WhmFieldOf<WhmDataOf<F>>>>;

/** Names a WHM function cannot use as a client method (the client's own methods). */
export type WhmReservedName = "call" | "batch" | "paginate" | "close";
const RESERVED: ReadonlySet<string> = new Set<WhmReservedName>(["call", "batch", "paginate", "close"]);

/** The client's own methods. */
export interface WhmClientCore<M extends WhmRegistry, Throw extends boolean = true> {
  /** The registry the client was built from. */
  readonly [WHM_FUNCTIONS]: M;

  /**
   * Calls any function by name, with free-form parameters (wire names, encoded by value:
   * Booleans as 1/0, arrays repeated, objects as JSON). For functions the specs do not describe.
   *
   * @example
   * const { data } = await whm.call("get_tweaksetting", { key: "maxemailsperhour" });
   */
  call<O extends WhmRawCallOptions = {}>(name: string, params?: WhmFreeParams, options?: O): Promise<WhmCallReturn<unknown, O, Throw>>;

  /**
   * Runs several calls in one `batch` POST. Resolves with one item per request, each its own
   * typed result or error. A failure of the batch as a whole throws (or, under
   * `throwOnError: false`, becomes every item's error).
   *
   * @example
   * const [v, accts] = await whm.batch([version.request(), listaccts.request({ search: "bob" })]);
   * if (v.ok) console.log(v.result.data.version);
   */
  batch<const R extends readonly WhmRequest<any>[]>(requests: R, options?: WhmBatchCallOptions): Promise<WhmBatchResults<R>>;

  /**
   * Yields every row of a list function, fetching `size` rows per request with `api.chunk`.
   *
   * @example
   * for await (const acct of whm.paginate("listaccts", {}, { size: 500 })) console.log(acct.user);
   */
  paginate<K extends (keyof M & string) | (string & {})>(name: K, ...args: PaginateArgs<FunctionFor<M, K>>): AsyncGenerator<RowFor<FunctionFor<M, K>>, void, undefined>;

  /** Closes pooled connections. Calls made afterwards open new ones. */
  close(): Promise<void>;
}

/** A client: one method per function of `M`, plus {@link WhmClientCore}. */
export type WhmClient<M extends WhmRegistry, Throw extends boolean = true> = {
  readonly [K in keyof M as K extends WhmReservedName ? never : K extends string ? K : never]: WhmMethod<M[K], Throw>;
} & WhmClientCore<M, Throw>;

function isWhmFunction(value: unknown): value is WhmFunction<unknown, unknown> {
  return value !== null && typeof value === "object" && typeof (value as { request?: unknown }).request === "function" &&
    typeof (value as { functionName?: unknown }).functionName === "string";
}

function lookup(registry: WhmRegistry, name: string): WhmFunction<unknown, unknown> | undefined {
  const fn = Object.prototype.hasOwnProperty.call(registry, name) ? registry[name] : undefined;
  return isWhmFunction(fn) ? fn : undefined;
}

/**
 * A request for `whm.call`: free-form pairs, with the registry's method, decoder and secret
 * parameters when the function is known, and the name rules for every name it does not know.
 */
function freeRequest(registry: WhmRegistry, name: string, params: WhmFreeParams | undefined, options: WhmRawCallOptions): WhmRequest<unknown> {
  if (typeof name !== "string" || name === "") throw new TypeError("call: the function name must be a non-empty string");
  const known = lookup(registry, name);
  const method = options.method ?? known?.method ?? "GET";
  const body = options.body ?? known?.bodyKind ?? (method === "POST" ? "form" : "query");
  const readOnly = options.readOnly ?? known?.readOnly ?? false;
  const isSecret = secretJudgeOf(known);
  const pairs = encodeTagged(params, {}, isSecret);
  const decode = known ? (raw: unknown) => known.decode(raw) : (raw: unknown) => decodeEnvelope(name, raw, (data) => data);
  // A query string the caller asked for is honoured, so a secret parameter is refused, not moved.
  const queryAsked = options.body === "query" || options.method === "GET";
  return buildFreeRequest({ name, method, body, readOnly, pairs, decode, params, isSecret, queryAsked });
}

function buildRequest(fn: WhmFunction<unknown, unknown>, params: unknown): WhmRequest<unknown> {
  return (fn.request as (params?: unknown) => WhmRequest<unknown>)(params);
}

/**
 * Builds a client over a registry of generated functions. Generated SDKs wrap it as `createClient`
 * (`whmapi1/node`'s passes `makers` with the HTTPS transport; without it, host options build the
 * fetch transport).
 *
 * @example
 * import { registry } from "./registry.js";
 * const whm = createRuntimeClient({ host: "server.example.com", auth: tokenAuth("root", token) }, registry);
 * const { data } = await whm.listaccts({ search: "bob" });
 */
export function createRuntimeClient<M extends WhmRegistry, Throw extends boolean = true, C = WhmClient<M, Throw>>(
  options: ClientOptions<Throw>,
  registry: M,
  makers: WhmTransportMakers = {},
): C {
  const transport = makeTransport(options, makers);
  const runner = new Runner(transport, {
    throwOnError: options.throwOnError !== false,
    timeout: options.timeout ?? 120_000,
    ...(options.retry === undefined ? {} : { retry: options.retry }),
  });
  const client: Record<string | symbol, unknown> = {};
  const define = (key: string | symbol, value: unknown): void => {
    // defineProperty, not assignment: a key such as "__proto__" must not reach the prototype.
    Object.defineProperty(client, key, { value, enumerable: typeof key === "string", writable: false });
  };
  for (const name of Object.keys(registry)) {
    const fn = lookup(registry, name);
    if (fn && !RESERVED.has(name)) define(name, (params?: unknown, callOptions: WhmCallOptions = {}) => runner.call(buildRequest(fn, params), callOptions));
  }
  define(WHM_FUNCTIONS, registry);
  define("call", (name: string, params?: WhmFreeParams, callOptions: WhmRawCallOptions = {}) =>
    runner.call(freeRequest(registry, name, params, callOptions), callOptions));
  define("batch", (requests: readonly WhmRequest<unknown>[], callOptions: WhmBatchCallOptions = {}) => runBatch(runner, requests, callOptions));
  define("paginate", (name: string, params?: unknown, pageOptions: WhmPaginateOptions = {}) => {
    const known = lookup(registry, name);
    const request = (): WhmRequest<unknown> => (known ? buildRequest(known, params) : freeRequest(registry, name, params as WhmFreeParams, {}));
    return paginatePages(name, async (chunk, rest) => (await runner.call(request(), { ...rest, chunk, throwOnError: true })) as WhmCallResult<unknown>, pageOptions);
  });
  define("close", async () => transport.close?.());
  // `C`: the generated SDK spells its client out as an interface (one documented method per
  // function, `WhmApi`); it is this object's type, inferred from `createClient`'s return type.
  return Object.freeze(client) as C;
}

async function runBatch(runner: Runner, requests: readonly WhmRequest<unknown>[], options: WhmBatchCallOptions): Promise<unknown[]> {
  const batch = batchRequest(requests, options);
  const outcome = await runner.outcome(batch, { ...options, throwOnError: false });
  // A command's answer may echo a secret of any command of the batch.
  const values = secretValues(batch.pairs);
  const redacted = (items: WhmBatchItem<unknown>[]): WhmBatchItem<unknown>[] => {
    for (const item of items) if (!item.ok) redactError(item.error, values);
    return items;
  };
  if (outcome.ok) return redacted(splitBatch(requests, outcome.result));
  // Under abort_on_error the batch itself reports result 0, yet answers the commands that ran.
  const { error } = outcome;
  if (error.kind === "api" && Array.isArray((error.data as WhmBatchData | undefined)?.result)) {
    return redacted(splitBatch(requests, { data: error.data as WhmBatchData, metadata: error.metadata }));
  }
  runner.deliver(outcome, options);
  return requests.map(() => ({ ok: false, error }));
}

/**
 * Yields every row of a list function (the function form of `whm.paginate`).
 *
 * @example
 * for await (const acct of paginate(whm, "listaccts", {}, { size: 1000 })) count++;
 */
export function paginate<M extends WhmRegistry, K extends (keyof M & string) | (string & {})>(
  whm: WhmClientCore<M, boolean>,
  name: K,
  ...args: PaginateArgs<FunctionFor<M, K>>
): AsyncGenerator<RowFor<FunctionFor<M, K>>, void, undefined> {
  return whm.paginate(name, ...args);
}
