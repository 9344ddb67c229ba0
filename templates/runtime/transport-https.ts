/**
 * The default transport: WHM API 1 over HTTPS (port 2087), or plain HTTP (2086) when asked.
 *
 * Built on node:https rather than fetch: fetch in Node 20 cannot take a CA or turn verification
 * off without the `undici` package, while an `https.Agent` does both and keeps connections alive.
 */
import * as http from "node:http";
import * as https from "node:https";
import { isIP } from "node:net";
import { classifyAnswer, type RawAnswer } from "./answer.js";
import type { WhmAuth } from "./auth.js";
import type { WhmFile, WhmRequestBody } from "./define.js";
import { abortError, whmError, type AnyWhmError } from "./errors.js";
import type { WhmTransport, WhmTransportCallOptions, WhmTransportRequest, WhmTransportResult } from "./transport.js";

/** Where and how to reach WHM over HTTP(S). */
export interface HttpsTransportOptions {
  /** Host name or IP address only (no scheme, port or path). */
  host: string;
  /** Defaults to 2087 for `https`, 2086 for `http`. */
  port?: number | undefined;
  /** `"http"` only when asked for: plain HTTP exposes every call on the network. Default `"https"`. */
  protocol?: "https" | "http" | undefined;
  /** A path prefix for every URL, e.g. `/cpsess0123456789`. Session auth sets its own. */
  basePath?: string | undefined;
  auth?: WhmAuth | undefined;
  /** Certificate(s) to trust, in PEM: the server's self-signed certificate or its CA. */
  ca?: string | Buffer | readonly (string | Buffer)[] | undefined;
  /** Skip TLS certificate verification. Anyone in the middle can then read the credentials. */
  insecure?: boolean | undefined;
  /** Reuse connections between calls (default true). */
  keepAlive?: boolean | undefined;
  /** Most connections open at once to the server (default: unlimited, Node's default). */
  maxSockets?: number | undefined;
  /** `User-Agent` header. */
  userAgent?: string | undefined;
}

/** An HTTPS transport; `origin` is where it sends (`https://host:2087`, no path, no secret). */
export interface HttpsTransport extends WhmTransport {
  readonly origin: string;
  close(): Promise<void>;
}

interface Endpoint {
  protocol: "https" | "http";
  origin: string;
  base: string;
  label: string;
}

function resolveEndpoint(options: HttpsTransportOptions): Endpoint {
  const { host } = options;
  if (typeof host !== "string" || host === "" || /[/?#@\s]/.test(host) || (host.includes(":") && isIP(host) !== 6)) {
    throw new TypeError("httpsTransport: `host` must be a host name or IP address, without scheme, port or path");
  }
  const protocol = options.protocol ?? "https";
  if (protocol !== "https" && protocol !== "http") throw new TypeError('httpsTransport: `protocol` must be "https" or "http"');
  const port = options.port ?? (protocol === "https" ? 2087 : 2086);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new TypeError("httpsTransport: `port` must be an integer from 1 to 65535");
  const basePath = options.auth?.basePath ?? options.basePath ?? "";
  if (basePath && !/^(\/[A-Za-z0-9._~-]+)+$/.test(basePath)) {
    throw new TypeError("httpsTransport: `basePath` must be a path such as /cpsess0123456789");
  }
  const hostPart = isIP(host) === 6 ? `[${host}]` : host;
  const origin = `${protocol}://${hostPart}:${port}`;
  return { protocol, origin, base: origin + basePath, label: `${hostPart}:${port}` };
}

function checkSecurity(options: HttpsTransportOptions, protocol: "https" | "http"): void {
  if (protocol === "http" && options.auth && !options.auth.allowPlainHttp) {
    throw new TypeError(
      `httpsTransport: ${options.auth.scheme} auth sends the password in clear over plain HTTP; ` +
        "use https (port 2087), an API token, or pass { allowPlainHttp: true } to basicAuth to accept the risk",
    );
  }
  if (options.insecure && options.ca !== undefined) {
    throw new TypeError("httpsTransport: `ca` and `insecure: true` contradict each other; pass one of them");
  }
}

/** The connection pool: keep-alive, and for HTTPS the trust settings (`ca`, `insecure`). */
export function createAgent(options: HttpsTransportOptions, protocol: "https" | "http"): http.Agent {
  const common = { keepAlive: options.keepAlive !== false, ...(options.maxSockets ? { maxSockets: options.maxSockets } : {}) };
  if (protocol === "http") return new http.Agent(common);
  const ca = options.ca === undefined ? {} : { ca: typeof options.ca === "string" || Buffer.isBuffer(options.ca) ? options.ca : [...options.ca] };
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
  const endpoint = resolveEndpoint(options);
  checkSecurity(options, endpoint.protocol);
  const agent = createAgent(options, endpoint.protocol);
  const fixedHeaders = { Accept: "application/json", "User-Agent": options.userAgent ?? "whmapi1-sdk (node)" };
  return {
    origin: endpoint.origin,
    async send(request: WhmTransportRequest, call: WhmTransportCallOptions): Promise<WhmTransportResult> {
      const fn = request.functionName;
      try {
        const body = await encodeBody(request.body());
        const headers: Record<string, string> = { ...fixedHeaders, ...options.auth?.headers() };
        if (body) Object.assign(headers, { "Content-Type": body.contentType, "Content-Length": String(body.bytes.length) });
        const method = body ? "POST" : request.method;
        const answer = await exchange(new URL(request.url(endpoint.base)), { method, headers, body: body?.bytes, agent, signal: call.signal, retryStale: request.readOnly });
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
  const form = new FormData();
  for (const [name, value] of body.fields) form.append(name, value);
  for (const [field, file] of body.files) form.append(field, toBlob(file), file.name);
  const encoded = new Response(form);
  const contentType = encoded.headers.get("content-type") ?? "multipart/form-data";
  return { contentType, bytes: Buffer.from(await encoded.arrayBuffer()) };
}

function toBlob(file: WhmFile): Blob {
  if (file.content instanceof Blob) return file.content;
  const type = file.type === undefined ? {} : { type: file.type };
  if (typeof file.content === "string") return new Blob([file.content], type);
  return new Blob([Uint8Array.from(file.content)], type);
}

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|^ERR_TLS|^ERR_SSL|^EPROTO$/;

/** Maps a Node error to `timeout`/`aborted`, `tls` or `network`. Messages name host and code, nothing else. */
export function transportError(functionName: string, error: unknown, call: WhmTransportCallOptions, label: string): AnyWhmError {
  if (call.signal?.aborted) return abortError(functionName, call.signal, call.timeoutMs);
  const code = errorCode(error);
  const detail = error instanceof Error ? error.message : String(error);
  if (code !== undefined && TLS_CODES.test(code)) {
    const wrongProtocol = /wrong[ _]version[ _]number|packet[ _]length[ _]too[ _]long|http[ _]request/i.test(`${code} ${detail}`);
    const hint = wrongProtocol
      ? ". The port may speak plain HTTP (2086 does); WHM's HTTPS port is 2087"
      : ". If the server uses a self-signed certificate, pass that certificate as the `ca` option " +
        "(`insecure: true` turns verification off, which lets anyone in the middle read your credentials).";
    return whmError({ kind: "tls", functionName, code, message: `${functionName}: TLS with ${label} failed (${code}: ${detail})${hint}` }, { cause: error });
  }
  return whmError(
    { kind: "network", functionName, ...(code === undefined ? {} : { code }), message: `${functionName}: could not reach ${label} (${code ?? "error"}: ${detail})` },
    { cause: error },
  );
}

function errorCode(error: unknown): string | undefined {
  const code = error !== null && typeof error === "object" ? (error as { code?: unknown }).code : undefined;
  return typeof code === "string" ? code : undefined;
}
