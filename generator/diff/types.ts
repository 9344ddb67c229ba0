/**
 * What `whmgen diff` reads and what it reports. The input is catalog.json (formatVersion 1,
 * written by emit/catalog.ts): the contract every SDK built on whmgen shares, so a change judged
 * here is a change for all of them, not only for the TypeScript one.
 */

/** A value's shape as catalog.json writes it (IrShape without descriptions). */
export type CatalogShape =
  | { kind: "string" | "integer" | "number"; format?: string }
  | { kind: "bool01" | "yesno" | "boolean" | "null" | "file" | "unknown" }
  | { kind: "literal"; values: LiteralValue[] }
  | { kind: "array"; items: CatalogShape }
  | { kind: "object"; properties: CatalogProperty[]; additional?: CatalogShape }
  | { kind: "union"; members: CatalogShape[] };

export type LiteralValue = string | number | boolean;

export type ObjectShape = Extract<CatalogShape, { kind: "object" }>;

export interface CatalogProperty {
  name: string;
  required: boolean;
  deprecated?: boolean;
  shape: CatalogShape;
}

export interface CatalogParam {
  name: string;
  required: boolean;
  /** `string`, `integer`, `enum`, `union`, `array-repeated`, … (see the README's catalog.json table). */
  kind: string;
  /** `s`, `yn`, `json`, `rep`, `idx`, `file`: how the value is put on the wire. */
  encoding: string;
  location?: string;
  deprecated: boolean;
  default?: unknown;
  shape: CatalogShape;
}

/** One function of catalog.json; fields the diff does not judge are allowed and ignored. */
export interface CatalogFunction {
  name: string;
  exportName: string;
  module: string;
  method: string;
  body: string;
  deprecated: boolean;
  freeParams: boolean;
  partial: boolean;
  params: CatalogParam[];
  /** `null` when the document describes no `data`. */
  data: CatalogShape | null;
  metadata: CatalogProperty[];
}

/** A parsed catalog.json, or one built in memory from spec documents. */
export interface CatalogLike {
  formatVersion: number;
  generator?: string;
  specVersion: string;
  functions: CatalogFunction[];
}

export type Severity = "breaking" | "compatible" | "info";

export type SemverBump = "major" | "minor" | "patch" | "none";

/** Every kind of change, in the order the report lists them within one function. */
export const CHANGE_KINDS = [
  "function-added",
  "function-removed",
  "function-deprecated",
  "function-undeprecated",
  "method-changed",
  "body-changed",
  "export-renamed",
  "module-changed",
  "params-closed",
  "params-opened",
  "param-added",
  "param-removed",
  "param-required",
  "param-optional",
  "param-kind-changed",
  "param-type-changed",
  "param-enum-added",
  "param-enum-removed",
  "param-deprecated",
  "param-undeprecated",
  "field-added",
  "field-removed",
  "field-required",
  "field-optional",
  "field-type-changed",
  "field-enum-added",
  "field-enum-removed",
  "field-deprecated",
  "field-undeprecated",
] as const;

export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** Kinds that mark something newly deprecated: they count as a minor bump (semver 2.0.0 §7). */
export const DEPRECATION_KINDS: ReadonlySet<ChangeKind> = new Set(["function-deprecated", "param-deprecated", "field-deprecated"]);

export interface Change {
  /** The WHM function name. */
  function: string;
  kind: ChangeKind;
  /**
   * Where in the function: a parameter (`bwlimit`, `add[].ttl`) or a response field rooted at
   * the envelope (`data.acct[].suspended`, `metadata.output`). Absent for function-level changes.
   */
  path?: string;
  severity: Severity;
  /** One line of Markdown, without the function name. */
  message: string;
  /** The old value in text: a type, a parameter kind, an HTTP method, a body kind, a module, an export name. */
  from?: string;
  /** The new value, in the same notation as `from`. */
  to?: string;
  /** The enum values added or removed (`*-enum-added`, `*-enum-removed`), in document order. */
  values?: LiteralValue[];
}

export interface ApiDiff {
  old: { specVersion: string };
  new: { specVersion: string };
  semver: SemverBump;
  summary: { breaking: number; compatible: number; info: number; functions: number };
  changes: Change[];
}
