/**
 * `$ref` resolution. Local references are checked first by whmgen itself, so a dangling one is
 * reported at the place that refers to it (the parser would only name the missing target);
 * then @apidevtools/swagger-parser dereferences the document. Documents without any `$ref`
 * (most of cPanel's per-category files) skip the parser entirely.
 */
import { access } from "node:fs/promises";
import path from "node:path";
import type SwaggerParserType from "@apidevtools/swagger-parser";
import type { OpenAPI } from "openapi-types";
import { WhmgenError, pointerToken } from "../errors.js";

interface RefSite {
  ref: string;
  pointer: string;
}

/** Every `$ref` in the document with the pointer of the object holding it (shared nodes once). */
export function collectRefs(root: unknown): RefSite[] {
  const sites: RefSite[] = [];
  const seen = new Set<object>();
  const walk = (node: unknown, at: string): void => {
    if (node === null || typeof node !== "object" || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) walk(node[i], `${at}/${i}`);
      return;
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") sites.push({ ref: value, pointer: at });
      else walk(value, `${at}/${pointerToken(key)}`);
    }
  };
  walk(root, "");
  return sites;
}

/** Resolves a local JSON pointer (`#/a/b`) in `root`; `undefined` when it leads nowhere. */
export function resolvePointer(root: unknown, ref: string): unknown {
  if (ref === "#") return root;
  if (!ref.startsWith("#/")) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(2).split("/")) {
    const token = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    if (node === null || typeof node !== "object" || !Object.prototype.hasOwnProperty.call(node, token)) return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

/**
 * A chain of local `$ref`s that only points at itself (`A: {$ref: B}`, `B: {$ref: A}`) describes
 * no schema at all; the parser would leave it as an empty object, typed `unknown` without a word.
 * (A recursive schema — a `$ref` inside properties — is fine and stays allowed.)
 */
function checkRefCycles(doc: Record<string, unknown>, sites: readonly RefSite[], file: string): void {
  const onlyRef = (node: unknown): string | undefined =>
    node !== null && typeof node === "object" && typeof (node as { $ref?: unknown }).$ref === "string" ? (node as { $ref: string }).$ref : undefined;
  for (const site of sites) {
    const chain = [site.ref];
    for (let ref: string | undefined = site.ref; ref !== undefined && ref.startsWith("#"); ) {
      ref = onlyRef(resolvePointer(doc, ref));
      if (ref === undefined) break;
      if (chain.includes(ref)) {
        throw new WhmgenError(`$ref ${JSON.stringify(site.ref)} is circular and never reaches a schema (${[...chain, ref].join(" → ")})`, { file, pointer: site.pointer });
      }
      chain.push(ref);
    }
  }
}

/**
 * Checks every reference, then dereferences. Returns the document with references replaced.
 * `external` is told of each file another file is referenced in (the parser reads those itself).
 */
export async function dereference(doc: Record<string, unknown>, absPath: string, file: string, external?: (absPath: string) => void): Promise<Record<string, unknown>> {
  const sites = collectRefs(doc);
  if (sites.length === 0) return doc;
  checkRefCycles(doc, sites, file);
  for (const site of sites) {
    const hash = site.ref.indexOf("#");
    const target = hash === -1 ? site.ref : site.ref.slice(0, hash);
    if (target === "") {
      if (resolvePointer(doc, site.ref) === undefined) {
        throw new WhmgenError(`$ref ${JSON.stringify(site.ref)} points to nothing in this document`, { file, pointer: site.pointer });
      }
    } else if (/^[a-z][a-z0-9+.-]*:/i.test(target)) {
      throw new WhmgenError(`$ref ${JSON.stringify(site.ref)} points outside the local files; whmgen resolves only local references`, { file, pointer: site.pointer });
    } else {
      external?.(path.resolve(path.dirname(absPath), target));
      try {
        await access(path.resolve(path.dirname(absPath), target));
      } catch {
        throw new WhmgenError(`$ref ${JSON.stringify(site.ref)} points to a file that does not exist`, { file, pointer: site.pointer });
      }
    }
  }
  try {
    // Loaded only for documents that have references (~60 ms that most cPanel files never need).
    const { default: SwaggerParser } = (await import("@apidevtools/swagger-parser")) as { default: typeof SwaggerParserType };
    const parser = new SwaggerParser();
    const result = await parser.dereference(absPath, doc as unknown as OpenAPI.Document, {
      dereference: { circular: true },
      resolve: { external: true, http: false },
    } as SwaggerParserType.Options);
    return result as unknown as Record<string, unknown>;
  } catch (error) {
    const message = (error as Error).message.split(path.dirname(absPath) + path.sep).join("");
    throw new WhmgenError(`cannot resolve references: ${message}`, { file });
  }
}
