/**
 * Helpers the generated decoders call. Decoders themselves are generated per function
 * (no schema is walked at run time); these are the leaf conversions and the envelope check.
 *
 * Decoders convert in place: `decode(JSON.parse(text))` hands over a fresh object, and
 * rewriting its fields avoids copying answers of tens of thousands of rows.
 */
import { fromWhmBoolean, fromWhmYesNo } from "./boolean.js";
import type { WhmMetadata, WhmResult } from "./types.js";

/** Thrown when an answer is JSON but not a WHM API 1 envelope. */
export class WhmEnvelopeError extends Error {
  override readonly name = "WhmEnvelopeError";
  constructor(
    readonly functionName: string,
    /** What is wrong, without the function name. */
    readonly detail: string,
  ) {
    super(`${functionName}: malformed WHM API 1 answer: ${detail}`);
  }
}

/** A 0/1 field: 1/"1" → true, 0/"0"/"" → false, other values unchanged. */
export const bool: (value: unknown) => boolean = fromWhmBoolean;

/** A y/n field. */
export const yesNo: (value: unknown) => boolean = fromWhmYesNo;

/** A number that WHM may send quoted ("1369256589"); non-numeric text ("unlimited", "14M") is kept. */
export function num(value: unknown): number {
  if (typeof value === "string" && value !== "" && value.trim() === value) {
    const n = Number(value);
    if (!Number.isNaN(n)) return n;
  }
  return value as number;
}

/** Applies `item` to every element of an array in place; a non-array is returned unchanged. */
export function list<T>(value: unknown, item: (v: unknown) => T): T[] {
  if (Array.isArray(value)) for (let i = 0; i < value.length; i++) value[i] = item(value[i]);
  return value as T[];
}

/** Applies `item` to every value of a map (`additionalProperties`) in place. */
export function map<T>(value: unknown, item: (v: unknown) => T): Record<string, T> {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) record[key] = item(record[key]);
  }
  return value as Record<string, T>;
}

/** True when `value` is a plain object whose fields a decoder may rewrite. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Leaves a value as it is (fields that need no conversion). */
export function same<T>(value: unknown): T {
  return value as T;
}

/**
 * Checks the envelope and decodes `data` with the function's generated decoder.
 * Strict about the envelope (`metadata` must be an object with `result` 0 or 1),
 * lenient about the data (WHM omits fields and quotes numbers).
 * `data` is decoded only when the call succeeded; a failure's data is kept as sent.
 */
export function decodeEnvelope<Data>(
  functionName: string,
  raw: unknown,
  decodeData: (data: unknown) => Data,
): WhmResult<Data> {
  if (!isRecord(raw)) throw new WhmEnvelopeError(functionName, `expected an object, got ${describe(raw)}`);
  const metadata = raw["metadata"];
  if (!isRecord(metadata)) throw new WhmEnvelopeError(functionName, `"metadata" is ${describe(metadata)}, expected an object`);
  const result = metadata["result"];
  if (result === 1 || result === "1") metadata["result"] = 1;
  else if (result === 0 || result === "0") metadata["result"] = 0;
  else throw new WhmEnvelopeError(functionName, `"metadata.result" is ${describe(result)}, expected 0 or 1`);
  if (typeof metadata["version"] === "string") metadata["version"] = num(metadata["version"]);
  // Paging and filter counts arrive quoted on some builds; the types promise numbers.
  numbersIn(metadata["chunk"], ["current", "records", "size", "start"]);
  numbersIn(metadata["filter"], ["filtered"]);
  if (metadata["result"] === 1 && raw["data"] !== undefined) raw["data"] = decodeData(raw["data"]);
  return raw as unknown as WhmResult<Data> & { metadata: WhmMetadata };
}

function numbersIn(record: unknown, keys: readonly string[]): void {
  if (!isRecord(record)) return;
  for (const key of keys) if (typeof record[key] === "string") record[key] = num(record[key]);
}

function describe(value: unknown): string {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "string" ? `the string ${JSON.stringify(value.slice(0, 40))}` : `a ${typeof value}`;
}
