/**
 * The output's digest (.whmgen/digest.json, generator/write/digest.ts): `generate --check` answers
 * from it only when nothing changed, and every kind of change — an input byte, a template,
 * whmgen's code or packages, an output file edited, added or removed, the coverage report, the
 * digest itself — makes the check regenerate and report the drift a regeneration finds.
 */
import { execFile } from "node:child_process";
import { appendFile, cp, mkdir, readFile, readdir, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { build } from "esbuild";
import { beforeAll, describe, expect, test } from "vitest";
import { generate } from "../generator/generate.js";
import { codeFiles, DIGEST_FILE, GENERATE_PACKAGES, generatorDigest, packageVersions, PACKAGE_ROOT } from "../generator/write/digest.js";
import { checksums, cli, ROOT, tempDir, type CliResult } from "./helpers.js";

const run = promisify(execFile);
const QUIRKS = path.join(ROOT, "test", "fixtures", "quirks");
const APPLIST = { data: { app: ["createacct", "listaccts", "version", "not_described"] }, metadata: { command: "applist", reason: "OK", result: 1, version: 1 } };

/** One more document, with a function of its own. */
const MORE = `openapi: 3.0.3
info: { title: WHM API 1, version: 11.137.9999.106 }
paths:
  /extra_function:
    get:
      tags: [Extra]
      responses: { '200': { description: OK } }
`;

/** A spec folder of its own (the quirks fixture and an applist.json) and an output folder beside it, both relative to ROOT. */
async function project(prefix: string): Promise<{ dir: string; specs: string; out: string; args: (...more: string[]) => string[] }> {
  const dir = await tempDir(prefix);
  await cp(QUIRKS, path.join(dir, "specs"), { recursive: true });
  await writeFile(path.join(dir, "specs", "applist.json"), JSON.stringify(APPLIST, null, 2) + "\n");
  const specs = path.relative(ROOT, path.join(dir, "specs"));
  const out = path.relative(ROOT, path.join(dir, "out"));
  return { dir, specs, out, args: (...more) => ["generate", "--no-config", "--spec", specs, "--out", out, ...more] };
}

const BY_DIGEST = /is up to date: .*\(by its digest\)\n$/;
const regenerated = (why: string): RegExp => new RegExp(`is up to date: .*\\(regenerated and compared: ${why.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\)\n`);
/** Standard error holds nothing but the skipped functions (the quirks fixture has one). */
const onlySkipped = (stderr: string): boolean => stderr.split("\n").every((l) => l === "" || l.startsWith("whmgen: skipped "));
const STALE_NOTE = /\.whmgen\/digest\.json is not what generate would write now \(missing, edited, or made from other inputs or by another whmgen\)/;

/** The check up to date by its digest (nothing regenerated). */
async function upToDateByDigest(r: Promise<CliResult>): Promise<void> {
  const result = await r;
  expect(onlySkipped(result.stderr)).toBe(true);
  expect(result.code).toBe(0);
  expect(result.stdout).toMatch(BY_DIGEST);
}

describe("a check of an unchanged output goes by the digest", () => {
  test("the project's generated/: by its committed digest, and the same answer regenerating everything", async () => {
    const quick = await cli(["generate", "--check"]);
    expect(quick.stderr).toBe("");
    expect(quick.stdout, 'generated/.whmgen/digest.json is not current: run "npm run generate" and commit it').toMatch(BY_DIGEST);
    const full = await cli(["generate", "--check", "--full"]);
    expect(full.code).toBe(0);
    expect(full.stdout).toMatch(regenerated("--full"));
    expect(full.stdout).not.toMatch(STALE_NOTE); // the committed digest is what generate writes now
  });

  test("the digest: deterministic, no absolute path, no timestamp, the hashes of the files beside it", async () => {
    const p = await project("digest-det");
    const absolute = ["generate", "--no-config", "--spec", path.join(ROOT, p.specs), "--out", path.join(ROOT, p.out)];
    expect((await cli(absolute)).code).toBe(0);
    const text = await readFile(path.join(ROOT, p.out, DIGEST_FILE), "utf8");
    expect(text).not.toContain(ROOT);
    expect(text).not.toContain(new Date().toISOString().slice(0, 10));
    const digest = JSON.parse(text) as { command: string; inputs: Record<string, string>; files: Record<string, string>; summary: object };
    expect(digest.command).toBe(`whmgen generate --spec ${p.specs} --out ${p.out}`);
    expect(Object.keys(digest.inputs)).toEqual([...["accounts.yaml", "applist.json", "names.yaml", "server.yaml"].map((f) => `${p.specs}/${f}`)]);
    const { [DIGEST_FILE]: _, ...files } = await checksums(path.join(ROOT, p.out));
    expect(digest.files).toEqual(files);
    expect(digest.summary).toEqual({
      specVersion: "11.137.9999.106",
      functions: 18,
      described: 18,
      seeded: 0,
      skipped: [{ name: "put_only", reason: "only HTTP PUT is described; WHM API 1 takes GET or POST" }],
      coverage: "coverage: 3 of 4 applist functions callable, 18 described (0 partly), 0 seeded",
    });
    // A second generation over the first writes the same bytes, digest included.
    const before = await checksums(path.join(ROOT, p.out));
    expect((await cli(absolute)).code).toBe(0);
    expect(await checksums(path.join(ROOT, p.out))).toEqual(before);
  });

  test("the summary a check prints is the generation's, skipped functions included", async () => {
    const p = await project("digest-summary");
    const written = await cli(p.args());
    const check = await cli(p.args("--check"));
    expect(check.stdout).toMatch(BY_DIGEST);
    expect(check.stdout).toMatch(/^whmgen: .* is up to date: 18 functions \(18 described, 0 seeded, 1 skipped\), \d+ files, /);
    expect(check.stdout).toContain(`${(await readdir(path.join(ROOT, p.out), { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).length} files`);
    // Skipped functions are named on standard error, as by a generate.
    expect(check.stderr).toBe(written.stderr);
    expect(check.stderr).toContain("whmgen: skipped put_only");
  });

  test("the API says how it checked", async () => {
    const p = await project("digest-api");
    await generate({ specs: [p.specs], out: p.out, cwd: ROOT });
    const quick = await generate({ specs: [p.specs], out: p.out, cwd: ROOT, check: true });
    expect(quick.checked).toEqual({ by: "digest" });
    expect(quick.drift).toEqual([]);
    expect(quick.functions).toBe(18);
    const full = await generate({ specs: [p.specs], out: p.out, cwd: ROOT, check: true, full: true });
    expect(full.checked).toEqual({ by: "regenerated", miss: "full", digestCurrent: true });
    expect({ ...full, seconds: 0, checked: undefined }).toEqual({ ...quick, seconds: 0, checked: undefined });
  });
});

describe("inputs: any change makes the check regenerate", () => {
  test("a byte of a document that changes the output: the drift is reported", async () => {
    const p = await project("digest-input");
    await upToDate(p);
    const file = path.join(ROOT, p.specs, "server.yaml");
    await writeFile(file, (await readFile(file, "utf8")).replace("summary: cPanel & WHM version", "summary: cPanel & WHM version!"));
    const r = await cli(p.args("--check"));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("changed: catalog.json");
    expect(r.stderr).toContain("changed: server-information.ts");
  });

  test("a byte that changes nothing generated (a comment): regenerated, up to date, and the digest is said to be outdated", async () => {
    const p = await project("digest-comment");
    await upToDate(p);
    await appendFile(path.join(ROOT, p.specs, "names.yaml"), "# a comment\n");
    const r = await cli(p.args("--check"));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(regenerated("the inputs changed"));
    expect(r.stdout).toMatch(STALE_NOTE);
    // generate renews the digest; the next check goes by it again.
    expect((await cli(p.args())).code).toBe(0);
    await upToDateByDigest(cli(p.args("--check")));
  });

  test("a document added to the folder, one removed, applist.json edited", async () => {
    const p = await project("digest-listing");
    await upToDate(p);
    await writeFile(path.join(ROOT, p.specs, "notes.txt"), "not a document: the load does not read it\n");
    await upToDateByDigest(cli(p.args("--check")));
    await writeFile(path.join(ROOT, p.specs, "more.yaml"), MORE);
    const added = await cli(p.args("--check"));
    expect(added.code).toBe(1);
    expect(added.stderr).toContain("changed: catalog.json");
    await rm(path.join(ROOT, p.specs, "more.yaml"));
    await upToDateByDigest(cli(p.args("--check")));
    await rm(path.join(ROOT, p.specs, "names.yaml"));
    const removed = await cli(p.args("--check"));
    expect(removed.code).toBe(1);
    expect(removed.stderr).toContain("changed: catalog.json");
    await cp(path.join(QUIRKS, "names.yaml"), path.join(ROOT, p.specs, "names.yaml"));
    await upToDateByDigest(cli(p.args("--check")));
    await writeFile(path.join(ROOT, p.specs, "applist.json"), JSON.stringify({ ...APPLIST, data: { app: ["createacct"] } }));
    const applist = await cli(p.args("--check"));
    expect(applist.code).toBe(1);
    expect(applist.stderr).toContain("changed: coverage.md");
  });

  test("another command (the banners would differ): regenerated", async () => {
    const p = await project("digest-command");
    await upToDate(p);
    // The same folders named from another working directory: every banner changes.
    const r = await runIn(path.join(ROOT, "bin", "whmgen.js"), ["generate", "--no-config", "--spec", path.join(ROOT, p.specs), "--out", path.join(ROOT, p.out), "--check"], p.dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("changed: index.ts");
  });

  test("a document that refers to another file: no shortcut, every check regenerates", async () => {
    const dir = await tempDir("digest-refs");
    await cp(path.join(ROOT, "test", "bad-specs", "external-ref-local-file"), path.join(dir, "specs"), { recursive: true });
    const args = (...more: string[]) => ["generate", "--no-config", "--spec", path.relative(ROOT, path.join(dir, "specs", "spec.yaml")), "--out", path.relative(ROOT, path.join(dir, "out")), ...more];
    expect((await cli(args())).code).toBe(0);
    expect(JSON.parse(await readFile(path.join(dir, "out", DIGEST_FILE), "utf8")).inputs).toBeNull();
    const r = await cli(args("--check"));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(regenerated("a document refers to other files, which the digest cannot follow"));
    expect(r.stdout).not.toMatch(STALE_NOTE);
    // The referenced file is an input like any other: its change is drift.
    const parts = path.join(dir, "specs", "parts", "parameters.yaml");
    await writeFile(parts, (await readFile(parts, "utf8")).replace("type: string", "type: integer"));
    const drift = await cli(args("--check"));
    expect(drift.code).toBe(1);
    expect(drift.stderr).toContain("changed: catalog.json");
  });
});

describe("the output: any file changed, added or removed makes the check regenerate", () => {
  test("a file edited, added or removed: the drift is reported", async () => {
    const p = await project("digest-output");
    await upToDate(p);
    const out = path.join(ROOT, p.out);
    const original = await readFile(path.join(out, "cphulk.ts"), "utf8");
    await writeFile(path.join(out, "cphulk.ts"), original.replace("export", "export "));
    expect(await driftOf(p)).toEqual(["changed: cphulk.ts"]);
    await writeFile(path.join(out, "cphulk.ts"), original);
    await upToDateByDigest(cli(p.args("--check")));
    await writeFile(path.join(out, "schemas", "stray.json"), "{}\n");
    expect(await driftOf(p)).toEqual(["extra:   schemas/stray.json"]);
    await rm(path.join(out, "schemas", "stray.json"));
    await writeFile(path.join(out, ".whmgen", "other.json"), "{}\n");
    expect(await driftOf(p)).toEqual(["extra:   .whmgen/other.json"]);
    await rm(path.join(out, ".whmgen", "other.json"));
    await rm(path.join(out, "dist", "runtime", "errors.js"));
    expect(await driftOf(p)).toEqual(["missing: dist/runtime/errors.js"]);
    await rm(out, { recursive: true });
    expect((await cli(p.args("--check"))).stdout).toBe("");
  });

  test("the digest edited, removed or not JSON: regenerated, up to date, the digest said to be outdated", async () => {
    const p = await project("digest-self");
    await upToDate(p);
    const file = path.join(ROOT, p.out, DIGEST_FILE);
    const text = await readFile(file, "utf8");
    const digest = JSON.parse(text) as { files: Record<string, string> };
    digest.files["index.ts"] = "0".repeat(64);
    for (const [content, why] of [
      [JSON.stringify(digest), "the files differ from the digest"],
      ["{ not json", "no digest"],
      [JSON.stringify({ ...digest, format: 2 }), "a digest of another format"],
      [undefined, "no digest"],
    ] as const) {
      if (content === undefined) await rm(file);
      else await writeFile(file, content);
      const r = await cli(p.args("--check"));
      expect(r.code, why).toBe(0);
      expect(r.stdout).toMatch(regenerated(why));
      expect(r.stdout).toMatch(STALE_NOTE);
    }
  });

  test("the coverage report: compared with coverage.md, its change is drift", async () => {
    const p = await project("digest-coverage");
    const report = path.relative(ROOT, path.join(p.dir, "coverage-report.md"));
    expect((await cli(p.args("--coverage", report))).code).toBe(0);
    await upToDateByDigest(cli(p.args("--check", "--coverage", report)));
    await appendFile(path.join(ROOT, report), "edited\n");
    const edited = await cli(p.args("--check", "--coverage", report));
    expect(edited.code).toBe(1);
    expect(edited.stderr).toContain(`changed: ${report}`);
    await rm(path.join(ROOT, report));
    const removed = await cli(p.args("--check", "--coverage", report));
    expect(removed.code).toBe(1);
    expect(removed.stderr).toContain(`changed: ${report}`);
    // Without --coverage the report is not looked at.
    await upToDateByDigest(cli(p.args("--check")));
  });

  test("--full without --check is a usage error", async () => {
    expect((await cli(["generate", "--full"])).code).toBe(2);
  });
});

describe("whmgen itself: its templates, code and packages", () => {
  let pkg: string;
  let bin: string;
  /** A copy of the built package (bin, dist, templates, package.json; node_modules linked) to change. */
  beforeAll(async () => {
    pkg = await tempDir("digest-pkg");
    for (const part of ["bin", "dist", "templates", "package.json"]) await cp(path.join(ROOT, part), path.join(pkg, part), { recursive: true });
    await symlink(path.join(ROOT, "node_modules"), path.join(pkg, "node_modules"), "dir");
    bin = path.join(pkg, "bin", "whmgen.js");
  });

  test("the copy hashes like the original", () => {
    expect(generatorDigest(pkg)).toBe(generatorDigest(PACKAGE_ROOT));
  });

  test.each([
    // The SDK carries the runtime and the test double as whmgen's build compiled them (templates/ is their source).
    ["a compiled runtime file", "dist/templates/runtime/errors.js", "\n// changed\n", ["changed: dist/runtime/errors.js", "changed: runtime/errors.js"]],
    ["a compiled test double file", "dist/templates/testing/fake.d.ts", "\n// changed\n", ["changed: dist/testing/fake.d.ts", "changed: testing/fake.d.ts"]],
    ["the SDK README's template", "templates/sdk-readme.md.hbs", "\nchanged\n", ["changed: README.md"]],
  ])("%s (%s): regenerated, the drift reported", async (_what, file, addition, drift) => {
    const p = await project("digest-template");
    await restore(pkg, file, async () => {
      expect((await runIn(bin, p.args())).code).toBe(0);
      await upToDateByDigest(runIn(bin, p.args("--check")));
      await appendFile(path.join(pkg, file), addition);
      const r = await runIn(bin, p.args("--check"));
      expect(r.code).toBe(1);
      expect(r.stderr.split("\n").filter((l) => l.startsWith("  ")).map((l) => l.trim())).toEqual(drift);
    });
  });

  test.each([
    ["a compiled module of the generate path", "dist/generator/emit/print.js"],
    ["the bundle's generate chunk", "BUNDLE"],
    ["a module the generate chunk imports", "CHUNK"],
    ["whmgen's version", "package.json"],
  ])("%s: regenerated (another whmgen), up to date, the digest said to be outdated", async (_what, which) => {
    const file = which === "BUNDLE" ? await generateChunk(pkg) : which === "CHUNK" ? await importedChunk(pkg) : which;
    const p = await project("digest-code");
    await restore(pkg, file, async () => {
      expect((await runIn(bin, p.args())).code).toBe(0);
      await upToDateByDigest(runIn(bin, p.args("--check")));
      const text = await readFile(path.join(pkg, file), "utf8");
      await writeFile(path.join(pkg, file), file === "package.json" ? text.replace(/"version": "[^"]+"/, '"version": "0.0.0-changed"') : `${text}\n// changed\n`);
      const r = await runIn(bin, p.args("--check"));
      expect(onlySkipped(r.stderr)).toBe(true);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(regenerated("another whmgen"));
      expect(r.stdout).toMatch(STALE_NOTE);
    });
  });

  test("code outside the generate path (serve) does not count", async () => {
    const before = generatorDigest(pkg);
    await restore(pkg, "dist/generator/serve/server.js", async () => {
      await appendFile(path.join(pkg, "dist/generator/serve/server.js"), "\n// changed\n");
      expect(generatorDigest(pkg)).toBe(before);
    });
  });

  test("a package the generate path runs, or one it depends on, at another version", async () => {
    const fake = await tempDir("digest-packages");
    const put = async (dir: string, pkgJson: object) => {
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, "package.json"), JSON.stringify(pkgJson));
    };
    await put(path.join(fake, "node_modules", "a"), { name: "a", version: "1.0.0", dependencies: { b: "^1" } });
    await put(path.join(fake, "node_modules", "b"), { name: "b", version: "1.2.0" });
    await put(path.join(fake, "node_modules", "a", "node_modules", "c"), { name: "c", version: "3.0.0" });
    expect(packageVersions(fake, ["a"])).toEqual(["a@1.0.0", "b@1.2.0"]);
    await put(path.join(fake, "node_modules", "a"), { name: "a", version: "1.0.0", dependencies: { b: "^1", c: "^3" } });
    expect(packageVersions(fake, ["a"])).toEqual(["a@1.0.0", "b@1.2.0", "c@3.0.0"]); // c from a's own node_modules
    await put(path.join(fake, "node_modules", "b"), { name: "b", version: "1.2.1" });
    expect(packageVersions(fake, ["a"])).toEqual(["a@1.0.0", "b@1.2.1", "c@3.0.0"]);
    expect(packageVersions(fake, ["missing"])).toEqual(["missing@(not installed)"]);
    // The real ones: each of GENERATE_PACKAGES is installed and counted.
    const real = packageVersions(PACKAGE_ROOT, GENERATE_PACKAGES);
    for (const name of GENERATE_PACKAGES) expect(real.some((p) => p.startsWith(`${name}@`) && !p.endsWith("(not installed)"))).toBe(true);
  });

  test("the modules hashed are every module of the generate path, and its packages are GENERATE_PACKAGES", async () => {
    const entry = path.join(PACKAGE_ROOT, "dist", "generator", "generate.js");
    const result = await build({ entryPoints: [entry], bundle: true, write: false, metafile: true, platform: "node", format: "esm", packages: "external", logLevel: "silent" });
    const modules = Object.keys(result.metafile.inputs).map((f) => path.resolve(f));
    const hashed = new Set(codeFiles(PACKAGE_ROOT).keys());
    for (const m of modules) expect(hashed.has(m), m).toBe(true);
    const packages = new Set<string>();
    for (const input of Object.values(result.metafile.inputs)) {
      for (const i of input.imports) if (i.external && !i.path.startsWith("node:")) packages.add(i.path.startsWith("@") ? i.path.split("/").slice(0, 2).join("/") : i.path.split("/")[0]!);
    }
    // js-yaml is loaded with createRequire (load/read.ts), which a bundler does not follow.
    expect(await readFile(path.join(ROOT, "generator", "load", "read.ts"), "utf8")).toContain('requireHere("js-yaml")');
    packages.add("js-yaml");
    expect([...packages].sort()).toEqual([...GENERATE_PACKAGES].sort());
  });
});

/** Generates, then checks: up to date by the digest. */
async function upToDate(p: { args: (...more: string[]) => string[] }): Promise<void> {
  expect((await cli(p.args())).code).toBe(0);
  await upToDateByDigest(cli(p.args("--check")));
}

/** The drift lines of a check that must regenerate (and exit 1). */
async function driftOf(p: { args: (...more: string[]) => string[] }): Promise<string[]> {
  const r = await cli(p.args("--check"));
  expect(r.code).toBe(1);
  return r.stderr.split("\n").filter((l) => l.startsWith("  ")).map((l) => l.trim());
}

async function runIn(bin: string, args: string[], cwd = ROOT): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { cwd, env: { ...process.env, NO_COLOR: "1" } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : 1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

/** Runs `work`, then puts the package copy's `file` back as it was. */
async function restore(pkg: string, file: string, work: () => Promise<void>): Promise<void> {
  const original = await readFile(path.join(pkg, file));
  try {
    await work();
  } finally {
    await writeFile(path.join(pkg, file), original);
  }
}

/** The bundle's generate chunk, relative to the package. */
async function generateChunk(pkg: string): Promise<string> {
  const name = (await readdir(path.join(pkg, "dist", "bundle"))).find((n) => /^generate-\w+\.js$/.test(n));
  expect(name).toBeDefined();
  return `dist/bundle/${name}`;
}

/** A chunk the generate chunk imports (shared with other verbs), relative to the package. */
async function importedChunk(pkg: string): Promise<string> {
  const text = await readFile(path.join(pkg, await generateChunk(pkg)), "utf8");
  const name = /from\s*"\.\/(chunk-\w+\.js)"/.exec(text)?.[1];
  expect(name).toBeDefined();
  return `dist/bundle/${name}`;
}
