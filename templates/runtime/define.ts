/**
 * The object every generated function is: a name, how it is called, a request builder and a
 * decoder. Generated modules only fill in the description; the behaviour lives here.
 */
import { decodeEnvelope } from "./decode.js";
import { encodeParams, functionUrl, toArgv, toQueryString, type ParamTable, type WirePair } from "./encode.js";
import type { HttpMethod, WhmBodyKind, WhmResult } from "./types.js";

/** A file for a multipart upload. */
export interface WhmFile {
  /** File name sent to the server. */
  name: string;
  content: Uint8Array | string | Blob;
  type?: string;
}

/** What a generated function declares about itself. */
export interface WhmFunctionSpec<Data> {
  /** The WHM function name, as on the wire. */
  name: string;
  method: HttpMethod;
  body: WhmBodyKind;
  /** The function only reads: safe to retry. */
  readOnly: boolean;
  /** Wire names of parameters that carry secrets (passwords, tokens): sent in a POST body, never in the URL. */
  secret?: readonly string[];
  /** Typed parameters' wire names and encodings. Absent for functions with free-form parameters. */
  params?: ParamTable;
  decode?: (data: unknown) => Data;
}

/** The HTTP body of a request, when its function takes one. */
export type WhmRequestBody =
  | { kind: "form"; contentType: "application/x-www-form-urlencoded"; text: string }
  | { kind: "json"; contentType: "application/json"; text: string }
  | { kind: "multipart"; fields: readonly WirePair[]; files: readonly (readonly [field: string, file: WhmFile])[] };

/** One call, ready to send: what `fn.request(params)` returns and what `batch` takes. */
export interface WhmRequest<Data = unknown> {
  readonly functionName: string;
  readonly method: HttpMethod;
  readonly readOnly: boolean;
  /** Parameters as wire pairs (without `api.version`). */
  readonly pairs: readonly WirePair[];
  /** The full URL for `base` (`https://host:2087` or with a `/cpsess…` prefix). Only query parameters go into it. */
  url(base: string): string;
  /**
   * Arguments for `execFile("whmapi1", argv)`. For JSON-body functions they are
   * `--input=json --output=json FUNCTION`, and `body().text` goes to standard input.
   */
  argv(): string[];
  /** The body for POST functions; `undefined` for GET. */
  body(): WhmRequestBody | undefined;
  /** `function?k=v&…`, the form `batch` sends in each `command`. */
  command(): string;
  /** Decodes this function's answer. */
  decode(raw: unknown): WhmResult<Data>;
}

/** A generated WHM function. */
export interface WhmFunction<Params, Data> {
  readonly functionName: string;
  readonly method: HttpMethod;
  readonly bodyKind: WhmBodyKind;
  readonly readOnly: boolean;
  /** Builds the request for these parameters. */
  request(...params: {} extends Params ? [params?: Params] : [params: Params]): WhmRequest<Data>;
  /** Checks the envelope and decodes `data` (0/1 → boolean, quoted numbers → numbers). */
  decode(raw: unknown): WhmResult<Data>;
  /** Phantom fields for the type map; never set at run time. */
  readonly __params?: Params;
  readonly __data?: Data;
}

const API_VERSION: WirePair = ["api.version", "1"];

function identity<T>(value: unknown): T {
  return value as T;
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

/**
 * Builds a generated function from its description.
 *
 * `Table` is a `const` type parameter so that each entry of a literal `params` table keeps its
 * tuple type whatever its key: for a key that `Object` declares (`toString`, `constructor`,
 * `valueOf`, …) TypeScript takes `Object`'s member, not the table's index signature, as the
 * contextual type, which widened `["toString", "rep"]` to `string[]` and failed to compile.
 */
export function defineFunction<Params, Data, const Table extends ParamTable = ParamTable>(spec: WhmFunctionSpec<Data> & { params?: Table }): WhmFunction<Params, Data> {
  const table = spec.params ?? {};
  const decodeData = spec.decode ?? identity<Data>;
  const decode = (raw: unknown): WhmResult<Data> => decodeEnvelope(spec.name, raw, decodeData);
  const secret = new Set(spec.secret ?? []);
  function request(params?: Params): WhmRequest<Data> {
    const pairs = encodeParams(params as object | undefined, table);
    // A password or token given as a parameter moves the call to a POST form body, so the
    // value stays out of URLs (and so out of server access logs and proxies).
    const hidden = spec.body === "query" && secret.size > 0 && pairs.some(([name]) => secret.has(name));
    const body = hidden ? "form" : spec.body;
    const inQuery = body === "query";
    return {
      functionName: spec.name,
      method: hidden ? "POST" : spec.method,
      readOnly: spec.readOnly,
      pairs,
      url: (base) => functionUrl(base, spec.name, toQueryString(inQuery ? [API_VERSION, ...pairs] : [API_VERSION])),
      // JSON-body functions take their body on standard input (`whmapi1 --input=json`).
      argv: () => (body === "json" ? ["--input=json", "--output=json", spec.name] : toArgv(spec.name, pairs)),
      command: () => (pairs.length ? `${spec.name}?${toQueryString(pairs)}` : spec.name),
      body: () => {
        if (body === "form") return { kind: "form", contentType: "application/x-www-form-urlencoded", text: toQueryString(pairs) };
        if (spec.body === "json") return { kind: "json", contentType: "application/json", text: JSON.stringify(params ?? {}) };
        if (spec.body === "multipart") return { kind: "multipart", fields: pairs, files: splitFiles(params as object | undefined, table) };
        return undefined;
      },
      decode,
    };
  }
  return {
    functionName: spec.name,
    method: spec.method,
    bodyKind: spec.body,
    readOnly: spec.readOnly,
    request: request as WhmFunction<Params, Data>["request"],
    decode,
  };
}
