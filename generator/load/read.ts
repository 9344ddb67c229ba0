/**
 * Reading spec files: expanding folders, parsing YAML or JSON with errors that name the file
 * and the line. Parsing is ours (js-yaml), so any `openapi` header can be read; the parser only
 * sees the document afterwards (normalize.ts).
 */
import { readFile, readdir, stat } from "node:fs/promises";
import path from "node:path";
import yaml from "js-yaml";
import { WhmgenError } from "../errors.js";

export interface RawDocument {
  /** Path as shown to the user: relative to the working directory, with `/`. */
  file: string;
  absPath: string;
  value: unknown;
}

const SPEC_EXTENSIONS = new Set([".yaml", ".yml", ".json"]);

/** Files in a spec folder that are not OpenAPI documents (the applist seed list). */
const NOT_SPECS = new Set(["applist.json"]);

/** Shows a path relative to the working directory (no absolute paths reach output). */
export function displayPath(absPath: string, cwd = process.cwd()): string {
  const rel = path.relative(cwd, absPath) || ".";
  return rel.split(path.sep).join("/");
}

/** Expands `--spec` arguments to the list of documents, in a stable order. */
export async function listSpecFiles(inputs: readonly string[], cwd = process.cwd()): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    const abs = path.resolve(cwd, input);
    let info;
    try {
      info = await stat(abs);
    } catch {
      throw new WhmgenError(`spec path does not exist`, { file: displayPath(abs, cwd) });
    }
    if (info.isDirectory()) {
      const found = await listFolder(abs);
      if (found.length === 0) {
        throw new WhmgenError(`folder holds no OpenAPI document (*.yaml, *.yml or *.json)`, { file: displayPath(abs, cwd) });
      }
      files.push(...found);
    } else {
      files.push(abs);
    }
  }
  return [...new Set(files)];
}

async function listFolder(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.name.startsWith(".")) continue;
    if (entry.isDirectory()) out.push(...(await listFolder(full)));
    else if (SPEC_EXTENSIONS.has(path.extname(entry.name).toLowerCase()) && !NOT_SPECS.has(entry.name)) out.push(full);
  }
  return out;
}

/** Reads and parses one document. */
export async function readDocument(absPath: string, cwd = process.cwd()): Promise<RawDocument> {
  const file = displayPath(absPath, cwd);
  const text = await readFile(absPath, "utf8");
  return { file, absPath, value: parseText(text, file) };
}

/** Parses YAML or JSON text; errors carry the file and the line. */
export function parseText(text: string, file: string): unknown {
  if (text.trim() === "") throw new WhmgenError("the file is empty", { file });
  if (file.toLowerCase().endsWith(".json")) return parseJson(text, file);
  try {
    // CORE_SCHEMA: no !!binary, !!timestamp or other tags a description never needs.
    return yaml.load(text, { filename: file, schema: yaml.CORE_SCHEMA });
  } catch (error) {
    if (error instanceof yaml.YAMLException) {
      const mark = error.mark as { line?: number; column?: number } | undefined;
      throw new WhmgenError(`invalid YAML: ${error.reason}`, {
        file,
        ...(mark?.line !== undefined ? { line: mark.line + 1, column: (mark.column ?? 0) + 1 } : {}),
      });
    }
    throw error;
  }
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    const place: { file: string; line?: number; column?: number } = { file };
    if (position) {
      const offset = Number(position[1]);
      const before = text.slice(0, offset);
      place.line = before.split("\n").length;
      place.column = offset - before.lastIndexOf("\n");
    }
    throw new WhmgenError(`invalid JSON: ${message.replace(/ in JSON at position \d+.*$/, "").replace(/^.*?: /, "")}`, place);
  }
}
