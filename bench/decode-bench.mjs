/**
 * Decoder benchmark, run as its own process (`node --expose-gc decode-bench.mjs SDK_JS ANSWER N`):
 * `JSON.parse(text)` alone vs the generated `listaccts.decode(JSON.parse(text))` vs the naive
 * schema-walking coercer, on one answer text. Variants alternate within each iteration (the order
 * rotates), the heap is collected before each timing, and medians are reported. Prints JSON.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { median, rotate } from "./harness.mjs";
import { decodeNaive } from "./naive-coercer.mjs";
import { listacctsDataSchema } from "./synth.mjs";

const [sdkDir, answerFile, iterationsArg = "15"] = process.argv.slice(2);
const iterations = Number(iterationsArg);
const WARMUP = 3;
const gc = globalThis.gc ?? (() => {});

const sdk = await import(pathToFileURL(path.join(sdkDir, "index.js")).href);
const listaccts = sdk.listaccts ?? sdk.registry?.listaccts;
if (!listaccts || typeof listaccts.decode !== "function") throw new Error("the generated SDK has no listaccts.decode");
const schema = listacctsDataSchema();
const text = await readFile(answerFile, "utf8");

const variants = {
  parse: () => JSON.parse(text),
  generated: () => listaccts.decode(JSON.parse(text)),
  naive: () => decodeNaive(schema, JSON.parse(text)),
};

// Both decoders must produce the same result, else the comparison means nothing.
const a = variants.generated();
const b = variants.naive();
const agree = isDeepStrictEqual(a, b);
const sample = a.data.acct[0];

const times = { parse: [], generated: [], naive: [] };
const names = Object.keys(variants);
for (let i = 0; i < WARMUP + iterations; i++) {
  for (const name of rotate(names, i)) {
    gc();
    const t0 = process.hrtime.bigint();
    const out = variants[name]();
    const t1 = process.hrtime.bigint();
    if (out === undefined) throw new Error("no result");
    if (i >= WARMUP) times[name].push(Number(t1 - t0) / 1e6);
  }
}

process.stdout.write(
  JSON.stringify({
    bytes: Buffer.byteLength(text),
    accounts: a.data.acct.length,
    iterations,
    agree,
    sampleTypes: { suspended: typeof sample.suspended, uid: typeof sample.uid, maxpop: typeof sample.maxpop },
    ms: Object.fromEntries(names.map((n) => [n, { median: median(times[n]), min: Math.min(...times[n]), max: Math.max(...times[n]) }])),
  }) + "\n",
);
