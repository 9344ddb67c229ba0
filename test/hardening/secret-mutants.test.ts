/**
 * The secrets property can fail: the same check as secret-properties.test.ts, run against the
 * generated SDK with one protection of its runtime switched off (the runtime module mocked), must
 * find a leak, and say where. Five mutants:
 *
 * - the POST move off: a secret stays in the query string. The URL check still refuses it, so the
 *   property fails on the refusal;
 * - the POST move and the URL checks off: the secret is in the URL;
 * - the redacted displays off (pairs, bodies and requests show what they hold);
 * - the scrubbing of errors off (a server's echo of a secret stays in the error);
 * - the whmapi1 argument checks off (the secret reaches whmapi1's command line).
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { callOf, fakeWhmapi1, newCounts, runCall, secretFunctions, startEchoServer, type CatalogFunction, type Environment } from "./secret-check.js";

const SEED = Number(process.env["WHMGEN_FC_SEED"] ?? 20_251_123);
const SECRETS = "../../generated/runtime/secrets.js";
const REQUEST = "../../generated/runtime/request.js";
type SecretsModule = typeof import("../../generated/runtime/secrets.js");
type RequestModule = typeof import("../../generated/runtime/request.js");

let server: Environment["server"];
let whmapi1: Environment["whmapi1"];
let functions: CatalogFunction[] = [];

beforeAll(async () => {
  server = await startEchoServer();
  whmapi1 = await fakeWhmapi1();
  // A few functions of each kind: GET with one secret, GET with several, a list-valued secret, a form POST.
  const all = await secretFunctions();
  functions = ["passwd", "create_remote_root_transfer_session", "enqueue_deferred_ssl_installations", "backup_destination_set"].map((name) => all.find((f) => f.name === name)!);
});

afterAll(async () => {
  await server?.close();
  vi.resetModules();
});

/** Loads the SDK afresh (with whatever is mocked now) and runs the property over the functions; returns its failure. */
async function failureWith(mock: () => void): Promise<string> {
  vi.resetModules();
  mock();
  const env: Environment = {
    sdk: { node: await import("../../generated/node.js"), testing: await import("../../generated/testing/index.js"), runtime: await import("../../generated/runtime/index.js") },
    server,
    whmapi1,
    counts: newCounts(),
  };
  try {
    for (const fn of functions) {
      await fc.assert(fc.asyncProperty(callOf(fn), (draw) => runCall(env, fn, draw)), { numRuns: 12, seed: SEED, endOnFailure: true });
    }
  } catch (error) {
    // fast-check's error names the counterexample; what the run threw is its cause.
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? cause.message : String(error);
  } finally {
    vi.doUnmock(SECRETS);
    vi.doUnmock(REQUEST);
  }
  return "the property passed";
}

describe("the secrets property fails when a protection is off", () => {
  test("without the POST move: the URL check refuses the secret (and the property fails)", async () => {
    const failure = await failureWith(() => {
      vi.doMock(REQUEST, async (importOriginal) => {
        const original = await importOriginal<RequestModule>();
        return { ...original, buildRequest: (parts: Parameters<RequestModule["buildRequest"]>[0]) => original.buildRequest({ ...parts, queryAsked: true }) };
      });
    });
    expect(failure).toMatch(/the secret parameter "[^"]+" would go into the URL/);
  }, 60_000);

  test("without the POST move and the URL checks: a secret in a URL", async () => {
    const failure = await failureWith(() => {
      vi.doMock(REQUEST, async (importOriginal) => {
        const original = await importOriginal<RequestModule>();
        return { ...original, buildRequest: (parts: Parameters<RequestModule["buildRequest"]>[0]) => original.buildRequest({ ...parts, queryAsked: true }) };
      });
      vi.doMock(SECRETS, async (importOriginal) => ({ ...(await importOriginal<SecretsModule>()), checkQueryPairs: () => undefined, checkUrl: () => undefined }));
    });
    expect(failure).toMatch(/LEAK: (request\.url\(\)|URL \d+ sent to the double|URL \d+ received over HTTP) shows the secret/);
  }, 60_000);

  test("without the redacted displays: a request, its pairs or its body shows a secret", async () => {
    const failure = await failureWith(() => {
      vi.doMock(SECRETS, async (importOriginal) => {
        const original = await importOriginal<SecretsModule>();
        return {
          ...original,
          // Still secret (so still moved to a POST body and refused for URLs and argv), but shown as held.
          secretPair: (...args: Parameters<SecretsModule["secretPair"]>) => {
            const pair: [string, string] = [args[0], args[1]];
            return Object.defineProperty(pair, Symbol.for("whmapi1.secret"), { value: original.secretInfo(original.secretPair(...args)) });
          },
          redactBody: <B extends object>(body: B) => body,
          sealRequest: <R extends object>(request: R, tagged: boolean) => (tagged ? Object.defineProperty(request, Symbol.for("whmapi1.tagged"), { value: true }) : request),
        };
      });
    });
    expect(failure).toMatch(/LEAK: (String|JSON\.stringify|inspect)\((request|request\.pairs|request\.body\(\))\)(, showHidden)? shows the secret/);
  }, 60_000);

  test("without the scrubbing of errors: a server's echo shows a secret in an error", async () => {
    const failure = await failureWith(() => {
      vi.doMock(SECRETS, async (importOriginal) => ({ ...(await importOriginal<SecretsModule>()), redactError: <E extends Error>(error: E) => error }));
    });
    expect(failure).toMatch(/LEAK: [^:]+: (error message|String\(error\)|error stack|JSON\.stringify\(error\)|inspect\(error\)[^:]*) shows the secret/);
  }, 60_000);

  test("without the whmapi1 argument checks: a secret on whmapi1's command line", async () => {
    const failure = await failureWith(() => {
      vi.doMock(SECRETS, async (importOriginal) => ({ ...(await importOriginal<SecretsModule>()), checkArgvPairs: () => undefined, checkArgv: () => undefined }));
    });
    expect(failure).toMatch(/LEAK: (request\.argv\(\) shows the secret|[a-z_]+'s argv\(\) did not refuse its secret|the whmapi1 transport ran)/);
  }, 60_000);

  test("and with every protection on, the same runs pass", async () => {
    expect(await failureWith(() => undefined)).toBe("the property passed");
  }, 60_000);
});
