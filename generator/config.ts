/**
 * The optional config file `whmgen.config.json` (in the working directory, or `--config FILE`).
 * Command-line flags override it.
 *
 * ```json
 * {
 *   "generate": { "spec": ["specs"], "out": "generated", "coverage": "docs/coverage.md" },
 *   "import": { "from": ["whm.openapi.yaml"], "specs": "specs", "overlays": "specs/overlays" }
 * }
 * ```
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { WhmgenError } from "./errors.js";
import { displayPath, parseText } from "./load/read.js";

export interface GenerateConfig {
  spec?: string[];
  out?: string;
  coverage?: string;
}

export interface ImportConfig {
  from?: string[];
  specs?: string;
  overlays?: string;
}

export interface WhmgenConfig {
  generate?: GenerateConfig;
  import?: ImportConfig;
}

export const CONFIG_FILE = "whmgen.config.json";

const KNOWN: Record<string, readonly string[]> = { "": ["generate", "import"], generate: ["spec", "out", "coverage"], import: ["from", "specs", "overlays"] };

/** Reads the config; `undefined` when there is none (and none was asked for). */
export async function loadConfig(cwd: string, explicit?: string): Promise<WhmgenConfig | undefined> {
  const abs = path.resolve(cwd, explicit ?? CONFIG_FILE);
  const file = displayPath(abs, cwd);
  let text: string;
  try {
    text = await readFile(abs, "utf8");
  } catch {
    if (explicit) throw new WhmgenError("cannot read the config file", { file });
    return undefined;
  }
  const value = parseText(text, file);
  check(value, "", file);
  const config = value as WhmgenConfig;
  const gen = config.generate;
  if (gen) {
    const spec = pathList(gen.spec, file, "/generate/spec");
    if (spec) gen.spec = spec;
    for (const key of ["out", "coverage"] as const) onePath(gen[key], file, `/generate/${key}`);
  }
  const imp = config.import;
  if (imp) {
    const from = pathList(imp.from, file, "/import/from");
    if (from) imp.from = from;
    for (const key of ["specs", "overlays"] as const) onePath(imp[key], file, `/import/${key}`);
  }
  return config;
}

function pathList(value: unknown, file: string, pointer: string): string[] | undefined {
  if (typeof value === "string") return [value];
  if (value !== undefined && (!Array.isArray(value) || value.some((s) => typeof s !== "string"))) throw new WhmgenError("must be a path or a list of paths", { file, pointer });
  return value as string[] | undefined;
}

function onePath(value: unknown, file: string, pointer: string): void {
  if (value !== undefined && typeof value !== "string") throw new WhmgenError("must be a path", { file, pointer });
}

function check(value: unknown, at: string, file: string): void {
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new WhmgenError("must be an object", { file, pointer: at });
  const allowed = KNOWN[at.slice(1)] ?? [];
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) throw new WhmgenError(`unknown setting ${JSON.stringify(key)} (known: ${allowed.join(", ")})`, { file, pointer: `${at}/${key}` });
    if (KNOWN[key]) check((value as Record<string, unknown>)[key], `${at}/${key}`, file);
  }
}
