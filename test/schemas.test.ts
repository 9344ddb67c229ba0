/**
 * The files other SDKs build on: catalog.json must validate against the published
 * catalog.schema.json, and schemas/<module>.json must be valid JSON Schema 2020-12 documents that
 * hold exactly one schema per catalog function, accept what WHM sends (answers of the test double,
 * which synthesises them from the catalog) and refuse what it does not.
 */
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
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

  test("the data schemas accept the test double's answers; params schemas refuse a wrong flag", async () => {
    const testing = (await import(pathToFileURL(path.join(dir, "dist", "testing", "index.js")).href)) as {
      catalog: unknown;
      createFakeEngine: (catalog: unknown, options?: object) => { handle(r: object): Promise<{ kind: string; body?: string }> };
    };
    const catalog = (await readJson(path.join(dir, "catalog.json"))) as { functions: CatalogFunction[] };
    const engine = testing.createFakeEngine(testing.catalog, { seed: 7 });
    const a = ajv();
    for (const m of new Set(catalog.functions.map((f) => f.module))) a.addSchema(await readJson(path.join(dir, "schemas", `${m}.json`)));
    const schema = (f: CatalogFunction, part: "params" | "data"): ValidateFunction =>
      a.getSchema(`urn:whmapi1:module:${f.module}#/$defs/${f.name}/$defs/${part}`)!;
    let answered = 0;
    let refused = 0;
    for (const f of catalog.functions) {
      if (f.seeded || f.params.some((p) => p.required)) continue;
      const reply = await engine.handle({ method: "POST", functionName: f.name, query: [["api.version", "1"]], form: [] });
      if (reply.kind !== "answer") continue;
      const envelope = JSON.parse(reply.body!) as { data?: unknown; metadata: { result: number } };
      if (envelope.metadata.result !== 1 || envelope.data === undefined) continue;
      const validate = schema(f, "data");
      expect(validate(envelope.data), `${f.name}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
      answered++;
    }
    for (const f of catalog.functions) {
      const flag = f.params.find((p) => p.kind === "boolean01");
      if (!flag) continue;
      const validate = schema(f, "params");
      expect(validate({ [flag.name]: 2 }), `${f.name}.${flag.name} = 2`).toBe(false);
      refused++;
    }
    expect(answered).toBeGreaterThan(5);
    expect(refused).toBeGreaterThan(0);
  });
});
