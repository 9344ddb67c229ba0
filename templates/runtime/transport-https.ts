/**
 * The HTTPS transport, Node only (`whmapi1/node`): WHM API 1 over `node:https` (port 2087), or
 * plain HTTP (2086) when asked. The default of `createClient` on Node.
 *
 * Built on node:https rather than fetch: Node's fetch cannot take a CA or turn verification off
 * without the `undici` package, while an `https.Agent` does both and keeps connections alive.
 * Runtimes without node:https use the fetch transport (transport-fetch.ts).
 */
import * as http from "node:http";
import * as https from "node:https";
import { classifyAnswer, type RawAnswer } from "./answer.js";
import type { WhmRequestBody } from "./define.js";
import {
  checkSecurity,
  errorCode,
  INSECURE_NOTE,
  pemList,
  resolveEndpoint,
  tlsHint,
  TLS_CODES,
  type HttpsTransportOptions,
} from "./endpoint.js";
import { abortError, whmError, type AnyWhmError } from "./errors.js";
import { multipartForm } from "./form.js";
import { checkUrl } from "./secrets.js";
import type { WhmTransport, WhmTransportCallOptions, WhmTransportRequest, WhmTransportResult } from "./transport.js";

export type { HttpsTransportOptions } from "./endpoint.js";

/** An HTTPS transport; `origin` is where it sends (`https://host:2087`, no path, no secret). */
export interface HttpsTransport extends WhmTransport {
  readonly origin: string;
  close(): Promise<void>;
}

const WHO = "httpsTransport";

/** The connection pool: keep-alive, and for HTTPS the trust settings (`ca`, `insecure`). */
export function createAgent(options: HttpsTransportOptions, protocol: "https" | "http"): http.Agent {
  const common = { keepAlive: options.keepAlive !== false, ...(options.maxSockets ? { maxSockets: options.maxSockets } : {}) };
  if (protocol === "http") return new http.Agent(common);
  const ca = options.ca === undefined ? {} : { ca: pemList(options.ca) };
  return new https.Agent({ ...common, ...ca, rejectUnauthorized: options.insecure !== true });
}

/**
 * Creates the HTTPS transport. `createClient({ host, auth, … })` calls this for you; call it
 * yourself to share one connection pool between clients.
 *
 * @example
 * const transport = httpsTransport({ host: "203.0.113.7", auth: tokenAuth("root", token), ca: readFileSync("whm.pem") });
 * const whm = createClient({ transport });
 */
export function httpsTransport(options: HttpsTransportOptions): HttpsTransport {
  const endpoint = resolveEndpoint(options, WHO);
  checkSecurity(options, endpoint.protocol, WHO);
  const agent = createAgent(options, endpoint.protocol);
  const fixedHeaders = { Accept: "application/json", "User-Agent": options.userAgent ?? "whmapi1-sdk (node)" };
  return {
    origin: endpoint.origin,
    async send(request: WhmTransportRequest, call: WhmTransportCallOptions): Promise<WhmTransportResult> {
      const fn = request.functionName;
      // Before any byte: a URL holding a secret parameter is refused (a TypeError naming it).
      const url = request.url(endpoint.base);
      checkUrl(request, url);
      try {
        const body = await encodeBody(request.body());
        const headers: Record<string, string> = { ...fixedHeaders, ...options.auth?.headers() };
        if (body) Object.assign(headers, { "Content-Type": body.contentType, "Content-Length": String(body.bytes.length) });
        const method = body ? "POST" : request.method;
        const answer = await exchange(new URL(url), { method, headers, body: body?.bytes, agent, signal: call.signal, retryStale: request.readOnly });
        return classifyAnswer(fn, answer);
      } catch (error) {
        return { ok: false, error: transportError(fn, error, call, endpoint.label) };
      }
    },
    async close(): Promise<void> {
      agent.destroy();
    },
  };
}

/** One HTTP exchange, the whole body read as UTF-8. */
export interface ExchangeInit {
  method: string;
  headers: Record<string, string>;
  body?: Buffer | undefined;
  agent: http.Agent;
  signal?: AbortSignal | undefined;
  /**
   * Send once more on a fresh connection when a kept-alive one turns out to be closed by the
   * server as the request went out. Only for requests that are safe to repeat (read-only).
   */
  retryStale?: boolean | undefined;
}

/** An answer with its headers (session login needs `set-cookie`). */
export interface ExchangeAnswer extends RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
}

/** Errors of a pooled socket the server closed while it sat idle (the keep-alive race). */
const STALE_SOCKET = new Set(["ECONNRESET", "EPIPE"]);

/**
 * Sends one request and reads the whole answer; rejects with Node's own errors.
 *
 * A kept-alive connection can be closed by the server (idle timeout, a proxy, a restart) just as
 * the next request goes out on it; that request then fails with ECONNRESET before any answer.
 * As Node's documentation of `request.reusedSocket` recommends, such a request is sent once more
 * on a new connection, when `retryStale` says it is safe to repeat.
 */
export async function exchange(url: URL, init: ExchangeInit): Promise<ExchangeAnswer> {
  const client = url.protocol === "https:" ? https : http;
  const send = (): Promise<{ response: http.IncomingMessage } | { error: unknown; stale: boolean }> =>
    new Promise((resolve) => {
      const req = client.request(url, { method: init.method, headers: init.headers, agent: init.agent, signal: init.signal }, (response) => resolve({ response }));
      // Errors after the answer started surface while its body is read, below.
      req.on("error", (error) => resolve({ error, stale: req.reusedSocket && STALE_SOCKET.has(errorCode(error) ?? "") }));
      req.end(init.body);
    });
  let sent = await send();
  if ("error" in sent && sent.stale && init.retryStale && !init.signal?.aborted) sent = await send();
  if ("error" in sent) throw sent.error;
  const { response } = sent;
  const chunks: Buffer[] = [];
  // Iterating rejects if the connection breaks or the signal fires mid-body.
  for await (const chunk of response) chunks.push(chunk as Buffer);
  const contentType = response.headers["content-type"];
  return {
    status: response.statusCode ?? 0,
    headers: response.headers,
    ...(contentType === undefined ? {} : { contentType }),
    text: Buffer.concat(chunks).toString("utf8"),
  };
}

/** The request body as bytes; multipart is serialised by the platform's own FormData encoder. */
async function encodeBody(body: WhmRequestBody | undefined): Promise<{ contentType: string; bytes: Buffer } | undefined> {
  if (!body) return undefined;
  if (body.kind !== "multipart") return { contentType: body.contentType, bytes: Buffer.from(body.text, "utf8") };
  const encoded = new Response(multipartForm(body));
  const contentType = encoded.headers.get("content-type") ?? "multipart/form-data";
  return { contentType, bytes: Buffer.from(await encoded.arrayBuffer()) };
}

/** Maps a Node error to `timeout`/`aborted`, `tls` or `network`. Messages name host and code, nothing else. */
export function transportError(functionName: string, error: unknown, call: WhmTransportCallOptions, label: string): AnyWhmError {
  if (call.signal?.aborted) return abortError(functionName, call.signal, call.timeoutMs);
  const code = errorCode(error);
  const detail = error instanceof Error ? error.message : String(error);
  if (code !== undefined && TLS_CODES.test(code)) {
    const hint = tlsHint(code, detail, `pass that certificate as the \`ca\` option ${INSECURE_NOTE}`);
    return whmError({ kind: "tls", functionName, code, message: `${functionName}: TLS with ${label} failed (${code}: ${detail})${hint}` }, { cause: error });
  }
  return whmError(
    { kind: "network", functionName, ...(code === undefined ? {} : { code }), message: `${functionName}: could not reach ${label} (${code ?? "error"}: ${detail})` },
    { cause: error },
  );
}
