/**
 * `whmgen import` end to end on a small cPanel-form document: facts only, words kept, overlays
 * applied and reported, deterministic, `--check`; then the version-bump path (import an older and
 * a newer document, generate after each, and read the diff and the changelog).
 */
import { cp, readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import yaml from "js-yaml";
import { beforeAll, describe, expect, test } from "vitest";
import { checksums, cli, ROOT, tempDir } from "../helpers.js";

const FIXTURE = path.join(ROOT, "test", "fixtures", "import");

async function project(): Promise<string> {
  const dir = await tempDir("import");
  await cp(path.join(FIXTURE, "overlays"), path.join(dir, "specs", "overlays"), { recursive: true });
  for (const f of ["v1.yaml", "v2.yaml", "words.yaml"]) await cp(path.join(FIXTURE, f), path.join(dir, f));
  return dir;
}

async function spec(dir: string, file: string): Promise<any> {
  return yaml.load(await readFile(path.join(dir, "specs", file), "utf8"));
}

describe("import of one document", () => {
  let dir = "";
  let first: Awaited<ReturnType<typeof cli>>;
  beforeAll(async () => {
    dir = await project();
    first = await cli(["import", "v1.yaml", "--words", "words.yaml", "--no-config"], dir);
  });

  test("writes one document per category and the applist, and reports what it did", async () => {
    expect(first.code, first.stderr).toBe(0);
    expect(await readdir(path.join(dir, "specs"))).toEqual(["applist.json", "overlays", "widgets.yaml"]);
    expect(first.stdout).toContain("added:   list_widgets, make_widget");
    expect(first.stdout).toMatch(/specs imported WHM API 1 11\.136\.0\.1: 2 functions in 1 category documents, 1 corrections applied, 1 vanished/);
    const applist = JSON.parse(await readFile(path.join(dir, "specs", "applist.json"), "utf8"));
    expect(applist.data.app).toEqual(["list_widgets", "make_widget"]);
  });

  test("a correction whose target is gone is named with its place and reason", () => {
    expect(first.stderr).toContain(
      "whmgen: correction no longer applies (its target matches nothing): specs/overlays/fixes.yaml at /actions/1: $.paths['/retired_widget'].get (a correction for a function that no document has any more)",
    );
  });

  test("facts only: no cPanel prose, examples or code samples; refs inlined; null types as nullable", async () => {
    const text = await readFile(path.join(dir, "specs", "widgets.yaml"), "utf8");
    expect(text).not.toMatch(/PROSE|example:|examples:|x-codeSamples|\$ref/);
    const doc = await spec(dir, "widgets.yaml");
    const op = doc.paths["/make_widget"].get;
    expect(op.parameters[1]).toEqual({ name: "size", in: "query", required: false, description: "Size of the widget; the server picks 3 when left out.", schema: { type: "integer", nullable: true, default: 3 } });
    expect(op.responses["200"].content["application/json"].schema.properties.data).toEqual({ type: "object", properties: { name: { type: "string" }, shiny: { type: "integer", enum: [0, 1] } } });
    expect(op["x-cpanel-available-version"]).toBe("WHM 11.120");
    expect(op.externalDocs.url).toBe("https://api.docs.cpanel.net/openapi/whm/operation/make_widget");
    expect(doc["x-tagGroups"]).toEqual([{ name: "Gadgets", tags: ["Widgets"] }]);
  });

  test("the project's words and the overlay's correction are in place", async () => {
    const op = (await spec(dir, "widgets.yaml")).paths["/make_widget"].get;
    expect(op.summary).toBe("Make a widget");
    expect(op.parameters[0]).toMatchObject({ name: "name", description: "Name of the new widget.", "x-whm-multivalue": "indexed" });
  });

  test("a second run changes nothing, and --check agrees", async () => {
    const before = await checksums(path.join(dir, "specs"));
    const again = await cli(["import", "v1.yaml", "--no-config"], dir);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain("specs unchanged: WHM API 1 11.136.0.1");
    expect(await checksums(path.join(dir, "specs"))).toEqual(before);
    const check = await cli(["import", "v1.yaml", "--check", "--no-config"], dir);
    expect(check.code, check.stderr).toBe(0);
  });

  test("words edited in specs/ survive a re-import; an edited fact is drift", async () => {
    const file = path.join(dir, "specs", "widgets.yaml");
    const original = await readFile(file, "utf8");
    await writeFile(file, original.replace("summary: List the widgets", "summary: List every widget"));
    expect((await cli(["import", "v1.yaml", "--check", "--no-config"], dir)).code).toBe(0);
    expect((await cli(["import", "v1.yaml", "--no-config"], dir)).code).toBe(0);
    expect(await readFile(file, "utf8")).toContain("summary: List every widget");

    await writeFile(file, (await readFile(file, "utf8")).replace("default: 3", "default: 4"));
    const drift = await cli(["import", "v1.yaml", "--check", "--no-config"], dir);
    expect(drift.code).toBe(1);
    expect(drift.stderr).toContain("changed: specs/widgets.yaml");
    expect((await cli(["import", "v1.yaml", "--no-config"], dir)).code).toBe(0);
    expect(await readFile(file, "utf8")).toContain("default: 3");
  });

  test("what has no words yet is counted", async () => {
    const other = await project();
    const r = await cli(["import", "v1.yaml", "--no-config"], other);
    expect(r.stdout).toContain("without the project's words: 2 functions, 3 parameters");
  });

  test("a hand-written document describing an imported function is refused, naming it", async () => {
    const other = await project();
    await writeFile(path.join(other, "specs", "mine.yaml"), "openapi: 3.0.3\ninfo: { title: t, version: 11.136.0.1 }\npaths:\n  /make_widget:\n    get:\n      responses: {}\n");
    const r = await cli(["import", "v1.yaml", "--no-config"], other);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('specs/mine.yaml at /paths/~1make_widget: function "make_widget" is described here and would also be imported');
  });

  test("usage errors", async () => {
    const none = await cli(["import", "--no-config"], dir);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("import needs at least one document");
    const missing = await cli(["import", "nope.yaml", "--no-config"], dir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("nope.yaml: spec path does not exist");
  });
});

describe("a version bump: import the older document, then the newer", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await project();
    for (const v of ["v1.yaml", "v2.yaml"]) {
      const imported = await cli(["import", v, "--words", "words.yaml", "--no-config"], dir);
      expect(imported.code, imported.stderr).toBe(0);
      const generated = await cli(["generate", "--no-config", "--spec", "specs", "--out", "sdk"], dir);
      expect(generated.code, `${generated.stderr}after ${v}: ${imported.stdout}${imported.stderr}in ${dir}: ${(await readdir(dir)).join(", ")}`).toBe(0);
      if (v === "v1.yaml") await cp(path.join(dir, "sdk", "catalog.json"), path.join(dir, "v1-catalog.json"));
    }
  });

  test("the changelog names the new function and the new parameter, with a minor bump", async () => {
    const changelog = await readFile(path.join(dir, "sdk", "CHANGELOG.md"), "utf8");
    expect(changelog).toContain("WHM API 1 11.136.0.1 → 11.137.0.1");
    expect(changelog).toContain("**Suggested version bump: minor.**");
    expect(changelog).toContain("- `recolor_widget`: function added");
    expect(changelog).toContain("- `make_widget`: parameter `color` added (optional)");
  });

  test("whmgen diff says the same between the two catalogs", async () => {
    const r = await cli(["diff", "v1-catalog.json", "sdk/catalog.json", "--format", "json"], dir);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.semver).toBe("minor");
    const changes = JSON.stringify(report);
    expect(changes).toContain("recolor_widget");
    expect(changes).toContain("color");
  });

  test("several documents at once: each function from the newest that has it", async () => {
    const other = await project();
    const r = await cli(["import", "v2.yaml", "v1.yaml", "--no-config"], other);
    expect(r.code, r.stderr).toBe(0);
    const doc = await spec(other, "widgets.yaml");
    expect(doc.info.version).toBe("11.137.0.1");
    expect(doc.paths["/make_widget"].get.parameters.map((p: { name: string }) => p.name)).toContain("color");
  });
});
