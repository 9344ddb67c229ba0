/**
 * `whmgen seed`: every name of an `applist` answer that no spec document describes gets a
 * seeded stub in `seeded.yaml` of the specs folder (callable with free-form parameters,
 * untyped data). Described functions are never touched; running it twice adds nothing.
 */
import { readFile, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { WhmgenError } from "../errors.js";
import { loadSpecs } from "../load/index.js";
import { displayPath } from "../load/read.js";
import { compareNames } from "../naming.js";
import { parseApplist } from "./applist.js";

export const SEEDED_FILE = "seeded.yaml";
export const SEEDED_TAG = "Seeded";

export interface SeedOptions {
  /** The applist answer as text (already read from a file, stdin or a server). */
  applistText: string;
  /** Where the text came from, for errors. */
  applistName: string;
  /** The specs folder; default `specs`. */
  specs?: string;
  cwd?: string;
  /** Version written into a new seeded.yaml when no other document gives one. */
}

export interface SeedResult {
  added: string[];
  /** Seeded stubs dropped because a document now describes the function. */
  dropped: string[];
  described: number;
  seeded: number;
  file: string;
}

export async function seed(options: SeedOptions): Promise<SeedResult> {
  const cwd = options.cwd ?? process.cwd();
  const dir = path.resolve(cwd, options.specs ?? "specs");
  const names = parseApplist(options.applistText, options.applistName);
  const api = await loadSpecs([displayPath(dir, cwd)], { cwd });
  const described = new Set(api.functions.filter((f) => !f.seeded).map((f) => f.name));
  const file = path.join(dir, SEEDED_FILE);
  // The stubs on file, including those a document now describes (the merged API hides them).
  const stubs = await stat(file).then(() => loadSpecs([displayPath(file, cwd)], { cwd }), () => undefined);
  const seededBefore = new Set((stubs?.functions ?? []).filter((f) => f.seeded).map((f) => f.name));
  const keep = [...seededBefore].filter((n) => !described.has(n));
  const added = names.filter((n) => !described.has(n) && !seededBefore.has(n));
  const dropped = [...seededBefore].filter((n) => described.has(n)).sort(compareNames);
  const all = [...new Set([...keep, ...added])].sort(compareNames);
  if (added.length || dropped.length) {
    const text = seededDocument(all, api.version);
    const temp = `${file}.tmp-${process.pid}`;
    await writeFile(temp, text);
    await rename(temp, file);
  }
  return { added, dropped, described: described.size, seeded: all.length, file: displayPath(file, cwd) };
}

/** The seeded document: deterministic text, one stub per name. */
export function seededDocument(names: readonly string[], version: string): string {
  const lines = [
    "# Seeded by `whmgen seed` from an applist answer: these functions are callable with",
    "# free-form parameters and return untyped data. Describe a function in another document",
    "# (see docs/specs-format.md) and it replaces its stub here; `whmgen seed` then drops the stub.",
    "openapi: 3.0.3",
    "info:",
    "  title: WHM API 1 - functions seeded from applist",
    `  version: '${version}'`,
    "tags:",
    `  - name: ${SEEDED_TAG}`,
    "paths:",
  ];
  if (names.length === 0) lines[lines.length - 1] = "paths: {}";
  for (const name of names) {
    lines.push(
      `  /${name}:`,
      "    get:",
      `      operationId: ${name}`,
      "      summary: Seeded from applist; not described yet.",
      `      tags: [${SEEDED_TAG}]`,
      "      x-whmgen-seeded: true",
      "      externalDocs:",
      `        url: https://api.docs.cpanel.net/openapi/whm/operation/${name}`,
      "      responses:",
      "        '200':",
      "          description: The WHM API 1 envelope; data not described yet.",
    );
  }
  return lines.join("\n") + "\n";
}

/** Reads an applist answer from a file, or from standard input for `-`. */
export async function readApplist(source: string, cwd = process.cwd()): Promise<{ text: string; name: string }> {
  if (source === "-") {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return { text: Buffer.concat(chunks).toString("utf8"), name: "<stdin>" };
  }
  const abs = path.resolve(cwd, source);
  try {
    return { text: await readFile(abs, "utf8"), name: displayPath(abs, cwd) };
  } catch {
    throw new WhmgenError("cannot read the applist file", { file: displayPath(abs, cwd) });
  }
}
