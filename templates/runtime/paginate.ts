/**
 * Walking a list function page by page with `api.chunk` (1-indexed record numbers), yielding rows.
 * See https://api.docs.cpanel.net/whm/paginate-output/
 */
import type { WhmChunk, WhmMetaOptions } from "./meta.js";
import type { WhmCallResult } from "./result.js";
import type { WhmCallSettings } from "./runner.js";
import type { WhmChunkMetadata } from "./types.js";

/** Options of `paginate`: page size and start, plus filter/sort/columns and per-call settings. */
export interface WhmPaginateOptions<Field extends string = string> extends WhmCallSettings, Omit<WhmMetaOptions<Field>, "chunk"> {
  /** Rows per request (default 1000). */
  size?: number | undefined;
  /** First record, 1-indexed (default 1). */
  start?: number | undefined;
  /**
   * Where the rows are in `data`. By default: `data` itself when it is a list, else its only
   * list-valued field (`{ acct: [...] }`).
   */
  rows?: ((data: unknown) => readonly unknown[] | undefined) | undefined;
}

/** Fetches one page; the client binds it to a function and its parameters. */
export type WhmPageFetcher = (chunk: WhmChunk, options: WhmPaginateOptions) => Promise<WhmCallResult<unknown>>;

/** The rows of a list answer (see {@link WhmPaginateOptions.rows}). */
export function rowsOf(functionName: string, data: unknown): readonly unknown[] {
  if (Array.isArray(data)) return data;
  if (data === null || typeof data !== "object") return [];
  const lists = Object.values(data).filter((value): value is unknown[] => Array.isArray(value));
  if (lists.length > 1) throw new TypeError(`paginate: ${functionName}'s data has several lists; pass { rows: (data) => data.theList }`);
  return lists[0] ?? [];
}

function count(value: unknown): number | undefined {
  const n = typeof value === "string" ? Number(value) : value;
  return typeof n === "number" && Number.isFinite(n) ? n : undefined;
}

/**
 * The next page's start, or undefined when done: on an empty or short page, past
 * `metadata.chunk.records`, or when the answer has no `chunk` record (the server ignored
 * `api.chunk` and sent everything at once: asking again would loop forever).
 */
export function nextChunkStart(chunk: WhmChunkMetadata | undefined, start: number, rows: number, size: number): number | undefined {
  if (!chunk || rows === 0 || rows < size) return undefined;
  const next = start + rows;
  const records = count(chunk.records);
  return records !== undefined && next > records ? undefined : next;
}

/** Yields every row of every page, requesting pages one after the other. */
export async function* paginatePages(functionName: string, fetchPage: WhmPageFetcher, options: WhmPaginateOptions = {}): AsyncGenerator<unknown, void, undefined> {
  const { size = 1000, start: first = 1, rows: pick, ...rest } = options;
  let start: number | undefined = first;
  while (start !== undefined) {
    const page = await fetchPage({ start, size }, rest);
    const rows = pick ? (pick(page.data) ?? []) : rowsOf(functionName, page.data);
    yield* rows;
    start = nextChunkStart(page.metadata.chunk, start, rows.length, size);
  }
}
