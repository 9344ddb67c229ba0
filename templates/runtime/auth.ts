/**
 * Credentials for the HTTPS transport.
 *
 * An auth object keeps its secret in a closure: it has no property holding the token, password,
 * hash or cookie, and `toJSON()`, `toString()` and `util.inspect` show only the scheme and user.
 * Secrets travel in headers only, never in the URL.
 * See https://api.docs.cpanel.net/guides/guide-to-api-authentication/
 */

export type WhmAuthScheme = "token" | "basic" | "accesshash" | "session";

/** Credentials, as the HTTPS transport uses them. Build one with the helpers below. */
export interface WhmAuth {
  readonly scheme: WhmAuthScheme;
  /** The WHM user name (not a secret). */
  readonly user: string;
  /** The auth may go over plain HTTP (port 2086). False only for basic auth unless allowed. */
  readonly allowPlainHttp: boolean;
  /** A path every URL must start with (`/cpsess0123456789` for sessions). */
  readonly basePath?: string;
  /** The headers to send with each request. */
  headers(): Readonly<Record<string, string>>;
}

const INSPECT = Symbol.for("nodejs.util.inspect.custom");

/** Base64 of the UTF-8 bytes (`btoa` alone takes Latin-1 only), in every runtime. */
function base64(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function checkUser(helper: string, user: string): void {
  if (typeof user !== "string" || user === "" || /[:\s]/.test(user)) {
    throw new TypeError(`${helper}: the user name must be a non-empty string without ':' or whitespace`);
  }
}

function checkSecret(helper: string, what: string, secret: string): void {
  // The message names the problem, never the value.
  if (typeof secret !== "string" || secret === "" || /[\r\n\0]/.test(secret)) {
    throw new TypeError(`${helper}: the ${what} must be a non-empty string without line breaks`);
  }
}

function makeAuth(
  scheme: WhmAuthScheme,
  user: string,
  headers: () => Record<string, string>,
  extra: { allowPlainHttp: boolean; basePath?: string },
): WhmAuth {
  const shown = `WhmAuth(${scheme}, ${user})`;
  return Object.freeze({
    scheme,
    user,
    allowPlainHttp: extra.allowPlainHttp,
    ...(extra.basePath === undefined ? {} : { basePath: extra.basePath }),
    headers,
    toJSON: () => ({ scheme, user }),
    toString: () => shown,
    [INSPECT]: () => shown,
  });
}

/**
 * API token auth (preferred): `Authorization: whm USER:TOKEN`.
 *
 * @example
 * const whm = createClient({ host: "server.example.com", auth: tokenAuth("root", process.env.WHM_TOKEN!) });
 */
export function tokenAuth(user: string, token: string): WhmAuth {
  checkUser("tokenAuth", user);
  checkSecret("tokenAuth", "token", token);
  const header = `whm ${user}:${token.trim()}`;
  return makeAuth("token", user, () => ({ Authorization: header }), { allowPlainHttp: true });
}

/** Options of {@link basicAuth}. */
export interface BasicAuthOptions {
  /** Allow sending the password over plain HTTP (port 2086), where anyone on the path can read it. */
  allowPlainHttp?: boolean | undefined;
}

/**
 * HTTP basic auth with the user's password. Refused over plain HTTP unless `allowPlainHttp` is set.
 *
 * @example
 * const whm = createClient({ host: "server.example.com", auth: basicAuth("reseller", password) });
 */
export function basicAuth(user: string, password: string, options: BasicAuthOptions = {}): WhmAuth {
  checkUser("basicAuth", user);
  checkSecret("basicAuth", "password", password);
  const header = `Basic ${base64(`${user}:${password}`)}`;
  return makeAuth("basic", user, () => ({ Authorization: header }), { allowPlainHttp: options.allowPlainHttp === true });
}

/**
 * Legacy access hash auth (deprecated by cPanel; use tokens): `Authorization: whm USER:HASH`.
 * The hash is usually copied from `~/.accesshash`, which wraps it over many lines: all whitespace is removed.
 *
 * @example
 * const whm = createClient({ host, auth: accessHashAuth("root", readFileSync("/root/.accesshash", "utf8")) });
 */
export function accessHashAuth(user: string, hash: string): WhmAuth {
  checkUser("accessHashAuth", user);
  const joined = typeof hash === "string" ? hash.replace(/\s+/g, "") : hash;
  checkSecret("accessHashAuth", "access hash", joined);
  const header = `whm ${user}:${joined}`;
  return makeAuth("accesshash", user, () => ({ Authorization: header }), { allowPlainHttp: true });
}

/** An existing WHM session: its security token and cookie. */
export interface WhmSessionCredentials {
  user: string;
  /** `/cpsess0123456789` (`cp_security_token` of `create_user_session`). */
  securityToken: string;
  /** The `Cookie` header value the login page set (`whostmgrsession=…`). */
  cookie: string;
}

/**
 * Cookie session auth: every URL gets the `/cpsess…` prefix and the session cookie is sent.
 * Use {@link createSession} to open a session from a password.
 *
 * @example
 * const auth = sessionAuth({ user: "root", securityToken: "/cpsess0123456789", cookie: "whostmgrsession=…" });
 */
export function sessionAuth(credentials: WhmSessionCredentials): WhmAuth {
  checkUser("sessionAuth", credentials.user);
  checkSecret("sessionAuth", "cookie", credentials.cookie);
  const token = credentials.securityToken.startsWith("/") ? credentials.securityToken : `/${credentials.securityToken}`;
  if (!/^\/cpsess\d+$/.test(token)) throw new TypeError("sessionAuth: the security token must look like /cpsess0123456789");
  const cookie = credentials.cookie;
  return makeAuth("session", credentials.user, () => ({ Cookie: cookie }), { allowPlainHttp: true, basePath: token });
}
