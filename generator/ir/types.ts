/**
 * The intermediate representation: plain, serialisable data between loading and emitting.
 * No YAML, OpenAPI or ts-morph objects live here, so emitters can be tested on IR built in code.
 */

/** A value's shape, as far as the SDK cares. */
export type IrShape =
  | { kind: "string"; format?: string }
  | { kind: "integer"; format?: string }
  | { kind: "number"; format?: string }
  /** A WHM Boolean: 1/0 on the wire. */
  | { kind: "bool01" }
  /** A WHM y/n flag. */
  | { kind: "yesno" }
  /** A JSON `true`/`false` (rare in WHM). */
  | { kind: "boolean" }
  | { kind: "null" }
  | { kind: "literal"; values: (string | number | boolean)[] }
  | { kind: "array"; items: IrShape }
  | { kind: "object"; properties: IrProperty[]; additional?: IrShape }
  | { kind: "union"; members: IrShape[] }
  /** A file part of a multipart upload. */
  | { kind: "file" }
  | { kind: "unknown" };

export interface IrProperty {
  name: string;
  required: boolean;
  shape: IrShape;
  description?: string;
  deprecated?: boolean;
}

/** What kind of parameter it is, in the terms of the catalog. */
export type IrParamKind =
  | "string"
  | "integer"
  | "number"
  | "boolean01"
  | "yesno"
  | "boolean"
  | "enum"
  | "union"
  | "json"
  | "array-repeated"
  | "array-indexed"
  | "object"
  | "file"
  | "unknown";

/** How the value is put on the wire (same codes as the runtime's ParamEncoding). */
export type IrEncoding = "s" | "yn" | "json" | "rep" | "idx" | "file";

export interface IrParam {
  /** Name on the wire; also the property name in the SDK's Params type. */
  name: string;
  required: boolean;
  kind: IrParamKind;
  encoding: IrEncoding;
  shape: IrShape;
  default?: unknown;
  deprecated: boolean;
  description?: string;
  /** Where the parameter is: query string or request body. */
  location: "query" | "body";
  /** Carries a secret (`format: password`, or a name such as `password`, `pass`, `token`). */
  secret: boolean;
  /**
   * Indexed multi-value names other than cPanel's usual `name-1`, `name-2`, …: the first index
   * (`x-whm-index-base`, e.g. 0 for `acl-0`) and what joins name and index
   * (`x-whm-index-separator`, e.g. "" for `setting_id1`).
   */
  index?: { base: number; separator: string };
}

export type IrBodyKind = "query" | "form" | "json" | "multipart";

export interface IrSource {
  file: string;
  pointer: string;
}

export interface IrFunction {
  /** The WHM function name, as on the wire. */
  name: string;
  category: string;
  group?: string;
  summary?: string;
  description?: string;
  docsUrl: string;
  method: "GET" | "POST";
  body: IrBodyKind;
  deprecated: boolean;
  since?: string;
  readOnly: boolean;
  /** Written by `whmgen seed`: callable with free-form parameters, untyped data. */
  seeded: boolean;
  payloadIsLiteral: boolean;
  params: IrParam[];
  /** Accept any parameter (seeded functions). */
  freeParams: boolean;
  /** The documented parameters are known to be incomplete: others are accepted too. */
  partial: boolean;
  /** The `data` shape; `undefined` when the document says the function returns none. */
  data?: IrShape;
  /** Documented metadata keys beyond the standard ones. */
  metadata: IrProperty[];
  source: IrSource;
}

/** A function that could not be emitted, and why. */
export interface IrSkipped {
  name: string;
  reason: string;
  source: IrSource;
}

export interface IrApi {
  /** `info.version` of the document (highest of a folder). */
  version: string;
  /** The `openapi` header(s) as written. */
  openapi: string[];
  functions: IrFunction[];
  skipped: IrSkipped[];
  /** Function names of an `applist.json` found in a spec folder (for the coverage report). */
  applist?: string[];
}
