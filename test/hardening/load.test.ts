/**
 * Load: 1,000 calls, 50 at a time, to the loopback HTTPS server. All complete with the right
 * data; connections are pooled (at most 50 open, reused); the heap is back near where it started
 * once the calls are done; closing the client leaves no socket open. Bounded in count and time.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tokenAuth } from "../../templates/runtime/auth.js";
import { createRuntimeClient } from "../../templates/runtime/client.js";
import { nodeTransportMakers } from "../../templates/runtime/node.js";
import { makeCertificate, type TestCertificate } from "../runtime/helpers/cert.js";
import * as registry from "../runtime/helpers/functions.js";
import { HASH, PASSWORD, TOKEN, USER } from "../runtime/helpers/setup.js";
import { startWhmServer, type WhmTestServer } from "../runtime/helpers/whm-server.js";
import { recordCounts } from "./helpers.js";

const CALLS = 1_000;
const CONCURRENCY = 50;
/** Generous for a 2-core machine under a parallel test run; the calls take about 1–3 s. */
const TIME_LIMIT_MS = 45_000;
const HEAP_LIMIT_BYTES = 32 * 1024 * 1024;

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

function heapAfterGc(): number {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

let cert: TestCertificate;
let server: WhmTestServer;

beforeAll(async () => {
  cert = await makeCertificate();
  server = await startWhmServer({ tls: cert, user: USER, token: TOKEN, password: PASSWORD, hash: HASH, accounts: 100 });
}, 30_000);

afterAll(async () => {
  await server?.close();
});

/** Runs `count` tasks with at most `limit` in flight. */
async function pool(count: number, limit: number, task: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  let peak = 0;
  let inFlight = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const i = next++;
      inFlight++;
      peak = Math.max(peak, inFlight);
      try {
        await task(i);
      } finally {
        inFlight--;
      }
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return peak;
}

describe("load", () => {
  it(`${CALLS} calls, ${CONCURRENCY} at a time: all complete, pooled connections, bounded heap, nothing left open`, async () => {
    const whm = createRuntimeClient({ host: "127.0.0.1", port: server.port, ca: cert.cert, auth: tokenAuth(USER, TOKEN), timeout: 20_000 }, registry, nodeTransportMakers);
    const requestsBefore = server.requests.length;
    const connectionsBefore = server.connections();
    // Warm up (TLS, JIT, the first allocation of pools) before measuring the heap.
    await pool(CONCURRENCY, CONCURRENCY, async () => void (await whm.version()));
    const heapBefore = heapAfterGc();
    const started = Date.now();
    let peakOpen = 0;
    const failures: unknown[] = [];
    const peak = await pool(CALLS, CONCURRENCY, async (i) => {
      try {
        if (i % 4 === 0) {
          const result = await whm.listaccts({ search: `user${String((i % 100) + 1).padStart(5, "0")}` });
          expect(result.data.acct).toHaveLength(1);
          expect(typeof result.data.acct[0]?.suspended).toBe("boolean");
        } else if (i % 4 === 1) {
          expect((await whm.version()).data.version).toBe("11.137.0.1");
        } else if (i % 4 === 2) {
          const outcome = await whm.call("fail_api", {}, { throwOnError: false });
          expect(!outcome.ok && outcome.error.kind).toBe("api");
        } else {
          expect((await whm.call("echo", { i: String(i), text: "a&b=c +%" })).data).toMatchObject({ params: { i: String(i), text: "a&b=c +%" } });
        }
      } catch (error) {
        failures.push(error);
      }
      peakOpen = Math.max(peakOpen, server.openConnections());
    });
    const seconds = (Date.now() - started) / 1000;
    const heapDelta = heapAfterGc() - heapBefore;
    const connections = server.connections() - connectionsBefore;

    expect(failures).toEqual([]);
    expect(peak).toBe(CONCURRENCY);
    expect(server.requests.length - requestsBefore).toBe(CALLS + CONCURRENCY);
    expect(seconds * 1000).toBeLessThan(TIME_LIMIT_MS);
    expect(peakOpen).toBeLessThanOrEqual(CONCURRENCY);
    expect(connections).toBeLessThanOrEqual(CONCURRENCY); // kept alive and reused, not one per call
    expect(heapDelta).toBeLessThan(HEAP_LIMIT_BYTES);

    await whm.close();
    const closedBy = Date.now() + 3_000;
    while (server.openConnections() > 0 && Date.now() < closedBy) await new Promise((r) => setTimeout(r, 10));
    expect(server.openConnections()).toBe(0);

    await recordCounts("load", {
      calls: CALLS,
      concurrency: CONCURRENCY,
      seconds: Number(seconds.toFixed(2)),
      callsPerSecond: Math.round(CALLS / seconds),
      connectionsOpened: connections,
      peakOpenConnections: peakOpen,
      heapDeltaKiB: Math.round(heapDelta / 1024),
    });
  }, TIME_LIMIT_MS + 15_000);
});
