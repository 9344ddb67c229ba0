/**
 * WHM API 1 `batch`: several calls in one POST.
 *
 * Wire form: `command=<URI-encoded "fn?k=v&…">` repeated, plus `abort_on_error=0|1`; the answer's
 * `data.result[]` holds one `{ data, metadata }` per command, in order. Under `abort_on_error=1`
 * the list stops at the failed command. See https://api.docs.cpanel.net/openapi/whm/operation/batch/
 */
import { defineFunction, type WhmRequest } from "./define.js";
import { whmError, type AnyWhmError } from "./errors.js";
import { finishResult, type WhmCallResult } from "./result.js";
import { decodeAnswer } from "./runner.js";
import type { WhmResult } from "./types.js";

/** Options of `whm.batch`. */
export interface WhmBatchOptions {
  /** Stop at the first failing command (`abort_on_error=1`); later ones are reported as `skipped`. */
  abortOnError?: boolean | undefined;
}

/** One command's answer: its own typed result, or its own error. */
export type WhmBatchItem<Data> = { ok: true; result: WhmCallResult<Data> } | { ok: false; error: AnyWhmError };

/** The data type a built request decodes to. */
export type WhmRequestData<R> = R extends WhmRequest<infer Data> ? Data : unknown;

/** One item per request, in order, each typed by its own request. */
export type WhmBatchResults<R extends readonly WhmRequest<any>[]> = { -readonly [I in keyof R]: WhmBatchItem<WhmRequestData<R[I]>> };

/** The batch answer's `data`. */
export interface WhmBatchData {
  result?: unknown[];
}

const batchFunction = defineFunction<{ command: string[]; abort_on_error: boolean }, WhmBatchData>({
  name: "batch",
  method: "POST",
  body: "form",
  readOnly: false,
  params: { command: ["command", "rep"], abort_on_error: ["abort_on_error", "s"] },
});

/**
 * The one request a batch sends. It is read-only (so retryable) only when every command is.
 *
 * @example
 * batchRequest([version.request(), listaccts.request()], { abortOnError: true }).body();
 * // { kind: "form", text: "command=version&command=listaccts&abort_on_error=1", … }
 */
export function batchRequest(requests: readonly WhmRequest<unknown>[], options: WhmBatchOptions = {}): WhmRequest<WhmBatchData> {
  if (!requests.length) throw new RangeError("batch needs at least one request");
  const request = batchFunction.request({ command: requests.map((r) => r.command()), abort_on_error: options.abortOnError === true });
  return { ...request, readOnly: requests.every((r) => r.readOnly) };
}

/** Decodes one command's answer with its own request's decoder. */
function batchItem(request: WhmRequest<unknown>, raw: unknown): WhmBatchItem<unknown> {
  const decoded = decodeAnswer(request, raw);
  return decoded.ok ? { ok: true, result: finishResult(decoded.result, false) } : decoded;
}

/**
 * Splits a decoded batch answer into one item per request. Commands without an answer (after an
 * aborting failure) become `skipped` errors carrying the batch's reason.
 */
export function splitBatch(requests: readonly WhmRequest<unknown>[], answer: WhmResult<WhmBatchData>): WhmBatchItem<unknown>[] {
  const results = answer.data?.result ?? [];
  return requests.map((request, i) =>
    i < results.length
      ? batchItem(request, results[i])
      : { ok: false, error: whmError({ kind: "skipped", functionName: request.functionName, reason: answer.metadata.reason ?? "" }) },
  );
}
