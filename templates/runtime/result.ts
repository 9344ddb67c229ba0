/**
 * What a call gives back: the decoded envelope plus its warnings, or — under
 * `throwOnError: false` — an outcome object that is either the result or the error.
 */
import type { AnyWhmError } from "./errors.js";
import type { WhmResult } from "./types.js";

/**
 * A successful call: the envelope (`data`, `metadata`) plus `warnings`, the server's
 * `metadata.output.warnings` (empty when there are none), so they are hard to overlook.
 */
export type WhmCallResult<Data> = WhmResult<Data> & { warnings: string[] };

/** A call under `throwOnError: false`: check `ok` before use. */
export type WhmOutcome<Data> = { ok: true; result: WhmCallResult<Data> } | { ok: false; error: AnyWhmError };

type IsUnion<T, All = T> = T extends unknown ? ([All] extends [T] ? false : true) : never;

/**
 * `data` after `{ flatten: true }`: a single-key hash whose value is a list becomes that list
 * (`{ acct: Account[] }` → `Account[]`); anything else is unchanged. WHM marks such answers
 * with `metadata.payload_is_literal`.
 */
export type WhmFlatData<Data> = Data extends readonly unknown[]
  ? Data
  : Data extends object
    ? keyof Data extends infer K extends keyof Data
      ? [K] extends [never]
        ? Data
        : true extends IsUnion<K>
          ? Data
          : string extends K
            ? Data
            : NonNullable<Data[K]> extends readonly unknown[]
              ? {} extends Pick<Data, K> ? NonNullable<Data[K]> | Data : Data[K]
              : Data
      : Data
    : Data;

/** The runtime half of {@link WhmFlatData}. */
export function flattenData(data: unknown): unknown {
  if (data === null || typeof data !== "object" || Array.isArray(data)) return data;
  const keys = Object.keys(data);
  if (keys.length !== 1) return data;
  const value = (data as Record<string, unknown>)[keys[0] as string];
  return Array.isArray(value) ? value : data;
}

/** `metadata.output.warnings` as a list of strings (WHM sometimes sends a single string). */
export function warningsOf(result: WhmResult<unknown>): string[] {
  const warnings: unknown = result.metadata.output?.warnings;
  if (Array.isArray(warnings)) return warnings.map(String);
  return typeof warnings === "string" && warnings ? [warnings] : [];
}

/** Turns a decoded envelope into a call result: optional flattening, then `warnings`. */
export function finishResult<Data>(result: WhmResult<Data>, flatten: boolean): WhmCallResult<Data> {
  const out = result as WhmCallResult<Data>;
  if (flatten) out.data = flattenData(out.data) as Data;
  out.warnings = warningsOf(result);
  return out;
}
