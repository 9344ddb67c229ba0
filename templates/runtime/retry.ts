/**
 * Opt-in retries. Only for read-only functions (retrying `createacct` after a lost answer could
 * create the account twice) and only for failures a second try can fix: network errors and 5xx.
 */
import type { AnyWhmError } from "./errors.js";

/** Retry settings; a number `n` means `{ retries: n }`. */
export interface WhmRetryOptions {
  /** Extra attempts after the first. */
  retries: number;
  /** Delay before the first retry, in ms (default 200); it doubles each time… */
  minDelay?: number | undefined;
  /** …up to this (default 5 000). */
  maxDelay?: number | undefined;
}

export type WhmRetrySetting = WhmRetryOptions | number | false;

/** Retry settings with the defaults filled in. */
export interface ResolvedRetry {
  retries: number;
  minDelay: number;
  maxDelay: number;
}

/** The settings in effect, or undefined for no retries. */
export function resolveRetry(setting: WhmRetrySetting | undefined): ResolvedRetry | undefined {
  if (setting === undefined || setting === false) return undefined;
  const options = typeof setting === "number" ? { retries: setting } : setting;
  if (!Number.isInteger(options.retries) || options.retries < 0) throw new RangeError("retry.retries must be a non-negative integer");
  if (options.retries === 0) return undefined;
  return { retries: options.retries, minDelay: options.minDelay ?? 200, maxDelay: options.maxDelay ?? 5_000 };
}

/** Network errors and answers with a 5xx status are worth another try; nothing else is. */
export function isRetryable(error: AnyWhmError): boolean {
  if (error.kind === "network") return true;
  if (error.kind === "http" || error.kind === "not-json" || error.kind === "malformed") {
    return error.status !== undefined && error.status >= 500 && error.status <= 599;
  }
  return false;
}

/**
 * Exponential backoff with jitter: attempt 0 waits about `minDelay`, then twice that, and so on up
 * to `maxDelay`. The jitter (50–100 % of the step) keeps many clients from retrying in lockstep.
 */
export function backoffDelay(attempt: number, options: ResolvedRetry, random: () => number = Math.random): number {
  const step = Math.min(options.maxDelay, options.minDelay * 2 ** attempt);
  return Math.round(step * (0.5 + random() / 2));
}

/** Waits `ms`; resolves false early if `signal` fires. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
