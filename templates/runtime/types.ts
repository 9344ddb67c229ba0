/**
 * The WHM API 1 envelope and the shapes shared by every function.
 *
 * WHM API 1 answers every call with `{ data, metadata }`; `metadata.result` is 1 on success
 * and 0 on failure, even when the HTTP status is 200.
 * See https://api.docs.cpanel.net/whm/introduction/ ("Return data").
 */

/** One message list as WHM reports it in `metadata.output`. */
export interface WhmOutput {
  messages?: string[];
  warnings?: string[];
  raw?: string;
  [key: string]: unknown;
}

/** Pagination record returned when `api.chunk.enable=1` was sent. */
export interface WhmChunkMetadata {
  current?: number;
  records?: number;
  size?: number;
  start?: number;
  [key: string]: unknown;
}

/** Filter record returned when `api.filter.enable=1` was sent. */
export interface WhmFilterMetadata {
  filtered?: number;
  [key: string]: unknown;
}

/** The `metadata` half of the envelope. */
export interface WhmMetadata {
  command: string;
  /** 1 = success, 0 = failure (even under HTTP 200). */
  result: 0 | 1;
  reason: string;
  version: number;
  output?: WhmOutput;
  chunk?: WhmChunkMetadata;
  filter?: WhmFilterMetadata;
  /** Set when `data` is a single-key hash whose value is a list. */
  payload_is_literal?: 0 | 1;
  [key: string]: unknown;
}

/** A decoded WHM API 1 answer: `data` typed per function, `metadata` typed for all. */
export interface WhmResult<Data, Meta extends object = Record<never, never>> {
  data: Data;
  metadata: WhmMetadata & Meta;
}

/** Any value a WHM parameter can carry before encoding. */
export type WhmScalar = string | number | boolean | bigint | null;
export type WhmParamValue = WhmScalar | readonly WhmScalar[] | object | undefined;

/** Free-form parameters, for functions the specs do not describe yet. */
export type WhmFreeParams = Record<string, WhmParamValue>;

/** How a request carries its parameters. */
export type WhmBodyKind = "query" | "form" | "json" | "multipart";

export type HttpMethod = "GET" | "POST";
