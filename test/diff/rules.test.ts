/**
 * `whmgen diff` on fixture pairs (test/fixtures/diff/<pair>/{old,new}.yaml): golden Markdown and
 * JSON, every rule exercised, the JSON valid against diff.schema.json.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { beforeAll, describe, expect, test } from "vitest";
import { CHANGE_KINDS, diffApis, loadCatalog, renderJson, renderMarkdown, type ApiDiff, type Change } from "../../generator/diff/index.js";
import { ROOT } from "../helpers.js";

const PAIRS = ["functions", "params", "responses"] as const;
type Pair = (typeof PAIRS)[number];

const diffs = new Map<Pair, ApiDiff>();

async function diffPair(pair: Pair, reverse = false): Promise<ApiDiff> {
  const dir = `test/fixtures/diff/${pair}`;
  const [a, b] = await Promise.all([loadCatalog(`${dir}/old.yaml`, ROOT), loadCatalog(`${dir}/new.yaml`, ROOT)]);
  return reverse ? diffApis(b, a) : diffApis(a, b);
}

beforeAll(async () => {
  for (const pair of PAIRS) diffs.set(pair, await diffPair(pair));
});

/** `function kind path severity`, one string per change: compact to assert on. */
function rows(pair: Pair): string[] {
  return diffs.get(pair)!.changes.map((c: Change) => [c.function, c.kind, c.path ?? "-", c.severity].join(" "));
}

describe("golden reports", () => {
  test.each(PAIRS)("%s: Markdown and JSON", async (pair) => {
    const diff = diffs.get(pair)!;
    await expect(renderMarkdown(diff)).toMatchFileSnapshot(`__snapshots__/${pair}.md`);
    await expect(renderJson(diff)).toMatchFileSnapshot(`__snapshots__/${pair}.json`);
  });
});

describe("rules", () => {
  test("functions: added, removed, (un)deprecated, method, body, export, module, open parameters", () => {
    expect(rows("functions")).toEqual([
      "a-b export-renamed - breaking",
      "a_b function-added - compatible",
      "added_fn function-added - compatible",
      "closing_fn params-closed - breaking",
      "getinfo function-deprecated - info",
      "moved_fn module-changed - breaking",
      "oldthing function-undeprecated - info",
      "opening_fn params-opened - compatible",
      "removed_fn function-removed - breaking",
      "setmode method-changed - breaking",
      "upload_thing body-changed - breaking",
    ]);
    expect(diffs.get("functions")!.semver).toBe("major");
  });

  test("parameters: presence, required-ness, kind, type, enum values, deprecation, nested properties", () => {
    expect(rows("params")).toEqual([
      'creatething param-kind-changed ["cpanel.function"] breaking',
      "creatething param-type-changed add_null compatible",
      "creatething param-added added_opt compatible",
      "creatething param-added added_req breaking",
      "creatething param-deprecated dep info",
      "creatething param-enum-added enum_both compatible",
      "creatething param-enum-removed enum_both breaking",
      "creatething param-enum-removed enum_less breaking",
      "creatething param-enum-added enum_more compatible",
      "creatething param-kind-changed enum_to_string compatible",
      "creatething param-kind-changed flag breaking",
      "creatething param-removed gone breaking",
      "creatething param-optional made_opt compatible",
      "creatething param-required made_req breaking",
      "creatething param-kind-changed multi breaking",
      "creatething param-enum-added opts.class compatible",
      "creatething param-added opts.comment compatible",
      "creatething param-removed opts.old breaking",
      "creatething param-added opts.serial breaking",
      "creatething param-type-changed opts.tags{} compatible",
      "creatething param-type-changed opts.ttl compatible",
      "creatething param-required records[].name breaking",
      "creatething param-type-changed records[].ttl breaking",
      "creatething param-kind-changed single_to_multi compatible",
      "creatething param-kind-changed str_to_int breaking",
      "creatething param-kind-changed to_integer breaking",
      "creatething param-kind-changed to_number compatible",
      "creatething param-undeprecated undep info",
      "creatething param-type-changed union_narrow breaking",
      "creatething param-kind-changed widen_int compatible",
    ]);
  });

  test("response fields: presence, required-ness, type, enum values, maps, metadata, data itself", () => {
    expect(rows("responses")).toEqual([
      "data_to_nodata field-removed data breaking",
      "listthings field-added data.acct[].created compatible",
      "listthings field-type-changed data.acct[].diskused breaking",
      "listthings field-type-changed data.acct[].email breaking",
      "listthings field-type-changed data.acct[].maybe compatible",
      "listthings field-deprecated data.acct[].old_dep info",
      "listthings field-required data.acct[].opt compatible",
      "listthings field-enum-removed data.acct[].plan compatible",
      "listthings field-optional data.acct[].req breaking",
      "listthings field-enum-added data.acct[].state breaking",
      "listthings field-removed data.acct[].suspended breaking",
      "listthings field-undeprecated data.acct[].was_dep info",
      "listthings field-added data.extra{} compatible",
      "listthings field-removed data.gone_map{} breaking",
      "listthings field-type-changed data.limits{} breaking",
      "nodata_to_data field-added data compatible",
      "rooted_array field-type-changed data[].x breaking",
      "two_shapes field-type-changed data breaking",
      "typed_to_unknown field-type-changed data breaking",
      "unknown_to_typed field-type-changed data compatible",
      "update_thing field-removed metadata.signature breaking",
      "update_thing field-added metadata.user compatible",
      "wrapped field-type-changed data breaking",
      "wrapped field-added data.b compatible",
    ]);
  });

  test("the fixtures exercise every kind of change, each severity a kind can have", () => {
    const seen = new Set<string>();
    for (const diff of diffs.values()) for (const c of diff.changes) seen.add(c.kind);
    expect([...CHANGE_KINDS].filter((k) => !seen.has(k))).toEqual([]);
  });

  test("what is not part of the API is not reported: summaries, formats, parameter location after a method change", () => {
    const all = [...diffs.values()].flatMap((d) => d.changes);
    expect(all.filter((c) => c.function === "unchanged_fn")).toEqual([]);
    expect(all.filter((c) => c.path === "format_only")).toEqual([]);
    expect(all.filter((c) => c.function === "setmode").map((c) => c.kind)).toEqual(["method-changed"]);
  });

  test("enum changes carry their values; type changes carry from and to", () => {
    const changes = diffs.get("params")!.changes;
    const at = (kind: string, p: string): Change => changes.find((c) => c.kind === kind && c.path === p)!;
    expect(at("param-enum-added", "enum_both").values).toEqual(["c"]);
    expect(at("param-enum-removed", "enum_both").values).toEqual(["a"]);
    expect(at("param-kind-changed", "widen_int")).toMatchObject({ from: "integer", to: "union" });
    expect(at("param-kind-changed", "multi")).toMatchObject({ from: "array-repeated", to: "array-indexed" });
    expect(at("param-type-changed", "add_null")).toMatchObject({ from: 'integer | "unlimited"', to: 'integer | null | "unlimited"' });
  });

  test("reversing the inputs turns additions into removals", async () => {
    const back = await diffPair("functions", true);
    const kinds = back.changes.map((c) => `${c.function} ${c.kind}`);
    expect(kinds).toContain("added_fn function-removed");
    expect(kinds).toContain("removed_fn function-added");
    expect(kinds).toContain("getinfo function-undeprecated");
  });

  test("the same inputs give the same bytes", async () => {
    const again = await diffPair("params");
    expect(renderJson(again)).toBe(renderJson(diffs.get("params")!));
    expect(renderMarkdown(again)).toBe(renderMarkdown(diffs.get("params")!));
  });
});

describe("JSON format", () => {
  test("every report validates against diff.schema.json, and the schema lists exactly the kinds", async () => {
    const schema = JSON.parse(await readFile(path.join(ROOT, "generator", "diff", "diff.schema.json"), "utf8")) as {
      $defs: { change: { properties: { kind: { enum: string[] } } } };
    };
    expect(schema.$defs.change.properties.kind.enum).toEqual([...CHANGE_KINDS]);
    const validate = new Ajv2020({ strict: true, strictRequired: false, allowUnionTypes: true, allErrors: true }).compile(schema);
    for (const [pair, diff] of diffs) {
      const ok = validate(JSON.parse(renderJson(diff)));
      expect(validate.errors ?? [], pair).toEqual([]);
      expect(ok).toBe(true);
    }
    const empty = diffApis(await loadCatalog("test/fixtures/diff/params/old.yaml", ROOT), await loadCatalog("test/fixtures/diff/params/old.yaml", ROOT));
    expect(validate(JSON.parse(renderJson(empty)))).toBe(true);
  });

  test("the schema rejects what the format forbids", async () => {
    const schema = JSON.parse(await readFile(path.join(ROOT, "generator", "diff", "diff.schema.json"), "utf8")) as object;
    const validate = new Ajv2020({ strict: true, strictRequired: false, allowUnionTypes: true }).compile(schema);
    const base = JSON.parse(renderJson(diffs.get("functions")!)) as { changes: Record<string, unknown>[] };
    const bad = (edit: (c: Record<string, unknown>) => void, index = 0): boolean => {
      const copy = structuredClone(base);
      edit(copy.changes[index]!);
      return validate(copy);
    };
    expect(bad(() => {})).toBe(true);
    expect(bad((c) => (c["kind"] = "renamed"))).toBe(false);
    expect(bad((c) => (c["path"] = "x"))).toBe(false); // function-level changes have no path
    expect(bad((c) => delete c["from"])).toBe(false); // export-renamed carries from/to
    expect(bad((c) => (c["extra"] = 1))).toBe(false);
  });
});
