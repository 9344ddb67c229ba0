/**
 * Property-based tests (fast-check), with a fixed seed so every run tries the same cases
 * (set WHMGEN_FC_SEED to explore others):
 *
 * 1. Random WHM-shaped OpenAPI documents (odd names, nesting, unions, enums, 0/1 and y/n flags,
 *    maps, JSON and form bodies, 3.0/3.1/3.2 headers) → generate in-process → a second run
 *    (`check`) finds identical bytes → every output type-checks with `strict` (one tsc run).
 * 2. Random parameter values and names (any Unicode, lone surrogates, & = + % # ?, newlines,
 *    leading --) → `request().url()` parsed back gives the same values, and `argv()` gives one
 *    argument per parameter that decodes to it and cannot be mistaken for an option.
 */
import { cp, mkdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import fc from "fast-check";
import yaml from "js-yaml";
import { afterAll, describe, expect, test } from "vitest";
import { generate } from "../../generator/generate.js";
import { defineFunction } from "../../templates/runtime/define.js";
import type { ParamTable } from "../../templates/runtime/encode.js";
import { isSecretName } from "../../templates/runtime/secrets.js";
import { checksums, ROOT, TMP } from "../helpers.js";
import * as quirks from "../generator/__snapshots__/quirks/index.js";
import { recordCounts, typecheck } from "./helpers.js";

const SEED = Number(process.env["WHMGEN_FC_SEED"] ?? 20_251_123);
const DOCUMENT_RUNS = 24;
const VALUE_RUNS = 400;
const counts: Record<string, number | string> = { seed: SEED };

afterAll(async () => {
  await recordCounts("properties", counts);
});

// --- Arbitraries for documents -------------------------------------------------------------

/** Names WHM and cPanel's documents really use, and names that stress the naming rules. */
const ODD_NAMES = ["delete", "class", "360Monitoring", "api.version", "set-thing", "set_thing", "MXCHECK-*", "Variable Names and Values", "OWNER", "owner", "enum", "await", "café", "a\"b", "back\\slash", "$", "_", "x"];

const identifier = fc.stringMatching(/^[a-z][a-z0-9_]{0,14}$/);
const oddText = fc.string({ unit: fc.constantFrom(..."aZ09_.-$ é*\"'\\"), minLength: 1, maxLength: 10 });
/** A function name: the last path segment, so no `/`, `{`, `}`, and never empty. */
const functionName = fc.oneof(identifier, fc.constantFrom(...ODD_NAMES), oddText);
/**
 * A field or parameter name. Object.prototype's own member names (`constructor`, `__proto__`,
 * `toString`, `hasOwnProperty`, …) are drawn as often as the odd names: generated types, tables
 * and decoders must treat them as plain names (bad-specs prototype-names and
 * data-field-named-constructor pin two of them).
 */
const PROTOTYPE_MEMBERS = Object.getOwnPropertyNames(Object.prototype).sort();

/** How many parameter and field names of a document are Object members (the run must draw some). */
function prototypeNamesIn(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + prototypeNamesIn(v), 0);
  if (value === null || typeof value !== "object") return 0;
  let n = 0;
  for (const [key, v] of Object.entries(value)) {
    if (key === "name" && typeof v === "string" && PROTOTYPE_MEMBERS.includes(v)) n++;
    if (key === "properties" && v !== null && typeof v === "object") n += Object.keys(v).filter((k) => PROTOTYPE_MEMBERS.includes(k)).length;
    n += prototypeNamesIn(v);
  }
  return n;
}
const fieldName = fc.oneof(identifier, fc.constantFrom(...ODD_NAMES), oddText, fc.constantFrom(...PROTOTYPE_MEMBERS));
/** Free text for summaries and descriptions: comment ends and openers, backticks, tags, line breaks. */
const prose = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.constantFrom("ends */ here", "opens /* here", "`code` and ``more``", "${template}", "@param x at the start", "line\nbreaks\r\nand CRLF", "</script>", "**/ *\\/ /**/"),
);
const category = fc.oneof(fc.constantFrom("Account Creation", "account-creation", "DNS", "index", "runtime", "Server Information", "Ünïcödé", "../up"), fc.string({ maxLength: 12 }));

type Schema = Record<string, unknown>;

const leaf: fc.Arbitrary<Schema> = fc.oneof(
  fc.record({ type: fc.constant("string"), format: fc.option(fc.constantFrom("email", "ipv4", "megabytes", "YY-Mon-DD-HH-MM"), { nil: undefined }) }, { requiredKeys: ["type"] }),
  fc.constant({ type: "integer" }),
  fc.constant({ type: "number" }),
  fc.constantFrom<Schema>({ type: "integer", enum: [0, 1] }, { type: "integer", enum: [1, 0] }, { enum: [1, 0] }), // WHM Booleans
  fc.constant<Schema>({ type: "string", enum: ["y", "n"] }),
  fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 5 }).map((values): Schema => ({ type: "string", enum: values })),
  fc.constant<Schema>({ oneOf: [{ enum: [null] }, { type: "string", enum: ["unlimited"] }, { type: "integer", minimum: 0 }] }),
  fc.constantFrom<Schema>({ type: "integer", nullable: true }, { type: ["integer", "null"] }, { type: "boolean" }, {}),
  fc.constant<Schema>({ anyOf: [{ type: "integer" }, { type: "string" }] }),
);

const schemaArb = fc.letrec<{ schema: Schema; object: Schema }>((tie) => ({
  schema: fc.oneof({ depthSize: "small", withCrossShrink: true }, leaf, leaf, tie("object"), fc.record({ type: fc.constant("array"), items: tie("schema") }), fc.record({ type: fc.constant("object"), additionalProperties: tie("schema") })),
  object: fc
    .uniqueArray(fc.tuple(fieldName, tie("schema"), fc.boolean(), fc.option(prose, { nil: undefined })), { maxLength: 5, selector: ([name]) => name })
    .map((props): Schema => ({
      type: "object",
      properties: Object.fromEntries(props.map(([name, schema, , description]) => [name, description === undefined ? schema : { ...schema, description }])),
      required: props.filter(([, , required]) => required).map(([name]) => name),
    })),
})).schema;

/** Query parameter schemas: scalars, flags, unions and arrays of them (repeated or indexed). */
const paramSchema: fc.Arbitrary<Schema> = fc.oneof(leaf, fc.record({ type: fc.constant("array"), items: leaf }), fc.record({ type: fc.constant("array"), items: leaf, "x-whm-multivalue": fc.constant("indexed") }));

const param = fc.record({
  name: fieldName,
  in: fc.constant("query"),
  required: fc.boolean(),
  deprecated: fc.boolean(),
  description: fc.option(prose, { nil: undefined }),
  schema: paramSchema,
}, { requiredKeys: ["name", "in", "required", "schema"] });

const jsonParam = fc.record({ name: fieldName, in: fc.constant("query"), content: schemaArb.map((schema) => ({ "application/json": { schema } })) });

const operation = fc.record({
  method: fc.constantFrom("get", "get", "post"),
  body: fc.constantFrom("none", "form", "json"),
  tags: fc.array(category, { minLength: 1, maxLength: 2 }),
  summary: fc.option(prose, { nil: undefined }),
  description: fc.option(prose, { nil: undefined }),
  params: fc.uniqueArray(fc.oneof(param, param, param, jsonParam), { maxLength: 6, selector: (p) => p.name }),
  data: fc.option(schemaArb, { nil: undefined }),
  metadata: fc.boolean(),
  readOnly: fc.boolean(),
  deprecated: fc.boolean(),
});

type Operation = typeof operation extends fc.Arbitrary<infer O> ? O : never;

function operationObject(op: Operation): Schema {
  const params = op.params as Schema[];
  const o: Schema = { tags: op.tags, responses: { 200: { description: "OK" } } };
  if (op.summary !== undefined) o["summary"] = op.summary;
  if (op.description !== undefined) o["description"] = op.description;
  if (op.readOnly) o["x-readonly"] = true;
  if (op.deprecated) o["deprecated"] = true;
  if (op.method === "post" && op.body !== "none") {
    // Parameters move into the body: scalars for a form, anything for JSON.
    const scalar = params.filter((p) => p["schema"] !== undefined);
    const media = op.body === "form" ? "application/x-www-form-urlencoded" : "application/json";
    const source = op.body === "form" ? scalar : params;
    const properties = Object.fromEntries(source.map((p) => [p["name"], p["schema"] ?? (p["content"] as Record<string, Schema>)["application/json"]!["schema"]]));
    o["requestBody"] = { content: { [media]: { schema: { type: "object", properties, required: source.filter((p) => p["required"]).map((p) => p["name"]) } } } };
  } else if (params.length) o["parameters"] = params;
  if (op.data !== undefined || op.metadata) {
    const properties: Schema = {};
    if (op.data !== undefined) properties["data"] = op.data;
    if (op.metadata) properties["metadata"] = { type: "object", properties: { command: { type: "string" }, extra_count: { type: "integer" }, "is-done": { type: "integer", enum: [0, 1] } } };
    (o["responses"] as Record<string, Schema>)["200"] = { description: "OK", content: { "application/json": { schema: { type: "object", properties } } } };
  }
  return o;
}

const documentArb = fc.record({
  openapi: fc.constantFrom("3.0.3", "3.1.0", "3.2.0"),
  version: fc.tuple(fc.nat(200), fc.nat(9999), fc.nat(999)).map(([a, b, c]) => `11.${a}.${b}.${c}`),
  prefix: fc.constantFrom("", "/Accounts", "/Sys"),
  functions: fc.uniqueArray(fc.tuple(functionName, operation), { minLength: 1, maxLength: 6, selector: ([name]) => name }),
  format: fc.constantFrom("yaml", "json"),
}).map((d) => ({
  format: d.format,
  doc: {
    openapi: d.openapi,
    info: { title: "WHM API 1", version: d.version },
    servers: [{ url: "https://{host}:{port}/json-api", variables: { host: { default: "localhost", description: "the server" }, port: { default: "2087" } } }],
    paths: Object.fromEntries(d.functions.map(([name, op]) => [`${d.prefix}/${name}`, { [op.method]: operationObject(op) }])),
  },
}));

// --- 1. Documents ---------------------------------------------------------------------------

describe("random WHM-shaped documents", () => {
  const base = path.join(TMP, "properties");
  const outputs: string[] = [];

  test(`${DOCUMENT_RUNS} documents: generate, a second run finds identical bytes, one strict tsc run over all`, async () => {
    await rm(base, { recursive: true, force: true });
    await mkdir(base, { recursive: true });
    let n = 0;
    let functions = 0;
    let prototypeNames = 0;
    await fc.assert(
      fc.asyncProperty(documentArb, async ({ format, doc }) => {
        const dir = path.join(base, `doc-${String(++n).padStart(3, "0")}`);
        await mkdir(dir, { recursive: true });
        const spec = path.join(dir, `spec.${format}`);
        const plain = JSON.parse(JSON.stringify(doc)) as unknown; // no undefined fields
        await writeFile(spec, format === "yaml" ? yaml.dump(plain, { noRefs: true, lineWidth: -1 }) : JSON.stringify(plain, null, 2));
        const out = path.join(dir, "out");
        const first = await generate({ specs: [spec], out, cwd: ROOT });
        functions += first.functions;
        prototypeNames += prototypeNamesIn(plain);
        expect(first.functions + first.skipped.length).toBe(Object.keys(doc.paths).length);
        // Two runs, same bytes: the second run compares what it would write with what the first wrote.
        expect((await generate({ specs: [spec], out, cwd: ROOT, check: true })).drift).toEqual([]);
        outputs.push(out);
      }),
      { numRuns: DOCUMENT_RUNS, seed: SEED, endOnFailure: true },
    );
    counts["documents"] = n;
    counts["documentFunctions"] = functions;
    counts["prototypeNames"] = prototypeNames;
    expect(prototypeNames).toBeGreaterThan(0);
    // Every output carries the runtime as whmgen's build compiled it (under a banner): check that,
    // then let all outputs share one copy so tsc checks it once instead of once per output.
    const shared = path.join(base, "runtime");
    const compiled = path.join(ROOT, "dist", "templates", "runtime");
    await cp(path.join(outputs[0]!, "runtime"), shared, { recursive: true });
    for (const out of outputs) {
      const files = Object.keys(await checksums(path.join(out, "runtime")));
      expect(files.length).toBeGreaterThan(20);
      for (const file of files) {
        const copy = await readFile(path.join(out, "runtime", file), "utf8");
        const built = (await readFile(path.join(compiled, file), "utf8")).replace(/\n\/\/# sourceMappingURL=.*\n?$/, "\n");
        expect(copy.slice(copy.indexOf("\n") + 1), `${out}/runtime/${file}`).toBe(`// Compiled from whmgen's templates/runtime/.\n${built}`);
      }
      await rm(path.join(out, "runtime"), { recursive: true });
      await symlink(path.relative(out, shared), path.join(out, "runtime"), "dir");
    }
    const r = await typecheck(outputs.map((o) => path.join(o)), "properties");
    expect(r.output).toBe("");
    expect(r.code).toBe(0);
  }, 120_000);
});

// --- 2. Parameter values ---------------------------------------------------------------------

/** Values that break naive encoders: every reserved URL character, newlines, NUL, option-like text. */
const NASTY = ["&", "=", "+", "%", "%20", "%%", "#frag", "?q=1", "a=b&c=d", "\n", "\r\n", "\0", " ", "--help", "-", "--output=xml", ";rm -rf /", "$(id)", "`id`", "'\"", "\u2028", "🎉", "\ud83c", "\udf89", "é", "\ufeff"];
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const nastyString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 20 }),
  fc.constantFrom(...NASTY),
  fc.array(fc.oneof(fc.constantFrom(...NASTY), fc.string({ unit: "grapheme", maxLength: 3 }), loneSurrogate), { maxLength: 6 }).map((parts) => parts.join("")),
);
/** What the server receives for a string: UTF-8 turns a lone surrogate into U+FFFD (as URLSearchParams and fetch do). */
const wellFormed = (s: string): string => Buffer.from(s, "utf8").toString("utf8");

function parseQuery(query: string): [string, string][] {
  return [...new URLSearchParams(query)];
}

/** Checks one argv against the wire pairs it should carry. */
function expectArgv(argv: string[], fn: string, pairs: readonly (readonly [string, string])[]): void {
  expect(argv.slice(0, 2)).toEqual(["--output=json", fn]);
  const args = argv.slice(2);
  expect(args).toHaveLength(pairs.length); // one argument per pair
  args.forEach((arg, i) => {
    expect(arg.startsWith("-"), arg).toBe(false); // never an option
    expect(arg).not.toMatch(/[\0\r\n\s]/);
    const eq = arg.indexOf("=");
    expect([decodeURIComponent(arg.slice(0, eq)), decodeURIComponent(arg.slice(eq + 1))]).toEqual([wellFormed(pairs[i]![0]), wellFormed(pairs[i]![1])]);
  });
}

describe("random parameter values and names", () => {
  test(`free-form parameters (${VALUE_RUNS} runs): URL, form body, batch command and argv carry exactly the values`, () => {
    let runs = 0;
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", minLength: 1, maxLength: 12 }).filter((n) => !n.startsWith("-")),
        // Names the secret rules catch move the call to a POST body (secret-params.test.ts); not these.
        fc.uniqueArray(fc.tuple(nastyString.filter((k) => k !== "api.version" && !isSecretName(k)), fc.oneof(nastyString, fc.array(nastyString, { minLength: 1, maxLength: 3 }), fc.boolean(), fc.integer())), { maxLength: 6, selector: ([k]) => k }),
        (fn, entries) => {
          runs++;
          const params = Object.fromEntries(entries);
          // Object.fromEntries makes own keys even for "__proto__": what a caller building params from data gets.
          const expected: [string, string][] = entries.flatMap(([k, v]) =>
            (Array.isArray(v) ? v : [v]).map((x): [string, string] => [wellFormed(k), wellFormed(x === true ? "1" : x === false ? "0" : String(x))]));
          const get = defineFunction<Record<string, unknown>, unknown>({ name: fn, method: "GET", body: "query", readOnly: true }).request(params);
          const url = new URL(get.url("https://whm.example:2087"));
          expect(decodeURIComponent(url.pathname)).toBe(`/json-api/${wellFormed(fn)}`);
          expect([...url.searchParams]).toEqual([["api.version", "1"], ...expected]);
          const command = get.command();
          expect(command === fn ? [] : parseQuery(command.slice(fn.length + 1))).toEqual(expected);
          expectArgv(get.argv(), fn, get.pairs);
          const post = defineFunction<Record<string, unknown>, unknown>({ name: fn, method: "POST", body: "form", readOnly: false }).request(params);
          expect(new URL(post.url("https://whm.example:2087")).search).toBe("?api.version=1");
          const body = post.body();
          expect(body?.kind === "form" ? parseQuery(body.text) : undefined).toEqual(expected);
        },
      ),
      { numRuns: VALUE_RUNS, seed: SEED },
    );
    counts["freeParamRuns"] = runs;
  });

  test(`typed encodings (${VALUE_RUNS} runs): y/n, repeated, indexed, JSON and plain parameters`, () => {
    const table: ParamTable = { flag: ["flag", "yn"], tags: ["tags", "rep"], ips: ["ip", "idx"], config: ["config", "json"], "odd name&=": ["odd name&=", "s"] };
    const fn = defineFunction<Record<string, unknown>, unknown>({ name: "set_things", method: "GET", body: "query", readOnly: false, params: table });
    let runs = 0;
    fc.assert(
      fc.property(
        fc.record({
          flag: fc.oneof(fc.boolean(), fc.constantFrom("y", "n")),
          tags: fc.array(nastyString, { maxLength: 4 }),
          ips: fc.array(nastyString, { minLength: 1, maxLength: 4 }),
          config: fc.dictionary(nastyString, fc.oneof(nastyString, fc.integer(), fc.boolean(), fc.constant(null)), { maxKeys: 3 }),
          "odd name&=": fc.oneof(nastyString, fc.constant(null)),
        }, { requiredKeys: [] }),
        (params) => {
          runs++;
          const expected: [string, string][] = [];
          for (const [k, v] of Object.entries(params)) {
            if (k === "flag") expected.push(["flag", v === true || v === "y" ? "y" : "n"]);
            else if (k === "tags") for (const t of v as string[]) expected.push(["tags", wellFormed(t)]);
            // Indexed: one value under the plain name (as cPanel's examples send it), several as ip-1, ip-2, …
            else if (k === "ips") (v as string[]).forEach((ip, i, all) => expected.push([all.length === 1 ? "ip" : `ip-${i + 1}`, wellFormed(ip)]));
            else if (k === "config") expected.push(["config", wellFormed(JSON.stringify(v))]);
            else expected.push([k, v === null ? "" : wellFormed(v as string)]);
          }
          const req = fn.request(params);
          expect([...new URL(req.url("https://whm.example:2087")).searchParams]).toEqual([["api.version", "1"], ...expected]);
          expectArgv(req.argv(), "set_things", req.pairs);
          // JSON-encoded values parse back to the object sent.
          if (params.config !== undefined) expect(JSON.parse(new URL(req.url("https://h:2087")).searchParams.get("config")!)).toEqual(JSON.parse(wellFormed(JSON.stringify(params.config))));
        },
      ),
      { numRuns: VALUE_RUNS, seed: SEED },
    );
    counts["typedParamRuns"] = runs;
  });

  test(`a generated function (quirks createacct, ${VALUE_RUNS} runs): documented encodings survive any values`, () => {
    let runs = 0;
    fc.assert(
      fc.property(nastyString, nastyString, fc.boolean(), fc.array(nastyString, { maxLength: 3 }), nastyString, fc.boolean(), (username, domain, hasshell, enhancements, owner, ip) => {
        runs++;
        const req = quirks.createacct.request({ username, domain, hasshell, ip, account_enhancements: enhancements, "Variable Names and Values": owner });
        const got = [...new URL(req.url("https://whm.example:2087")).searchParams];
        expect(got).toEqual([
          ["api.version", "1"],
          ["username", wellFormed(username)],
          ["domain", wellFormed(domain)],
          ["hasshell", hasshell ? "1" : "0"],
          ["ip", ip ? "y" : "n"],
          ...enhancements.map((e): [string, string] => ["account_enhancements", wellFormed(e)]),
          ["Variable Names and Values", wellFormed(owner)],
        ]);
        expectArgv(req.argv(), "createacct", req.pairs);
      }),
      { numRuns: VALUE_RUNS, seed: SEED },
    );
    counts["generatedFunctionRuns"] = runs;
  });

  test("a parameter name starting with - is encoded; a function name starting with - is refused for whmapi1", () => {
    const req = defineFunction<Record<string, unknown>, unknown>({ name: "listaccts", method: "GET", body: "query", readOnly: true }).request({ "--output": "xml", "-": "x" });
    expect(req.argv()).toEqual(["--output=json", "listaccts", "%2D-output=xml", "%2D=x"]);
    expect(() => defineFunction({ name: "--help", method: "GET", body: "query", readOnly: true }).request().argv()).toThrow(TypeError);
    // A lone surrogate becomes U+FFFD everywhere instead of throwing URIError.
    const lone = defineFunction<Record<string, unknown>, unknown>({ name: "v", method: "GET", body: "query", readOnly: true }).request({ q: "a\ud800" });
    expect(lone.url("https://h:2087")).toBe("https://h:2087/json-api/v?api.version=1&q=a%EF%BF%BD");
  });
});
