/**
 * The bad-spec corpus (test/bad-specs/): every case runs through the command line's own code
 * (`main()` of generator/cli.ts, in-process, for speed) and a sample through the real CLI
 * (`node bin/whmgen.js`, a child process), and must print exactly its golden expected.txt.
 *
 * - Errors: exit 1 (2 for usage), one paragraph naming the file and the place, no stack trace,
 *   and the output folder byte-identical before and after (checksums), with no lock or temp left.
 * - Accepted by design: exit 0, the golden summary (and skip lines); the outputs of all accepted
 *   cases type-check with `strict` in one tsc run; per-case checks pin the decision.
 *
 * Each golden starts with the decision and why. Refresh goldens with `npx vitest run test/hardening -u`.
 */
import { execFile } from "node:child_process";
import { cp, mkdir, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { ts } from "ts-morph";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { main } from "../../generator/cli.js";
import { checksums, cli, ROOT, TMP, tempDir } from "../helpers.js";
import { recordCounts, typecheck } from "./helpers.js";

const run = promisify(execFile);
const CORPUS = path.join(ROOT, "test", "bad-specs");
const GENERATED_SPECS = path.join(TMP, "bad-specs");
const rel = (abs: string): string => path.relative(ROOT, abs).split(path.sep).join("/");

type Outcome = "error" | "usage" | "accepted";

interface Case {
  name: string;
  outcome: Outcome;
  /** The decision, in one sentence: it heads the golden. */
  why: string;
  /** The spec, relative to the case folder (default: spec.yaml, spec.json or spec/, whichever exists). */
  spec?: string;
  /** Writes the spec at test time (inputs too large to commit); returns its absolute path. */
  make?: () => Promise<string>;
  /** The command line, when it is not the plain `generate --no-config --spec S --out O`. */
  args?: (spec: string, out: string, dir: string) => string[];
  /** Also run through the real CLI in a child process. */
  cli?: boolean;
  /** Checks on the output of an accepted case. */
  check?: (out: string) => Promise<void>;
  /** A bug this case revealed (since fixed): the check states the right behaviour and must pass. */
  knownBug?: { what: string; check: (out: string) => Promise<void> };
}

interface Catalog {
  functions: { name: string; exportName: string; module: string; summary: string | null; params: { name: string; kind: string; location: string; shape: Record<string, unknown> }[]; data: unknown }[];
  skipped: { name: string; reason: string; file: string; pointer: string }[];
}

const catalogOf = async (out: string): Promise<Catalog> => JSON.parse(await readFile(path.join(out, "catalog.json"), "utf8")) as Catalog;
const exportsOf = async (out: string): Promise<Record<string, string>> =>
  Object.fromEntries((await catalogOf(out)).functions.map((f) => [f.name, f.exportName]));

/** Imports a generated SDK (TypeScript, through vitest's transform) by its index. */
async function importSdk(out: string): Promise<Record<string, unknown>> {
  return (await import(pathToFileURL(path.join(out, "index.ts")).href)) as Record<string, unknown>;
}

/**
 * Runs `body` (an async function body with `sdk` in scope, returning JSON) in a plain Node process
 * against the compiled SDK (dist/index.js), as its users run it: no transform in between.
 */
async function inNode(out: string, body: string): Promise<unknown> {
  const script = `const sdk = await import(${JSON.stringify(pathToFileURL(path.join(out, "dist", "index.js")).href)});\n` +
    `process.stdout.write(JSON.stringify(await (async () => {${body}})()));`;
  const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], { cwd: ROOT });
  return JSON.parse(stdout) as unknown;
}

/** One generated module parses as TypeScript (a fast check for outputs kept out of the tsc run). */
async function expectParses(out: string, file: string): Promise<void> {
  const text = await readFile(path.join(out, file), "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const diagnostics = (source as unknown as { parseDiagnostics: { messageText: unknown }[] }).parseDiagnostics;
  expect(diagnostics.map((d) => d.messageText)).toEqual([]);
}

async function writeSpec(name: string, text: string): Promise<string> {
  await mkdir(GENERATED_SPECS, { recursive: true });
  const file = path.join(GENERATED_SPECS, name);
  await writeFile(file, text);
  return file;
}

const TEN_MB = 10 * 1024 * 1024;

const CASES: Case[] = [
  // --- Reading the file -------------------------------------------------------------------
  { name: "invalid-yaml", outcome: "error", why: "a YAML syntax error names the file, line and column", cli: true },
  { name: "yaml-tab-indentation", outcome: "error", why: "YAML forbids tabs in indentation; the line is named" },
  { name: "yaml-duplicate-key", outcome: "error", why: "a path written twice would silently lose one description" },
  { name: "yaml-two-documents", outcome: "error", why: "a spec file holds one document; a second `---` is a mistake" },
  { name: "yaml-binary-tag", outcome: "error", why: "!!binary and other tags are refused: whmgen reads plain YAML (core schema)" },
  { name: "yaml-custom-tag", outcome: "error", why: "custom tags (!Ref) are refused with a hint" },
  { name: "yaml-null-byte", outcome: "error", why: "a NUL byte is refused, at its real line (js-yaml alone says line 1)" },
  { name: "json-trailing-comma", outcome: "error", why: "JSON errors name the line and column and say what was expected, the same on every Node version", cli: true },
  { name: "json-truncated", outcome: "error", why: "a truncated download is named as such (end of file)" },
  { name: "json-bare-word", outcome: "error", why: "an unexpected token: V8 gives no position for it, whmgen finds the line itself" },
  { name: "json-single-quotes", outcome: "error", why: "JSON needs double quotes" },
  { name: "bom-json", outcome: "accepted", why: "a UTF-8 byte order mark (Windows editors) is skipped, as js-yaml does for YAML",
    check: async (out) => expect(Object.keys(await exportsOf(out))).toEqual(["version"]) },
  { name: "empty-file", outcome: "error", why: "an empty file is not a document" },
  { name: "whitespace-only", outcome: "error", why: "blank lines only: same as empty" },
  { name: "comments-only", outcome: "error", why: "YAML comments alone hold no mapping" },
  { name: "not-utf8", outcome: "error", why: "a Latin-1 file is refused at the offending line instead of writing U+FFFD into the SDK" },
  { name: "binary-file", outcome: "error", why: "a binary file (a PNG) is not UTF-8 text" },
  { name: "empty-folder", outcome: "error", why: "a folder with no *.yaml, *.yml or *.json is refused, not turned into an empty SDK", cli: true },
  { name: "folder-only-applist", outcome: "error", why: "applist.json is the seed list, not a document: a folder with only it has no document" },
  { name: "missing-path", outcome: "error", why: "a --spec that does not exist", spec: "nope.yaml" },
  {
    name: "deep-nesting-json", outcome: "error", why: "20,000 nested arrays: refused at 200 levels instead of overflowing the stack (was: internal error)",
    make: async () => {
      let schema = '{"type":"string"}';
      for (let i = 0; i < 20_000; i++) schema = `{"type":"array","items":${schema}}`;
      return writeSpec("deep-nesting-json.json", `{"openapi":"3.0.3","info":{"title":"WHM API 1","version":"11.137.9999.106"},"paths":{"/listaccts":{"get":{"responses":{"200":{"description":"OK","content":{"application/json":{"schema":{"type":"object","properties":{"data":${schema}}}}}}}}}}}\n`);
    },
  },
  { name: "yaml-alias-chain-too-deep", outcome: "error", why: "aliases nest 260 levels deep without any indentation; the same limit applies" },

  // --- Versions and top-level structure -----------------------------------------------------
  { name: "top-level-list", outcome: "error", why: "a document is a mapping" },
  { name: "top-level-scalar", outcome: "error", why: "a file holding only a word" },
  { name: "swagger-2", outcome: "error", why: "Swagger 2.0 is not read (OpenAPI 3.0, 3.1, 3.2 are)", cli: true },
  { name: "openapi-3.3", outcome: "error", why: "an unknown future minor version is refused rather than misread" },
  { name: "openapi-4", outcome: "error", why: "an unknown major version" },
  { name: "openapi-unquoted-number", outcome: "error", why: "`openapi: 3.0` is the YAML number 3; the message says to quote it (was: unsupported version 3)" },
  { name: "openapi-missing", outcome: "error", why: "no openapi field: not an OpenAPI document" },
  { name: "paths-missing", outcome: "error", why: "a document without paths" },
  { name: "paths-a-list", outcome: "error", why: "paths must be a mapping" },
  { name: "path-item-a-list", outcome: "error", why: "a path item must be a mapping" },
  { name: "info-not-a-mapping", outcome: "error", why: "info must be a mapping" },
  { name: "no-functions", outcome: "accepted", why: "`paths: {}` gives an SDK of the runtime alone; the summary says 0 functions",
    check: async (out) => expect((await catalogOf(out)).functions).toEqual([]),
    knownBug: { what: "registry.ts of an SDK without functions does not parse (`{ ; }`): generator/emit/index.ts registryStatements", check: (out) => expectParses(out, "registry.ts") } },

  // --- $ref ---------------------------------------------------------------------------------
  { name: "dangling-ref", outcome: "error", why: "named at the place that refers, not only the missing target", cli: true },
  { name: "circular-ref-chain", outcome: "error", why: "A → B → A never reaches a schema (was: silently typed unknown)" },
  { name: "circular-ref-recursive-schema", outcome: "accepted", why: "recursion through properties is a real tree type: typed loosely (unknown) where it recurses",
    check: async (out) => {
      const fn = (await catalogOf(out)).functions.find((f) => f.name === "get_domain_tree");
      const children = (fn?.data as { properties: { name: string; shape: { items?: { kind: string } } }[] }).properties.find((p) => p.name === "children");
      expect(children?.shape.items).toEqual({ kind: "unknown" });
    } },
  { name: "external-ref-missing-file", outcome: "error", why: "an external $ref to a file that is not there" },
  { name: "external-ref-url", outcome: "error", why: "no network access: URLs in $ref are refused" },
  { name: "external-ref-local-file", outcome: "accepted", why: "a $ref to a local file beside the spec is resolved",
    check: async (out) => expect((await catalogOf(out)).functions[0]?.params.map((p) => [p.name, p.kind])).toEqual([["search", "string"]]) },
  { name: "ref-chain-too-deep", outcome: "error", why: "150 schemas each nesting the next: refused at 100 levels instead of risking the stack" },
  { name: "yaml-alias-bomb-shared", outcome: "accepted", why: "billion laughs (9 levels of 9 aliases) where nothing is walked: aliases are shared, never copied, so it loads at once",
    check: async (out) => expect(Object.keys(await exportsOf(out))).toEqual(["version"]) },
  { name: "yaml-alias-bomb-schemas", outcome: "error", why: "2^30 schema paths through aliases: stopped at a budget of 1,000,000 schema nodes", cli: true },
  { name: "yaml-merge-keys", outcome: "accepted", why: "YAML merge keys (<<: *common) are applied (was: a key named << and a confusing error)",
    check: async (out) => {
      const params = (await catalogOf(out)).functions[0]?.params.map((p) => [p.name, p.kind, p.location]);
      expect(params).toEqual([["search", "string", "query"], ["searchtype", "enum", "query"]]);
    } },

  // --- Functions and names ------------------------------------------------------------------
  { name: "duplicate-across-documents", outcome: "error", why: "the same function in two documents of a folder: both places named", cli: true },
  { name: "duplicate-in-one-document", outcome: "error", why: "/version and /Sys/version are the same function" },
  { name: "names-collide-after-mapping", outcome: "accepted", why: "names that map to the same identifier get _2, _3 in sorted order; all six stay distinct and stable",
    check: async (out) => {
      const names = await exportsOf(out);
      expect(new Set(Object.values(names)).size).toBe(6);
      expect(names["set-thing"]).toMatch(/^set_thing_\d$/);
    },
    knownBug: {
      what: "README: 'a name that needed no mapping always keeps it', but uniqueNames (generator/naming.ts) compares in lower case, so set_thing becomes set_thing_3 and Set_Thing becomes Set_Thing_2",
      check: async (out) => {
        const names = await exportsOf(out);
        expect([names["SET_THING"], names["Set_Thing"], names["set_thing"]]).toEqual(["SET_THING", "Set_Thing", "set_thing"]);
      },
    } },
  { name: "reserved-and-non-identifier-names", outcome: "accepted", why: "reserved words get _ after, a leading digit _ before, other characters become _ (README's rule)", cli: true,
    check: async (out) => {
      expect(await exportsOf(out)).toEqual({
        "$dollar": "$dollar", "360Monitoring": "_360Monitoring", "api.version": "api_version", await: "await_", café: "caf_",
        class: "class_", delete: "delete_", enum: "enum_", "get-thing": "get_thing", undefined: "undefined_",
      });
    } },
  { name: "prototype-names", outcome: "accepted", why: "__proto__, constructor, toString, call and batch as function, parameter and field names compile and stay own keys of the registry",
    check: async (out) => {
      expect(Object.keys(await exportsOf(out))).toEqual(["__proto__", "batch", "call", "constructor", "hasOwnProperty", "set_flags", "toString"]);
      // In plain Node, as users run the compiled SDK (vitest's own import rewriting turns the
      // registry's `{ __proto__ }` shorthand into a prototype: see the known bug below).
      const seen = await inNode(out, `
        const registry = sdk.registry;
        const data = sdk.set_flags.decode(JSON.parse('{"data":{"__proto__":"1","valueOf":"v"},"metadata":{"command":"set_flags","reason":"OK","result":1,"version":1}}')).data;
        return {
          registryProto: Object.getPrototypeOf(registry) === Object.prototype,
          keys: Object.keys(registry),
          dataProto: Object.getOwnPropertyDescriptor(data, "__proto__")?.value,
          dataPrototype: Object.getPrototypeOf(data) === Object.prototype,
          polluted: ({}).polluted === undefined && !("polluted" in Object.prototype),
          url: sdk.set_flags.request({ constructor: 1, toString: "x" }).url("https://h:2087"),
          // A repeated parameter named like an Object member: its params-table entry compiles
          // (the accepted outputs' tsc run) and keeps its encoding.
          repeated: sdk.set_flags.request({ valueOf: ["a", "b"] }).url("https://h:2087"),
        };`);
      expect(seen).toEqual({
        registryProto: true,
        keys: ["__proto__", "batch", "call", "constructor", "hasOwnProperty", "set_flags", "toString"],
        dataProto: true,
        dataPrototype: true,
        polluted: true,
        url: "https://h:2087/json-api/set_flags?api.version=1&constructor=1&toString=x",
        repeated: "https://h:2087/json-api/set_flags?api.version=1&valueOf=a&valueOf=b",
      });
    },
    knownBug: {
      what: "generated code writes `params: { __proto__: [...] }`, which sets the table's prototype so the parameter loses its y/n encoding, and the registry's `{ __proto__ }` shorthand becomes its prototype once a tool rewrites imported bindings (vite/vitest, bundlers): generator/emit should write [\"__proto__\"] keys",
      check: async (out) => {
        const url = await inNode(out, `return sdk.set_flags.request({ ["__proto__"]: true }).url("https://h:2087");`);
        expect(url).toBe("https://h:2087/json-api/set_flags?api.version=1&__proto__=y");
        const fromSource = (await importSdk(out))["registry"] as object;
        expect(Object.getPrototypeOf(fromSource)).toBe(Object.prototype);
      },
    } },
  { name: "data-field-named-constructor", outcome: "accepted", why: "a response field named constructor is typed and decoded like any other",
    check: async (out) => expect((await catalogOf(out)).functions[0]?.name).toBe("get_object_info"),
    knownBug: {
      what: "the decoder `if (v.constructor !== undefined) v.constructor = num(v.constructor)` does not compile (isRecord narrows v, and constructor is Function) and, in JS, gives data without the field an own `constructor`: generator/emit/decoder.ts should test Object.hasOwn",
      check: async (out) => {
        const keys = await inNode(out, `return Object.keys(sdk.get_object_info.decode({ data: { name: "x" }, metadata: { command: "get_object_info", reason: "OK", result: 1, version: 1 } }).data);`);
        expect(keys).toEqual(["name"]);
        const r = await typecheck([out], "data-field-named-constructor");
        expect(r).toEqual({ code: 0, output: "" });
      },
    } },
  { name: "proto-keys-in-json", outcome: "accepted", why: "__proto__ and constructor keys in a JSON spec (with $refs, so the parser walks it) pollute no prototype and stay fields",
    check: async (out) => {
      expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty("polluted");
      const fn = (await catalogOf(out)).functions[0];
      expect(fn?.params.map((p) => p.name)).toEqual(["key"]);
      expect((fn?.data as { properties: { name: string }[] }).properties.map((p) => p.name)).toEqual(["__proto__", "constructor", "value"]);
    } },
  { name: "category-names", outcome: "accepted", why: "tags become kebab-case module names inside the output folder: no path traversal, no clash with index/runtime, collisions get -2",
    check: async (out) => {
      const modules = (await catalogOf(out)).functions.map((f) => f.module);
      // fn0 "Account Creation", fn1 "account-creation", fn2 "ACCOUNT  CREATION!": suffixes follow the sorted tags.
      expect(modules).toEqual(["account-creation-2", "account-creation-3", "account-creation", "index-functions", "runtime-functions", "etc-passwd", "category", "n-c-d"]);
      for (const m of modules) expect((await stat(path.join(out, `${m}.ts`))).isFile()).toBe(true);
    } },

  // --- Parameters and schemas ---------------------------------------------------------------
  { name: "param-no-schema", outcome: "error", why: "a parameter needs schema or content" },
  { name: "param-no-in", outcome: "error", why: "a parameter without `in` (was: unsupported \"in\": undefined)" },
  { name: "param-in-body", outcome: "error", why: "Swagger 2's in: body is not an OpenAPI 3 location" },
  { name: "param-described-twice", outcome: "error", why: "two parameters of one name: both places named" },
  { name: "header-and-cookie-params-ignored", outcome: "accepted", why: "WHM reads no header or cookie parameters: they are left out, the query one stays",
    check: async (out) => expect((await catalogOf(out)).functions[0]?.params.map((p) => p.name)).toEqual(["verbose"]) },
  { name: "unknown-type", outcome: "error", why: "`type: int` is a typo, not a type" },
  { name: "unknown-formats", outcome: "accepted", why: "formats are free text in OpenAPI and cPanel uses many of its own: kept in the catalog, the type follows `type`",
    check: async (out) => {
      const fn = (await catalogOf(out)).functions[0];
      expect(fn?.params.map((p) => [p.name, p.shape])).toEqual([
        ["quota", { kind: "integer", format: "megabytes" }],
        ["contactemail", { kind: "string", format: "email" }],
        ["when", { kind: "string", format: "YY-Mon-DD-HH-MM" }],
        ["ip", { kind: "string", format: "ipv4" }],
      ]);
    } },
  { name: "enum-with-object-values", outcome: "error", why: "enum values must be scalars" },
  {
    name: "enormous-enum", outcome: "accepted", why: "20,000-value enums (parameter and data) become literal unions that still type-check",
    make: async () => {
      const values = Array.from({ length: 20_000 }, (_, i) => `zone${String(i).padStart(5, "0")}.example`);
      const numbers = Array.from({ length: 20_000 }, (_, i) => i * 7);
      const doc = { openapi: "3.0.3", info: { title: "WHM API 1", version: "11.137.9999.106" }, paths: { "/listzones": { get: { tags: ["DNS"], parameters: [{ name: "zone", in: "query", schema: { type: "string", enum: values } }], responses: { 200: { description: "OK", content: { "application/json": { schema: { type: "object", properties: { data: { type: "object", properties: { serial: { type: "integer", enum: numbers } } } } } } } } } } } } };
      return writeSpec("enormous-enum.json", JSON.stringify(doc));
    },
    check: async (out) => {
      const shape = (await catalogOf(out)).functions[0]?.params[0]?.shape as { kind: string; values: string[] };
      expect(shape.kind).toBe("literal");
      expect(shape.values).toHaveLength(20_000);
    },
  },
  {
    name: "huge-description", outcome: "accepted", why: "a 10 MB description (with */ in it) is carried into TSDoc, escaped, in seconds; nothing is cut",
    make: async () => {
      const line = "Lists the zones. */ Not the end of the comment: `code`, ${x} and @param at the start.\n";
      const description = line.repeat(Math.ceil(TEN_MB / line.length)).slice(0, TEN_MB);
      const doc = { openapi: "3.0.3", info: { title: "WHM API 1", version: "11.137.9999.106" }, paths: { "/listzones": { get: { tags: ["DNS"], summary: "List zones", description, responses: { 200: { description: "OK" } } } } } };
      return writeSpec("huge-description.json", JSON.stringify(doc));
    },
    check: async (out) => {
      const text = await readFile(path.join(out, "dns.ts"), "utf8");
      expect(text.length).toBeGreaterThan(TEN_MB);
      expect(text).toContain("Lists the zones. *\\/ Not the end of the comment");
    },
  },
  { name: "hostile-descriptions", outcome: "accepted", why: "*/, backticks, ${}, @tags, </script>, U+2028 and CR in summaries and descriptions are escaped: the code around them stays as generated",
    check: async (out) => {
      const text = await readFile(path.join(out, "server-settings.ts"), "utf8");
      // The summary's `*/ export const pwned = 1; //` must stay inside the comment.
      expect(text).not.toMatch(/^export const pwned/m);
      expect(text).toContain("*\\/ export const pwned = 1; //");
      expect(Object.keys(await importSdk(out))).not.toContain("pwned");
      expect((await catalogOf(out)).functions[0]?.summary).toBe("Sets the MOTD */ export const pwned = 1; //");
    } },
  { name: "description-opens-comment", outcome: "accepted", why: "a summary with /* in it (a glob) is carried into TSDoc like any text (it broke the comment with ts-morph's printer, before b4a6c53)",
    check: async (out) => {
      expect((await catalogOf(out)).functions[0]?.summary).toBe("Lists packages whose names match a glob such as /* or web/*.");
      await expectParses(out, "package-management.ts");
    } },
  { name: "request-body-xml", outcome: "error", why: "WHM takes form, JSON or multipart bodies" },

  // --- Paths that are not functions, answers without content -------------------------------
  { name: "path-without-operation", outcome: "accepted", why: "paths with no operation, only PUT/DELETE, a template or no name are skipped with the reason, on stderr and in catalog.json", cli: true,
    check: async (out) => {
      const { functions, skipped } = await catalogOf(out);
      expect(functions.map((f) => f.name)).toEqual(["version"]);
      expect(skipped.map((s) => [s.name, s.reason, s.pointer])).toEqual([
        ["/", "the path does not end in a WHM function name", "/paths/~1"],
        ["/accounts/{user}", "the path does not end in a WHM function name", "/paths/~1accounts~1{user}"],
        ["delete_only", "only HTTP DELETE is described; WHM API 1 takes GET or POST", "/paths/~1delete_only"],
        ["gethostname", "the path has no operation", "/paths/~1gethostname"],
        ["put_only", "only HTTP PUT is described; WHM API 1 takes GET or POST", "/paths/~1put_only"],
        ["sethostname", "the path has no operation", "/paths/~1sethostname"],
      ]);
    } },
  { name: "response-200-without-content", outcome: "accepted", why: "a 200 without content (or with no JSON) gives untyped data: `unknown`, decoded as sent",
    check: async (out) => {
      const { functions } = await catalogOf(out);
      expect(functions.map((f) => [f.name, f.data])).toEqual([["listaccts", { kind: "unknown" }], ["reboot", { kind: "unknown" }], ["version", { kind: "unknown" }]]);
      expect(await readFile(path.join(out, "server-information.ts"), "utf8")).toMatch(/export type VersionData = unknown;/);
    } },

  // --- The command line itself ---------------------------------------------------------------
  { name: "unknown-option", outcome: "usage", why: "a misspelt option is a usage error (exit 2), never ignored", spec: "nope.yaml", cli: true,
    args: (spec, out) => ["generate", "--no-config", "--spec", spec, "--out", out, "--chek"] },
  { name: "spec-without-value", outcome: "usage", why: "--spec needs a value", spec: "nope.yaml",
    args: (_spec, out) => ["generate", "--no-config", "--out", out, "--spec"] },
  { name: "output-is-a-file", outcome: "error", why: "--out naming a file: refused, the file untouched",
    args: (spec, _out, dir) => ["generate", "--no-config", "--spec", spec, "--out", `${dir}/not-a-folder.txt`] },
];

function specOf(c: Case): Promise<string> {
  if (c.make) return c.make();
  const dir = path.join(CORPUS, c.name);
  if (c.spec) return Promise.resolve(path.join(dir, c.spec));
  return readdir(dir).then((entries) => {
    const found = ["spec.yaml", "spec.json", "spec"].find((e) => entries.includes(e));
    if (!found) throw new Error(`case ${c.name}: no spec.yaml, spec.json or spec/ in ${rel(dir)}`);
    return path.join(dir, found);
  });
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The command line's own entry point, in this process: same parsing, messages and exit codes. */
async function inProcess(args: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l + "\n"), err: (l) => err.push(l + "\n") });
  return { code, stdout: out.join(""), stderr: err.join("") };
}

/** Renders a run as its golden: decision first, then what a user sees, machine-dependent bits masked. */
function golden(c: Case, args: string[], outRel: string, r: Run): string {
  const dirRel = path.posix.dirname(outRel);
  const mask = (text: string): string =>
    text.split(outRel).join("<out>").split(dirRel).join("<dir>").replace(/→ \d+ files/g, "→ <n> files").replace(/, [\d.]+ s$/gm, ", <t> s");
  return [
    `# ${c.name}: ${c.outcome} — ${c.why}`,
    `$ whmgen ${mask(args.join(" "))}`,
    `exit ${r.code}`,
    "--- stderr",
    mask(r.stderr).trimEnd(),
    "--- stdout",
    mask(r.stdout).trimEnd(),
    "",
  ].join("\n");
}

const EXIT: Record<Outcome, number> = { error: 1, usage: 2, accepted: 0 };

let baseline: string;
let baselineSums: Record<string, string>;
const accepted: { name: string; out: string }[] = [];
const outputs = new Map<string, string>();
const started = Date.now();

beforeAll(async () => {
  await rm(GENERATED_SPECS, { recursive: true, force: true });
  // One good SDK, copied into every error case's output folder, to prove a failed run leaves it as it was.
  baseline = path.join(await tempDir("bad-baseline"), "out");
  const r = await inProcess(["generate", "--no-config", "--quiet", "--spec", "test/fixtures/quirks", "--out", rel(baseline)]);
  expect(r.code).toBe(0);
  baselineSums = await checksums(baseline);
});

afterAll(async () => {
  await recordCounts("bad-specs", {
    cases: CASES.length,
    errors: CASES.filter((c) => c.outcome === "error").length,
    usage: CASES.filter((c) => c.outcome === "usage").length,
    accepted: accepted.length,
    bugsFound: CASES.filter((c) => c.knownBug).length,
    cliRuns: CASES.filter((c) => c.cli).length,
    seconds: (Date.now() - started) / 1000,
  });
});

describe("the corpus", () => {
  test("has a folder for every case and a case for every folder", async () => {
    const folders = (await readdir(CORPUS, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    expect(folders).toEqual(CASES.map((c) => c.name).sort());
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  });
  test("docs/reliability.md lists every case with its outcome", async () => {
    const doc = await readFile(path.join(ROOT, "docs", "reliability.md"), "utf8");
    for (const c of CASES) expect(doc, c.name).toContain(`| \`${c.name}\` | ${c.outcome} | ${EXIT[c.outcome]} |`);
  });
});

describe.each(CASES)("$name ($outcome)", (c) => {
  test("exits as decided and prints exactly its golden", async () => {
    const dir = await tempDir(`bad-${c.name}`);
    const out = path.join(dir, "out");
    if (c.outcome !== "accepted") await cp(baseline, out, { recursive: true });
    if (c.name === "output-is-a-file") await cp(path.join(CORPUS, c.name, "not-a-folder.txt"), path.join(dir, "not-a-folder.txt"));
    const spec = rel(await specOf(c));
    const args = c.args ? c.args(spec, rel(out), rel(dir)) : ["generate", "--no-config", "--spec", spec, "--out", rel(out)];
    const r = await inProcess(args);
    await expect(golden(c, args, rel(out), r)).toMatchFileSnapshot(path.join(CORPUS, c.name, "expected.txt"));
    expect(r.code).toBe(EXIT[c.outcome]);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace without --debug
    expect(r.stderr).not.toContain("internal error");
    if (c.outcome === "accepted") {
      expect(r.stdout).toMatch(/^whmgen: \d+ functions/m);
      accepted.push({ name: c.name, out });
      await c.check?.(out);
    } else {
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(/^whmgen: error: /);
      expect(r.stderr.trimEnd().split("\n")).toHaveLength(1); // one paragraph
      expect(await checksums(out)).toEqual(baselineSums);
      // Nothing beside it either: no lock, no temporary folder.
      expect((await readdir(dir)).sort()).toEqual(c.name === "output-is-a-file" ? ["not-a-folder.txt", "out"] : ["out"]);
      if (c.name === "output-is-a-file") expect(await readFile(path.join(dir, "not-a-folder.txt"), "utf8")).toBe("not a folder\n");
    }
    if (c.outcome === "accepted") outputs.set(c.name, out);
    if (c.cli) {
      // The real command line, in its own process, says the same and leaves the same bytes.
      const before = await checksums(out);
      const child = await cli(args);
      expect(golden(c, args, rel(out), child)).toBe(golden(c, args, rel(out), r));
      expect(await checksums(out)).toEqual(before);
    }
  });
  if (c.knownBug) {
    test(`found by this case and fixed: ${c.knownBug.what}`, async () => {
      const out = outputs.get(c.name);
      if (!out) throw new Error("the case did not run");
      await c.knownBug!.check(out);
    });
  }
});

describe("after the corpus", () => {
  test("--debug adds the stack to an input error", async () => {
    const r = await inProcess(["generate", "--no-config", "--debug", "--spec", "test/bad-specs/dangling-ref/spec.yaml", "--out", "test/.tmp/never"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^whmgen: error: test\/bad-specs\/dangling-ref\/spec\.yaml at /);
    expect(r.stderr).toMatch(/\n\s+at /);
  });

  test("every accepted output type-checks with strict (one tsc run)", async () => {
    expect(accepted.map((a) => a.name).sort()).toEqual(CASES.filter((c) => c.outcome === "accepted").map((c) => c.name).sort());
    const r = await typecheck(accepted.map((a) => a.out), "bad-specs");
    expect(r.output).toBe("");
    expect(r.code).toBe(0);
  }, 120_000);
});

