/** Plain JSON-ish values as the generator reads them from parsed documents. */

export type Obj = Record<string, unknown>;

/** A mapping (not null, not an array): the one test every phase uses. */
export function isObj(value: unknown): value is Obj {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
