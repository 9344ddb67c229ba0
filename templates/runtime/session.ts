/**
 * Opening a WHM cookie session from credentials, the single sign-on way cPanel documents:
 * 1. call `create_user_session` (service `whostmgrd`) with the credentials;
 * 2. GET the login URL it returns: the session does not work until then, and that answer sets the cookie;
 * 3. send the cookie with every call, under the `/cpsess…` path prefix (`cp_security_token`).
 * See https://api.docs.cpanel.net/guides/guide-to-api-authentication/guide-to-api-authentication-single-sign-on/
 */
import { sessionAuth, type WhmAuth } from "./auth.js";
import { decodeEnvelope } from "./decode.js";
import { defineFunction } from "./define.js";
import { apiError, whmError } from "./errors.js";
import type { HttpsTransportOptions } from "./endpoint.js";
import { createAgent, exchange, httpsTransport, transportError } from "./transport-https.js";

/** How to open a session: where the server is, and credentials allowed to call `create_user_session`. */
export interface CreateSessionOptions extends Omit<HttpsTransportOptions, "auth" | "basePath"> {
  /** Usually `basicAuth(user, password)`; a token works too. */
  auth: WhmAuth;
  /** Whose session to open; defaults to `auth.user`. */
  user?: string | undefined;
  /** Milliseconds for each of the two requests (default 30 000). */
  timeout?: number | undefined;
  signal?: AbortSignal | undefined;
}

interface SessionData {
  url?: string;
  cp_security_token?: string;
}

const createUserSession = defineFunction<{ user: string; service: string }, SessionData>({
  name: "create_user_session",
  method: "GET",
  body: "query",
  readOnly: false,
});

function callSignal(options: CreateSessionOptions): { signal: AbortSignal; timeoutMs: number } {
  const timeoutMs = options.timeout ?? 30_000;
  const timer = AbortSignal.timeout(timeoutMs);
  return { signal: options.signal ? AbortSignal.any([options.signal, timer]) : timer, timeoutMs };
}

/**
 * Opens a session and returns auth that uses it (cookie + `/cpsess…` prefix), so the password is
 * sent once instead of with every call. Throws `WhmError` when the server refuses.
 *
 * @example
 * const auth = await createSession({ host: "server.example.com", auth: basicAuth("root", password) });
 * const whm = createClient({ host: "server.example.com", auth });
 */
export async function createSession(options: CreateSessionOptions): Promise<WhmAuth> {
  const user = options.user ?? options.auth.user;
  const transport = httpsTransport({ ...options, keepAlive: false });
  try {
    const call = callSignal(options);
    const sent = await transport.send(createUserSession.request({ user, service: "whostmgrd" }), call);
    if (!sent.ok) throw sent.error;
    const result = decodeOrThrow(sent.json);
    const loginUrl = result.url;
    const token = result.cp_security_token;
    if (!loginUrl || !token) throw whmError({ kind: "malformed", functionName: "create_user_session", detail: "the answer has no url or cp_security_token" });
    const cookie = await login(options, transport.origin, loginUrl);
    return sessionAuth({ user, securityToken: token, cookie });
  } finally {
    await transport.close();
  }
}

function decodeOrThrow(json: unknown): SessionData {
  let result;
  try {
    result = decodeEnvelope("create_user_session", json, (data) => data as SessionData);
  } catch (error) {
    throw whmError({ kind: "malformed", functionName: "create_user_session", detail: error instanceof Error ? error.message : "not an envelope" });
  }
  if (result.metadata.result !== 1) throw apiError("create_user_session", result.metadata, result.data);
  return result.data;
}

/**
 * GETs the login URL and collects the cookies it sets. The URL names the server's own host name,
 * which may not resolve from here: only its path and query are kept, sent to the configured host.
 */
async function login(options: CreateSessionOptions, origin: string, loginUrl: string): Promise<string> {
  const target = new URL(loginUrl, origin);
  const url = new URL(target.pathname + target.search, origin);
  const agent = createAgent({ ...options, keepAlive: false }, url.protocol === "https:" ? "https" : "http");
  const call = callSignal(options);
  let answer;
  try {
    answer = await exchange(url, { method: "GET", headers: { Accept: "text/html,application/json" }, agent, signal: call.signal });
  } catch (error) {
    throw transportError("create_user_session", error, call, url.host);
  } finally {
    agent.destroy();
  }
  const cookie = cookiesOf(answer.headers["set-cookie"]);
  if (answer.status >= 400 || !cookie) {
    throw whmError({ kind: "auth", functionName: "create_user_session", status: answer.status, reason: "the session login page set no cookie" });
  }
  return cookie;
}

/** `Set-Cookie` headers → one `Cookie` header value (`a=1; b=2`), attributes dropped. */
function cookiesOf(setCookie: string[] | undefined): string {
  return (setCookie ?? [])
    .map((line) => line.split(";", 1)[0]?.trim() ?? "")
    .filter((pair) => pair.includes("=") && !/=\s*$/.test(pair))
    .join("; ");
}
