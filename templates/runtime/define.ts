/**
 * The object every generated function is: a name, how it is called, a request builder and a
 * decoder. Generated modules only fill in the description; the behaviour lives here.
 */
import { decodeEnvelope } from "./decode.js";
import type { ParamTable, WirePair } from "./encode.js";
import { buildRequest, encodeTagged, SECRET_JUDGE, secretJudge } from "./request.js";
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
  /**
   * Wire names of parameters that carry secrets (passwords, tokens, keys): sent in a POST body,
   * never in a URL or a `whmapi1` argument, and shown as `[redacted]`. Names not described are
   * judged by the name rules (`password`, `…_token`, …).
   */
  secret?: readonly string[];
  /** Wire names the name rules take for secrets but the description says are not (`x-whm-secret: false`). */
  notSecret?: readonly string[];
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
  /**
   * Parameters as wire pairs (without `api.version`). A pair that carries a secret holds its value
   * (`pair[1]`) but shows `[redacted]` in `toString`, `JSON.stringify` and `util.inspect`; so does
   * the request itself, its pairs, body and command.
   */
  readonly pairs: readonly WirePair[];
  /**
   * The full URL for `base` (`https://host:2087` or with a `/cpsess…` prefix). Only query
   * parameters go into it, never a secret one: where one would, this throws a `TypeError` naming it.
   */
  url(base: string): string;
  /**
   * Arguments for `execFile("whmapi1", argv)`. For JSON-body functions they are
   * `--input=json --output=json FUNCTION`, and `body().text` goes to standard input. A secret
   * parameter is never an argument (any local user can read them): for a function without a JSON
   * body, this throws a `TypeError` naming it.
   */
  argv(): string[];
  /** The body for POST functions; `undefined` for GET. `text` is what is sent, secrets included. */
  body(): WhmRequestBody | undefined;
  /** `function?k=v&…`, the form `batch` sends in each `command` (secrets included: it goes in a POST body). */
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

function identity<T>(value: unknown): T {
  return value as T;
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
  const isSecret = secretJudge(spec.secret, spec.notSecret);
  function request(params?: Params): WhmRequest<Data> {
    const given = params as object | undefined;
    const pairs = encodeTagged(given, table, isSecret);
    return buildRequest({ name: spec.name, method: spec.method, body: spec.body, readOnly: spec.readOnly, pairs, decode, params: given, table, isSecret });
  }
  const fn: WhmFunction<Params, Data> = {
    functionName: spec.name,
    method: spec.method,
    bodyKind: spec.body,
    readOnly: spec.readOnly,
    request: request as WhmFunction<Params, Data>["request"],
    decode,
  };
  return Object.defineProperty(fn, SECRET_JUDGE, { value: isSecret });
}

/** A function's description as a generated module writes it: {@link WhmFunctionSpec} without its name and decoder. */
export type WhmFunctionDescription = Omit<WhmFunctionSpec<unknown>, "name" | "decode">;

/**
 * Builds a generated function from its name, its description as JSON text and its decoder (from
 * the module's `decode/` companion). Generated modules use this form rather than
 * {@link defineFunction} with an object literal: a string costs the compiler of the code that
 * imports the SDK next to nothing (issue 13). The declared type comes from the export's
 * annotation, `WhmFunction<Params, Data>`.
 */
export function fromDescription(name: string, json: string, decode?: (data: unknown) => unknown): WhmFunction<any, any> {
  const description = JSON.parse(json) as WhmFunctionDescription;
  return defineFunction({ ...description, name, ...(decode === undefined ? {} : { decode }) });
}
