/**
 * One call from request to outcome: meta-parameters, timeout and abort, retries, transport,
 * envelope decoding, `metadata.result`, flattening and warnings. The client only wires this up.
 */
import { WhmEnvelopeError } from "./decode.js";
import type { WhmRequest } from "./define.js";
import { abortError, apiError, isWhmError, whmError, type AnyWhmError } from "./errors.js";
import { withMetaParams, type WhmMetaOptions } from "./meta.js";
import { finishResult, type WhmOutcome } from "./result.js";
import { backoffDelay, isRetryable, resolveRetry, sleep, type WhmRetrySetting } from "./retry.js";
import { redactError, secretValues, taggedPairs } from "./secrets.js";
import type { WhmTransport, WhmTransportResult } from "./transport.js";
import type { WhmResult } from "./types.js";

/** Settings that apply to a single call; the client's options give the defaults. */
export interface WhmCallSettings {
  /** Abort this call (and its retries). */
  signal?: AbortSignal | undefined;
  /** Milliseconds per attempt; `0` waits forever. Default: the client's (120 000). */
  timeout?: number | undefined;
  /** Throw `WhmError` (default) or return `{ ok, result | error }`. */
  throwOnError?: boolean | undefined;
  /** Retries for read-only functions on network errors and 5xx; `false` turns the client's off. */
  retry?: WhmRetrySetting | undefined;
}

/** Every option a call takes. */
export interface WhmCallOptions<Field extends string = string> extends WhmCallSettings, WhmMetaOptions<Field> {
  /** Turn a single-key `{ list: [...] }` answer into the list itself (see `WhmFlatData`). */
  flatten?: boolean | undefined;
}

/** The client-wide defaults. */
export interface RunnerDefaults {
  throwOnError: boolean;
  timeout: number;
  retry?: WhmRetrySetting;
}

function hasMeta(options: WhmMetaOptions): boolean {
  return options.filter !== undefined || options.sort !== undefined || options.chunk !== undefined || options.columns !== undefined;
}

/** Resolves when `signal` fires, with the matching error; `stop()` removes the listener. */
function whenAborted(signal: AbortSignal, fn: string, timeoutMs: number): { promise: Promise<WhmTransportResult>; stop: () => void } {
  let stop = (): void => {};
  const promise = new Promise<WhmTransportResult>((resolve) => {
    const onAbort = (): void => resolve({ ok: false, error: abortError(fn, signal, timeoutMs) });
    signal.addEventListener("abort", onAbort, { once: true });
    stop = () => signal.removeEventListener("abort", onAbort);
  });
  return { promise, stop };
}

export class Runner {
  constructor(
    private readonly transport: WhmTransport,
    private readonly defaults: RunnerDefaults,
  ) {}

  /** Runs a call and throws or returns according to `throwOnError`. */
  async call<Data>(request: WhmRequest<Data>, options: WhmCallOptions): Promise<unknown> {
    const outcome = await this.outcome(request, options);
    return this.deliver(outcome, options);
  }

  /** Throws the error, returns the result, or returns the outcome as it is. */
  deliver<Data>(outcome: WhmOutcome<Data>, options: WhmCallSettings): unknown {
    if (!(options.throwOnError ?? this.defaults.throwOnError)) return outcome;
    if (!outcome.ok) throw outcome.error;
    return outcome.result;
  }

  /** Runs a call and always returns its outcome. */
  async outcome<Data>(request: WhmRequest<Data>, options: WhmCallOptions): Promise<WhmOutcome<Data>> {
    const prepared = hasMeta(options) ? withMetaParams(request, options) : request;
    const sent = await this.send(prepared, options);
    // An error never holds a secret value the call sent, even one the server echoed.
    if (!sent.ok) return { ok: false, error: redactError(sent.error, secretValues(taggedPairs(prepared))) };
    const decoded = decodeAnswer(prepared, sent.json);
    if (!decoded.ok) return { ok: false, error: redactError(decoded.error, secretValues(taggedPairs(prepared))) };
    return { ok: true, result: finishResult(decoded.result, options.flatten === true) };
  }

  /** Sends with retries (read-only requests only, when retries are on). */
  async send(request: WhmRequest<unknown>, options: WhmCallSettings): Promise<WhmTransportResult> {
    const retry = request.readOnly ? resolveRetry(options.retry ?? this.defaults.retry) : undefined;
    for (let attempt = 0; ; attempt++) {
      const result = await this.sendOnce(request, options);
      if (result.ok || !retry || attempt >= retry.retries || !isRetryable(result.error)) return result;
      if (!(await sleep(backoffDelay(attempt, retry), options.signal))) {
        return { ok: false, error: abortError(request.functionName, options.signal) };
      }
    }
  }

  /**
   * One attempt under the call's timeout and signal. The abort is also raced here, so a transport
   * that ignores the signal still cannot outlive the timeout.
   */
  private async sendOnce(request: WhmRequest<unknown>, options: WhmCallSettings): Promise<WhmTransportResult> {
    const fn = request.functionName;
    const timeoutMs = options.timeout ?? this.defaults.timeout;
    const signals = [options.signal, timeoutMs > 0 && Number.isFinite(timeoutMs) ? AbortSignal.timeout(timeoutMs) : undefined].filter(
      (s): s is AbortSignal => s !== undefined,
    );
    const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
    if (signal?.aborted) return { ok: false, error: abortError(fn, signal, timeoutMs) };
    const sent = this.transport.send(request, { ...(signal ? { signal } : {}), timeoutMs }).catch((error: unknown) => {
      // A transport should resolve with its failures; one that throws a WhmError is still understood.
      if (isWhmError(error)) return { ok: false as const, error };
      throw error;
    });
    if (!signal) return sent;
    const aborted = whenAborted(signal, fn, timeoutMs);
    try {
      return await Promise.race([sent, aborted.promise]);
    } finally {
      aborted.stop();
    }
  }
}

/** Checks the envelope (strictly) and `metadata.result`. */
export function decodeAnswer<Data>(request: WhmRequest<Data>, json: unknown): { ok: true; result: WhmResult<Data> } | { ok: false; error: AnyWhmError } {
  const functionName = request.functionName;
  let result: WhmResult<Data>;
  try {
    result = request.decode(json);
  } catch (error) {
    return { ok: false, error: decodeFailure(functionName, error) };
  }
  if (result.metadata.result !== 1) return { ok: false, error: apiError(functionName, result.metadata, result.data) };
  return { ok: true, result };
}

/**
 * A decoder that throws means the answer is not what the function's description says: for the
 * caller that is a malformed answer, not a crash. The decoder's own error stays as `cause`.
 */
export function decodeFailure(functionName: string, error: unknown): AnyWhmError {
  const detail = error instanceof WhmEnvelopeError
    ? error.detail
    : `the data does not have the documented shape (${error instanceof Error ? error.message : String(error)})`;
  return whmError({ kind: "malformed", functionName, detail }, error instanceof WhmEnvelopeError ? undefined : { cause: error });
}
