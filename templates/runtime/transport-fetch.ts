/**
 * WHM API 1 over the runtime's `fetch`: the transport for Bun, Deno, Cloudflare Workers and other
 * runtimes without `node:https`, and on Node when asked for (`transport: "fetch"`).
 *
 * The same answers give the same errors as over the HTTPS transport (both classify with
 * answer.ts), and the same secrets rules hold: credentials travel in headers only, redirects are
 * not followed (a redirect could carry them elsewhere), and no URL or platform error object goes
 * into an error (Deno's and undici's messages quote the URL, which can hold a `/cpsess…` token).
 *
 * Trusting a self-signed certificate is where runtimes differ, because standard `fetch` has no
 * option for it: Bun takes `tls: { ca }`, Deno an HTTP client made with `Deno.createHttpClient`;
 * Node's fetch takes an undici `dispatcher`, which the caller builds (the SDK depends on nothing);
 * Workers and browsers trust only their own store.
 */
import { classifyAnswer } from "./answer.js";
import {
  checkSecurity,
  errorCode,
  INSECURE_NOTE,
  pemList,
  resolveEndpoint,
  tlsHint,
  TLS_CODES,
  type FetchTransportOptions,
  type WhmEndpoint,
  type WhmFetch,
} from "./endpoint.js";
import { abortError, whmError, type AnyWhmError } from "./errors.js";
import { multipartForm } from "./form.js";
import { runtimeName } from "./platform.js";
import { checkUrl } from "./secrets.js";
import type { WhmTransport, WhmTransportCallOptions, WhmTransportRequest, WhmTransportResult } from "./transport.js";

/** A fetch transport; `origin` is where it sends (`https://host:2087`, no path, no secret). */
export interface FetchTransport extends WhmTransport {
  readonly origin: string;
  close(): Promise<void>;
}

/** What the transport adds to every `fetch` for TLS trust, and what to say when TLS fails. */
interface Trust {
  init: Record<string, unknown>;
  /** The end of the TLS error's message: how to trust the certificate on this runtime. */
  advice: string;
  close?: () => void;
}

interface DenoHttp {
  createHttpClient?: (options: { caCerts?: string[] }) => { close(): void };
}

const WHO = "fetchTransport";
const NODE_WAYS =
  "pass `dispatcher: new Agent({ connect: { ca } })` (Agent from the undici package) to the fetch transport, " +
  'or use the HTTPS transport, which takes `ca` (`transport: "https"`, from whmapi1/node)';

/** How to tell this runtime's fetch whom to trust; throws when it cannot be told. */
function planTrust(options: FetchTransportOptions, endpoint: WhmEndpoint): Trust {
  const runtime = runtimeName();
  const asked = options.ca !== undefined || options.insecure === true;
  if (options.dispatcher !== undefined) {
    if (asked) throw new TypeError(`${WHO}: set \`ca\` or \`insecure\` on the dispatcher (new Agent({ connect: { ca } })), not beside it`);
    return { init: { dispatcher: options.dispatcher }, advice: "set that certificate as the dispatcher's CA (`new Agent({ connect: { ca } })`)" };
  }
  const advice =
    runtime === "bun" ? `pass that certificate as the \`ca\` option ${INSECURE_NOTE}`
    : runtime === "deno" ? "pass that certificate as the `ca` option"
    : runtime === "node" ? `trust it: ${NODE_WAYS}`
    : "note that fetch here trusts only the platform's own certificate store: give the server a certificate from a public CA, or pass a `fetch` that trusts it";
  if (!asked || endpoint.protocol === "http") return { init: {}, advice };
  const pems = options.ca === undefined ? undefined : pemList(options.ca);
  if (runtime === "bun") {
    return { init: { tls: { ...(pems ? { ca: pems.length === 1 ? pems[0] : pems } : {}), rejectUnauthorized: options.insecure !== true } }, advice };
  }
  const deno = (globalThis as { Deno?: DenoHttp }).Deno;
  if (runtime === "deno" && pems && typeof deno?.createHttpClient === "function") {
    const client = deno.createHttpClient({ caCerts: pems });
    return { init: { client }, advice, close: () => client.close() };
  }
  if (runtime === "deno") {
    throw new TypeError(`${WHO}: Deno's fetch cannot skip certificate checks per request; pass the certificate as \`ca\`, or run deno with --unsafely-ignore-certificate-errors=${endpoint.label.replace(/:\d+$/, "")}`);
  }
  if (runtime === "node") throw new TypeError(`${WHO}: Node's fetch takes no \`ca\` or \`insecure\` of its own; ${NODE_WAYS}`);
  throw new TypeError(`${WHO}: this runtime's fetch cannot be given \`ca\` or \`insecure\`: it trusts only the platform's certificate store. Give the server a certificate from a public CA, or pass a \`fetch\` that trusts it`);
}

/**
 * Creates the fetch transport. `createClient({ host, auth, … })` builds one for you where Node's
 * HTTPS transport is not the default (`transport: "fetch"` asks for it on Node).
 *
 * @example
 * // Node, trusting a self-signed certificate through undici (`npm install undici`):
 * import { Agent } from "undici";
 * const transport = fetchTransport({ host: "203.0.113.7", auth: tokenAuth("root", token), dispatcher: new Agent({ connect: { ca: pem } }) });
 * const whm = createClient({ transport });
 * @example
 * // Bun or Deno: `ca` works as it is.
 * const whm = createClient({ host: "203.0.113.7", auth: tokenAuth("root", token), ca: pem });
 */
export function fetchTransport(options: FetchTransportOptions): FetchTransport {
  const endpoint = resolveEndpoint(options, WHO);
  checkSecurity(options, endpoint.protocol, WHO);
  const fetchFn: WhmFetch | undefined = options.fetch ?? (typeof fetch === "function" ? fetch : undefined);
  if (!fetchFn) throw new TypeError(`${WHO}: this runtime has no global fetch; pass one as the \`fetch\` option`);
  const trust = planTrust(options, endpoint);
  const fixedHeaders = { Accept: "application/json", "User-Agent": options.userAgent ?? "whmapi1-sdk (fetch)" };
  return {
    origin: endpoint.origin,
    async send(request: WhmTransportRequest, call: WhmTransportCallOptions): Promise<WhmTransportResult> {
      const fn = request.functionName;
      // Before any byte: a URL holding a secret parameter is refused (a TypeError naming it).
      const url = request.url(endpoint.base);
      checkUrl(request, url);
      try {
        const headers: Record<string, string> = { ...fixedHeaders, ...options.auth?.headers() };
        const body = request.body();
        let payload: string | FormData | undefined;
        if (body?.kind === "multipart") payload = multipartForm(body); // fetch writes the boundary header
        else if (body) {
          headers["Content-Type"] = body.contentType;
          payload = body.text;
        }
        const init: RequestInit = {
          ...trust.init,
          method: body ? "POST" : request.method,
          headers,
          redirect: "manual",
          ...(payload === undefined ? {} : { body: payload }),
          ...(call.signal ? { signal: call.signal } : {}),
        };
        const response = await fetchFn(url, init);
        const text = await response.text();
        const contentType = response.headers.get("content-type");
        return classifyAnswer(fn, { status: response.status, ...(contentType === null ? {} : { contentType }), text });
      } catch (error) {
        return { ok: false, error: fetchError(fn, error, call, endpoint.label, trust.advice) };
      }
    },
    async close(): Promise<void> {
      trust.close?.();
    },
  };
}

/** Words in platform messages (Deno's rustls, workerd) that mean TLS failed. */
const TLS_TEXT = /certificate|\btls\b|\bssl\b|handshake|corrupt message/i;

/** The messages down an error's cause chain, without URLs, for a detail that names no secret. */
function detailOf(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e !== null && e !== undefined && depth < 4; depth++) {
    const message = e instanceof Error || (typeof e === "object" && typeof (e as { message?: unknown }).message === "string")
      ? String((e as { message: string }).message)
      : typeof e === "string" ? e : "";
    const clean = message.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s)]*/gi, "<url>").trim();
    if (clean && clean !== "fetch failed" && !parts.includes(clean)) parts.push(clean);
    e = typeof e === "object" ? (e as { cause?: unknown }).cause : undefined;
  }
  const joined = parts.join(": ") || "fetch failed";
  return joined.length > 300 ? `${joined.slice(0, 300)}…` : joined;
}

/**
 * Maps a rejected `fetch` to `timeout`/`aborted`, `tls` or `network`. The message names the host,
 * the code and the platform's words with URLs removed; the platform's error is not kept as
 * `cause`, since runtimes quote the request URL in it.
 */
export function fetchError(functionName: string, error: unknown, call: WhmTransportCallOptions, label: string, advice: string): AnyWhmError {
  if (call.signal?.aborted) return abortError(functionName, call.signal, call.timeoutMs);
  const code = errorCode(error);
  const detail = detailOf(error);
  if ((code !== undefined && TLS_CODES.test(code)) || TLS_TEXT.test(detail)) {
    const message = `${functionName}: TLS with ${label} failed (${code ? `${code}: ` : ""}${detail})${tlsHint(code ?? "", detail, advice)}`;
    return whmError({ kind: "tls", functionName, ...(code === undefined ? {} : { code }), message });
  }
  // workerd gives a Worker only "internal error" for every failed connection, a refused certificate included.
  const note = runtimeName() === "other" && /internal error/i.test(detail)
    ? ". On Cloudflare Workers this is also how a certificate the platform does not trust shows (Workers trust only public CAs)"
    : "";
  return whmError({ kind: "network", functionName, ...(code === undefined ? {} : { code }), message: `${functionName}: could not reach ${label} (${code ?? "error"}: ${detail})${note}` });
}
