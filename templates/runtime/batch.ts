/**
 * WHM API 1 `batch`: several calls in one POST.
 *
 * Wire form: `command=<URI-encoded "fn?k=v&…">` repeated, plus `abort_on_error=0|1`; the answer's
 * `data.result[]` holds one `{ data, metadata }` per command, in order. Under `abort_on_error=1`
 * the list stops at the failed command. See https://api.docs.cpanel.net/openapi/whm/operation/batch/
 */
import { defineFunction, type WhmRequest } from "./define.js";
import type { WirePair } from "./encode.js";
import { whmError, type AnyWhmError } from "./errors.js";
import { finishResult, type WhmCallResult } from "./result.js";
import { buildRequest } from "./request.js";
import { decodeAnswer } from "./runner.js";
import { secretNames, secretPair, secretValues, shownQuery, taggedPairs } from "./secrets.js";
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
 * One `command` pair. A command that carries secrets (its function's secret parameters) is a
 * secret pair itself: sent as it is, shown with its secrets redacted, and refused for `whmapi1`'s
 * arguments like any secret.
 */
function commandPair(request: WhmRequest<unknown>): WirePair {
  const pairs = taggedPairs(request);
  const values = secretValues(pairs);
  if (!values.length) return ["command", request.command()];
  const query = shownQuery(pairs);
  const names = secretNames(pairs).map((name) => `${name} (in the batch command for ${request.functionName})`);
  return secretPair("command", request.command(), { values, names, shown: query ? `${request.functionName}?${query}` : request.functionName });
}

/**
 * The one request a batch sends (a POST form body). It is read-only (so retryable) only when
 * every command is.
 *
 * @example
 * batchRequest([version.request(), listaccts.request()], { abortOnError: true }).body();
 * // { kind: "form", text: "command=version&command=listaccts&abort_on_error=1", … }
 */
export function batchRequest(requests: readonly WhmRequest<unknown>[], options: WhmBatchOptions = {}): WhmRequest<WhmBatchData> {
  if (!requests.length) throw new RangeError("batch needs at least one request");
  const pairs: WirePair[] = [...requests.map(commandPair), ["abort_on_error", options.abortOnError === true ? "1" : "0"]];
  return buildRequest({ name: "batch", method: "POST", body: "form", readOnly: requests.every((r) => r.readOnly), pairs, decode: batchFunction.decode });
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
