/**
 * The command line as a user runs it: help, determinism, --check, atomic writes and errors.
 */
import { readFile, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { checksums, cli, ROOT, tempDir } from "./helpers.js";

const QUIRKS = "test/fixtures/quirks";

describe("help and usage", () => {
  test("whmgen --help lists the commands", async () => {
    const r = await cli(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("generate");
  });
  test("generate --help documents every option", async () => {
    const r = await cli(["generate", "--help"]);
    expect(r.code).toBe(0);
    for (const option of ["--spec PATH", "--out DIR", "--check", "--quiet"]) expect(r.stdout).toContain(option);
  });
  test("an unknown option is a usage error (exit 2)", async () => {
    const r = await cli(["generate", "--sepc", "x"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^whmgen: error: Unknown option '--sepc'/);
  });
  test("an unknown command is a usage error (exit 2)", async () => {
    expect((await cli(["genrate"])).code).toBe(2);
  });
});

describe("generate", () => {
  test("two runs give identical bytes; another output folder changes only the banner's command", async () => {
    const a = await tempDir("det-a");
    const b = await tempDir("det-b");
    const ra = await cli(["generate", "--no-config", "--spec", QUIRKS, "--out", path.join(a, "out")]);
    const first = await checksums(path.join(a, "out"));
    const again = await cli(["generate", "--no-config", "--spec", QUIRKS, "--out", path.join(a, "out")]);
    expect(ra.code).toBe(0);
    expect(again.code).toBe(0);
    expect(Object.keys(first).length).toBeGreaterThan(10);
    expect(await checksums(path.join(a, "out"))).toEqual(first);
    const rb = await cli(["generate", "--no-config", "--spec", QUIRKS, "--out", path.join(b, "out"), "--quiet"]);
    expect(rb.stdout).toBe("");
    for (const file of Object.keys(first)) {
      const ta = (await readFile(path.join(a, "out", file), "utf8")).replaceAll(path.relative(ROOT, a), "DIR");
      const tb = (await readFile(path.join(b, "out", file), "utf8")).replaceAll(path.relative(ROOT, b), "DIR");
      // The digest holds the files' hashes, which differ with the banners: the rest of it must not.
      if (file === ".whmgen/digest.json") expect({ ...JSON.parse(tb), files: null }, file).toEqual({ ...JSON.parse(ta), files: null });
      else expect(tb, file).toBe(ta);
    }
    expect(ra.stdout).toMatch(/^whmgen: 18 functions \(18 described, 0 seeded, 1 skipped\) → \d+ files in .*, WHM API 1 11\.137\.9999\.106, [\d.]+ s\n$/);
    expect(ra.stderr).toContain("whmgen: skipped put_only: only HTTP PUT is described");
  });

  test("no absolute path or timestamp reaches the output", async () => {
    const dir = await tempDir("paths");
    await cli(["generate", "--no-config", "--spec", path.join(ROOT, QUIRKS), "--out", path.join(dir, "out")]);
    for (const file of Object.keys(await checksums(path.join(dir, "out")))) {
      const text = await readFile(path.join(dir, "out", file), "utf8");
      expect(text).not.toContain(ROOT);
      expect(text).not.toContain(new Date().toISOString().slice(0, 10)); // no date of the run (fixed fake-clock dates are fine)
    }
  });

  test("--check passes on fresh output and lists drift", async () => {
    const dir = await tempDir("check");
    const out = path.join(dir, "out");
    await cli(["generate", "--no-config", "--spec", QUIRKS, "--out", out]);
    const ok = await cli(["generate", "--no-config", "--spec", QUIRKS, "--out", out, "--check"]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("is up to date");
    await writeFile(path.join(out, "cphulk.ts"), "// edited by hand\n");
    await writeFile(path.join(out, "stray.ts"), "export {};\n");
    await rm(path.join(out, "catalog.json"));
    const before = await checksums(out);
    const drift = await cli(["generate", "--no-config", "--spec", QUIRKS, "--out", out, "--check"]);
    expect(drift.code).toBe(1);
    expect(drift.stderr).toContain("changed: cphulk.ts");
    expect(drift.stderr).toContain("extra:   stray.ts");
    expect(drift.stderr).toContain("missing: catalog.json");
    expect(await checksums(out)).toEqual(before); // --check writes nothing
  });

  test("files no longer generated are removed", async () => {
    const dir = await tempDir("stale");
    const out = path.join(dir, "out");
    await cli(["generate", "--no-config", "--spec", QUIRKS, "--out", out]);
    await writeFile(path.join(out, "old-category.ts"), "export {};\n");
    await cli(["generate", "--no-config", "--spec", QUIRKS, "--out", out]);
    expect(await readdir(out)).not.toContain("old-category.ts");
    expect((await readdir(dir)).filter((f) => f.startsWith("."))).toEqual([]); // no temp folders or locks left
  });

  test("refuses to replace a folder whmgen did not make", async () => {
    const dir = await tempDir("foreign");
    await writeFile(path.join(dir, "precious.txt"), "keep me");
    const r = await cli(["generate", "--no-config", "--spec", QUIRKS, "--out", dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("refusing to replace a folder that whmgen did not generate");
    expect(await readFile(path.join(dir, "precious.txt"), "utf8")).toBe("keep me");
  });

  test("the project's own specs/ generate exactly the committed generated/", async () => {
    // --full: regenerated and compared, whatever the digest says (test/digest.test.ts has the check by it).
    const r = await cli(["generate", "--check", "--full"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });
});

describe("bad input: one clear paragraph, exit 1, output untouched", () => {
  const cases: [string, string, RegExp][] = [
    ["broken YAML", "test/fixtures/bad/broken.yaml", /^whmgen: error: test\/fixtures\/bad\/broken\.yaml:\d+:\d+: invalid YAML: /],
    ["JSON with a trailing comma", "test/fixtures/bad/trailing-comma.json", /^whmgen: error: test\/fixtures\/bad\/trailing-comma\.json:1:\d+: invalid JSON: /],
    [
      "dangling $ref",
      "test/fixtures/bad/dangling-ref.yaml",
      /^whmgen: error: test\/fixtures\/bad\/dangling-ref\.yaml at \/paths\/~1listaccts\/get\/parameters\/0\/schema: \$ref "#\/components\/schemas\/Missing" points to nothing in this document\n$/,
    ],
    [
      "duplicate function across two documents",
      "test/fixtures/bad/duplicate",
      /^whmgen: error: test\/fixtures\/bad\/duplicate\/b\.yaml at \/paths\/~1Sys~1version\/get: function "version" is described twice: here and in test\/fixtures\/bad\/duplicate\/a\.yaml at \/paths\/~1version\/get\n$/,
    ],
    ["Swagger 2.0", "test/fixtures/bad/swagger2.json", /^whmgen: error: test\/fixtures\/bad\/swagger2\.json at \/swagger: unsupported document version swagger "2\.0"/],
    ["a missing path", "test/fixtures/bad/nope.yaml", /^whmgen: error: test\/fixtures\/bad\/nope\.yaml: spec path does not exist\n$/],
  ];
  test.each(cases)("%s", async (_name, spec, message) => {
    const dir = await tempDir("bad");
    const out = path.join(dir, "out");
    await cli(["generate", "--no-config", "--spec", QUIRKS, "--out", out]);
    const before = await checksums(out);
    const r = await cli(["generate", "--no-config", "--spec", spec, "--out", out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace without --debug
    expect(r.stdout).toBe("");
    expect(await checksums(out)).toEqual(before);
  });
  test("--debug adds the stack", async () => {
    const r = await cli(["generate", "--no-config", "--spec", "test/fixtures/bad/broken.yaml", "--out", "test/.tmp/never", "--debug"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\n\s+at /);
  });
});

