/**
 * The small vocabulary for writing TypeScript text: literals, unions, property keys and
 * doc comments. Emitters use these instead of assembling syntax by hand.
 */
import type { JSDocStructure, JSDocTagStructure } from "ts-morph";
import { StructureKind } from "./tsmorph.js";
import { propertyKey } from "../naming.js";

/** A literal type or value. */
export function tsLiteral(value: string | number | boolean | null): string {
  return value === null ? "null" : typeof value === "string" ? JSON.stringify(value) : String(value);
}

/**
 * JSON text as a string literal in single quotes (it is full of double quotes): only `\\` and
 * `'` need escaping, as JSON text has no raw line breaks.
 */
export function tsSingleQuoted(json: string): string {
  return `'${json.replace(/[\\']/g, "\\$&")}'`;
}

/** `A | B`, members de-duplicated in first-seen order; parenthesised parts stay as given. */
export function tsUnion(members: readonly string[]): string {
  const unique = [...new Set(members)];
  if (unique.length === 0) return "never";
  return unique.join(" | ");
}

/** An array type; unions and function types are parenthesised. */
export function tsArray(item: string, readonly = false): string {
  const inner = /[|&]|=>/.test(item) && !/^\{[\s\S]*\}$/.test(item) ? `(${item})` : item;
  return `${readonly ? "readonly " : ""}${inner}[]`;
}

/** A property in an object type literal. */
export function tsProperty(name: string, type: string, optional: boolean): string {
  return `${propertyKey(name)}${optional ? "?" : ""}: ${type}`;
}

/** An inline object type. */
export function tsObject(members: readonly string[]): string {
  return members.length === 0 ? "{}" : `{ ${members.join("; ")} }`;
}

/** Reading a property: `v.name` or `v["not-an-identifier"]`. */
export function tsAccess(target: string, name: string): string {
  const key = propertyKey(name);
  return key.startsWith('"') ? `${target}[${key}]` : `${target}.${key}`;
}

/** White space (other than the line break itself) at the end of a line that is not the last. */
const TRAILING_SPACE = /[^\S\n]\n/;

/**
 * Makes free text safe inside a `/** … *\/` comment: no `*\/` can end it early and no line can
 * start a tag by accident.
 */
export function docText(text: string): string {
  // Most descriptions need none of the rewrites below: one scan each says so (a quarter of the
  // time of the chain of replacements, run for every description and parameter of a document).
  if (!text.includes("\r") && !text.includes("*/") && !text.includes("@") && !TRAILING_SPACE.test(text)) return text.trim();
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/\*\//g, "*\\/")
    .replace(/^(\s*)@/gm, "$1\\@")
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")
    .trim();
}

export interface DocParts {
  summary?: string | undefined;
  description?: string | undefined;
  tags?: readonly (readonly [string, string | undefined])[];
}

/** A doc comment structure, or none when there is nothing to say. */
export function tsDocs(parts: DocParts): JSDocStructure[] {
  const paragraphs = [parts.summary, parts.description].filter((p): p is string => typeof p === "string" && p.trim() !== "").map(docText);
  const tags: JSDocTagStructure[] = (parts.tags ?? []).map(([tagName, text]) => ({
    kind: StructureKind.JSDocTag,
    tagName,
    ...(text !== undefined ? { text: docText(text) } : {}),
  }));
  if (paragraphs.length === 0 && tags.length === 0) return [];
  return [{ kind: StructureKind.JSDoc, description: paragraphs.join("\n\n"), tags }];
}
