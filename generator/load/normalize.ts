/**
 * The one place where OpenAPI version differences are handled.
 *
 * cPanel publishes documents headed `openapi: 3.0.x`, `3.1.0` and `3.2.0`. whmgen reads all three
 * with one code path: the IR builder accepts both spellings of "nullable" (`nullable: true` and
 * `type: [x, 'null']`) and both forms of exclusive bounds. Only the header is rewritten, and only
 * for the parser's sake: @apidevtools/swagger-parser refuses 3.2.0 outright.
 */
import { WhmgenError, type SourcePlace } from "../errors.js";

export interface Normalized {
  /** The header as written (for banners and the catalog). */
  openapi: string;
  /** A shallow copy the parser accepts. */
  doc: Record<string, unknown>;
}

const SUPPORTED = /^3\.(0|1|2)\.\d+$/;

export function normalizeDocument(value: unknown, file: string): Normalized {
  const at = (pointer: string): SourcePlace => ({ file, pointer });
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new WhmgenError("not an OpenAPI document: expected a mapping at the top level", at(""));
  }
  const doc = value as Record<string, unknown>;
  if ("swagger" in doc) {
    throw new WhmgenError(`unsupported document version swagger ${JSON.stringify(doc["swagger"])}: whmgen reads OpenAPI 3.0, 3.1 and 3.2`, at("/swagger"));
  }
  const header = doc["openapi"];
  if (header === undefined) throw new WhmgenError('not an OpenAPI document: no "openapi" field', at(""));
  const openapi = String(header);
  if (typeof header === "number") {
    // YAML reads `openapi: 3.0` as the number 3; say so rather than "unsupported version 3".
    throw new WhmgenError(`"openapi" must be a version string such as "3.0.3", got the number ${openapi} (quote it, and give all three parts)`, at("/openapi"));
  }
  if (typeof header !== "string" || !SUPPORTED.test(openapi)) {
    throw new WhmgenError(`unsupported OpenAPI version ${JSON.stringify(header)}: whmgen reads 3.0.x, 3.1.x and 3.2.x`, at("/openapi"));
  }
  const paths = doc["paths"];
  if (paths === null || typeof paths !== "object" || Array.isArray(paths)) {
    throw new WhmgenError('"paths" must be a mapping of function paths', at("/paths"));
  }
  const info = doc["info"];
  if (info !== undefined && (info === null || typeof info !== "object")) throw new WhmgenError('"info" must be a mapping', at("/info"));
  const parserHeader = openapi.startsWith("3.2.") ? "3.1.0" : openapi;
  return { openapi, doc: parserHeader === openapi ? doc : { ...doc, openapi: parserHeader } };
}
