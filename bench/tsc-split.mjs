#!/usr/bin/env node
/**
 * Where the type-check cost of whmgen's `.ts` sources goes (issue 7's last target), measured with
 * TypeScript 5.9 over the 625-function output that `npm run bench` leaves in
 * bench/.work/out/whmgen-625, beside openapi-typescript's schema.ts from the same run.
 *
 *   node bench/tsc-split.mjs [--runs N]
 *
 * Each project is one file that imports a part of the SDK, compiled with the options of the main
 * benchmark (skipLibCheck false); cost = median CPU (user + system) − the empty project's median.
 * Since issue 13 the runtime, the test double and the decoders come compiled (.js + .d.ts), so the
 * variants that stripped decoder bodies from the sources are gone. Prints a markdown table.
 */
import { cp, mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { timeProcess } from "./harness.mjs";

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(BENCH);
const WORK = path.join(BENCH, ".work");
const SDK = path.join(WORK, "out", "whmgen-625");
const OAT = path.join(WORK, "out", "openapi-typescript-625", "schema.ts");
const DIR = path.join(WORK, "tsc-split");
const TSC = path.join(ROOT, "node_modules", "typescript", "bin", "tsc");
const { values } = parseArgs({ options: { runs: { type: "string" } } });
const RUNS = Number(values.runs ?? 5);

const PROJECTS = [
  ["empty project", "export {};"],
  ["runtime only (sdk/runtime/index.d.ts)", 'import * as m from "./sdk/runtime/index.js"; export const x: unknown = m;'],
  ["one category module (sdk/account-management.ts, with the runtime)", 'import * as m from "./sdk/account-management.js"; export const x: unknown = m;'],
  ["registry (every module, no client)", 'import * as m from "./sdk/registry.js"; export const x: unknown = m;'],
  ["SDK (index.ts: runtime, modules, decoders, client)", 'import * as m from "./sdk/index.js"; export const x: unknown = m;'],
  ["SDK and test double (testing/)", 'import * as m from "./sdk/index.js"; import * as t from "./sdk/testing/index.js"; export const x: unknown = [m, t];'],
  ["openapi-typescript schema.ts", 'import type { paths } from "./schema.js"; export type P = paths;'],
];

await rm(DIR, { recursive: true, force: true });
await mkdir(DIR, { recursive: true });
await cp(SDK, path.join(DIR, "sdk"), { recursive: true, filter: (src) => !src.startsWith(path.join(SDK, "dist")) });
await cp(OAT, path.join(DIR, "schema.ts"));
await writeFile(path.join(DIR, "package.json"), '{ "type": "module" }\n');
const options = {
  strict: true, noEmit: true, target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", lib: ["ES2023"], types: ["node"],
  noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true, skipLibCheck: false, typeRoots: [path.join(ROOT, "node_modules", "@types")],
};
const cpu = new Map(PROJECTS.map(([label]) => [label, []]));
for (const [i, [label, text]] of PROJECTS.entries()) {
  await writeFile(path.join(DIR, `p${i}.ts`), `${text}\n`);
  await writeFile(path.join(DIR, `p${i}.json`), JSON.stringify({ compilerOptions: options, files: [`p${i}.ts`] }));
}
for (let round = 0; round <= RUNS; round++) {
  for (const [i, [label]] of PROJECTS.entries()) {
    const r = await timeProcess(process.execPath, [TSC, "-p", `p${i}.json`], { cwd: DIR });
    if (round > 0) cpu.get(label).push(r.cpu);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const empty = median(cpu.get("empty project"));
console.log(`| project (TypeScript 5.9, ${RUNS} runs after a warm-up) | median CPU | cost over empty |\n|---|--:|--:|`);
for (const [label] of PROJECTS) console.log(`| ${label} | ${median(cpu.get(label)).toFixed(2)} s | ${label === "empty project" ? "—" : `${(median(cpu.get(label)) - empty).toFixed(2)} s`} |`);
