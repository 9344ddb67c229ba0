/**
 * What the WHM test double reads and speaks: the catalog (the parts of whmgen's `catalog.json`,
 * formatVersion 1, that describe calls and answers) and requests and replies as they are on the
 * wire. Plain data only, so the same engine serves the in-process fake and `whmgen serve`.
 */

/** A value's shape, as in catalog.json (see the README's "catalog.json" section). */
export type FakeShape =
  | { readonly kind: "string" | "integer" | "number"; readonly format?: string | undefined }
  | { readonly kind: "bool01" | "yesno" | "boolean" | "null" | "file" | "unknown" }
  | { readonly kind: "literal"; readonly values: readonly (string | number | boolean)[] }
  | { readonly kind: "array"; readonly items: FakeShape }
  | { readonly kind: "object"; readonly properties: readonly FakeProperty[]; readonly additional?: FakeShape | undefined }
  | { readonly kind: "union"; readonly members: readonly FakeShape[] };

export interface FakeProperty {
  readonly name: string;
  readonly required: boolean;
  readonly shape: FakeShape;
  readonly deprecated?: boolean | undefined;
}

/** How a parameter is typed, in the catalog's terms. */
export type FakeParamKind =
  | "string" | "integer" | "number" | "boolean01" | "yesno" | "boolean" | "enum" | "union"
  | "json" | "array-repeated" | "array-indexed" | "object" | "file" | "unknown";

export interface FakeParam {
  /** The wire name; may hold a `*` wildcard (`MXCHECK-*`). */
  readonly name: string;
  readonly required: boolean;
  readonly kind: FakeParamKind;
  readonly shape: FakeShape;
  /** Carries a password or token: never recorded in `fake.calls`. */
  readonly secret?: boolean | undefined;
  readonly default?: unknown;
  /** An indexed list's first index and separator, when not cPanel's usual `name-1`, `name-2`. */
  readonly index?: { readonly base: number; readonly separator: string } | undefined;
}

export interface FakeFunction {
  /** The WHM name, as on the wire. */
  readonly name: string;
  readonly method: "GET" | "POST";
  readonly body: "query" | "form" | "json" | "multipart";
  readonly readOnly?: boolean | undefined;
  /** Accepts any parameter (a stub seeded from applist). */
  readonly freeParams?: boolean | undefined;
  readonly payloadIsLiteral?: boolean | undefined;
  readonly params: readonly FakeParam[];
  /** The shape of `data`; `null` when the function documents none. */
  readonly data: FakeShape | null;
  /** Documented metadata keys beyond the standard ones. */
  readonly metadata?: readonly FakeProperty[] | undefined;
}

/** The description the double validates against and answers from: catalog.json, or a compact form of it. */
export interface FakeCatalog {
  readonly specVersion?: string | undefined;
  readonly functions: readonly FakeFunction[];
}

/** A name/value pair as sent (already URI-decoded). */
export type FakePair = readonly [name: string, value: string];

/** A file part of a multipart upload, as the double sees it (the content is not kept). */
export interface FakeUpload {
  readonly name: string;
  readonly size: number;
  readonly type: string;
}

/** One HTTP request to `/json-api/FUNCTION`, decoded. */
export interface FakeWireRequest {
  readonly method: string;
  readonly functionName: string;
  /** The query string's pairs, `api.version` included. */
  readonly query: readonly FakePair[];
  /** Fields of a form (`application/x-www-form-urlencoded`) or multipart body. */
  readonly form?: readonly FakePair[] | undefined;
  /** The text of an `application/json` body. */
  readonly json?: string | undefined;
  /** File parts of a multipart body. */
  readonly files?: readonly (readonly [field: string, file: FakeUpload])[] | undefined;
}

/** What the double answers: a response, a dropped connection, or nothing at all. */
export type FakeWireReply =
  | { readonly kind: "answer"; readonly status: number; readonly contentType: string; readonly body: string; readonly delayMs: number }
  | { readonly kind: "reset"; readonly delayMs: number }
  | { readonly kind: "hang"; readonly delayMs: number };

/** One call the double received, for assertions. Secrets are replaced by `"[redacted]"`. */
export interface FakeCall {
  /** The WHM function name. */
  readonly function: string;
  readonly method: string;
  /**
   * The parameters, decoded as the catalog types them (1/0 → boolean, "5" → 5, arrays, JSON),
   * without the `api.*` meta-parameters. Undocumented parameters are kept as sent.
   */
  readonly params: Readonly<Record<string, unknown>>;
  /** The `api.*` meta-parameters (filter, sort, chunk, columns), as sent; `api.version` left out. */
  readonly meta: Readonly<Record<string, string>>;
  /** Run as a command of a `batch` call (which is recorded too, before its commands). */
  readonly inBatch: boolean;
  /** The fault injected into this call, if any. */
  readonly fault?: string | undefined;
}
