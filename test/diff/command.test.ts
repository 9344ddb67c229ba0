/**
 * `whmgen diff` as a command: options, formats, exit codes, and either side given as specs
 * (file or folder) or as a catalog.json.
 */
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import yaml from "js-yaml";
import { beforeAll, describe, expect, test } from "vitest";
import { diffCommand } from "../../generator/diff/command.js";
import { diffApis, loadCatalog, renderJson, type CatalogLike } from "../../generator/diff/index.js";
import { catalogJson } from "../../generator/emit/catalog.js";
import { planApi } from "../../generator/emit/plan.js";
import { UsageError, WhmgenError } from "../../generator/errors.js";
import { loadSpecs } from "../../generator/load/index.js";
import { ROOT, tempDir } from "../helpers.js";

const FUNCTIONS = path.join(ROOT, "test/fixtures/diff/functions");
const OLD = path.join(FUNCTIONS, "old.yaml");
const NEW = path.join(FUNCTIONS, "new.yaml");

interface Run {
  code: number;
  out: string;
  err: string;
}

async function run(...args: string[]): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await diffCommand(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

let dir: string;
/** Two catalogs that differ by one added function: compatible changes only. */
let additionOnly: [string, string];

beforeAll(async () => {
  dir = await tempDir("diff");
  const base = JSON.parse(await readFile(path.join(ROOT, "test/generator/__snapshots__/quirks/catalog.json"), "utf8")) as CatalogLike;
  const fewer = { ...base, functions: base.functions.filter((f) => f.name !== "listaccts") };
  additionOnly = [path.join(dir, "fewer.json"), path.join(dir, "catalog.json")];
  await writeFile(additionOnly[0], JSON.stringify(fewer));
  await writeFile(additionOnly[1], JSON.stringify(base));
});

describe("exit codes", () => {
  test.each<[string, { args: () => string[]; want: number }]>([
    ["breaking changes, default --fail-on none", { args: () => [OLD, NEW], want: 0 }],
    ["breaking changes, --fail-on breaking", { args: () => [OLD, NEW, "--fail-on", "breaking"], want: 1 }],
    ["breaking changes, --fail-on any", { args: () => [OLD, NEW, "--fail-on", "any"], want: 1 }],
    ["breaking changes, --fail-on none", { args: () => [OLD, NEW, "--fail-on=none"], want: 0 }],
    ["compatible changes only, --fail-on breaking", { args: () => [...additionOnly, "--fail-on", "breaking"], want: 0 }],
    ["compatible changes only, --fail-on any", { args: () => [...additionOnly, "--fail-on", "any"], want: 1 }],
    ["no changes, --fail-on any", { args: () => [OLD, OLD, "--fail-on", "any"], want: 0 }],
  ])("%s → %#", async (_name, { args, want }) => {
    expect((await run(...args())).code).toBe(want);
  });
});

describe("formats", () => {
  test("Markdown by default", async () => {
    const r = await run(OLD, NEW);
    expect(r.out).toMatch(/^## WHM API 1 11\.130\.0\.1 → 11\.132\.0\.4\n\n\*\*Suggested version bump: major\.\*\* 6 breaking, 3 compatible, 2 deprecation notes, in 11 functions\.\n/);
    expect(r.out).toContain("\n### Breaking\n");
    expect(r.err).toBe("");
  });

  test("--format json prints the documented JSON", async () => {
    const r = await run("--format", "json", OLD, NEW);
    const expected = renderJson(diffApis(await loadCatalog(OLD), await loadCatalog(NEW)));
    expect(r.out + "\n").toBe(expected);
    expect(JSON.parse(r.out)).toMatchObject({ formatVersion: 1, semver: "major", summary: { breaking: 6, compatible: 3, info: 2, functions: 11 } });
  });

  test("no changes: bump none", async () => {
    const r = await run(OLD, OLD);
    expect(r.out).toBe("## WHM API 1 11.130.0.1 → 11.130.0.1\n\n**Suggested version bump: none.** No changes.");
  });
});

describe("inputs", () => {
  test("a spec folder against the catalog.json generated from it: no changes", async () => {
    const catalog = path.join(dir, "specs-catalog.json");
    await writeFile(catalog, catalogJson(planApi(await loadSpecs(["specs"], { cwd: ROOT }))));
    const r = await run(path.join(ROOT, "specs"), catalog, "--format", "json", "--fail-on", "any");
    expect(JSON.parse(r.out)).toMatchObject({ semver: "none", changes: [] });
    expect(r.code).toBe(0);
  });

  test("the quirks fixture against its golden catalog.json (detected by file name)", async () => {
    const r = await run(path.join(ROOT, "test/fixtures/quirks"), path.join(ROOT, "test/generator/__snapshots__/quirks/catalog.json"), "--fail-on", "any");
    expect(r.out).toContain("No changes.");
    expect(r.code).toBe(0);
  });

  test("a generated SDK folder is read through its catalog.json, not as specs", async () => {
    const r = await run(path.join(ROOT, "test/generator/__snapshots__/quirks"), path.join(ROOT, "test/fixtures/quirks"), "--fail-on", "any");
    expect(r.out).toContain("No changes.");
    expect(r.code).toBe(0);
  });

  test('a catalog under another name is recognised by "generator": "whmgen"', async () => {
    const renamed = path.join(dir, "quirks-api.json");
    await copyFile(path.join(ROOT, "test/generator/__snapshots__/quirks/catalog.json"), renamed);
    const r = await run("--fail-on", "any", renamed, path.join(ROOT, "test/fixtures/quirks"));
    expect(r.code).toBe(0);
  });

  test("a JSON OpenAPI document is read as a spec, not as a catalog", async () => {
    const asJson = path.join(dir, "old.json");
    await writeFile(asJson, JSON.stringify(yaml.load(await readFile(OLD, "utf8"))));
    const r = await run(asJson, OLD, "--fail-on", "any");
    expect(r.out).toContain("No changes.");
  });

  test("a catalog of another formatVersion is refused, naming the file and the place", async () => {
    const future = path.join(dir, "catalog-v2", "catalog.json");
    await mkdir(path.dirname(future), { recursive: true });
    await writeFile(future, JSON.stringify({ formatVersion: 2, generator: "whmgen", specVersion: "1", functions: [] }));
    const error = await diffCommand([future, OLD], { out: () => {}, err: () => {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WhmgenError);
    expect((error as WhmgenError).message).toMatch(/catalog-v2\/catalog\.json at \/formatVersion: catalog formatVersion 2 is not supported \(this whmgen reads 1\)$/);
  });

  test("a missing input is an input error (exit 1 through the CLI)", async () => {
    const error = await diffCommand([path.join(dir, "nope.yaml"), OLD], { out: () => {}, err: () => {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WhmgenError);
    expect((error as WhmgenError).exitCode).toBe(1);
  });
});

describe("usage", () => {
  test("--help prints the usage and returns 0", async () => {
    const r = await run("--help");
    expect(r.code).toBe(0);
    for (const text of ["whmgen diff OLD NEW", "--format md|json", "--fail-on breaking|any|none", "Exit codes"]) expect(r.out).toContain(text);
  });

  test.each<[string, string[], RegExp]>([
    ["no inputs", [], /two inputs, OLD and NEW; got 0/],
    ["one input", [OLD], /got 1/],
    ["three inputs", [OLD, NEW, NEW], /got 3/],
    ["unknown format", [OLD, NEW, "--format", "html"], /--format must be one of md, json; got "html"/],
    ["unknown threshold", [OLD, NEW, "--fail-on", "some"], /--fail-on must be one of breaking, any, none; got "some"/],
    ["unknown option", [OLD, NEW, "--fial-on", "any"], /Unknown option '--fial-on'/],
    ["option without its value", [OLD, NEW, "--format"], /--format/],
  ])("%s is a usage error (exit 2)", async (_name, args, message) => {
    const error = await diffCommand(args, { out: () => {}, err: () => {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    expect((error as UsageError).message).toMatch(message);
  });
});
