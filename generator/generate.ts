/**
 * The main job, as a function: load → IR → emit → write (or compare, with `check`).
 */
import path from "node:path";
import { emitSdk } from "./emit/index.js";
import { loadSpecs } from "./load/index.js";
import { displayPath } from "./load/read.js";
import { diffOutput, writeOutput } from "./write/index.js";

export interface GenerateOptions {
  /** Spec files or folders; default `["specs"]`. */
  specs?: readonly string[];
  /** Output folder; default `generated`. */
  out?: string;
  /** Compare instead of writing. */
  check?: boolean;
  cwd?: string;
}

export interface GenerateResult {
  specVersion: string;
  functions: number;
  described: number;
  seeded: number;
  skipped: { name: string; reason: string }[];
  files: number;
  /** With `check`: the files that differ (missing, changed or extra); empty when up to date. */
  drift: string[];
  seconds: number;
  out: string;
}

export async function generate(options: GenerateOptions = {}): Promise<GenerateResult> {
  const started = process.hrtime.bigint();
  const cwd = options.cwd ?? process.cwd();
  const specs = options.specs && options.specs.length ? options.specs : ["specs"];
  const outAbs = path.resolve(cwd, options.out ?? "generated");
  const out = displayPath(outAbs, cwd);
  const command = ["whmgen generate", ...specs.map((s) => `--spec ${displayPath(path.resolve(cwd, s), cwd)}`), `--out ${out}`].join(" ");
  const api = await loadSpecs(specs, { cwd });
  const { files, plan } = await emitSdk(api, { command });
  let drift: string[] = [];
  if (options.check) {
    const d = await diffOutput(outAbs, files);
    drift = [...d.missing.map((f) => `missing: ${f}`), ...d.changed.map((f) => `changed: ${f}`), ...d.extra.map((f) => `extra:   ${f}`)];
  } else {
    await writeOutput(outAbs, files, out);
  }
  const described = plan.functions.filter((f) => !f.fn.seeded).length;
  return {
    specVersion: api.version,
    functions: plan.functions.length,
    described,
    seeded: plan.functions.length - described,
    skipped: api.skipped.map((s) => ({ name: s.name, reason: s.reason })),
    files: files.size,
    drift,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
    out,
  };
}
