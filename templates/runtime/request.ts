/**
 * Building one request from wire pairs: the URL, `whmapi1` arguments, the body and the `batch`
 * command, with secret parameters kept out of URLs and arguments (secrets.ts). Shared by the
 * generated functions (`defineFunction`), `whm.call` and `batch`; not part of the SDK's surface.
 */
import type { WhmFile, WhmRequest, WhmRequestBody } from "./define.js";
import { encodeParams, functionUrl, toArgv, toQueryString, type ParamTable, type WirePair } from "./encode.js";
import {
  checkArgvPairs,
  checkQueryPairs,
  isSecretName,
  REDACTED,
  redactBody,
  sealRequest,
  secretInfo,
  secretPair,
  shownQuery,
} from "./secrets.js";
import type { HttpMethod, WhmBodyKind, WhmResult } from "./types.js";

const API_VERSION: WirePair = ["api.version", "1"];

/** Decides whether a parameter (by wire name) carries a secret. */
export type SecretJudge = (wire: string) => boolean;

/**
 * The judge for a function: its description's list, and for any other name the name rules
 * (unless the description says that name is no secret, `x-whm-secret: false`).
 */
export function secretJudge(secret: readonly string[] = [], notSecret: readonly string[] = []): SecretJudge {
  const yes = new Set(secret);
  const no = new Set(notSecret);
  return (wire) => yes.has(wire) || (!no.has(wire) && isSecretName(wire));
}

/** Where a generated function keeps its {@link SecretJudge} (for `whm.call` by its name). */
export const SECRET_JUDGE: unique symbol = Symbol.for("whmapi1.secretJudge");

/** How the generated function `fn` judges secret parameters; the name rules alone for anything else. */
export function secretJudgeOf(fn: unknown): SecretJudge {
  const judge = fn !== null && typeof fn === "object" ? (fn as { [SECRET_JUDGE]?: unknown })[SECRET_JUDGE] : undefined;
  return typeof judge === "function" ? (judge as SecretJudge) : secretJudge();
}

/** Encodes parameters to wire pairs (as `encodeParams` does), the pairs of secret parameters tagged. */
export function encodeTagged(params: object | undefined, table: ParamTable, isSecret: SecretJudge): WirePair[] {
  if (!params) return [];
  const out: WirePair[] = [];
  for (const key of Object.keys(params)) {
    const value = (params as Record<string, unknown>)[key];
    if (value === undefined) continue;
    // One key at a time, defined (not assigned) so that a key such as "__proto__" stays a key.
    const single = Object.defineProperty({}, key, { value, enumerable: true });
    const pairs = encodeParams(single, table);
    const entry = Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
    const wire = entry ? entry[0] : key;
    if (isSecret(wire)) for (const [name, v] of pairs) out.push(secretPair(name, v, { names: [JSON.stringify(wire)] }));
    else out.push(...pairs);
  }
  return out;
}

/** What a request is built from. */
export interface RequestParts<Data> {
  name: string;
  method: HttpMethod;
  body: WhmBodyKind;
  readOnly: boolean;
  pairs: readonly WirePair[];
  decode: (raw: unknown) => WhmResult<Data>;
  /** The parameters as given: a JSON body is their JSON text. */
  params?: object | undefined;
  /** Table of the function, for multipart files. */
  table?: ParamTable | undefined;
  /** Which parameter keys are secret (for a JSON body's shown text). */
  isSecret?: SecretJudge | undefined;
  /**
   * The caller asked for the query string (`whm.call` with `method: "GET"` or `body: "query"`):
   * a secret parameter is then refused rather than moved to a POST body.
   */
  queryAsked?: boolean | undefined;
}

function splitFiles(params: object | undefined, table: ParamTable): (readonly [string, WhmFile])[] {
  const files: (readonly [string, WhmFile])[] = [];
  if (!params) return files;
  for (const [key, entry] of Object.entries(table)) {
    if (entry[1] !== "file") continue;
    const value = (params as Record<string, unknown>)[key];
    if (value !== undefined) files.push([entry[0], value as WhmFile]);
  }
  return files;
}

/** A JSON body's text with the values of secret keys shown as `[redacted]`. */
function shownJson(params: object | undefined, isSecret: SecretJudge | undefined): string {
  const shown: Record<string, unknown> = {};
  for (const key of Object.keys(params ?? {})) {
    Object.defineProperty(shown, key, { value: isSecret?.(key) ? REDACTED : (params as Record<string, unknown>)[key], enumerable: true });
  }
  return JSON.stringify(shown);
}

const QUERY_ADVICE = "Leave out `method: \"GET\"` and `body: \"query\"`: without them, a call with a secret parameter is sent as a POST form body.";
const DEFAULT_ADVICE = "Send it in a POST body: the SDK's functions and whm.call do so for every secret parameter.";

/**
 * Builds the request. A parameter that carries a secret moves a query-string call to a POST form
 * body, so the value stays out of URLs (and so out of server access logs and proxies); where it
 * would still land in a URL or in `whmapi1`'s arguments, `url()` and `argv()` throw a `TypeError`
 * naming it.
 */
export function buildRequest<Data>(parts: RequestParts<Data>): WhmRequest<Data> {
  const { name, pairs } = parts;
  const hasSecret = pairs.some((pair) => secretInfo(pair) !== undefined);
  const hidden = parts.body === "query" && hasSecret && parts.queryAsked !== true;
  const body = hidden ? "form" : parts.body;
  const inQuery = body === "query";
  const request: WhmRequest<Data> = {
    functionName: name,
    method: hidden ? "POST" : parts.method,
    readOnly: parts.readOnly,
    pairs,
    url: (base) => {
      if (inQuery) checkQueryPairs(name, pairs, parts.queryAsked ? QUERY_ADVICE : DEFAULT_ADVICE);
      return functionUrl(base, name, toQueryString(inQuery ? [API_VERSION, ...pairs] : [API_VERSION]));
    },
    // JSON-body functions take their body on standard input (`whmapi1 --input=json`).
    argv: () => {
      if (body === "json") return ["--input=json", "--output=json", name];
      checkArgvPairs(name, pairs);
      return toArgv(name, pairs);
    },
    command: () => (pairs.length ? `${name}?${toQueryString(pairs)}` : name),
    body: (): WhmRequestBody | undefined => {
      let built: WhmRequestBody;
      let shown: string | undefined;
      if (body === "form") {
        built = { kind: "form", contentType: "application/x-www-form-urlencoded", text: toQueryString(pairs) };
        shown = shownQuery(pairs);
      } else if (body === "json") {
        built = { kind: "json", contentType: "application/json", text: JSON.stringify(parts.params ?? {}) };
        shown = shownJson(parts.params, parts.isSecret);
      } else if (body === "multipart") {
        built = { kind: "multipart", fields: pairs, files: splitFiles(parts.params, parts.table ?? {}) };
      } else {
        return undefined;
      }
      return redactBody(built, pairs, shown);
    },
    decode: parts.decode,
  };
  return sealRequest(request, true);
}
