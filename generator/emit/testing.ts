/**
 * The generated SDK's `testing` subpath (`generated/testing/`, and the same under `dist/testing/`):
 * the hand-written engine of templates/testing/ as whmgen's own build compiled it (.js + .d.ts),
 * plus two generated files, written as .js and .d.ts directly: `catalog` (the catalog in the
 * compact form the double reads) and `index` (`createFakeWhm` bound to the SDK's catalog and
 * function types). Compiled rather than copied as TypeScript, so that the code using the SDK
 * type-checks declarations, not the engine's bodies (issue 13).
 * Nothing in the SDK's main index imports it, so it never reaches an application's bundle.
 */
import { compareNames } from "../naming.js";

/** One entry of catalog.json, loosely typed: only what the double reads is picked out. */
interface CatalogEntry {
  name: string;
  method: string;
  body: string;
  readOnly?: boolean;
  freeParams?: boolean;
  payloadIsLiteral?: boolean;
  params?: { name: string; required: boolean; kind: string; secret?: boolean; index?: { base: number; separator: string }; shape: unknown }[];
  data?: unknown;
  metadata?: unknown[];
}

/** A shape without what the double does not use (descriptions, deprecation marks). */
function compactShape(shape: unknown): unknown {
  if (shape === null || typeof shape !== "object") return shape;
  const s = shape as Record<string, unknown>;
  const out: Record<string, unknown> = { kind: s["kind"] };
  if (typeof s["format"] === "string") out["format"] = s["format"];
  if (Array.isArray(s["values"])) out["values"] = s["values"];
  if (s["items"] !== undefined) out["items"] = compactShape(s["items"]);
  if (Array.isArray(s["properties"])) out["properties"] = s["properties"].map(compactProperty);
  if (s["additional"] !== undefined) out["additional"] = compactShape(s["additional"]);
  if (Array.isArray(s["members"])) out["members"] = s["members"].map(compactShape);
  return out;
}

function compactProperty(p: unknown): unknown {
  const q = p as { name: string; required: boolean; shape: unknown };
  return { name: q.name, required: q.required, shape: compactShape(q.shape) };
}

function compactFunction(f: CatalogEntry): unknown {
  return {
    name: f.name,
    method: f.method,
    body: f.body,
    ...(f.readOnly ? { readOnly: true } : {}),
    ...(f.freeParams ? { freeParams: true } : {}),
    ...(f.payloadIsLiteral ? { payloadIsLiteral: true } : {}),
    params: (f.params ?? []).map((p) => ({
      name: p.name,
      required: p.required,
      kind: p.kind,
      ...(p.secret ? { secret: true } : {}),
      ...(p.index ? { index: p.index } : {}),
      shape: compactShape(p.shape),
    })),
    data: f.data === undefined || f.data === null ? null : compactShape(f.data),
    ...(f.metadata?.length ? { metadata: f.metadata.map(compactProperty) } : {}),
  };
}

/**
 * The catalog as `JSON.parse` of string pieces, one function per line (a changed function is a
 * one-line diff). A string costs the type checker nothing, where an object literal of this size
 * cost seconds per check of the SDK; V8 also parses JSON faster than it evaluates a literal.
 */
export function catalogLiteral(catalogText: string): string {
  return catalogLiteralOf(JSON.parse(catalogText) as ParsedCatalog);
}

/** catalog.json as parsed, as far as the test double reads it. */
export interface ParsedCatalog {
  specVersion?: string;
  functions?: CatalogEntry[];
}

/** {@link catalogLiteral} from the catalog already parsed (a run parses catalog.json once). */
export function catalogLiteralOf(catalog: ParsedCatalog): string {
  const functions = [...(catalog.functions ?? [])].sort((a, b) => compareNames(a.name, b.name));
  const pieces = [
    `{"specVersion":${JSON.stringify(catalog.specVersion ?? "")},"functions":[`,
    ...functions.map((f, i) => JSON.stringify(compactFunction(f)) + (i < functions.length - 1 ? "," : "")),
    "]}",
  ];
  return `JSON.parse(\n  ${pieces.map((p) => JSON.stringify(p)).join(" +\n  ")},\n)`;
}

const INDEX_DOC = `/**
 * An in-memory WHM for tests, answering from this SDK's description of WHM API 1: calls are
 * validated (unknown function, missing or mistyped parameter → \`result: 0\` with a reason naming it),
 * answers are synthesised from the documented shapes (seeded: the same seed gives the same bytes),
 * the account family keeps state, meta-parameters and \`batch\` work, faults can be injected.
 *
 * \`\`\`ts
 * import { createClient } from "whmapi1";
 * import { createFakeWhm, whmFailure } from "whmapi1/testing";
 *
 * const fake = createFakeWhm({ seed: 1, handlers: { version: () => ({ version: "11.126.0.1" }) } });
 * const whm = createClient({ transport: fake });
 * await whm.createacct({ username: "bob", domain: "bob.example" });
 * (await whm.listaccts()).data.acct?.some((a) => a.user === "bob"); // true
 * fake.calls.at(-1); // { function: "listaccts", method: "GET", params: {}, meta: {}, inBatch: false }
 * \`\`\`
 */`;

const HANDLERS_DOC = "/** Handlers for `createFakeWhm`, typed from this SDK's functions. */";

const INDEX_JS = `import { catalog } from "./catalog.js";
import { createCatalogFake } from "./fake.js";
export * from "./fake.js";
export { catalog };
${INDEX_DOC}
export function createFakeWhm(options = {}) {
    return createCatalogFake(catalog, options);
}
`;

const INDEX_DTS = `import type { WhmFunctionMap } from "../registry.js";
import { catalog } from "./catalog.js";
import { type FakeWhm, type FakeWhmOptions } from "./fake.js";
export * from "./fake.js";
export { catalog };
${HANDLERS_DOC}
export type WhmHandlers = NonNullable<FakeWhmOptions<WhmFunctionMap>["handlers"]>;
${INDEX_DOC}
export declare function createFakeWhm(options?: FakeWhmOptions<WhmFunctionMap>): FakeWhm<WhmFunctionMap>;
`;

const CATALOG_DOC = `/**
 * The SDK's functions as the test double reads them: a compact form of catalog.json (methods,
 * parameter kinds, answer shapes), which the double validates calls against and answers from.
 */`;

/**
 * The generated files of the test double, as [path under the SDK's folder, text]: `testing/catalog`
 * and `testing/index`, .d.ts and .js each, from the catalog literal built once (it is the largest
 * text of a run). The emitter writes them under `testing/` and under `dist/testing/`.
 *
 * @example
 * for (const [name, text] of testingFilesOf(catalogLiteral(files.get("catalog.json")!), banner)) files.set(name, text);
 */
export function testingFilesOf(literal: string, banner: string): [path: string, text: string][] {
  return [
    ["testing/catalog.d.ts", `// ${banner}\n\nimport type { FakeCatalog } from "./types.js";\n${CATALOG_DOC}\nexport declare const catalog: FakeCatalog;\n`],
    ["testing/catalog.js", `// ${banner}\n\n${CATALOG_DOC}\nexport const catalog = ${literal};\n`],
    ["testing/index.d.ts", `// ${banner}\n\n${INDEX_DTS}`],
    ["testing/index.js", `// ${banner}\n\n${INDEX_JS}`],
  ];
}
