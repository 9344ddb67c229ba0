#!/usr/bin/env node
/**
 * `npm run bench` (issue 7): synthesises WHM-shaped documents, times whole-process whmgen against
 * openapi-typescript, orval and @hey-api/openapi-ts, measures the generated decoder and the
 * type-check cost of the output, profiles whmgen once, and writes bench/RESULTS.md.
 *
 *   node bench/run.mjs [--runs N] [--big-runs N] [--iterations N] [--tsc-runs N] [--quick] [--no-build]
 *
 * Everything it makes lives in bench/.work/ (git-ignored). The peers are installed into
 * bench/node_modules from bench/package-lock.json on first use.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { cp, mkdir, readFile, readdir, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(BENCH);
const WORK = path.join(BENCH, ".work");
/** A snapshot of the built whmgen, so a rebuild in the working tree cannot change it mid-run. */
const SNAPSHOT = path.join(WORK, "whmgen");
const SIZES = [625, 2500, 6250];
const BASE = 625;
const ACCOUNTS = 10_000;

const { values: opt } = parseArgs({
  options: {
    runs: { type: "string" },
    "big-runs": { type: "string" },
    iterations: { type: "string" },
    "tsc-runs": { type: "string" },
    quick: { type: "boolean" },
    "no-build": { type: "boolean" },
  },
});
const quick = opt.quick === true;
const RUNS = Number(opt.runs ?? (quick ? 2 : 5));
const BIG_RUNS = Number(opt["big-runs"] ?? (quick ? 1 : RUNS));
const ITERATIONS = Number(opt.iterations ?? (quick ? 5 : 15));
const TSC_RUNS = Number(opt["tsc-runs"] ?? (quick ? 2 : 7));

const started = Date.now();
const log = (line) => process.stdout.write(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);

function sh(command, args, cwd, what) {
  const r = spawnSync(command, args, { cwd, stdio: "inherit", env: { ...process.env, SCARF_ANALYTICS: "false" } });
  if (r.status !== 0) throw new Error(`${what} failed (${command} ${args.join(" ")})`);
}

// ---------------------------------------------------------------- preparation

function prepare() {
  for (const dep of ["ts-morph", "typescript", "typescript7"]) {
    if (!existsSync(path.join(ROOT, "node_modules", dep))) throw new Error(`whmgen's own dependencies are missing (${dep}); run \`npm ci\` in ${ROOT} first`);
  }
  if (!existsSync(path.join(BENCH, "node_modules", ".package-lock.json"))) {
    log("installing the peers into bench/node_modules (npm ci --prefix bench)");
    // --ignore-scripts: esbuild ships its binary as an optional package; no telemetry postinstalls.
    sh("npm", ["ci", "--prefix", BENCH, "--no-audit", "--no-fund", "--ignore-scripts"], ROOT, "npm ci in bench/");
  }
  if (!opt["no-build"]) {
    log("building whmgen (npm run build)");
    sh("npm", ["run", "--silent", "build"], ROOT, "npm run build");
  }
}

async function snapshot() {
  await rm(SNAPSHOT, { recursive: true, force: true });
  await mkdir(SNAPSHOT, { recursive: true });
  for (const part of ["bin", "dist", "templates", "package.json"]) await cp(path.join(ROOT, part), path.join(SNAPSHOT, part), { recursive: true });
  await symlink(path.join(ROOT, "node_modules"), path.join(SNAPSHOT, "node_modules"), "dir");
  log(`measuring a snapshot of the build in ${path.relative(ROOT, SNAPSHOT)}/`);
}

const { synthesizeDocument, toYaml, listacctsAnswer } = await import("./synth.mjs");
const { memorySource, rotate, summary, timeProcess } = await import("./harness.mjs");

async function synthesize() {
  await mkdir(path.join(WORK, "specs"), { recursive: true });
  const docs = {};
  for (const n of SIZES) {
    const { doc, stats } = synthesizeDocument({ functions: n });
    const text = toYaml(doc);
    const file = path.join(WORK, "specs", `whm-${n}.yaml`);
    await writeFile(file, text);
    docs[n] = { file, bytes: Buffer.byteLength(text), sha: createHash("sha256").update(text).digest("hex").slice(0, 12), ...stats };
    log(`synthesised ${n} functions: ${(docs[n].bytes / 1e6).toFixed(2)} MB, ${stats.params} parameters (${stats.bool01Params} 0/1 flags)`);
  }
  const answer = path.join(WORK, `listaccts-${ACCOUNTS}.json`);
  await writeFile(answer, listacctsAnswer(ACCOUNTS));
  return { docs, answer };
}

function version(dir) {
  return JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")).version;
}

// ---------------------------------------------------------------- the tools

function binOf(pkg) {
  const dir = path.join(BENCH, "node_modules", pkg);
  const json = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8"));
  const bin = typeof json.bin === "string" ? json.bin : Object.values(json.bin)[0];
  return { bin: path.join(dir, bin), version: json.version };
}

function tools() {
  const oat = binOf("openapi-typescript");
  const orval = binOf("orval");
  const hey = binOf("@hey-api/openapi-ts");
  const cwd = path.join(WORK, "cwd");
  return [
    // Run from an empty folder, like the peers: no whmgen.config.json is picked up.
    { name: "whmgen", cwd, argv: (doc, out) => [path.join(SNAPSHOT, "bin", "whmgen.js"), "generate", "--spec", doc, "--out", out, "--quiet"] },
    // The same with every document left to js-yaml (no fast-yaml): what the hand-written reader saves.
    { name: "whmgen, js-yaml only", variant: true, env: { WHMGEN_YAML: "js-yaml" }, cwd, argv: (doc, out) => [path.join(SNAPSHOT, "bin", "whmgen.js"), "generate", "--spec", doc, "--out", out, "--quiet"] },
    { name: "openapi-typescript", version: oat.version, cwd, argv: (doc, out) => [oat.bin, doc, "-o", path.join(out, "schema.ts")] },
    { name: "orval", version: orval.version, cwd, argv: (doc, out) => [orval.bin, "-i", doc, "-o", path.join(out, "api.ts"), "--client", "fetch"] },
    { name: "@hey-api/openapi-ts", version: hey.version, cwd, argv: (doc, out) => [hey.bin, "-i", doc, "-o", out] },
  ];
}

const outDir = (tool, n) => path.join(WORK, "out", `${tool.name.replace(/[@/, ]/g, "")}-${n}`);

/** One cold run: the output folder is removed first (not timed). */
async function runTool(tool, doc, n) {
  const out = outDir(tool, n);
  await rm(out, { recursive: true, force: true });
  const r = await timeProcess(process.execPath, tool.argv(doc, out), { cwd: tool.cwd, env: tool.env });
  if (r.code !== 0) throw new Error(`${tool.name} failed on ${path.basename(doc)} (exit ${r.code}):\n${r.stderr}`);
  return r;
}

/** whmgen and the peers on the 625-function document, alternating, order rotating per round. */
async function timePeers(list, docs) {
  const results = Object.fromEntries(list.map((t) => [t.name, []]));
  for (let round = 0; round <= RUNS; round++) {
    for (const tool of rotate(list, round)) {
      const r = await runTool(tool, docs[BASE].file, BASE);
      if (round > 0) results[tool.name].push(r);
      log(`${round === 0 ? "warm-up" : `round ${round}/${RUNS}`}: ${tool.name} ${r.wall.toFixed(2)} s, ${(r.rssKiB / 1024).toFixed(0)} MiB`);
    }
  }
  return results;
}

async function timeSizes(whmgen, docs) {
  const results = {};
  for (const n of SIZES.filter((s) => s !== BASE)) {
    const runs = n >= 6250 ? BIG_RUNS : RUNS;
    results[n] = [];
    for (let i = 0; i <= runs; i++) {
      const r = await runTool(whmgen, docs[n].file, n);
      if (i > 0) results[n].push(r);
      log(`whmgen ${n}: ${i === 0 ? "warm-up" : `run ${i}/${runs}`} ${r.wall.toFixed(2)} s, ${(r.rssKiB / 1024).toFixed(0)} MiB`);
    }
  }
  return results;
}

/**
 * The users' own loop (issue 13): a cold generate, and `generate --check` of the SDK it wrote (up
 * to date: answered by the output's digest), for the synthesised document and for the project's
 * own specs/ (a folder of per-category documents with applist.json), alternating, order rotating.
 * `--check --full` (regenerate and compare, as every check did before the digest) runs beside them.
 */
async function timeCheck(docs) {
  const bin = path.join(SNAPSHOT, "bin", "whmgen.js");
  const cwd = path.join(WORK, "cwd");
  const specs = path.join(ROOT, "specs");
  const sdk = path.join(WORK, "out", "whmgen-loop");
  const own = path.join(WORK, "out", "whmgen-specs");
  const cases = [
    { label: `generate, ${BASE} functions`, out: sdk, argv: [bin, "generate", "--spec", docs[BASE].file, "--out", sdk, "--quiet"] },
    { label: `generate --check, ${BASE} functions`, argv: [bin, "generate", "--spec", docs[BASE].file, "--out", sdk, "--quiet", "--check"] },
    { label: `generate --check --full, ${BASE} functions`, argv: [bin, "generate", "--spec", docs[BASE].file, "--out", sdk, "--quiet", "--check", "--full"] },
    { label: "generate, specs/", out: own, argv: [bin, "generate", "--spec", specs, "--out", own, "--quiet"] },
    { label: "generate --check, specs/", argv: [bin, "generate", "--spec", specs, "--out", own, "--quiet", "--check"] },
    { label: "generate --check --full, specs/", argv: [bin, "generate", "--spec", specs, "--out", own, "--quiet", "--check", "--full"] },
  ];
  // Both outputs exist before the first check, and each check answers the way it is labelled.
  for (const c of cases.filter((c) => c.out)) sh(process.execPath, c.argv, cwd, c.label);
  for (const c of cases.filter((c) => !c.out)) {
    const r = spawnSync(process.execPath, c.argv.filter((a) => a !== "--quiet"), { cwd, encoding: "utf8" });
    const by = c.argv.includes("--full") ? "(regenerated and compared: --full)" : "(by its digest)";
    if (r.status !== 0 || !r.stdout.includes(by)) throw new Error(`${c.label}: expected an up-to-date answer ${by}, got exit ${r.status}:\n${r.stdout}${r.stderr}`);
  }
  const results = Object.fromEntries(cases.map((c) => [c.label, []]));
  for (let round = 0; round <= RUNS; round++) {
    for (const c of rotate(cases, round)) {
      if (c.out) await rm(c.out, { recursive: true, force: true });
      const r = await timeProcess(process.execPath, c.argv, { cwd });
      if (r.code !== 0) throw new Error(`${c.label} failed (exit ${r.code}):\n${r.stderr}`);
      if (round > 0) results[c.label].push(r);
    }
    log(`generate and --check: ${round === 0 ? "warm-up" : `round ${round}/${RUNS}`} done`);
  }
  const files = (await readdir(path.join(ROOT, "specs"))).filter((f) => /\.ya?ml$/.test(f));
  let bytes = 0;
  for (const f of files) bytes += (await readFile(path.join(ROOT, "specs", f))).length;
  return { results, specs: { files: files.length, bytes } };
}

/** What any Node generator pays before its own work (DESIGN.md's floors), alternating. */
async function floors(docs) {
  const doc = JSON.stringify(docs[BASE].file);
  const cases = [
    ["node start (`node -e 0`)", ["-e", "0"]],
    ["import ts-morph from ESM", ["--input-type=module", "-e", "await import('ts-morph')"]],
    [`read + parse the ${BASE}-function YAML with js-yaml ${version(path.join(ROOT, "node_modules", "js-yaml"))}`, ["--input-type=module", "-e", `import yaml from 'js-yaml'; import { readFileSync } from 'node:fs'; yaml.load(readFileSync(${doc}, 'utf8'), { schema: yaml.CORE_SCHEMA });`]],
    [
      `read + parse the ${BASE}-function YAML with yaml ${version(path.join(BENCH, "node_modules", "yaml"))} (core schema, merge keys)`,
      ["--input-type=module", "-e", `import { parse } from ${JSON.stringify(pathToFileURL(path.join(BENCH, "node_modules", "yaml", "dist", "index.js")).href)}; import { readFileSync } from 'node:fs'; parse(readFileSync(${doc}, 'utf8'), { schema: 'core', merge: true, maxAliasCount: -1 });`],
    ],
    [
      `read + parse the ${BASE}-function YAML with whmgen's fast-yaml (generator/load/fast-yaml.ts)`,
      ["--input-type=module", "-e", `import { fastYaml } from ${JSON.stringify(pathToFileURL(path.join(SNAPSHOT, "dist", "generator", "load", "fast-yaml.js")).href)}; import { readFileSync } from 'node:fs'; if (!fastYaml(readFileSync(${doc}, 'utf8'))) process.exit(3);`],
    ],
  ];
  const results = Object.fromEntries(cases.map(([label]) => [label, []]));
  for (let round = 0; round <= RUNS; round++) {
    for (const [label, args] of rotate(cases, round)) {
      const r = await timeProcess(process.execPath, args, { cwd: ROOT });
      if (r.code !== 0) throw new Error(`floor "${label}" failed:\n${r.stderr}`);
      if (round > 0) results[label].push(r);
    }
  }
  log("floors measured");
  return results;
}

// ---------------------------------------------------------------- decoder

async function transpileSdk(src, dest) {
  const ts = (await import("typescript")).default;
  await rm(dest, { recursive: true, force: true });
  const walk = async (rel) => {
    for (const e of await readdir(path.join(src, rel), { withFileTypes: true })) {
      const child = path.join(rel, e.name);
      if (e.isDirectory()) await walk(child);
      else if (e.name.endsWith(".ts")) {
        const text = await readFile(path.join(src, child), "utf8");
        const js = ts.transpileModule(text, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
        await mkdir(path.dirname(path.join(dest, child)), { recursive: true });
        await writeFile(path.join(dest, child.replace(/\.ts$/, ".js")), js);
      }
    }
  };
  await walk("");
  await writeFile(path.join(dest, "package.json"), '{ "type": "module" }\n');
}

/** The SDK's JavaScript: the package's own dist/ when whmgen emits one, else the .ts sources transpiled. */
async function decoderBench(answer) {
  const sdk = outDir({ name: "whmgen" }, BASE);
  let js = path.join(sdk, "dist");
  let from = "the generated package's dist/*.js";
  if (!existsSync(path.join(js, "index.js"))) {
    js = path.join(WORK, "sdk-625-js");
    from = "the generated .ts sources, transpiled (ts.transpileModule)";
    await transpileSdk(sdk, js);
  }
  log(`decoder: ${ITERATIONS} iterations over a ${ACCOUNTS}-account listaccts answer, code from ${from}`);
  const r = spawnSync(process.execPath, ["--expose-gc", path.join(BENCH, "decode-bench.mjs"), js, answer, String(ITERATIONS)], { encoding: "utf8", maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`decoder benchmark failed:\n${r.stderr}`);
  return { ...JSON.parse(r.stdout), from };
}

// ---------------------------------------------------------------- type-check

const COMPILER_OPTIONS = {
  // The options of test/typecheck.test.ts, where the SDK is type-checked in the suite, with
  // skipLibCheck false as issue 13 asks: the SDK's .d.ts files are checked like its .ts files
  // (the empty project pays for @types/node and the libs, and its median is subtracted).
  strict: true,
  noEmit: true,
  target: "ES2022",
  module: "NodeNext",
  moduleResolution: "NodeNext",
  lib: ["ES2023"],
  types: ["node"],
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  noImplicitOverride: true,
  skipLibCheck: false,
};

/**
 * The projects type-checked: an empty one (the baseline), whmgen's output as TypeScript sources
 * (vendored or committed, as generated/ is used in this repository), openapi-typescript's
 * `schema.ts`; and when whmgen also emits an installable package (dist/*.d.ts), that package's
 * declarations against openapi-typescript's output as a `.d.ts` (its documented usage).
 */
async function tscProjects(oatOut) {
  const sdk = outDir({ name: "whmgen" }, BASE);
  const oatDts = path.join(WORK, "tsc", "oat-dts");
  await mkdir(oatDts, { recursive: true });
  await cp(path.join(oatOut, "schema.ts"), path.join(oatDts, "schema.d.ts"));
  const projects = {
    "empty project": { include: null },
    "whmgen SDK, .ts sources": { include: [`${sdk}/**/*.ts`], exclude: [`${sdk}/dist/**`] },
    "openapi-typescript schema.ts": { include: [`${oatOut}/**/*.ts`] },
  };
  if (existsSync(path.join(sdk, "dist"))) {
    projects["whmgen SDK, package .d.ts"] = { include: [`${sdk}/dist/**/*.d.ts`] };
    projects["openapi-typescript schema.d.ts"] = { include: [`${oatDts}/schema.d.ts`] };
  }
  const out = {};
  for (const [name, p] of Object.entries(projects)) {
    const dir = path.join(WORK, "tsc", name.replace(/[^a-z0-9]+/gi, "-").toLowerCase());
    await mkdir(dir, { recursive: true });
    let include = p.include;
    if (!include) {
      await writeFile(path.join(dir, "empty.ts"), "export {};\n");
      include = ["empty.ts"];
    }
    const config = { compilerOptions: { ...COMPILER_OPTIONS, typeRoots: [path.join(ROOT, "node_modules", "@types")] }, include, ...(p.exclude ? { exclude: p.exclude } : {}) };
    await writeFile(path.join(dir, "tsconfig.json"), JSON.stringify(config, null, 2) + "\n");
    out[name] = path.join(dir, "tsconfig.json");
  }
  return out;
}

async function tscBench(oatOut) {
  const projects = await tscProjects(oatOut);
  const compilers = [
    ["TypeScript 5.9", "typescript"],
    ["TypeScript 7", "typescript7"],
  ].map(([label, dir]) => ({
    label,
    bin: path.join(ROOT, "node_modules", dir, "bin", "tsc"),
    version: JSON.parse(readFileSync(path.join(ROOT, "node_modules", dir, "package.json"), "utf8")).version,
  }));
  const results = {};
  for (const c of compilers) {
    results[c.label] = { version: c.version, projects: Object.fromEntries(Object.keys(projects).map((p) => [p, { runs: [], errors: 0 }])) };
    for (let round = 0; round <= TSC_RUNS; round++) {
      for (const name of rotate(Object.keys(projects), round)) {
        const r = await timeProcess(process.execPath, [c.bin, "-p", projects[name]], { cwd: ROOT, collectStdout: true });
        const entry = results[c.label].projects[name];
        entry.errors = (r.stdout.match(/error TS\d+/g) ?? []).length;
        if (entry.errors) entry.firstError = r.stdout.split("\n").find((l) => /error TS\d+/.test(l));
        if (round > 0) entry.runs.push(r);
      }
      log(`${c.label}: ${round === 0 ? "warm-up" : `round ${round}/${TSC_RUNS}`} done`);
    }
  }
  return results;
}

// ---------------------------------------------------------------- profile

async function profile(docs) {
  const dir = path.join(WORK, "profile");
  await rm(dir, { recursive: true, force: true });
  const out = path.join(WORK, "out", "profile");
  await rm(out, { recursive: true, force: true });
  // The compiled modules rather than bin's bundle of them, so that the profile names files and
  // functions as they are in generator/ (the bundle loads faster; the work is the same).
  const cli = pathToFileURL(path.join(SNAPSHOT, "dist", "generator", "cli.js")).href;
  const args = JSON.stringify(["generate", "--spec", docs[BASE].file, "--out", out, "--quiet"]);
  sh(process.execPath, ["--cpu-prof", "--cpu-prof-dir", dir, "--input-type=module", "-e", `process.exitCode = await (await import(${JSON.stringify(cli)})).main(${args});`], path.join(WORK, "cwd"), "profiled whmgen run");
  const file = (await readdir(dir)).find((f) => f.endsWith(".cpuprofile"));
  const { summarizeProfile } = await import("./profile.mjs");
  return { file: path.relative(ROOT, path.join(dir, file)), summary: await summarizeProfile(path.join(dir, file), SNAPSHOT) };
}

// ---------------------------------------------------------------- main

async function main() {
  const load0 = os.loadavg();
  prepare();
  await snapshot();
  await mkdir(path.join(WORK, "cwd"), { recursive: true });
  const { docs, answer } = await synthesize();
  const list = tools();
  log(`timing whmgen and the peers on ${BASE} functions: warm-up + ${RUNS} alternating rounds`);
  const peers = await timePeers(list, docs);
  const loop = await timeCheck(docs);
  const floor = await floors(docs);
  const sizes = await timeSizes(list[0], docs);
  sizes[BASE] = peers.whmgen;
  const decode = await decoderBench(answer);
  const tsc = await tscBench(outDir(list.find((t) => t.name === "openapi-typescript"), BASE));
  log("profiling whmgen on 625 functions (node --cpu-prof)");
  const prof = await profile(docs);
  const { writeResults } = await import("./report.mjs");
  const file = await writeResults({
    root: ROOT,
    bench: BENCH,
    opts: { RUNS, BIG_RUNS, ITERATIONS, TSC_RUNS, quick, ACCOUNTS, BASE, SIZES },
    load: [load0, os.loadavg()],
    seconds: (Date.now() - started) / 1000,
    memorySource,
    docs,
    tools: list,
    peers,
    floor,
    loop,
    sizes,
    decode,
    tsc,
    prof,
    summary,
  });
  log(`wrote ${path.relative(process.cwd(), file)}`);
}

main().catch((error) => {
  process.stderr.write(`bench: ${error.stack ?? error}\n`);
  process.exitCode = 1;
});
