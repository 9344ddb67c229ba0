/**
 * The optional config file `whmgen.config.json` (in the working directory, or `--config FILE`).
 * Command-line flags override it.
 *
 * ```json
 * { "generate": { "spec": ["specs"], "out": "generated", "coverage": "docs/coverage.md" } }
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

export interface WhmgenConfig {
  generate?: GenerateConfig;
}

export const CONFIG_FILE = "whmgen.config.json";

const KNOWN: Record<string, readonly string[]> = { "": ["generate"], generate: ["spec", "out", "coverage"] };

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
  const gen = (value as WhmgenConfig).generate;
  if (gen) {
    if (typeof gen.spec === "string") gen.spec = [gen.spec];
    if (gen.spec !== undefined && (!Array.isArray(gen.spec) || gen.spec.some((s) => typeof s !== "string"))) throw new WhmgenError("must be a path or a list of paths", { file, pointer: "/generate/spec" });
    for (const key of ["out", "coverage"] as const) if (gen[key] !== undefined && typeof gen[key] !== "string") throw new WhmgenError("must be a path", { file, pointer: `/generate/${key}` });
  }
  return value as WhmgenConfig;
}

function check(value: unknown, at: string, file: string): void {
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new WhmgenError("must be an object", { file, pointer: at });
  const allowed = KNOWN[at.slice(1)] ?? [];
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) throw new WhmgenError(`unknown setting ${JSON.stringify(key)} (known: ${allowed.join(", ")})`, { file, pointer: `${at}/${key}` });
    if (KNOWN[key]) check((value as Record<string, unknown>)[key], `${at}/${key}`, file);
  }
}
