/**
 * Where WHM is and how to reach it, shared by the HTTP transports (fetch everywhere, HTTPS on
 * Node): the options, the URL they make, and the checks that keep credentials off plain HTTP.
 * Nothing here touches the network or a `node:` module, so every runtime can load it.
 */
import type { WhmAuth } from "./auth.js";

/** A certificate in PEM, as text or bytes (a Node `Buffer` is a `Uint8Array`). */
export type WhmPem = string | Uint8Array;

/** Where WHM is, how to authenticate and whom to trust: the options both HTTP transports take. */
export interface WhmEndpointOptions {
  /** Host name or IP address only (no scheme, port or path). */
  host: string;
  /** Defaults to 2087 for `https`, 2086 for `http`. */
  port?: number | undefined;
  /** `"http"` only when asked for: plain HTTP exposes every call on the network. Default `"https"`. */
  protocol?: "https" | "http" | undefined;
  /** A path prefix for every URL, e.g. `/cpsess0123456789`. Session auth sets its own. */
  basePath?: string | undefined;
  auth?: WhmAuth | undefined;
  /**
   * Certificate(s) to trust, in PEM: the server's self-signed certificate or its CA. The HTTPS
   * transport takes it on Node; the fetch transport on Bun and Deno (on Node it needs a
   * `dispatcher` instead, and Workers and browsers trust only their own store).
   */
  ca?: WhmPem | readonly WhmPem[] | undefined;
  /** Skip TLS certificate verification. Anyone in the middle can then read the credentials. */
  insecure?: boolean | undefined;
  /** `User-Agent` header (browsers may drop it). */
  userAgent?: string | undefined;
}

/** Options of the HTTPS transport (Node only): the endpoint, plus its connection pool. */
export interface HttpsTransportOptions extends WhmEndpointOptions {
  /** Reuse connections between calls (default true). */
  keepAlive?: boolean | undefined;
  /** Most connections open at once to the server (default: unlimited, Node's default). */
  maxSockets?: number | undefined;
}

/** The `fetch` function a transport calls: the runtime's own, undici's, or a Worker binding's. */
export type WhmFetch = (input: string, init: RequestInit) => Promise<Response>;

/** Options of the fetch transport: the endpoint, plus which `fetch` and (on Node) which dispatcher. */
export interface FetchTransportOptions extends WhmEndpointOptions {
  /** The `fetch` to call. Default: the runtime's global `fetch`. */
  fetch?: WhmFetch | undefined;
  /**
   * Node only: an undici `Dispatcher` handed to `fetch` as `init.dispatcher`, which is how Node's
   * fetch takes a CA or skips verification (the SDK depends on nothing, so it does not build one):
   * `new Agent({ connect: { ca } })` from the `undici` package. Set the trust on it, not in `ca`.
   */
  dispatcher?: object | undefined;
}

/** The URL parts of an endpoint; `label` (`host:port`) is what messages name. */
export interface WhmEndpoint {
  protocol: "https" | "http";
  origin: string;
  base: string;
  label: string;
}

/** Whether `host` is an IPv6 address (the URL parser knows; no `node:net` needed). */
function isIPv6(host: string): boolean {
  if (!host.includes(":")) return false;
  try {
    new URL(`http://[${host}]/`);
    return true;
  } catch {
    return false;
  }
}

/** Checks the options and builds the origin, e.g. `https://server.example.com:2087`. */
export function resolveEndpoint(options: WhmEndpointOptions, who: string): WhmEndpoint {
  const { host } = options;
  if (typeof host !== "string" || host === "" || /[/?#@\s[\]]/.test(host) || (host.includes(":") && !isIPv6(host))) {
    throw new TypeError(`${who}: \`host\` must be a host name or IP address, without scheme, port or path`);
  }
  const protocol = options.protocol ?? "https";
  if (protocol !== "https" && protocol !== "http") throw new TypeError(`${who}: \`protocol\` must be "https" or "http"`);
  const port = options.port ?? (protocol === "https" ? 2087 : 2086);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new TypeError(`${who}: \`port\` must be an integer from 1 to 65535`);
  const basePath = options.auth?.basePath ?? options.basePath ?? "";
  if (basePath && !/^(\/[A-Za-z0-9._~-]+)+$/.test(basePath)) {
    throw new TypeError(`${who}: \`basePath\` must be a path such as /cpsess0123456789`);
  }
  const hostPart = isIPv6(host) ? `[${host}]` : host;
  const origin = `${protocol}://${hostPart}:${port}`;
  return { protocol, origin, base: origin + basePath, label: `${hostPart}:${port}` };
}

/** Refuses a password over plain HTTP, and `ca` with `insecure`. */
export function checkSecurity(options: WhmEndpointOptions, protocol: "https" | "http", who: string): void {
  if (protocol === "http" && options.auth && !options.auth.allowPlainHttp) {
    throw new TypeError(
      `${who}: ${options.auth.scheme} auth sends the password in clear over plain HTTP; ` +
        "use https (port 2087), an API token, or pass { allowPlainHttp: true } to basicAuth to accept the risk",
    );
  }
  if (options.insecure && options.ca !== undefined) {
    throw new TypeError(`${who}: \`ca\` and \`insecure: true\` contradict each other; pass one of them`);
  }
}

/** `ca` as a list of PEM strings. */
export function pemList(ca: WhmPem | readonly WhmPem[]): string[] {
  const list: readonly WhmPem[] = typeof ca === "string" || ca instanceof Uint8Array ? [ca] : ca;
  return list.map((pem) => (typeof pem === "string" ? pem : new TextDecoder().decode(pem)));
}

/** The first string `code` on an error or down its `cause` chain (`ECONNREFUSED`, `DEPTH_ZERO_SELF_SIGNED_CERT`, …). */
export function errorCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e !== null && typeof e === "object" && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && code) return code;
  }
  return undefined;
}

/** Error codes (OpenSSL's, Node's, Bun's) that mean the TLS handshake or the certificate failed. */
export const TLS_CODES: RegExp = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|^ERR_TLS|^ERR_SSL|^EPROTO$/;

/** The insecure option's warning, for advice on runtimes that have the option. */
export const INSECURE_NOTE = "(`insecure: true` turns verification off, which lets anyone in the middle read your credentials)";

/**
 * What to say after a TLS failure: the port speaks plain HTTP, or the certificate is not trusted
 * and `advice` says how to trust it on this transport and runtime.
 */
export function tlsHint(code: string, detail: string, advice: string): string {
  const wrongProtocol = /wrong[ _]version[ _]number|packet[ _]length[ _]too[ _]long|http[ _]request|InvalidContentType|corrupt message/i.test(`${code} ${detail}`);
  return wrongProtocol
    ? ". The port may speak plain HTTP (2086 does); WHM's HTTPS port is 2087"
    : `. If the server uses a self-signed certificate, ${advice}.`;
}
