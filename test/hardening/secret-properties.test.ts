/**
 * The secrets property (issue 14, part 2; fast-check, fixed seed, WHMGEN_FC_SEED to explore):
 * every described function of the SDK generated from specs/ that has a secret parameter is called
 * with random secret values through the request builder, the client against the test double,
 * `whm.call`, `batch`, the whmapi1 transport, the fetch and the HTTPS transports, with the double
 * and the servers answering, failing and echoing the parameters back; no secret value shows in any
 * URL, argv, error, display of a request, call record or console line, and each one reaches the
 * bodies where it must go. What is checked, in detail: secret-check.ts. That the check can fail:
 * secret-mutants.test.ts.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { callOf, fakeWhmapi1, newCounts, runCall, secretFunctions, startEchoServer, type Environment } from "./secret-check.js";
import { recordCounts } from "./helpers.js";

const SEED = Number(process.env["WHMGEN_FC_SEED"] ?? 20_251_123);
const RUNS_PER_FUNCTION = 8;
const functions = await secretFunctions();
const env = {} as Environment;

beforeAll(async () => {
  env.sdk = { node: await import("../../generated/node.js"), testing: await import("../../generated/testing/index.js"), runtime: await import("../../generated/runtime/index.js") };
  env.server = await startEchoServer();
  env.whmapi1 = await fakeWhmapi1();
  env.counts = newCounts();
}, 60_000);

afterAll(async () => {
  await env.server?.close();
  const c = env.counts;
  await recordCounts("secret-properties", {
    seed: SEED,
    functions: functions.length,
    secretParams: functions.reduce((n, f) => n + f.params.filter((p) => p.secret).length, 0),
    ...c,
  });
});

describe(`every described function with a secret parameter (${RUNS_PER_FUNCTION} random calls each)`, () => {
  test("the SDK has them: 43 functions, 57 parameters", () => {
    expect(functions.length).toBe(43);
    expect(functions.reduce((n, f) => n + f.params.filter((p) => p.secret).length, 0)).toBe(57);
  });

  test.each(functions.map((f, i) => [f.name, f, i] as const))("%s: no secret value in a URL, argv, error, request display, call record or log line", async (_name, fn, i) => {
    await fc.assert(
      fc.asyncProperty(callOf(fn), (draw) => runCall(env, fn, draw)),
      { numRuns: RUNS_PER_FUNCTION, seed: SEED + i, endOnFailure: true },
    );
  }, 60_000);

  test("the runs reached everything they claim to", async () => {
    const c = env.counts;
    expect(c.runs).toBe(functions.length * RUNS_PER_FUNCTION);
    expect(c.cliRefusals).toBe(c.runs * 3);
    // The values went where they must: the double's handler and the HTTP servers got them.
    expect(c.secretsArrived).toBeGreaterThan(c.runs);
    expect(c.errorsChecked).toBeGreaterThan(c.runs * 4);
    expect(c.consoleLines).toBeGreaterThan(c.runs * 4);
    // The fake whmapi1 never ran: every call with a secret was refused before it.
    expect(await env.whmapi1.calls()).toBe("");
  });
});
