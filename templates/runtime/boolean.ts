/**
 * WHM API 1 Booleans travel as `1`/`0` (some flags as `y`/`n`), in both directions.
 * `true`/`false` are not accepted on the wire.
 */

/** A Boolean as WHM sends it: 1/0, its string forms, or already a boolean. */
export type WhmBooleanInput = boolean | 0 | 1 | "0" | "1";

/** `true` → `1`, `false` → `0`; 0/1 pass through. */
export function toWhmBoolean(value: WhmBooleanInput): 0 | 1 {
  return value === true || value === 1 || value === "1" ? 1 : 0;
}

/**
 * `1`/`"1"` → `true`, `0`/`"0"`/`""` → `false`. Anything else is returned unchanged:
 * decoders are lenient where WHM is, so an unexpected value is kept for the caller to see.
 */
export function fromWhmBoolean(value: unknown): boolean {
  if (value === 1 || value === "1" || value === true) return true;
  if (value === 0 || value === "0" || value === false || value === "") return false;
  return value as boolean;
}

/** `true` → `"y"`, `false` → `"n"`; `"y"`/`"n"` pass through. */
export function toWhmYesNo(value: boolean | "y" | "n"): "y" | "n" {
  return value === true || value === "y" ? "y" : "n";
}

/** `"y"` → `true`, `"n"` → `false`; anything else unchanged. */
export function fromWhmYesNo(value: unknown): boolean {
  if (value === "y" || value === "Y" || value === 1 || value === "1") return true;
  if (value === "n" || value === "N" || value === 0 || value === "0") return false;
  return value as boolean;
}
