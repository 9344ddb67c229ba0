/**
 * Errors the generator reports to its user. Every one names the file and the place in it
 * (a JSON pointer or a line), so a message alone tells where to look.
 */

/** Where in which input a problem is: a file and a JSON pointer, and a line when known. */
export interface SourcePlace {
  file: string;
  pointer?: string;
  line?: number;
  column?: number;
}

/** A problem with the input (spec, applist, config): exit code 1. */
export class WhmgenError extends Error {
  override readonly name = "WhmgenError";
  readonly exitCode: number = 1;
  constructor(
    message: string,
    readonly place?: SourcePlace,
  ) {
    super(place ? `${formatPlace(place)}: ${message}` : message);
  }
}

/** A problem with how the command was called: exit code 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
  readonly exitCode: number = 2;
}

export function formatPlace(place: SourcePlace): string {
  let s = place.file;
  if (place.line !== undefined) s += `:${place.line}${place.column !== undefined ? `:${place.column}` : ""}`;
  if (place.pointer !== undefined) s += ` at ${place.pointer === "" ? "/" : place.pointer}`;
  return s;
}

/** Escapes one JSON pointer token (RFC 6901). */
export function pointerToken(token: string | number): string {
  return String(token).replace(/~/g, "~0").replace(/\//g, "~1");
}

/** Builds a JSON pointer from tokens. */
export function pointer(...tokens: (string | number)[]): string {
  return tokens.map((t) => "/" + pointerToken(t)).join("");
}
