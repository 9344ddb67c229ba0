/**
 * Server faults, end to end against the loopback HTTPS test server (test/runtime/helpers), each
 * ending in the right typed error (or, where WHM's own leniency is the right answer, a result),
 * with no unhandled rejection and no socket or listener left open.
 *
 * Already covered by test/runtime/http.test.ts (over both HTTP transports) and not repeated here: no answer at all (`hang`,
 * timeout and abort), a connection reset before any answer (`fail_reset`), an HTML login page
 * under 200 with a text/html type (`fail_html`), the 403 `cpanelresult` body (`fail_403`, also
 * under 200), 500 with a text body, truncated JSON, an empty body, a closed port, TLS refusal.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tokenAuth } from "../../templates/runtime/auth.js";
import { createRuntimeClient, type ClientOptions } from "../../templates/runtime/client.js";
import { nodeTransportMakers } from "../../templates/runtime/node.js";
import { defineFunction } from "../../templates/runtime/define.js";
import { isWhmError, type AnyWhmError } from "../../templates/runtime/errors.js";
import { makeCertificate, type TestCertificate } from "../runtime/helpers/cert.js";
import * as registry from "../runtime/helpers/functions.js";
import { HASH, PASSWORD, TOKEN, USER } from "../runtime/helpers/setup.js";
import { startWhmServer, type CustomHandler, type WhmTestServer } from "../runtime/helpers/whm-server.js";
import { recordCounts } from "./helpers.js";

const ENVELOPE_META = { command: "x", reason: "OK", result: 1, version: 1 };
const envelopeText = (data: unknown): string => JSON.stringify({ data, metadata: ENVELOPE_META });

/** A `listaccts`-shaped answer of about `bytes` bytes. */
function bigAnswer(bytes: number): string {
  const row = { user: "user00000", domain: "user00000.example.com", suspended: "0", disklimit: "unlimited", email: "owner@example.com", plan: "default" };
  const size = JSON.stringify(row).length + 1;
  const acct = Array.from({ length: Math.ceil(bytes / size) }, (_, i) => ({ ...row, user: `user${String(i).padStart(5, "0")}`, suspended: i % 2 ? "1" : "0" }));
  return JSON.stringify({ data: { acct }, metadata: { ...ENVELOPE_META, command: "listaccts" } });
}

const FIVE_MB = 5 * 1024 * 1024;
const BIG = bigAnswer(FIVE_MB);

/** Writes the headers and part of the body, then does `then` with the socket. */
function partial(then: "reset" | "stall", chunked = false): CustomHandler {
  return (_req, res) => {
    const body = BIG.slice(0, 64 * 1024);
    res.writeHead(200, chunked ? { "Content-Type": "application/json" } : { "Content-Type": "application/json", "Content-Length": String(Buffer.byteLength(BIG)) });
    res.write(body, () => {
      if (then === "reset") setTimeout(() => res.socket?.destroy(), 20);
    });
  };
}

const json = (status: number, text: string | Buffer, type = "application/json"): CustomHandler => (_req, res) => {
  res.writeHead(status, { "Content-Type": type });
  res.end(text);
};

const POISON = `{"data":{"__proto__":{"polluted":"data"},"constructor":{"prototype":{"polluted":"ctor"}},"acct":[{"user":"bob","suspended":"1","__proto__":{"polluted":"row"},"constructor":{"prototype":{"polluted":"row"}}}]},` +
  `"metadata":{"command":"listaccts","reason":"OK","result":1,"version":1,"__proto__":{"polluted":"meta"},"output":{"__proto__":{"polluted":"out"}}}}`;

const CUSTOM: Record<string, CustomHandler> = {
  reset_mid_body: partial("reset"),
  reset_mid_chunked_body: partial("reset", true),
  stall_mid_body: partial("stall"),
  big_answer: json(200, BIG),
  big_answer_slow: (_req, res) => {
    // 5 MB in 64 KiB writes, each after the previous one drained.
    res.writeHead(200, { "Content-Type": "application/json" });
    const bytes = Buffer.from(BIG);
    let at = 0;
    const next = (): void => {
      if (at >= bytes.length) return void res.end();
      const chunk = bytes.subarray(at, (at += 64 * 1024));
      if (res.write(chunk)) setImmediate(next);
      else res.once("drain", next);
    };
    next();
  },
  // 0xFF 0xFE inside a JSON string: not UTF-8. WHM has old accounts with Latin-1 data.
  invalid_utf8_in_string: json(200, Buffer.concat([Buffer.from('{"data":{"owner":"caf'), Buffer.from([0xe9, 0xff, 0xfe]), Buffer.from('","n":"1"},"metadata":{"command":"x","reason":"OK","result":1,"version":1}}')])),
  // The same bytes where JSON syntax is expected.
  invalid_utf8_in_syntax: json(200, Buffer.concat([Buffer.from('{"data":'), Buffer.from([0xff, 0xfe]), Buffer.from(',"metadata":{"result":1}}')])),
  // "é" (0xC3 0xA9) and "🎉" (4 bytes) split across writes: decoding per chunk would break them.
  utf8_split_across_chunks: (_req, res) => {
    const bytes = Buffer.from(envelopeText({ owner: "café 🎉 Ünïcödé" }));
    res.writeHead(200, { "Content-Type": "application/json" });
    let i = 0;
    const next = (): void => (i >= bytes.length ? void res.end() : void res.write(bytes.subarray(i, ++i), () => setImmediate(next)));
    next();
  },
  html_labelled_json: json(200, "<!DOCTYPE html><html><head><title>WHM Login</title></head><body>Log in</body></html>"),
  envelope_under_500: json(500, JSON.stringify({ metadata: { command: "x", reason: "Internal failure: the database is locked.", result: 0, version: 1 } })),
  envelope_ok_under_500: json(500, envelopeText({ ok: 1 })),
  json_garbage_under_500: json(500, '{"error":'),
  prototype_keys: json(200, POISON),
  prototype_keys_failure: json(200, POISON.replace('"result":1', '"result":0').replace('"reason":"OK"', `"reason":${JSON.stringify('Denied {"__proto__":{"polluted":1}}')}`)),
  /** Answers, then closes the kept-alive connection without telling the client first. */
  answer_then_close: (_req, res) => {
    const socket = res.socket;
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(envelopeText({ ok: 1 }), () => socket?.end());
  },
};

let cert: TestCertificate;
let server: WhmTestServer;
const opened: { close(): Promise<void> }[] = [];
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
let handlesBefore: Record<string, number>;
const faults = new Set<string>();

/** Sockets, TLS wraps and servers open in this process, by kind. */
function networkHandles(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) if (/TCP|TLS|Pipe/.test(kind) && kind !== "PipeWrap") out[kind] = (out[kind] ?? 0) + 1;
  return out;
}

async function until(check: () => boolean, ms = 3_000): Promise<boolean> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 10));
  }
  return true;
}

beforeAll(async () => {
  process.on("unhandledRejection", onUnhandled);
  handlesBefore = networkHandles();
  cert = await makeCertificate();
  server = await startWhmServer({ tls: cert, user: USER, token: TOKEN, password: PASSWORD, hash: HASH, accounts: 20, custom: CUSTOM });
}, 30_000);

afterAll(async () => {
  await Promise.all(opened.map((c) => c.close()));
  await server?.close();
  process.off("unhandledRejection", onUnhandled);
  await recordCounts("faults", { faultsInjected: faults.size, faults: [...faults].sort().join(" ") });
});

function client(options: Partial<ClientOptions> = {}) {
  const whm = createRuntimeClient({ host: "127.0.0.1", port: server.port, ca: cert.cert, auth: tokenAuth(USER, TOKEN), timeout: 5_000, ...options } as ClientOptions, registry, nodeTransportMakers);
  opened.push(whm);
  return whm;
}

async function failure(fault: string, promise: Promise<unknown>): Promise<AnyWhmError> {
  faults.add(fault);
  try {
    await promise;
  } catch (error) {
    if (isWhmError(error)) return error;
    throw error;
  }
  throw new Error(`${fault}: expected the call to fail`);
}

describe("broken transfers", () => {
  it.each([["reset_mid_body"], ["reset_mid_chunked_body"]])("%s: a network error, not a parse error of half a body", async (fn) => {
    const error = await failure(fn, client().call(fn));
    expect(error).toMatchObject({ kind: "network", functionName: fn });
    expect(error.message).toMatch(new RegExp(`^${fn}: could not reach 127\\.0\\.0\\.1:\\d+ \\(`));
  });

  it("stall_mid_body: the timeout covers reading the body, not only the headers", async () => {
    // Were the body not under the timeout, the call would never end (and the test would time out).
    const error = await failure("stall_mid_body", client().call("stall_mid_body", {}, { timeout: 300 }));
    expect(error).toMatchObject({ kind: "timeout", timeoutMs: 300 });
  });
});

describe("large and odd bodies", () => {
  it.each([["big_answer"], ["big_answer_slow"]])("%s: 5 MB arrive whole and decode", async (fn) => {
    faults.add(fn);
    const result = await client().call(fn);
    const rows = (result.data as { acct: { user: string }[] }).acct;
    expect(Buffer.byteLength(BIG)).toBeGreaterThan(FIVE_MB);
    expect(rows.length).toBe((JSON.parse(BIG) as { data: { acct: unknown[] } }).data.acct.length);
    expect(rows.at(-1)?.user).toBe(`user${String(rows.length - 1).padStart(5, "0")}`);
  });

  it("invalid UTF-8 inside a string: decoded leniently, the bad bytes become U+FFFD (as WHM's Latin-1 data needs)", async () => {
    faults.add("invalid_utf8_in_string");
    const result = await client().call("invalid_utf8_in_string");
    expect(result.data).toEqual({ owner: "caf\ufffd\ufffd\ufffd", n: "1" });
  });

  it("invalid UTF-8 where JSON syntax is: malformed", async () => {
    const error = await failure("invalid_utf8_in_syntax", client().call("invalid_utf8_in_syntax"));
    expect(error).toMatchObject({ kind: "malformed", status: 200 });
  });

  it("multi-byte characters split across TCP writes arrive whole", async () => {
    faults.add("utf8_split_across_chunks");
    expect((await client().call("utf8_split_across_chunks")).data).toEqual({ owner: "café 🎉 Ünïcödé" });
  });

  it("an HTML login page labelled application/json: not-json with its title", async () => {
    const error = await failure("html_labelled_json", client().call("html_labelled_json"));
    expect(error).toMatchObject({ kind: "not-json", status: 200, title: "WHM Login" });
  });

  it("500 with a WHM envelope: an http error carrying the envelope's reason", async () => {
    const error = await failure("envelope_under_500", client().call("envelope_under_500"));
    expect(error).toMatchObject({ kind: "http", status: 500, reason: "Internal failure: the database is locked." });
    expect(error.message).toContain("Internal failure: the database is locked.");
    // A "successful" envelope under 500 is still a failure: the status wins.
    expect(await failure("envelope_ok_under_500", client().call("envelope_ok_under_500"))).toMatchObject({ kind: "http", status: 500 });
    expect(await failure("json_garbage_under_500", client().call("json_garbage_under_500"))).toMatchObject({ kind: "http", status: 500 });
  });
});

describe("__proto__ and constructor keys in answers", () => {
  const polluted = (): unknown[] => [({} as Record<string, unknown>)["polluted"], (Object.prototype as Record<string, unknown>)["polluted"], ([] as unknown as Record<string, unknown>)["polluted"]];

  it("decoded by a generated-style decoder, by call, in a batch, flattened: no prototype changes, keys stay data", async () => {
    faults.add("prototype_keys");
    const whm = client();
    const typed = defineFunction<object, { acct: registry.Account[] }>({ name: "prototype_keys", method: "GET", body: "query", readOnly: true, decode: (d) => registry.listaccts.decode({ data: d, metadata: ENVELOPE_META }).data });
    const typedClient = createRuntimeClient({ host: "127.0.0.1", port: server.port, ca: cert.cert, auth: tokenAuth(USER, TOKEN) }, { prototype_keys: typed }, nodeTransportMakers);
    opened.push(typedClient);
    const results = [
      await whm.call("prototype_keys"),
      (await whm.call("prototype_keys", {}, { flatten: true })) as { data: unknown },
      (await typedClient.prototype_keys()) as { data: unknown },
    ];
    for (const result of results) {
      const data = result.data as Record<string, unknown>;
      expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
      expect(Object.prototype.hasOwnProperty.call(data, "__proto__")).toBe(true);
      expect(Object.getOwnPropertyDescriptor(data, "__proto__")?.value).toEqual({ polluted: "data" });
      const row = (data["acct"] as Record<string, unknown>[])[0]!;
      expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
      expect(Object.getOwnPropertyDescriptor(row, "__proto__")?.value).toEqual({ polluted: "row" });
    }
    // The typed decoder converted the row's flag and left the odd keys as data.
    expect(((results[2]!.data as Record<string, unknown>)["acct"] as { suspended: unknown }[])[0]?.suspended).toBe(true);
    const batch = await whm.batch([defineFunction({ name: "version", method: "GET", body: "query", readOnly: true }).request()]);
    expect(batch[0]?.ok).toBe(true);
    expect(polluted()).toEqual([undefined, undefined, undefined]);
  });

  it("an error built from such an answer (result 0) copies no prototype either", async () => {
    const error = await failure("prototype_keys_failure", client().call("prototype_keys_failure"));
    expect(error, JSON.stringify(error)).toMatchObject({ kind: "api" });
    expect(polluted()).toEqual([undefined, undefined, undefined]);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ kind: "api" });
  });
});

describe("keep-alive after errors", () => {
  it("one client: errors that keep the connection reuse it; errors that break it cost one new connection each", async () => {
    faults.add("keep_alive_sequence");
    const whm = client();
    const conns = (): number => server.connections();
    const start = conns();
    await whm.version();
    expect(conns() - start).toBe(1);
    // A 500, a 403 and result 0 are complete HTTP answers: the connection stays usable.
    await failure("envelope_under_500", whm.call("envelope_under_500"));
    await failure("fail_403", whm.call("fail_403"));
    await failure("fail_api", whm.call("fail_api"));
    await whm.version();
    expect(conns() - start).toBe(1);
    // A reset kills that connection; the next call opens a fresh one and works.
    await failure("reset_mid_body", whm.call("reset_mid_body"));
    await whm.version();
    expect(conns() - start).toBe(2);
    // A timeout mid-body: the client drops the half-read connection rather than reusing it.
    await failure("stall_mid_body", whm.call("stall_mid_body", {}, { timeout: 200 }));
    expect((await whm.version()).data.version).toBe("11.137.0.1");
    expect(conns() - start).toBe(3);
    // The server drops a kept-alive connection as the next request goes out on it (the request
    // arrives, no answer comes: ECONNRESET on a reused socket). A read-only call is sent once more,
    // on a new connection: the server sees it twice.
    faults.add("answer_then_drop_next");
    await whm.call("answer_then_drop_next");
    const versions = (): number => server.requests.filter((r) => r.path.endsWith("/version")).length;
    const sent = versions();
    expect((await whm.version()).data.version).toBe("11.137.0.1");
    expect(versions() - sent).toBe(2);
    expect(conns() - start).toBe(4);
  });

  it("a call that changes things is not sent twice on a stale connection: a typed network error, the server saw it once", async () => {
    const whm = client();
    await whm.call("answer_then_drop_next");
    const echoes = (): number => server.requests.filter((r) => r.path.endsWith("/echo")).length;
    const before = echoes();
    const outcome = await whm.call("echo", { change: "1" }, { method: "POST", throwOnError: false });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error).toMatchObject({ kind: "network", code: "ECONNRESET", functionName: "echo" });
    expect(echoes() - before).toBe(1);
    expect((await whm.version()).data.version).toBe("11.137.0.1");
  });

  it("a connection the server closed after answering, once the client has seen the close: the next call opens a new one, sent once", async () => {
    faults.add("answer_then_close");
    // A server of its own, so that "no connection open" speaks of this client's only.
    const own = await startWhmServer({ tls: cert, user: USER, token: TOKEN, password: PASSWORD, hash: HASH, accounts: 1, custom: { answer_then_close: CUSTOM["answer_then_close"]! } });
    const whm = createRuntimeClient({ host: "127.0.0.1", port: own.port, ca: cert.cert, auth: tokenAuth(USER, TOKEN) }, registry, nodeTransportMakers);
    try {
      await whm.call("answer_then_close");
      expect(await until(() => own.openConnections() === 0)).toBe(true);
      const result = await whm.call("echo", { change: "1" }, { method: "POST" });
      expect(result.data).toMatchObject({ method: "POST", params: { change: "1" } });
      expect(own.requests.filter((r) => r.path.endsWith("/echo"))).toHaveLength(1);
      expect(own.connections()).toBe(2);
    } finally {
      await whm.close();
      await own.close();
    }
  });

  it("the server's idle keep-alive timeout closes the pooled socket: the next call opens a new one", async () => {
    const idle = await startWhmServer({ tls: cert, user: USER, token: TOKEN, password: PASSWORD, hash: HASH, accounts: 1, keepAliveTimeout: 100 });
    const whm = createRuntimeClient({ host: "127.0.0.1", port: idle.port, ca: cert.cert, auth: tokenAuth(USER, TOKEN) }, registry, nodeTransportMakers);
    try {
      faults.add("idle_keep_alive_close");
      await whm.version();
      expect(await until(() => idle.openConnections() === 0)).toBe(true);
      await new Promise((r) => setTimeout(r, 20));
      expect((await whm.version()).data.version).toBe("11.137.0.1");
      expect(idle.connections()).toBe(2);
    } finally {
      await whm.close();
      await idle.close();
    }
  });
});

describe("nothing left behind", () => {
  it("closing the clients closes every socket; closing the server releases the port; no unhandled rejection", async () => {
    await Promise.all(opened.splice(0).map((c) => c.close()));
    expect(await until(() => server.openConnections() === 0)).toBe(true);
    await server.close();
    expect(await until(() => JSON.stringify(networkHandles()) === JSON.stringify(handlesBefore))).toBe(true);
    expect(networkHandles()).toEqual(handlesBefore);
    // Give stray promise rejections a turn to surface.
    await new Promise((r) => setTimeout(r, 50));
    expect(unhandled).toEqual([]);
  });
});

