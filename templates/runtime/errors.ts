/**
 * Every way a WHM call can fail, as one discriminated union on `kind`.
 *
 * Each member carries a human `message` and the WHM `functionName`. None ever carries a secret:
 * no token, password, access hash, cookie, URL or request parameter goes into a message, a field,
 * `toString()` or `JSON.stringify()` — only what the server or the operating system said.
 */
import type { WhmMetadata } from "./types.js";

interface WhmErrorBase<K extends string> {
  kind: K;
  /** The WHM function that was called (`"batch"` for a batch as a whole). */
  functionName: string;
  /** What happened, in one or two sentences a user can act on. */
  message: string;
}

/** `metadata.result` was 0: WHM ran the function and says it failed. */
export interface WhmApiErrorInfo extends WhmErrorBase<"api"> {
  /** `metadata.reason`, else `data.reason`. */
  reason: string;
  /** The reason says the user or token lacks the privilege (ACL) for this function. */
  accessDenied: boolean;
  metadata: WhmMetadata;
  data?: unknown;
}

/** HTTP 401/403, or the older `cpanelresult` "Access denied" body: the credentials were refused. */
export interface WhmAuthErrorInfo extends WhmErrorBase<"auth"> {
  status?: number | undefined;
  /** The server's reason, extracted from a `cpanelresult` or envelope body when there is one. */
  reason?: string | undefined;
}

/** Any other non-2xx HTTP status. */
export interface WhmHttpErrorInfo extends WhmErrorBase<"http"> {
  status: number;
  reason?: string | undefined;
}

/** An HTML page (login page, proxy error page) or other text where JSON was expected. */
export interface WhmNotJsonErrorInfo extends WhmErrorBase<"not-json"> {
  status?: number | undefined;
  contentType?: string | undefined;
  /** The page's `<title>`, when it has one. */
  title?: string | undefined;
}

/** JSON that is not a WHM API 1 envelope, or text that starts as JSON but does not parse (truncated). */
export interface WhmMalformedErrorInfo extends WhmErrorBase<"malformed"> {
  status?: number | undefined;
  detail: string;
}

/** The server could not be reached or the connection broke (refused, reset, DNS). */
export interface WhmNetworkErrorInfo extends WhmErrorBase<"network"> {
  /** The system error code (`ECONNREFUSED`, `ENOTFOUND`, …). */
  code?: string | undefined;
}

/** The TLS handshake failed, usually because the certificate is not trusted. */
export interface WhmTlsErrorInfo extends WhmErrorBase<"tls"> {
  code?: string | undefined;
}

/** No answer within the call's timeout. */
export interface WhmTimeoutErrorInfo extends WhmErrorBase<"timeout"> {
  timeoutMs?: number | undefined;
}

/** The caller's `AbortSignal` fired. */
export type WhmAbortedErrorInfo = WhmErrorBase<"aborted">;

/** `whmapi1` failed without printing an envelope: its exit code and stderr are all there is. */
export interface WhmCliErrorInfo extends WhmErrorBase<"cli"> {
  exitCode: number | null;
  /** The signal that ended the process, if one did. */
  signal?: string | undefined;
  stderr: string;
}

/** A batch command that never ran because an earlier one failed under `abortOnError`. */
export interface WhmSkippedErrorInfo extends WhmErrorBase<"skipped"> {
  /** The batch's own reason. */
  reason: string;
}

/** The plain-data description of a failure, discriminated on `kind`. */
export type WhmErrorInfo =
  | WhmApiErrorInfo
  | WhmAuthErrorInfo
  | WhmHttpErrorInfo
  | WhmNotJsonErrorInfo
  | WhmMalformedErrorInfo
  | WhmNetworkErrorInfo
  | WhmTlsErrorInfo
  | WhmTimeoutErrorInfo
  | WhmAbortedErrorInfo
  | WhmCliErrorInfo
  | WhmSkippedErrorInfo;

export type WhmErrorKind = WhmErrorInfo["kind"];

/** A `WhmErrorInfo` whose `message` may be left out; {@link whmError} writes the default one. */
export type WhmErrorInput = WhmErrorInfo extends infer I ? (I extends WhmErrorInfo ? Omit<I, "message"> & { message?: string } : never) : never;

/**
 * The error every failed call throws (or returns, under `throwOnError: false`).
 * The fields of its {@link WhmErrorInfo} are copied onto it, so it narrows on `kind`:
 *
 * @example
 * try {
 *   await whm.listaccts();
 * } catch (e) {
 *   if (isWhmError(e) && e.kind === "auth") console.error(e.message, e.status);
 *   else throw e;
 * }
 */
export class WhmError extends Error {
  override readonly name = "WhmError";
  declare readonly kind: WhmErrorKind;
  declare readonly functionName: string;

  constructor(info: WhmErrorInfo, options?: { cause?: unknown }) {
    super(info.message, options);
    Object.assign(this, info);
  }

  /** The error as plain data (what `JSON.stringify` shows); `cause` is left out on purpose. */
  toInfo(): WhmErrorInfo {
    // Own enumerable fields are exactly the info's (message, stack and cause are not enumerable); `name` is dropped.
    const { name: _name, ...fields } = { ...this } as Record<string, unknown>;
    return { ...fields, message: this.message } as unknown as WhmErrorInfo;
  }

  toJSON(): WhmErrorInfo & { name: "WhmError" } {
    return { name: this.name, ...this.toInfo() };
  }
}

/** A `WhmError` narrowed to one kind, with that kind's fields. */
export type WhmErrorOf<K extends WhmErrorKind> = WhmError & Extract<WhmErrorInfo, { kind: K }>;

/** Any `WhmError`, as a union that narrows on `kind`. */
export type AnyWhmError = { [K in WhmErrorKind]: WhmErrorOf<K> }[WhmErrorKind];

/** True for errors thrown (or returned) by WHM calls; narrows to {@link AnyWhmError}. */
export function isWhmError(value: unknown): value is AnyWhmError {
  return value instanceof WhmError;
}

/**
 * Builds a `WhmError`, writing the default message for its kind when none is given.
 * For custom transports: `return { ok: false, error: whmError({ kind: "http", functionName, status: 502 }) }`.
 */
export function whmError(input: WhmErrorInput, options?: { cause?: unknown }): AnyWhmError {
  const info = { ...input, message: input.message ?? defaultMessage(input) } as WhmErrorInfo;
  return new WhmError(info, options) as AnyWhmError;
}

const ACCESS_DENIED = /access denied|permission denied|not permitted|lacks? (the )?(required )?privilege|do(es)? not have (the )?(permission|privilege)/i;

/** Whether a WHM reason says the caller lacks a privilege. */
export function isAccessDenied(reason: string): boolean {
  return ACCESS_DENIED.test(reason);
}

/** The failure for an envelope with `metadata.result` 0. */
export function apiError(functionName: string, metadata: WhmMetadata, data: unknown): AnyWhmError {
  const reason = failureReason(metadata, data);
  return whmError({ kind: "api", functionName, reason, accessDenied: isAccessDenied(reason), metadata, data });
}

/** The failure for an `AbortSignal` that fired: `timeout` when its reason is a timeout, else `aborted`. */
export function abortError(functionName: string, signal: AbortSignal | undefined, timeoutMs?: number): AnyWhmError {
  // By name, not instanceof: the DOMException may come from another realm.
  const reason: unknown = signal?.reason;
  const timedOut = reason !== null && typeof reason === "object" && (reason as { name?: unknown }).name === "TimeoutError";
  return timedOut ? whmError({ kind: "timeout", functionName, timeoutMs }) : whmError({ kind: "aborted", functionName });
}

/** Where WHM puts the reason of a failure: `metadata.reason`, sometimes only `data.reason`. */
function failureReason(metadata: WhmMetadata, data: unknown): string {
  if (typeof metadata.reason === "string" && metadata.reason.trim()) return metadata.reason.trim();
  const fromData = data !== null && typeof data === "object" ? (data as Record<string, unknown>)["reason"] : undefined;
  return typeof fromData === "string" ? fromData.trim() : "";
}

function withStatus(status: number | undefined): string {
  return status === undefined ? "" : ` HTTP ${status}`;
}

function defaultMessage(info: WhmErrorInput): string {
  const fn = info.functionName;
  switch (info.kind) {
    case "api":
      return `${fn} failed: ${info.reason || "metadata.result is 0 and the server gave no reason"}` +
        (info.accessDenied ? " (the user or API token lacks the privilege this function needs)" : "");
    case "auth":
      return `${fn}: the server refused the credentials (${info.status === undefined ? "" : `HTTP ${info.status}: `}` +
        `${info.reason || "no reason given"}). Check the user name and the API token, password or access hash, ` +
        "and that they may call this function.";
    case "http":
      return `${fn}: the server answered${withStatus(info.status)}${info.reason ? `: ${info.reason}` : ""}`;
    case "not-json":
      return `${fn}: the server answered${withStatus(info.status)} with ` +
        (info.contentType?.includes("html") || info.title !== undefined ? `an HTML page${info.title ? ` ("${info.title}")` : ""}` : `${info.contentType || "text"}`) +
        " instead of JSON. This is usually a login page (wrong port or path, or an expired session) or a proxy's error page.";
    case "malformed":
      return `${fn}: malformed WHM API 1 answer${withStatus(info.status)}: ${info.detail}`;
    case "network":
      return `${fn}: could not reach the server${info.code ? ` (${info.code})` : ""}`;
    case "tls":
      return `${fn}: the server's TLS certificate was rejected${info.code ? ` (${info.code})` : ""}. ` +
        "If the server uses a self-signed certificate, pass that certificate as the `ca` option " +
        "(`insecure: true` turns verification off, which lets anyone in the middle read your credentials).";
    case "timeout":
      return `${fn}: no answer within ${info.timeoutMs === undefined ? "the timeout" : `${info.timeoutMs} ms`}`;
    case "aborted":
      return `${fn}: the call was aborted`;
    case "cli":
      return `${fn}: whmapi1 ${info.exitCode === null ? `could not run${info.signal ? ` (${info.signal})` : ""}` : `exited with code ${info.exitCode}`}` +
        (info.stderr.trim() ? `: ${firstLines(info.stderr)}` : " and printed no JSON");
    case "skipped":
      return `${fn}: not run, because an earlier command of the batch failed (abort_on_error): ${info.reason || "no reason given"}`;
  }
}

function firstLines(text: string): string {
  const lines = text.trim().split(/\r?\n/).slice(0, 3).join(" / ");
  return lines.length > 300 ? `${lines.slice(0, 300)}…` : lines;
}
