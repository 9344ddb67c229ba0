/**
 * Secret parameters (passwords, tokens, keys, passphrases): which they are, where they may go, and
 * how the things that hold them show them.
 *
 * - Which: the function's description lists them (`format: password`, the reviewed overlay, the
 *   name rules, all applied by whmgen); a name the description does not know (`whm.call` on an
 *   undescribed function, free-form parameters) is judged at run time by the same name rules.
 * - Where: in a POST body only (for `whmapi1`, standard input). A URL or a `whmapi1` argument
 *   that would hold one is refused before anything is sent, with a `TypeError` that names the
 *   parameter, never its value.
 * - How shown: a wire pair, a body or a request that carries one shows it as `[redacted]` in
 *   `toString`, `toJSON` (so `JSON.stringify`) and Node's `util.inspect`, while the value itself
 *   stays where it must go (`pair[1]`, `body().text`, `command()`: what is sent to the server).
 *   Errors of a call never hold a value it sent (see {@link redactError}).
 *
 * Nothing here imports a `node:` module: `util.inspect` is reached through its well-known symbol.
 */
import { encodeComponent, type WirePair } from "./encode.js";

/**
 * The name rules, the same as whmgen's (generator/ir/params.ts, `SECRET_NAME`): a name ending in
 * `pass`, `passwd`, `password`, `newpass`, `passphrase`, `token`, `secret`, `accesshash`,
 * `access_hash`, `apikey` or `api_key`, alone or after `_`, `.` or `-`.
 */
export const SECRET_NAME: RegExp = /(^|[_.-])(pass|passwd|password|newpass|passphrase|token|secret|accesshash|access_hash|apikey|api_key)$/i;

/** What a secret value is shown as. */
export const REDACTED = "[redacted]";

/** Node's `util.inspect` hook, without importing `node:util`. */
export const INSPECT: unique symbol = Symbol.for("nodejs.util.inspect.custom");

/** Where a secret pair or body keeps what it shows instead of its value. */
const HIDDEN: unique symbol = Symbol.for("whmapi1.secret");

/** Marks requests built by this runtime: their pairs say which ones are secret. */
const TAGGED: unique symbol = Symbol.for("whmapi1.tagged");

/** What a secret pair or body knows about the secrets it carries. */
export interface SecretInfo {
  /** What to show instead of the value (`[redacted]`, or a batch command with its secrets redacted). */
  readonly shown: string;
  /** The secret values carried, as sent (to find them again in text a server echoes). */
  readonly values: readonly string[];
  /** The parameters carried, as messages name them (`"password"`, or `"password" (in the batch command for passwd)`). */
  readonly names: readonly string[];
}

/** Whether a parameter name is secret by the name rules (an indexed `name-2` is judged by `name`). */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name) || SECRET_NAME.test(name.replace(/-\d+$/, ""));
}

function hide<T extends object>(target: T, info: SecretInfo, view: () => unknown, text: () => string): T {
  Object.defineProperties(target, {
    [HIDDEN]: { value: info },
    toJSON: { value: view },
    toString: { value: text },
    [INSPECT]: { value: view },
  });
  return target;
}

/** A wire pair that carries a secret: `pair[1]` is the value, every display of the pair shows `info.shown`. */
export function secretPair(name: string, value: string, info: Partial<SecretInfo> = {}): WirePair {
  const full: SecretInfo = { shown: info.shown ?? REDACTED, values: info.values ?? [value], names: info.names ?? [JSON.stringify(name)] };
  const pair: [string, string] = [name, value];
  return hide(pair, full, () => [name, full.shown], () => `${name},${full.shown}`);
}

/** The secrets a pair (or a body) carries; `undefined` for an ordinary one. */
export function secretInfo(value: unknown): SecretInfo | undefined {
  return value !== null && typeof value === "object" ? ((value as { [HIDDEN]?: SecretInfo })[HIDDEN]) : undefined;
}

/** The pair's value, or what it shows instead. */
export function shownValue(pair: WirePair): string {
  return secretInfo(pair)?.shown ?? pair[1];
}

/** `a=1&password=[redacted]`: a query string as it may be shown. */
export function shownQuery(pairs: readonly WirePair[]): string {
  let s = "";
  for (const pair of pairs) {
    const info = secretInfo(pair);
    const value = info ? encodeComponent(info.shown).split(encodeComponent(REDACTED)).join(REDACTED) : encodeComponent(pair[1]);
    s += (s ? "&" : "") + encodeComponent(pair[0]) + "=" + value;
  }
  return s;
}

/** Every secret value the pairs carry. */
export function secretValues(pairs: readonly WirePair[]): string[] {
  return pairs.flatMap((pair) => secretInfo(pair)?.values ?? []);
}

/** The secret parameters among `pairs`, as messages name them, once each. */
export function secretNames(pairs: readonly WirePair[]): string[] {
  return [...new Set(pairs.flatMap((pair) => secretInfo(pair)?.names ?? []))];
}

/**
 * Gives a request body the secret-aware displays: `text` (what is sent) stays, `toJSON`,
 * `toString` and `util.inspect` show `shownText` instead. A body without secrets is returned as it is.
 */
export function redactBody<B extends object>(body: B, pairs: readonly WirePair[], shownText: string | undefined): B {
  const values = secretValues(pairs);
  if (!values.length) return body;
  const view = (): unknown => (shownText === undefined ? { ...body } : { ...body, text: shownText });
  return hide(body, { shown: shownText ?? REDACTED, values, names: secretNames(pairs) }, view, () => shownText ?? REDACTED);
}

/** What a request shows of itself: everything but secret values. */
export interface WhmRequestView {
  functionName: string;
  method: string;
  readOnly: boolean;
  pairs: [string, string][];
  body?: unknown;
  command: string;
}

interface ViewableRequest {
  readonly functionName: string;
  readonly method: string;
  readonly readOnly: boolean;
  readonly pairs: readonly WirePair[];
  body(): unknown;
}

function requestView(request: ViewableRequest): WhmRequestView {
  const body = request.body();
  const query = shownQuery(request.pairs);
  return {
    functionName: request.functionName,
    method: request.method,
    readOnly: request.readOnly,
    pairs: request.pairs.map((pair): [string, string] => [pair[0], shownValue(pair)]),
    ...(body === undefined ? {} : { body: secretInfo(body) ? (body as { toJSON(): unknown }).toJSON() : body }),
    command: query ? `${request.functionName}?${query}` : request.functionName,
  };
}

/**
 * Gives a request its displays (`toJSON`, `toString`, `util.inspect`: pairs, body and command with
 * secrets shown as `[redacted]`). `tagged`: the request was built by this runtime, so its pairs are
 * the authority on which parameters are secret (see {@link checkUrl}).
 */
export function sealRequest<R extends ViewableRequest>(request: R, tagged: boolean): R {
  const view = (): WhmRequestView => requestView(request);
  Object.defineProperties(request, {
    ...(tagged ? { [TAGGED]: { value: true } } : {}),
    toJSON: { value: view },
    toString: { value: () => `WhmRequest(${request.method} ${view().command})` },
    [INSPECT]: {
      value: (_depth: number, options: unknown, inspect?: (value: unknown, options: unknown) => string) =>
        typeof inspect === "function" ? `WhmRequest ${inspect(view(), options)}` : view(),
    },
  });
  return request;
}

/** Whether this runtime built the request (its pairs say which are secret). */
export function isTagged(request: object): boolean {
  return (request as { [TAGGED]?: boolean })[TAGGED] === true;
}

/**
 * The pairs of any request with the secret ones tagged: as this runtime tagged them, or, for a
 * request made some other way, by the name rules.
 */
export function taggedPairs(request: { readonly pairs: readonly WirePair[] }): readonly WirePair[] {
  if (isTagged(request)) return request.pairs;
  return request.pairs.map((pair) => (secretInfo(pair) === undefined && isSecretName(pair[0]) ? secretPair(pair[0], pair[1]) : pair));
}

/** The URL refusal: names the parameters (`names` as messages show them), never a value. */
export function urlRefusal(functionName: string, names: readonly string[], advice: string): TypeError {
  return new TypeError(
    `${functionName}: the secret parameter${names.length > 1 ? "s" : ""} ${names.join(", ")} would go into the URL, ` +
      `where web server logs, proxies and history keep it; nothing was sent. ${advice}`,
  );
}

/** The `whmapi1` argument refusal: names the parameters, never a value, and the way that works. */
export function argvRefusal(functionName: string, names: readonly string[]): TypeError {
  return new TypeError(
    `${functionName}: the secret parameter${names.length > 1 ? "s" : ""} ${names.join(", ")} would be a command-line argument of whmapi1, ` +
      "which any local user can read (ps, /proc/PID/cmdline); nothing was run. whmapi1 reads parameters from standard input " +
      "(--input=json) only for functions that take a JSON body, as cPanel documents it; " +
      `call ${functionName} over the HTTPS or fetch transport instead (createClient({ host, auth }), which sends it in a POST body).`,
  );
}

/** Refuses `pairs` bound for a URL when one of them is secret. */
export function checkQueryPairs(functionName: string, pairs: readonly WirePair[], advice: string): void {
  const names = secretNames(pairs);
  if (names.length) throw urlRefusal(functionName, names, advice);
}

/** Refuses `pairs` bound for `whmapi1`'s arguments when one of them is secret. */
export function checkArgvPairs(functionName: string, pairs: readonly WirePair[]): void {
  const names = secretNames(pairs);
  if (names.length) throw argvRefusal(functionName, names);
}

interface GuardedRequest {
  readonly functionName: string;
  readonly pairs: readonly WirePair[];
}

/**
 * Whether the parameter `name` sent by `request` is secret: what the request's own pairs say when
 * this runtime built it, else (a request made some other way) the name rules.
 */
function judge(request: GuardedRequest): (name: string) => boolean {
  const said = new Map<string, boolean>();
  if (isTagged(request)) for (const pair of request.pairs) said.set(pair[0], said.get(pair[0]) === true || secretInfo(pair) !== undefined);
  return (name) => said.get(name) ?? isSecretName(name);
}

/**
 * The transports' last check before a byte leaves: the URL's query holds no secret parameter.
 * Throws the refusal (a `TypeError`) when it does.
 */
export function checkUrl(request: GuardedRequest, url: string): void {
  const isSecret = judge(request);
  let query: URLSearchParams;
  try {
    query = new URL(url).searchParams;
  } catch {
    // The platform's own error would quote the URL.
    throw new TypeError(`${request.functionName}: the request's URL is not a valid URL; nothing was sent`);
  }
  const names = [...query.keys()].filter((name) => name !== "api.version" && isSecret(name));
  if (names.length) {
    throw urlRefusal(request.functionName, [...new Set(names)].map((n) => JSON.stringify(n)), "Send it in a POST body: the SDK's functions and whm.call do so for every secret parameter.");
  }
}

/** The `whmapi1` transport's last check: no argument carries a secret parameter. */
export function checkArgv(request: GuardedRequest, argv: readonly string[]): void {
  const isSecret = judge(request);
  const names: string[] = [];
  for (const arg of argv) {
    const eq = arg.indexOf("=");
    if (arg.startsWith("-") || eq < 0) continue;
    let name = arg.slice(0, eq);
    try {
      name = decodeURIComponent(name);
    } catch {
      // an undecodable name is judged as written
    }
    if (isSecret(name)) names.push(name);
  }
  if (names.length) throw argvRefusal(request.functionName, [...new Set(names)].map((n) => JSON.stringify(n)));
}

// --- Errors ----------------------------------------------------------------------------------

/**
 * Values shorter than this are not searched for in what a server says: a one-character value
 * (the `1` of a flag the name rules take for a secret, such as `acl-passwd`) would erase ordinary
 * text. The runtime's own messages never hold a parameter value of any length.
 */
const SHORTEST_SCRUBBED = 4;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Every form a value takes in text a server may echo: as is, as the server decoded it (a lone
 * surrogate as U+FFFD), trimmed (WHM's reasons are), with its whitespace collapsed (an HTML
 * page's title is), URI-encoded (also with `+`), JSON-escaped, encoded twice (inside a batch
 * command). Longest first, so a form that contains another is replaced whole.
 */
function formsOf(values: readonly string[]): string[] {
  const forms = new Set<string>();
  for (const value of values) {
    const bases = new Set<string>();
    for (const v of [value, value.replace(LONE_SURROGATE, "\uFFFD")]) {
      const collapsed = v.replace(/\s+/g, " ");
      for (const base of [v, v.trim(), collapsed, collapsed.trim()]) bases.add(base);
    }
    for (const base of bases) {
      if (base.length < SHORTEST_SCRUBBED) continue;
      const encoded = encodeComponent(base);
      for (const form of [base, encoded, encoded.replace(/%20/g, "+"), JSON.stringify(base).slice(1, -1), encodeComponent(encoded)]) forms.add(form);
    }
  }
  return [...forms].sort((a, b) => b.length - a.length);
}

/**
 * A form cut short (an HTML title or an excerpt, truncated by the server or by this runtime) is
 * found by its first characters: this many, and as much of the rest as follows them.
 */
const SHORTEST_PREFIX = 8;

function scrubText(text: string, forms: readonly string[]): string {
  let out = text;
  for (const form of forms) if (out.includes(form)) out = out.split(form).join(REDACTED);
  for (const form of forms) {
    if (form.length <= SHORTEST_PREFIX) continue;
    const head = form.slice(0, SHORTEST_PREFIX);
    for (let at = out.indexOf(head); at >= 0; at = out.indexOf(head, at + REDACTED.length)) {
      let end = at + SHORTEST_PREFIX;
      while (end < out.length && end - at < form.length && out[end] === form[end - at]) end++;
      out = out.slice(0, at) + REDACTED + out.slice(end);
    }
  }
  return out;
}

/** `value` with every secret form replaced, copying only what changes. */
function scrubValue(value: unknown, forms: readonly string[], depth: number): unknown {
  if (typeof value === "string") return scrubText(value, forms);
  if (value === null || typeof value !== "object" || depth > 32) return value;
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((item) => {
      const next = scrubValue(item, forms, depth + 1);
      changed ||= next !== item;
      return next;
    });
    return changed ? out : value;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value;
  let out: Record<string, unknown> | undefined;
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    const next = scrubValue(item, forms, depth + 1);
    if (next !== item) {
      out ??= Object.defineProperties({}, Object.getOwnPropertyDescriptors(value)) as Record<string, unknown>;
      Object.defineProperty(out, key, { value: next, enumerable: true, writable: true, configurable: true });
    }
  }
  return out ?? value;
}

function holds(value: unknown, forms: readonly string[]): boolean {
  return scrubValue(value, forms, 0) !== value;
}

/**
 * Removes from an error every secret value the call sent, in every form of {@link formsOf} and cut
 * short after its first 8 characters: a server may echo one in its reason, its data or an HTML
 * page's title, and whmapi1 on its standard error. Message, stack and fields are rewritten in
 * place; a `cause` that holds one is dropped. Returns the same error.
 */
export function redactError<E extends Error>(error: E, values: readonly string[]): E {
  const forms = formsOf(values);
  if (!forms.length) return error;
  const target = error as unknown as Record<string, unknown>;
  for (const key of Object.keys(target)) {
    const value = target[key];
    const next = scrubValue(value, forms, 0);
    if (next !== value) target[key] = next;
  }
  for (const key of ["message", "stack"] as const) {
    const value = error[key];
    if (typeof value === "string" && holds(value, forms)) Object.defineProperty(error, key, { value: scrubText(value, forms), writable: true, configurable: true, enumerable: false });
  }
  const cause = (error as { cause?: unknown }).cause;
  if (cause !== undefined && (holds(cause instanceof Error ? `${cause.message}\n${cause.stack ?? ""}` : cause, forms) || holds(String(cause), forms))) {
    delete (error as { cause?: unknown }).cause;
  }
  return error;
}
