/**
 * Reading spec files: expanding folders, parsing YAML or JSON with errors that name the file
 * and the line. Parsing is ours (js-yaml), so any `openapi` header can be read; the parser only
 * sees the document afterwards (normalize.ts).
 */
import { readFile, readdir, stat } from "node:fs/promises";
import path from "node:path";
import { createRequire } from "node:module";
import type * as JsYaml from "js-yaml";
import { WhmgenError, pointerToken } from "../errors.js";
import { fastYaml } from "./fast-yaml.js";

export interface RawDocument {
  /** Path as shown to the user: relative to the working directory, with `/`. */
  file: string;
  absPath: string;
  value: unknown;
  /** The text holds `$ref` (or a JSON escape that could spell it): documents without skip ref resolution. */
  mayHaveRefs: boolean;
  /** The file's bytes as read (generate records their hash: write/digest.ts). */
  bytes: Buffer;
}

const SPEC_EXTENSIONS = new Set([".yaml", ".yml", ".json"]);

/** Files in a spec folder that are not OpenAPI documents (the applist seed list). */
const NOT_SPECS = new Set(["applist.json"]);
/** Subfolders of a spec folder that hold no OpenAPI documents (the OpenAPI Overlay corrections `whmgen import` applies). */
const NOT_SPEC_FOLDERS = new Set(["overlays"]);

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
    if (entry.isDirectory()) {
      if (!NOT_SPEC_FOLDERS.has(entry.name)) out.push(...(await listFolder(full)));
    }
    else if (SPEC_EXTENSIONS.has(path.extname(entry.name).toLowerCase()) && !NOT_SPECS.has(entry.name)) out.push(full);
  }
  return out;
}

/** Reads and parses one document. */
export async function readDocument(absPath: string, cwd = process.cwd()): Promise<RawDocument> {
  const file = displayPath(absPath, cwd);
  const bytes = await readFile(absPath);
  const text = decodeUtf8(bytes, file);
  const value = parseText(text, file);
  if (!nestingBounded(text, file)) checkNesting(value, file);
  return { file, absPath, value, mayHaveRefs: text.includes("$ref") || text.includes("\\u0024"), bytes };
}

/**
 * An anchor (`&name`) where YAML may have one: at the start of a line or after white space, a
 * flow indicator or a colon (`{"a":&x 1}`), with a name after it. Text that has none holds no
 * alias either (an alias names an anchor); `a=1&b=2` and `R & D` in descriptions do not match.
 */
function hasAnchor(text: string): boolean {
  // Scanned with indexOf: most documents hold no `&` at all (a regular expression over 2 MB took 5 ms).
  for (let i = text.indexOf("&"); i !== -1; i = text.indexOf("&", i + 1)) {
    const after = text.charAt(i + 1);
    if ((i === 0 || ANCHOR_BEFORE.test(text.charAt(i - 1))) && after !== "" && !ANCHOR_NOT_NAME.test(after)) return true;
  }
  return false;
}

/** What may stand before an anchor's `&` (or the start of the text), and what cannot start its name. */
const ANCHOR_BEFORE = /[\s[{,:]/;
const ANCHOR_NOT_NAME = /[\s,[\]{}]/;

/**
 * Whether the parser already bounds the document's nesting below {@link MAX_NESTING}, so the
 * walk of {@link checkNesting} (about 15 ms for 2 MB) can be left out: YAML without anchors,
 * which js-yaml refuses beyond `maxDepth` (100) levels and fast-yaml beyond fewer. Aliases
 * (which need anchors) and JSON are not bounded that way. (js-yaml 4.1.0 had no such limit;
 * package.json pins the release fast-yaml mirrors, MIRRORED_JS_YAML.)
 */
function nestingBounded(text: string, file: string): boolean {
  return !file.toLowerCase().endsWith(".json") && !hasAnchor(text);
}

/**
 * The file's bytes as text. YAML and JSON are UTF-8: a byte sequence that is not (a Latin-1
 * export, a binary file) is an error naming its line, not a U+FFFD silently written into the SDK.
 */
export function decodeUtf8(bytes: Buffer, file: string): string {
  const text = bytes.toString("utf8");
  for (let k = text.indexOf("\uFFFD"); k !== -1; k = text.indexOf("\uFFFD", k + 1)) {
    const offset = Buffer.byteLength(text.slice(0, k), "utf8");
    if (bytes[offset] === 0xef && bytes[offset + 1] === 0xbf && bytes[offset + 2] === 0xbd) continue; // a real U+FFFD
    throw new WhmgenError(`the file is not UTF-8 text (invalid byte 0x${(bytes[offset] ?? 0).toString(16).padStart(2, "0")})`, { file, ...lineAndColumn(text, k) });
  }
  return text;
}

/** 1-based line and column of a character offset. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split("\n").length, column: offset - before.lastIndexOf("\n") };
}

/**
 * The deepest nesting a document may have, counting shared YAML anchors where they are used.
 * js-yaml stops at 100 levels of written nesting, but aliases (`*a`) and JSON are not bounded
 * by it; every later phase walks documents recursively and would overflow the stack.
 */
export const MAX_NESTING = 200;

/**
 * Rejects documents nested deeper than {@link MAX_NESTING}. A depth-first walk with its own stack
 * (no recursion to overflow); a node shared through an alias is walked again only when reached
 * deeper than before, and an alias to its own ancestor is a cycle, not depth.
 */
export function checkNesting(root: unknown, file: string, limit = MAX_NESTING): void {
  interface Frame {
    node: Record<string, unknown>;
    keys: string[];
    next: number;
  }
  const deepest = new Map<object, number>();
  const onPath = new Set<object>();
  const stack: Frame[] = [];
  // The pointer is built only for the error, so the walk stays cheap (about 15 ms for 2 MB of YAML).
  const here = (): string => stack.map((f) => `/${pointerToken(f.keys[f.next - 1]!)}`).join("");
  const enter = (node: unknown): void => {
    if (node === null || typeof node !== "object" || onPath.has(node)) return;
    const depth = stack.length;
    if (depth > limit) throw new WhmgenError(`the document nests deeper than ${limit} levels`, { file, pointer: here() });
    if ((deepest.get(node) ?? -1) >= depth) return;
    deepest.set(node, depth);
    onPath.add(node);
    stack.push({ node: node as Record<string, unknown>, keys: Object.keys(node), next: 0 });
  };
  enter(root);
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.next < frame.keys.length) enter(frame.node[frame.keys[frame.next++]!]);
    else {
      stack.pop();
      onPath.delete(frame.node);
    }
  }
}

const requireHere = createRequire(import.meta.url);

/**
 * js-yaml, loaded when it is needed: fast-yaml.ts reads the usual OpenAPI document alone, so a
 * run on such documents does not load it (Node caches the module after the first call).
 */
function jsYaml(): typeof JsYaml {
  return requireHere("js-yaml") as typeof JsYaml;
}

/**
 * YAML as OpenAPI documents use it: the core schema (no `!!binary`, `!!timestamp` or other tags a
 * description never needs) plus merge keys (`<<: *common`), which hand-written specs use to share
 * parameter fields and which would otherwise silently become a key named `<<`.
 */
function yamlSchema(yaml: typeof JsYaml): JsYaml.Schema {
  // `types` is exported by js-yaml 4 but missing from its type declarations.
  return yaml.CORE_SCHEMA.extend({ implicit: [(yaml as unknown as { types: { merge: JsYaml.Type } }).types.merge] });
}

/** js-yaml's limit on nesting (its default), kept well below {@link MAX_NESTING}. */
const JS_YAML_MAX_DEPTH = 100;

/** Parses YAML or JSON text; errors carry the file and the line. */
export function parseText(text: string, file: string): unknown {
  // A byte order mark (Windows editors write one) is not part of the document; JSON.parse rejects it.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === "") throw new WhmgenError("the file is empty", { file });
  if (file.toLowerCase().endsWith(".json")) return parseJson(text, file);
  // The common YAML of OpenAPI documents is read several times faster by fast-yaml.ts, which
  // returns exactly js-yaml's value or leaves the text (and every error message) to js-yaml.
  // WHMGEN_YAML=js-yaml leaves every file to js-yaml: the benchmark's measure of what fast-yaml saves.
  const fast = process.env["WHMGEN_YAML"] === "js-yaml" ? undefined : fastYaml(text);
  if (fast) return fast.value;
  const yaml = jsYaml();
  try {
    // maxDepth is js-yaml's default, written out: readDocument relies on it (nestingBounded).
    return yaml.load(text, { filename: file, schema: yamlSchema(yaml), maxDepth: JS_YAML_MAX_DEPTH } as JsYaml.LoadOptions);
  } catch (error) {
    if (error instanceof yaml.YAMLException) {
      const hint = /^unknown tag/.test(error.reason) ? " (whmgen reads plain YAML: no !!binary, !!timestamp or custom tags)" : "";
      const offset = yamlErrorOffset(text, error);
      throw new WhmgenError(`invalid YAML: ${error.reason}${hint}`, { file, ...(offset === undefined ? {} : lineAndColumn(text, offset)) });
    }
    throw error;
  }
}

/**
 * Where a YAML error is, as an offset. Computed from js-yaml's position rather than its line,
 * which is wrong for some errors (a NUL byte is reported at line 1); an unknown tag is placed on
 * the tag itself rather than the end of its value; a second document on its `---`.
 */
function yamlErrorOffset(text: string, error: JsYaml.YAMLException): number | undefined {
  const position = typeof error.mark?.position === "number" ? Math.min(error.mark.position, text.length) : undefined;
  const tag = /^unknown tag !<(.*)>$/.exec(error.reason)?.[1];
  if (tag !== undefined && position !== undefined) {
    const written = tag.startsWith("tag:yaml.org,2002:") ? `!!${tag.slice("tag:yaml.org,2002:".length)}` : tag;
    const at = text.lastIndexOf(written, position);
    return at === -1 ? position : at;
  }
  if (position === undefined && /single document/.test(error.reason)) {
    // The separator of the second document: the first `---` after some content.
    const starts = [...text.matchAll(/^---(?=\s|$)/gm)].map((m) => m.index ?? 0);
    const content = text.search(/^(?!---|#|\s*$)/m);
    return starts.find((i) => i > content);
  }
  return position;
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    // The engine's wording changes between Node versions and may quote the text without a
    // position; whmgen finds the place itself and says what was expected there.
    const found = jsonSyntaxError(text);
    if (!found) throw new WhmgenError(`invalid JSON: ${(error as Error).message}`, { file });
    throw new WhmgenError(`invalid JSON: ${found.message}`, { file, ...lineAndColumn(text, found.offset) });
  }
}

const JSON_LITERAL = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|true|false|null/y;

function shown(text: string, i: number): string {
  if (i >= text.length) return "end of file";
  const c = text.codePointAt(i)!;
  return c < 0x20 || c === 0x7f || c === 0xfeff ? `character U+${c.toString(16).toUpperCase().padStart(4, "0")}` : JSON.stringify(String.fromCodePoint(c));
}

/**
 * Where JSON text goes wrong: a small scanner run only after `JSON.parse` failed. Iterative, so
 * deeply nested input cannot overflow the stack. `undefined` when it finds nothing wrong.
 */
export function jsonSyntaxError(text: string): { offset: number; message: string } | undefined {
  const stack: ("{" | "[")[] = [];
  let i = 0;
  let state: "value" | "value-or-close" | "key" | "key-or-close" | "colon" | "after" = "value";
  const fail = (expected: string, hint = ""): { offset: number; message: string } => ({ offset: i, message: `unexpected ${shown(text, i)}, expected ${expected}${hint}` });
  const trailingComma = (): string => (/,\s*$/.test(text.slice(0, i)) ? " (a trailing comma?)" : "");
  const string = (): { offset: number; message: string } | undefined => {
    for (i++; ; i++) {
      const c = text[i];
      if (c === undefined) return fail("a closing quote");
      if (c === '"') return void i++;
      if (c < " ") return fail("no control characters inside a string (escape them)");
      if (c === "\\") {
        const e = text[++i];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) return fail("four hex digits after \\u");
          i += 4;
        } else if (e === undefined || !'"\\/bfnrt'.includes(e)) return fail("a valid escape such as \\n or \\u00e9");
      }
    }
  };
  for (;;) {
    while (i < text.length && " \t\n\r".includes(text[i]!)) i++;
    const c = text[i];
    if (state === "value-or-close" || state === "key-or-close") {
      if (c === (state === "value-or-close" ? "]" : "}")) {
        i++;
        stack.pop();
        state = "after";
        continue;
      }
      state = state === "value-or-close" ? "value" : "key";
    }
    if (state === "value") {
      if (c === "{" || c === "[") {
        stack.push(c);
        i++;
        state = c === "{" ? "key-or-close" : "value-or-close";
        continue;
      }
      if (c === '"') {
        const bad = string();
        if (bad) return bad;
        state = "after";
        continue;
      }
      JSON_LITERAL.lastIndex = i;
      const literal = JSON_LITERAL.exec(text);
      if (!literal) return fail("a value", trailingComma());
      i += literal[0].length;
      state = "after";
    } else if (state === "key") {
      if (c !== '"') return fail("a double-quoted property name", trailingComma());
      const bad = string();
      if (bad) return bad;
      state = "colon";
    } else if (state === "colon") {
      if (c !== ":") return fail('":"');
      i++;
      state = "value";
    } else {
      const top = stack[stack.length - 1];
      if (top === undefined) return c === undefined ? undefined : fail("the end of the file");
      const close = top === "{" ? "}" : "]";
      if (c === ",") {
        i++;
        state = top === "{" ? "key" : "value";
      } else if (c === close) {
        i++;
        stack.pop();
      } else return fail(`"," or "${close}"`);
    }
  }
}
