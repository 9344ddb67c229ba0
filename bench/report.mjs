/**
 * bench/RESULTS.md from one run's measurements: machine, versions, inputs, the targets of
 * issues 7 and 13 with MET / MISSED, then the tables behind them and the profile.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { profileMarkdown } from "./profile.mjs";
import { listacctsDataSchema } from "./synth.mjs";

const s2 = (x) => `${x.toFixed(2)} s`;
const mib = (kib) => `${(kib / 1024).toFixed(0)} MiB`;
const ratio = (x) => `${x.toFixed(2)}×`;
const range = (st, f) => `${f(st.min)}–${f(st.max)}`;
const ms = (x) => `${x.toFixed(1)} ms`;

/** Which tsc projects are compared: [flavour, whmgen's project, openapi-typescript's, the limit of their ratio (issue 13)]. */
const TSC_PAIRS = [
  ["sources (.ts vs schema.ts)", "whmgen SDK, .ts sources", "openapi-typescript schema.ts", 1.5],
  ["installed package (dist/*.d.ts vs schema.d.ts)", "whmgen SDK, package .d.ts", "openapi-typescript schema.d.ts", 0.7],
];

function git(root, args) {
  const r = spawnSync("git", args, { cwd: root, encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : "";
}

function osName() {
  try {
    const m = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync("/etc/os-release", "utf8"));
    if (m) return `${m[1]}, kernel ${os.release()}`;
  } catch {
    // not Linux
  }
  return `${os.type()} ${os.release()}`;
}

function version(root, pkg) {
  try {
    return JSON.parse(readFileSync(path.join(root, "node_modules", pkg, "package.json"), "utf8")).version;
  } catch {
    return "?";
  }
}

export async function writeResults(r) {
  const { summary } = r;
  const stat = (runs, key) => summary(runs.map((x) => x[key]));
  const gen = Object.fromEntries(Object.entries(r.peers).map(([name, runs]) => [name, { wall: stat(runs, "wall"), cpu: stat(runs, "cpu"), rss: stat(runs, "rssKiB") }]));
  const sizes = Object.fromEntries(Object.entries(r.sizes).map(([n, runs]) => [n, { wall: stat(runs, "wall"), cpu: stat(runs, "cpu"), rss: stat(runs, "rssKiB") }]));
  const w = gen.whmgen;
  const base = sizes[r.opts.BASE];
  const big = sizes[6250];
  const tscCost = {};
  for (const [label, c] of Object.entries(r.tsc)) {
    const med = Object.fromEntries(Object.entries(c.projects).map(([p, e]) => [p, { wall: stat(e.runs, "wall"), cpu: stat(e.runs, "cpu"), rss: stat(e.runs, "rssKiB"), errors: e.errors, firstError: e.firstError }]));
    // The cost is judged on CPU time (user + system): a difference of two measurements, it is
    // far steadier than wall time on a shared machine. Wall-time costs are shown beside it.
    const cost = (p) => med[p].cpu.median - med["empty project"].cpu.median;
    const pairs = TSC_PAIRS.filter(([, a, b]) => med[a] && med[b]).map(([flavour, a, b, limit]) => ({ flavour, sdk: cost(a), oat: cost(b), limit }));
    tscCost[label] = { version: c.version, med, pairs };
  }
  const d = r.decode.ms;

  const loop = Object.fromEntries(Object.entries(r.loop.results).map(([label, runs]) => [label, { wall: stat(runs, "wall"), cpu: stat(runs, "cpu"), rss: stat(runs, "rssKiB") }]));
  const genLoop = loop[`generate, ${r.opts.BASE} functions`];
  const checkLoop = loop[`generate --check, ${r.opts.BASE} functions`];
  const genSpecs = loop["generate, specs/"];
  const checkSpecs = loop["generate --check, specs/"];
  const targets = [
    {
      name: `whole-process generate, ${r.opts.BASE} functions ≤ 0.35 × orval (same run; issue 13)`,
      shown: `${s2(w.wall.median)} vs orval ${s2(gen.orval.wall.median)} = ${ratio(w.wall.median / gen.orval.wall.median)}`,
      limit: "≤ 0.35×",
      met: w.wall.median <= 0.35 * gen.orval.wall.median,
    },
    {
      name: `\`generate --check\` of the up-to-date SDK ≤ 0.5 × a cold generate, ${r.opts.BASE} functions (issue 13)`,
      shown: `${s2(checkLoop.wall.median)} vs ${s2(genLoop.wall.median)} = ${ratio(checkLoop.wall.median / genLoop.wall.median)}`,
      limit: "≤ 0.50×",
      met: checkLoop.wall.median <= 0.5 * genLoop.wall.median,
    },
    {
      name: "`generate --check` of the up-to-date SDK ≤ 0.5 × a cold generate, the project's specs/ (issue 13)",
      shown: `${s2(checkSpecs.wall.median)} vs ${s2(genSpecs.wall.median)} = ${ratio(checkSpecs.wall.median / genSpecs.wall.median)}`,
      limit: "≤ 0.50×",
      met: checkSpecs.wall.median <= 0.5 * genSpecs.wall.median,
    },
    {
      name: `whole-process generate, ${r.opts.BASE} functions ≤ 0.5 × orval (same run)`,
      value: w.wall.median / gen.orval.wall.median,
      shown: `${s2(w.wall.median)} vs orval ${s2(gen.orval.wall.median)} = ${ratio(w.wall.median / gen.orval.wall.median)}`,
      limit: "≤ 0.50×",
      met: w.wall.median <= 0.5 * gen.orval.wall.median,
    },
    {
      name: "6,250 functions ≤ 10 × the time of 625",
      value: big.wall.median / base.wall.median,
      shown: `${s2(big.wall.median)} / ${s2(base.wall.median)} = ${ratio(big.wall.median / base.wall.median)}`,
      limit: "≤ 10×",
      met: big.wall.median <= 10 * base.wall.median,
    },
    {
      name: `peak memory, ${r.opts.BASE} functions ≤ 250 MiB`,
      value: base.rss.max,
      shown: `${mib(base.rss.max)} (highest of ${base.rss.n} runs; median ${mib(base.rss.median)})`,
      limit: "≤ 250 MiB",
      met: base.rss.max <= 250 * 1024,
    },
    {
      name: `decode of the ${r.opts.ACCOUNTS.toLocaleString("en")}-account answer ≤ 1.3 × JSON.parse alone`,
      shown: `${ms(d.generated.median)} vs ${ms(d.parse.median)} = ${ratio(d.generated.median / d.parse.median)}`,
      limit: "≤ 1.30×",
      met: d.generated.median <= 1.3 * d.parse.median,
    },
    ...Object.entries(tscCost).flatMap(([label, c]) =>
      c.pairs.map((p) => ({
        name: `type-check cost over an empty project (CPU), ${label}, ${p.flavour} ≤ ${p.limit} × openapi-typescript's (issue 13)`,
        shown: `${s2(p.sdk)} vs ${s2(p.oat)}${p.oat > 0.02 ? ` = ${ratio(p.sdk / p.oat)}` : ""}`,
        limit: `≤ ${p.limit.toFixed(2)}×`,
        met: p.sdk <= p.limit * p.oat,
      })),
    ),
  ];

  const commit = git(r.root, ["rev-parse", "--short", "HEAD"]);
  const dirty = git(r.root, ["status", "--porcelain", "--", "generator", "templates", "bin", "package.json"]) !== "";
  const cpu = os.cpus();
  const L = [];
  L.push("# whmgen benchmark results", "");
  L.push(`Written by \`npm run bench\` (bench/run.mjs) on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC; the whole run took ${(r.seconds / 60).toFixed(1)} min.`);
  if (r.opts.quick) L.push("", "**Quick run (`--quick`): too few runs to judge by; re-run without `--quick` for figures to quote.**");
  L.push("", "## Machine", "");
  L.push("| CPU | cores | memory | Node | OS | load average (1 min) at start → end |", "|---|--:|--:|---|---|---|");
  L.push(`| ${cpu[0]?.model ?? "?"} | ${os.availableParallelism?.() ?? cpu.length} | ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB | ${process.version} | ${osName()} | ${r.load[0][0].toFixed(2)} → ${r.load[1][0].toFixed(2)} |`);
  L.push("", "## Versions", "");
  L.push(`whmgen ${commit}${dirty ? " with uncommitted changes in generator/, templates/, bin/ or package.json" : ""} (ts-morph ${version(r.root, "ts-morph")}, js-yaml ${version(r.root, "js-yaml")}, @apidevtools/swagger-parser ${version(r.root, "@apidevtools/swagger-parser")}); ` +
    r.tools.filter((t) => t.version).map((t) => `${t.name} ${t.version}`).join(", ") +
    `; type-check: TypeScript ${r.tsc["TypeScript 5.9"].version} and ${r.tsc["TypeScript 7"].version}. Peak memory: ${r.memorySource}.`);
  L.push("", "## Inputs", "");
  L.push(`Synthesised by bench/synth.mjs (seeded sfc32 PRNG; same bytes on every run) in the form of cPanel's \`whm.openapi.yaml\`: OpenAPI 3.0.2, one \`/FUNCTION\` path with \`get\` per function, \`Module-function\` operationIds, tags + \`x-tagGroups\`, \`x-cpanel-available-version\`, 0/1 flags as \`{type: integer, enum: [1, 0]}\` (some \`[0, 1]\`, some without \`type\`), unions with \`enum: [null]\` and \`unlimited\`, y/n flags, \`nullable\`, \`examples\` maps, deprecated parameters, a few prefixed paths, nested response objects and arrays, a \`listaccts\` with ${Object.keys(listacctsDataSchema().properties.acct.items.properties).length} account fields, and long descriptions. No \`$ref\`.`, "");
  L.push("| document | functions | parameters | of which 0/1 flags | tags | size | sha256 |", "|---|--:|--:|--:|--:|--:|---|");
  for (const [n, doc] of Object.entries(r.docs)) {
    L.push(`| whm-${n}.yaml | ${doc.functions.toLocaleString("en")} | ${doc.params.toLocaleString("en")} | ${doc.bool01Params.toLocaleString("en")} | ${doc.tags} | ${(doc.bytes / 1e6).toFixed(2)} MB (${(doc.bytes / 2 ** 20).toFixed(2)} MiB) | ${doc.sha} |`);
  }
  L.push("", `Decoder input: a successful \`listaccts\` answer with ${r.decode.accounts.toLocaleString("en")} accounts, ${(r.decode.bytes / 1e6).toFixed(1)} MB of JSON (Booleans as 0/1, half of the numbers quoted, "unlimited" beside numbers, nulls).`);

  L.push("", "## Targets (issues 7 and 13)", "", "| target | measured | limit | status |", "|---|---|---|---|");
  for (const t of targets) L.push(`| ${t.name} | ${t.shown} | ${t.limit} | ${t.met ? "MET" : "**MISSED**"} |`);

  L.push("", `## Whole-process generate, ${r.opts.BASE} functions (warm-up, then ${r.opts.RUNS} rounds alternating the tools, order rotating)`, "");
  L.push("Cold runs: the output folder is removed before every run. Wall time is the process from spawn to exit; CPU is user + system.", "");
  L.push("| tool | median wall | min–max | median CPU | peak RSS (median, max) | whmgen / tool, wall | whmgen / tool, CPU |", "|---|--:|--:|--:|--:|--:|--:|");
  for (const t of r.tools) {
    const g = gen[t.name];
    const vs = t.name === "whmgen" ? "— | —" : `${ratio(w.wall.median / g.wall.median)} | ${ratio(w.cpu.median / g.cpu.median)}`;
    L.push(`| ${t.name}${t.version ? ` ${t.version}` : ""} | ${s2(g.wall.median)} | ${range(g.wall, s2)} | ${s2(g.cpu.median)} | ${mib(g.rss.median)}, ${mib(g.rss.max)} | ${vs} |`);
  }
  L.push("", "Peer settings: `openapi-typescript DOC -o OUT/schema.ts`; `orval -i DOC -o OUT/api.ts --client fetch`; `openapi-ts -i DOC -o OUT` (hey-api's default plugins: types, SDK, fetch client). whmgen: `node bin/whmgen.js generate --spec DOC --out OUT --quiet`; \"whmgen, js-yaml only\" is the same run with `WHMGEN_YAML=js-yaml`, which leaves every document to js-yaml instead of fast-yaml (its ratio columns compare whmgen with it).");

  L.push("", `## generate and \`generate --check\` (the users' loop; warm-up, then ${r.opts.RUNS} rounds alternating, order rotating)`, "");
  L.push(`A cold generate into a removed folder, and \`--check\` of the SDK that generate wrote (up to date: exit 0), answered by the output's digest (.whmgen/digest.json: the inputs, whmgen and every file unchanged); \`--check --full\` regenerates and compares every file whatever the digest says, as every check did before the digest. "specs/" is the project's own description of WHM API 1: ${r.loop.specs.files} YAML documents, ${(r.loop.specs.bytes / 1e6).toFixed(2)} MB, with applist.json.`, "");
  L.push("| input | run | median wall | min–max | median CPU | peak RSS | check / generate |", "|---|---|--:|--:|--:|--:|--:|");
  for (const input of [`${r.opts.BASE} functions`, "specs/"]) {
    const g = loop[`generate, ${input}`];
    const c = loop[`generate --check, ${input}`];
    L.push(`| ${input} | generate | ${s2(g.wall.median)} | ${range(g.wall, s2)} | ${s2(g.cpu.median)} | ${mib(g.rss.median)} | — |`);
    L.push(`| ${input} | generate --check | ${s2(c.wall.median)} | ${range(c.wall, s2)} | ${s2(c.cpu.median)} | ${mib(c.rss.median)} | ${ratio(c.wall.median / g.wall.median)} |`);
    const f = loop[`generate --check --full, ${input}`];
    if (f) L.push(`| ${input} | generate --check --full | ${s2(f.wall.median)} | ${range(f.wall, s2)} | ${s2(f.cpu.median)} | ${mib(f.rss.median)} | ${ratio(f.wall.median / g.wall.median)} |`);
  }

  L.push("", `### Floors (same machine, ${r.opts.RUNS} runs each after a warm-up)`, "");
  L.push("| what | median wall | min–max | peak RSS |", "|---|--:|--:|--:|");
  for (const [label, runs] of Object.entries(r.floor)) {
    const f = { wall: stat(runs, "wall"), rss: stat(runs, "rssKiB") };
    L.push(`| ${label} | ${s2(f.wall.median)} | ${range(f.wall, s2)} | ${mib(f.rss.median)} |`);
  }
  L.push("", "## whmgen by document size", "");
  L.push("| functions | runs | median wall | min–max | median CPU | peak RSS (median, max) | wall / 625's |", "|--:|--:|--:|--:|--:|--:|--:|");
  for (const [n, g] of Object.entries(sizes).sort((a, b) => Number(a[0]) - Number(b[0]))) {
    L.push(`| ${Number(n).toLocaleString("en")} | ${g.wall.n} | ${s2(g.wall.median)} | ${range(g.wall, s2)} | ${s2(g.cpu.median)} | ${mib(g.rss.median)}, ${mib(g.rss.max)} | ${ratio(g.wall.median / base.wall.median)} |`);
  }
  if (r.opts.BIG_RUNS !== r.opts.RUNS) L.push("", `The 6,250-function document gets ${r.opts.BIG_RUNS} runs after its warm-up (others ${r.opts.RUNS}) to keep the run short.`);

  L.push("", `## Decoder (in one process, ${r.decode.iterations} iterations after 3 warm-ups, variants alternating, heap collected before each)`, "");
  L.push("| variant | median | min–max | / JSON.parse |", "|---|--:|--:|--:|");
  const rows = [
    ["`JSON.parse(text)` alone", d.parse],
    ["generated `listaccts.decode(JSON.parse(text))`", d.generated],
    ["naive schema-walking coercer (bench/naive-coercer.mjs) over `JSON.parse(text)`", d.naive],
  ];
  for (const [label, x] of rows) L.push(`| ${label} | ${ms(x.median)} | ${range(x, ms)} | ${ratio(x.median / d.parse.median)} |`);
  L.push("", `Decoder code: ${r.decode.from}. Decoding alone (median difference): generated ${ms(d.generated.median - d.parse.median)}, naive ${ms(d.naive.median - d.parse.median)}. ` +
    `The two decoders ${r.decode.agree ? "give deep-equal results" : "**disagree** (see bench/decode-bench.mjs)"}; after decoding, \`suspended\` is a ${r.decode.sampleTypes.suspended}, \`uid\` a ${r.decode.sampleTypes.uid}.`);

  L.push("", `## Type-check cost (\`tsc -p\`, noEmit; warm-up, then ${r.opts.TSC_RUNS} rounds alternating the projects)`, "");
  L.push("Options of test/typecheck.test.ts (strict, NodeNext, exactOptionalPropertyTypes, noUncheckedIndexedAccess, \`skipLibCheck: false\` as issue 13 asks, `types: [node]`), over the output for the 625-function document. " +
    "Sources: every `.ts` and `.d.ts` file of whmgen's output outside dist/ (the category modules, client, registry, and the compiled runtime, test double and decoders' declarations: `generated/` as it is used when vendored) against openapi-typescript's `schema.ts`. " +
    "Installed package (when whmgen emits dist/): its `.d.ts` files against the same openapi-typescript output saved as `schema.d.ts` (its documented usage). " +
    "Cost = median − the empty project's median, judged on CPU time (user + system), which a shared machine disturbs far less than wall time; TypeScript 7 checks on several threads, so its CPU time exceeds its wall time.", "");
  L.push("| compiler | project | median wall | min–max | median CPU | cost over empty: CPU (wall) | peak RSS | errors |", "|---|---|--:|--:|--:|--:|--:|--:|");
  for (const [label, c] of Object.entries(tscCost)) {
    const empty = c.med["empty project"];
    for (const [p, e] of Object.entries(c.med)) {
      const cost = p === "empty project" ? "—" : `${s2(e.cpu.median - empty.cpu.median)} (${s2(e.wall.median - empty.wall.median)})`;
      L.push(`| ${label} (${c.version}) | ${p} | ${s2(e.wall.median)} | ${range(e.wall, s2)} | ${s2(e.cpu.median)} | ${cost} | ${mib(e.rss.median)} | ${e.errors} |`);
    }
  }
  const errs = Object.entries(tscCost).flatMap(([label, c]) => Object.entries(c.med).filter(([, e]) => e.errors).map(([p, e]) => `${label}, ${p}: ${e.errors} errors, first: \`${e.firstError?.replace(/^.*?out\//, "").replace(/\|/g, "\\|")}\``));
  if (errs.length) L.push("", "Type errors (timings still count: tsc checks everything either way):", "", ...errs.map((e) => `- ${e}`));

  L.push("", `## Profile of whmgen, ${r.opts.BASE} functions`, "", `One \`node --cpu-prof\` run (${r.prof.file}) of the compiled modules (dist/generator/cli.js, so that files and functions are named as in generator/; bin/whmgen.js runs a bundle of the same code, which loads faster), summarised by bench/profile.mjs. "(idle)" is time the process waited (file system, timers); "node core" includes module loading and compiling.`, "");
  L.push(profileMarkdown(r.prof.summary));
  L.push("", "## Method", "");
  L.push(`- Each number is the median of the runs after a warm-up run (whmgen and peers: ${r.opts.RUNS}; 6,250 functions: ${r.opts.BIG_RUNS}; tsc: ${r.opts.TSC_RUNS}; decoder: ${r.opts.ITERATIONS} iterations), with min–max beside it.`);
  L.push("- The machine may be shared: the load average above shows what else ran. Alternating the tools in every round puts the same noise on each, so the ratios are steadier than the absolute times.");
  L.push("- Re-run: `npm run bench` (options: `node bench/run.mjs --runs N --big-runs N --iterations N --tsc-runs N --quick --no-build`). Inputs, outputs and the profile stay in bench/.work/.");
  L.push("");
  const file = path.join(r.bench, "RESULTS.md");
  await writeFile(file, L.join("\n"));
  return file;
}
