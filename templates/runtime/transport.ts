/**
 * What a transport is: something that sends one built request and hands back the parsed JSON
 * answer, or a typed error. The client does everything else (decoding, `metadata.result`, retries,
 * timeouts), so a transport stays small: HTTPS, the local `whmapi1`, or an in-memory fake for tests.
 */
import type { WhmRequest } from "./define.js";
import type { AnyWhmError } from "./errors.js";

/** The parts of a {@link WhmRequest} a transport needs (everything but `decode`). */
export type WhmTransportRequest = Pick<
  WhmRequest<unknown>,
  "functionName" | "method" | "readOnly" | "pairs" | "url" | "argv" | "body" | "command"
>;

/** Per-call settings handed to a transport. */
export interface WhmTransportCallOptions {
  /** Fires on the caller's abort or on the call's timeout (then its reason is a `TimeoutError`). */
  signal?: AbortSignal | undefined;
  /** The timeout behind `signal`, for messages. */
  timeoutMs?: number | undefined;
}

/** A transport's answer: the parsed JSON body, not yet checked as an envelope, or a typed failure. */
export type WhmTransportResult = { ok: true; json: unknown } | { ok: false; error: AnyWhmError };

/**
 * Sends requests to WHM. Implementations resolve with `{ ok: false, error }` for every expected
 * failure and reject only on bugs.
 *
 * @example
 * // An in-memory fake:
 * const fake: WhmTransport = {
 *   async send(request) {
 *     return { ok: true, json: { data: { version: "11.137.0.1" }, metadata: { command: request.functionName, result: 1, reason: "OK", version: 1 } } };
 *   },
 * };
 * const whm = createClient({ transport: fake });
 */
export interface WhmTransport {
  send(request: WhmTransportRequest, options: WhmTransportCallOptions): Promise<WhmTransportResult>;
  /** Releases pooled connections; the client's `close()` calls it. */
  close?(): Promise<void>;
}
