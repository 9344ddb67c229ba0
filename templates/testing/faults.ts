/**
 * Fault injection, for testing how code copes with what WHM servers do in the field: slow answers,
 * an HTML login page under HTTP 200, HTTP 403 with a `cpanelresult` body, a dropped connection,
 * no answer at all, a 500, JSON cut short. Per function, for the first N calls, or at random
 * with a seed (the same seed and the same calls give the same faults).
 */
import { rngFor, type Rng } from "./random.js";

/** What can go wrong. */
export type WhmFaultKind =
  /** Answer normally, `ms` milliseconds late (rules of this kind add up; other rules still apply). */
  | "latency"
  /** HTTP 200 with WHM's HTML login page instead of JSON (wrong port, expired session). */
  | "html-login"
  /** HTTP 403 with the `{"cpanelresult":{"error":"Access denied",…}}` body. */
  | "forbidden"
  /** The connection is reset before an answer. */
  | "reset"
  /** No answer ever (the client's timeout or signal ends the call). */
  | "timeout"
  /** HTTP 500 with a plain-text body. */
  | "server-error"
  /** HTTP 200 with JSON cut short (old builds do this). */
  | "truncated";

/**
 * One rule: which fault, for which functions, how often.
 *
 * @example
 * { fault: "html-login", functions: "listaccts" }            // every listaccts call
 * { fault: "reset", rate: 0.2 }                              // one call in five, at random (seeded)
 * { fault: "timeout", functions: ["createacct"], times: 1 }  // the first createacct call only
 * { fault: "latency", ms: 250 }                              // every call, 250 ms late
 */
export interface WhmFaultRule {
  fault: WhmFaultKind;
  /** Function names (`batch` for a batch as a whole); default: every function. */
  functions?: string | readonly string[] | undefined;
  /** Probability per matching call, 0–1 (default 1: always). */
  rate?: number | undefined;
  /** Apply at most this many times. */
  times?: number | undefined;
  /** Milliseconds, for `latency` (default 100). */
  ms?: number | undefined;
}

export interface FaultDecision {
  delayMs: number;
  fault?: Exclude<WhmFaultKind, "latency"> | undefined;
}

export const FAULT_KINDS: readonly WhmFaultKind[] = ["latency", "html-login", "forbidden", "reset", "timeout", "server-error", "truncated"];

/** The rules of one fake, with their counters and their seeded dice. */
export class FaultPlan {
  readonly #rules: { rule: WhmFaultRule; used: number }[] = [];
  readonly #rng: Rng;

  constructor(rules: readonly WhmFaultRule[], seed: string) {
    this.#rng = rngFor(seed, "faults");
    for (const rule of rules) this.add(rule);
  }

  /** Adds a rule; returns a function that removes it again. */
  add(rule: WhmFaultRule): () => void {
    if (!FAULT_KINDS.includes(rule.fault)) throw new TypeError(`unknown fault ${JSON.stringify(rule.fault)}; expected one of ${FAULT_KINDS.join(", ")}`);
    if (rule.rate !== undefined && !(rule.rate >= 0 && rule.rate <= 1)) throw new RangeError("a fault's rate is a probability, from 0 to 1");
    const entry = { rule, used: 0 };
    this.#rules.push(entry);
    return () => {
      const i = this.#rules.indexOf(entry);
      if (i >= 0) this.#rules.splice(i, 1);
    };
  }

  clear(): void {
    this.#rules.length = 0;
  }

  /** Decides what happens to one call of `functionName`. */
  decide(functionName: string): FaultDecision {
    const decision: FaultDecision = { delayMs: 0 };
    for (const entry of this.#rules) {
      const { rule } = entry;
      const names = rule.functions === undefined ? undefined : typeof rule.functions === "string" ? [rule.functions] : rule.functions;
      if (names && !names.includes(functionName)) continue;
      if (rule.times !== undefined && entry.used >= rule.times) continue;
      if (rule.fault !== "latency" && decision.fault) continue;
      if (rule.rate !== undefined && rule.rate < 1 && !this.#rng.chance(rule.rate)) continue;
      entry.used++;
      if (rule.fault === "latency") decision.delayMs += Math.max(0, rule.ms ?? 100);
      else decision.fault = rule.fault;
    }
    return decision;
  }
}
