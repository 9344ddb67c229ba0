/**
 * The files other SDKs build on: catalog.json must validate against the published
 * catalog.schema.json, and schemas/<module>.json must be valid JSON Schema 2020-12 documents that
 * hold exactly one schema per catalog function, refuse a wrong flag, and accept what WHM sends.
 *
 * "What WHM sends" is taken from outside the project: the answers cPanel documents in its own
 * per-category OpenAPI documents (read from ../shared/cpanel/official/ beside the project, never
 * copied into it; skipped, saying so, where that folder is absent). Every function there that
 * documents `data` with an example must validate, except the disagreements listed below, which
 * must still fail exactly as described.
 */
import { existsSync } from "node:fs";
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import yaml from "js-yaml";
import { describe, expect, test } from "vitest";
import { ROOT } from "./helpers.js";

const SDKS = [
  ["generated/ (specs/)", path.join(ROOT, "generated")],
  ["quirks golden output", path.join(ROOT, "test", "generator", "__snapshots__", "quirks")],
] as const;

interface CatalogFunction {
  name: string;
  module: string;
  seeded: boolean;
  params: { name: string; required: boolean; kind: string }[];
}

const readJson = async (file: string): Promise<any> => JSON.parse(await readFile(file, "utf8"));

function ajv(): Ajv2020 {
  const a = new Ajv2020({ strict: true, strictRequired: false, allowUnionTypes: true, allErrors: true, validateFormats: false });
  // `format` is an annotation (as JSON Schema 2020-12 has it by default), not checked here.
  // whmgen's annotations: keywords without validation meaning, declared so strict mode accepts them.
  a.addVocabulary(["x-whm-kind", "x-whm-param-kind", "x-whm-encoding", "x-whm-method", "x-whm-body", "x-whm-no-data"]);
  return a;
}

describe.each(SDKS)("%s", (_label, dir) => {
  test("catalog.json validates against catalog.schema.json", async () => {
    const validate = ajv().compile(await readJson(path.join(dir, "catalog.schema.json")));
    const catalog = await readJson(path.join(dir, "catalog.json"));
    expect(validate(catalog), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    // The schema is not a formality: a catalog with a wrong kind is refused.
    const broken = structuredClone(catalog);
    broken.functions[0].params.push({ name: "x", required: false, kind: "no-such-kind" });
    expect(validate(broken)).toBe(false);
  });

  test("schemas/: one document per module, one schema per function, each compiles", async () => {
    const catalog = (await readJson(path.join(dir, "catalog.json"))) as { functions: CatalogFunction[] };
    const modules = [...new Set(catalog.functions.map((f) => f.module))].sort();
    expect((await readdir(path.join(dir, "schemas"))).sort()).toEqual(modules.map((m) => `${m}.json`).sort());
    const a = ajv();
    for (const m of modules) {
      const doc = await readJson(path.join(dir, "schemas", `${m}.json`));
      expect(doc.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
      const names = catalog.functions.filter((f) => f.module === m).map((f) => f.name);
      expect(Object.keys(doc.$defs).sort()).toEqual([...names].sort());
      a.addSchema(doc);
      for (const name of names) {
        expect(a.getSchema(`urn:whmapi1:module:${m}#/$defs/${name}/$defs/params`), `${m}/${name}`).toBeTypeOf("function");
        expect(a.getSchema(`urn:whmapi1:module:${m}#/$defs/${name}/$defs/data`), `${m}/${name}`).toBeTypeOf("function");
      }
    }
  });

  test("params schemas refuse a wrong 0/1 flag, for that flag, in every function that has one", async () => {
    const catalog = (await readJson(path.join(dir, "catalog.json"))) as { functions: CatalogFunction[] };
    const a = ajv();
    for (const m of new Set(catalog.functions.map((f) => f.module))) a.addSchema(await readJson(path.join(dir, "schemas", `${m}.json`)));
    let checked = 0;
    for (const f of catalog.functions) {
      const flag = f.params.find((p) => p.kind === "boolean01");
      if (!flag) continue;
      const validate = a.getSchema(`urn:whmapi1:module:${f.module}#/$defs/${f.name}/$defs/params`)!;
      // Required parameters left out fail too: only errors at the flag itself count.
      const at = `/${flag.name.replaceAll("~", "~0").replaceAll("/", "~1")}`;
      const flagErrors = (value: unknown): string[] => {
        validate({ [flag.name]: value });
        return (validate.errors ?? []).filter((e) => e.instancePath === at).map((e) => e.message ?? "");
      };
      expect(flagErrors(1), `${f.name}.${flag.name} = 1`).toEqual([]);
      expect(flagErrors(2), `${f.name}.${flag.name} = 2`).not.toEqual([]);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });
});

// --- cPanel's documented answers -----------------------------------------------------------

/** cPanel's per-category documents (data, not part of the project): see ../shared/cpanel/README.md. */
const OFFICIAL = path.resolve(ROOT, "..", "shared", "cpanel", "official");

type OpenApiSchema = { [key: string]: unknown };

/**
 * The answer cPanel's documentation shows for a schema, built as its portal builds response
 * samples: a node's `example` stands for the whole node; otherwise an object is its properties'
 * samples, an array one sample item, a union its first member that has one. Fields without any
 * documented example are left out (nothing is invented). `undefined`: no example at all.
 */
function documentedSample(schema: unknown): unknown {
  if (schema === null || typeof schema !== "object") return undefined;
  const s = schema as OpenApiSchema;
  if ("$ref" in s) throw new Error(`$ref in cPanel's document: resolve it here (${String(s["$ref"])})`);
  if ("example" in s) return s["example"];
  for (const key of ["oneOf", "anyOf"]) {
    for (const member of (s[key] as unknown[] | undefined) ?? []) {
      const v = documentedSample(member);
      if (v !== undefined) return v;
    }
  }
  if (Array.isArray(s["allOf"])) {
    const parts = s["allOf"].map(documentedSample).filter((v): v is object => v !== null && typeof v === "object");
    return parts.length ? Object.assign({}, ...parts) : undefined;
  }
  if ("items" in s) {
    const item = documentedSample(s["items"]);
    return item === undefined ? undefined : [item];
  }
  const entries = Object.entries((s["properties"] as Record<string, unknown> | undefined) ?? {}).flatMap(([k, v]) => {
    const sample = documentedSample(v);
    return sample === undefined ? [] : [[k, sample] as const];
  });
  return entries.length ? Object.fromEntries(entries) : undefined;
}

interface Documented {
  name: string;
  file: string;
  /** Whether the 200 answer documents `data`. */
  hasData: boolean;
  sample: unknown;
}

async function documentedFunctions(): Promise<Documented[]> {
  const out: Documented[] = [];
  for (const file of (await readdir(OFFICIAL)).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    const doc = yaml.load(await readFile(path.join(OFFICIAL, file), "utf8")) as { paths: Record<string, Record<string, OpenApiSchema>> };
    for (const [p, item] of Object.entries(doc.paths)) {
      for (const op of Object.values(item)) {
        const responses = op["responses"] as Record<string, { content?: Record<string, { schema?: OpenApiSchema }> }> | undefined;
        const answer = responses?.["200"]?.content?.["application/json"]?.schema;
        const data = (answer?.["properties"] as Record<string, unknown> | undefined)?.["data"];
        out.push({ name: p.slice(p.lastIndexOf("/") + 1), file, hasData: data !== undefined, sample: documentedSample(data) });
      }
    }
  }
  return out;
}

/**
 * Documented answers the data schemas refuse, each for the reason given. The test requires each
 * to fail at exactly these places (so a fix, or a new disagreement, is noticed), and to validate
 * once the value at `corrected` is replaced as shown (so the reason given is the whole reason).
 */
const DISAGREEMENTS: Record<string, { at: string[]; why: string; corrected: [at: (string | number)[], documented: unknown, value: unknown] }> = {
  accountsummary: {
    at: ["/acct/0/min_defer_fail_to_trigger_protection"],
    why:
      "cPanel's example quotes a number ('5'), as WHM does in answers; the SDK's decoders accept quoted numbers (num), " +
      "but the data schemas give a field its nominal wire type (\"unlimited\" or an integer)",
    corrected: [["acct", 0, "min_defer_fail_to_trigger_protection"], "5", 5],
  },
};

/** Paths to every scalar in a value. */
function leaves(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...at, i]));
  if (value !== null && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => leaves(v, [...at, k]));
  return [at];
}

function withValueAt(value: unknown, at: (string | number)[], replacement: unknown): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node = copy;
  for (const key of at.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[at.at(-1)!] = replacement;
  return copy;
}

describe("generated/ data schemas against cPanel's documented answers", () => {
  test("every function of cPanel's documents that documents data with an example validates", async (context) => {
    if (!existsSync(OFFICIAL)) {
      const reason = `${OFFICIAL} is absent: cPanel's documented answers are not checked`;
      console.log(`schemas: skipped: ${reason}`);
      context.skip(reason);
    }
    const dir = path.join(ROOT, "generated");
    const catalog = (await readJson(path.join(dir, "catalog.json"))) as { functions: CatalogFunction[] };
    const a = ajv();
    for (const m of new Set(catalog.functions.map((f) => f.module))) a.addSchema(await readJson(path.join(dir, "schemas", `${m}.json`)));

    const documented = await documentedFunctions();
    const withExample = documented.filter((d) => d.sample !== undefined);
    const refusedAt: Record<string, string[]> = {};
    let leafCount = 0;
    let leavesRefused = 0;
    for (const d of withExample) {
      const fn = catalog.functions.find((f) => f.name === d.name);
      expect(fn, `${d.name} (${d.file}) is not in generated/catalog.json`).toBeDefined();
      const validate = a.getSchema(`urn:whmapi1:module:${fn!.module}#/$defs/${d.name}/$defs/data`)!;
      if (!validate(d.sample)) refusedAt[d.name] = [...new Set((validate.errors ?? []).map((e) => e.instancePath))].sort();
      // Not a vacuous schema: an object where the example has a scalar is refused somewhere.
      const paths = leaves(d.sample);
      const refused = paths.filter((at) => !validate(withValueAt(d.sample, at, { notAScalar: true }))).length;
      expect(refused, `${d.name}: no field of its documented answer is constrained by its data schema`).toBeGreaterThan(0);
      leafCount += paths.length;
      leavesRefused += refused;
    }
    expect(refusedAt).toEqual(Object.fromEntries(Object.entries(DISAGREEMENTS).map(([name, d]) => [name, d.at])));
    for (const [name, { corrected: [at, documented, value] }] of Object.entries(DISAGREEMENTS)) {
      const d = withExample.find((w) => w.name === name)!;
      const validate = a.getSchema(`urn:whmapi1:module:${catalog.functions.find((f) => f.name === name)!.module}#/$defs/${name}/$defs/data`)!;
      expect(at.reduce((node: unknown, key) => (node as Record<string | number, unknown>)[key], d.sample), name).toEqual(documented);
      expect(validate(withValueAt(d.sample, at, value)), `${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }

    const withData = documented.filter((d) => d.hasData);
    console.log(
      `schemas: cPanel's documented answers: ${withExample.length} of ${documented.length} functions in ${new Set(documented.map((d) => d.file)).size} documents ` +
        `(${withData.length} document data, ${withData.length - withExample.length} of them without an example: ` +
        `${withData.filter((d) => d.sample === undefined).map((d) => d.name).join(", ")}); ` +
        `${withExample.length - Object.keys(DISAGREEMENTS).length} validate, ${Object.keys(DISAGREEMENTS).length} known disagreement; ` +
        `${leavesRefused} of ${leafCount} documented fields constrained`,
    );
    expect(withExample.length).toBeGreaterThan(0);
  });
});
