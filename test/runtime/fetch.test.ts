/**
 * The fetch transport without a network: how it asks each runtime's fetch to trust a certificate
 * (Bun's and Deno's globals stubbed), and how it maps the errors runtimes reject with (their
 * shapes as seen from Node's undici, Bun, Deno and workerd) onto WhmError kinds, with URLs kept
 * out. End to end over a real server: http.test.ts (Node) and runtimes.test.ts (every runtime).
 */
import { afterEach, describe, expect, it } from "vitest";
import { sessionAuth, tokenAuth } from "../../templates/runtime/auth.js";
import { fetchError, fetchTransport } from "../../templates/runtime/transport-fetch.js";
import { version } from "./helpers/functions.js";

const OK = JSON.stringify({ data: { version: "11.137.0.1" }, metadata: { command: "version", result: 1, reason: "OK", version: 1 } });

/** A fetch that records what it was given and answers OK. */
function recorder() {
  const calls: { url: string; init: RequestInit & Record<string, unknown> }[] = [];
  const fetch = async (url: string, init: RequestInit) => {
    calls.push({ url, init: init as RequestInit & Record<string, unknown> });
    return new Response(OK, { headers: { "content-type": "application/json" } });
  };
  return { calls, fetch };
}

const globals = globalThis as { Bun?: unknown; Deno?: unknown };
afterEach(() => {
  delete globals.Bun;
  delete globals.Deno;
});

describe("trust, per runtime", () => {
  it("Bun: `ca` and `insecure` become fetch's `tls` option", async () => {
    globals.Bun = {};
    const { calls, fetch } = recorder();
    await fetchTransport({ host: "127.0.0.1", ca: "PEM-A", fetch }).send(version.request(), {});
    await fetchTransport({ host: "127.0.0.1", ca: ["PEM-A", new TextEncoder().encode("PEM-B")], fetch }).send(version.request(), {});
    await fetchTransport({ host: "127.0.0.1", insecure: true, fetch }).send(version.request(), {});
    expect(calls.map((c) => c.init["tls"])).toEqual([
      { ca: "PEM-A", rejectUnauthorized: true },
      { ca: ["PEM-A", "PEM-B"], rejectUnauthorized: true },
      { rejectUnauthorized: false },
    ]);
  });

  it("Deno: `ca` becomes an HTTP client (closed with the transport); `insecure` is refused, naming the flag", async () => {
    const made: { caCerts?: string[]; closed: boolean }[] = [];
    globals.Deno = {
      createHttpClient(options: { caCerts?: string[] }) {
        const client = { ...options, closed: false, close: () => (client.closed = true) };
        made.push(client);
        return client;
      },
    };
    const { calls, fetch } = recorder();
    const transport = fetchTransport({ host: "127.0.0.1", ca: "PEM-A", fetch });
    await transport.send(version.request(), {});
    expect(calls[0]!.init["client"]).toBe(made[0]);
    expect(made[0]).toMatchObject({ caCerts: ["PEM-A"], closed: false });
    await transport.close();
    expect(made[0]!.closed).toBe(true);
    expect(() => fetchTransport({ host: "127.0.0.1", insecure: true, fetch })).toThrow(/--unsafely-ignore-certificate-errors=127\.0\.0\.1/);
  });

  it("Node: a dispatcher goes to fetch as it is; `ca` beside it, or without it, is refused", async () => {
    const { calls, fetch } = recorder();
    const dispatcher = { marker: "undici Agent" };
    await fetchTransport({ host: "127.0.0.1", dispatcher, fetch }).send(version.request(), {});
    expect(calls[0]!.init["dispatcher"]).toBe(dispatcher);
    expect(() => fetchTransport({ host: "127.0.0.1", dispatcher, ca: "PEM", fetch })).toThrow(/set `ca` or `insecure` on the dispatcher/);
    expect(() => fetchTransport({ host: "127.0.0.1", ca: "PEM", fetch })).toThrow(/Node's fetch takes no `ca`.*new Agent\(\{ connect: \{ ca \} \}\).*HTTPS transport/);
  });

  it("plain HTTP needs no trust: `ca` is ignored there, as by the HTTPS transport", async () => {
    const { calls, fetch } = recorder();
    await fetchTransport({ host: "127.0.0.1", protocol: "http", ca: "PEM", fetch }).send(version.request(), {});
    expect(calls[0]!.url).toBe("http://127.0.0.1:2086/json-api/version?api.version=1");
    expect(calls[0]!.init["dispatcher"]).toBeUndefined();
  });
});

describe("requests", () => {
  it("headers carry the credentials; redirects are not followed; a form body keeps its type", async () => {
    const { calls, fetch } = recorder();
    const transport = fetchTransport({ host: "server.example.com", auth: tokenAuth("root", "T0K"), fetch });
    await transport.send(version.request(), {});
    const passwd = { ...version.request(), functionName: "passwd", method: "POST" as const, body: () => ({ kind: "form" as const, contentType: "application/x-www-form-urlencoded" as const, text: "user=bob&password=x" }) };
    await transport.send(passwd, {});
    expect(calls[0]).toMatchObject({ url: "https://server.example.com:2087/json-api/version?api.version=1", init: { method: "GET", redirect: "manual" } });
    expect(calls[0]!.init.headers).toMatchObject({ Authorization: "whm root:T0K", Accept: "application/json" });
    expect(calls[1]!.init).toMatchObject({ method: "POST", body: "user=bob&password=x", headers: { "Content-Type": "application/x-www-form-urlencoded" } });
  });

  it("no global fetch and none given: refused at once", () => {
    const saved = globalThis.fetch;
    try {
      (globalThis as { fetch?: unknown }).fetch = undefined;
      expect(() => fetchTransport({ host: "h" })).toThrow(/no global fetch; pass one as the `fetch` option/);
    } finally {
      globalThis.fetch = saved;
    }
  });
});

/** An Error with a `code` and a `cause`, the way runtimes build theirs. */
function failure(message: string, extra: { code?: string; cause?: unknown } = {}): Error {
  return Object.assign(new TypeError(message, extra.cause === undefined ? undefined : { cause: extra.cause }), extra.code ? { code: extra.code } : {});
}

const URL_IN_MESSAGE = "https://127.0.0.1:2087/cpsess0123456789/json-api/listaccts?api.version=1&search=bob";

describe("fetch's rejections → WhmError kinds", () => {
  const cases: [string, unknown, Record<string, unknown>, RegExp][] = [
    ["undici: refused", failure("fetch failed", { cause: failure("connect ECONNREFUSED 127.0.0.1:2087", { code: "ECONNREFUSED" }) }), { kind: "network", code: "ECONNREFUSED" }, /could not reach 127\.0\.0\.1:2087 \(ECONNREFUSED: connect ECONNREFUSED/],
    ["undici: self-signed", failure("fetch failed", { cause: failure("self-signed certificate", { code: "DEPTH_ZERO_SELF_SIGNED_CERT" }) }), { kind: "tls", code: "DEPTH_ZERO_SELF_SIGNED_CERT" }, /TLS with 127\.0\.0\.1:2087 failed \(DEPTH_ZERO_SELF_SIGNED_CERT: self-signed certificate\)\. If the server uses a self-signed certificate, ADVICE\.$/],
    ["undici: plain HTTP port", failure("fetch failed", { cause: failure("wrong version number", { code: "ERR_SSL_WRONG_VERSION_NUMBER" }) }), { kind: "tls" }, /plain HTTP \(2086 does\)/],
    ["Bun: unknown CA", failure("unable to verify the first certificate", { code: "UNABLE_TO_VERIFY_LEAF_SIGNATURE" }), { kind: "tls", code: "UNABLE_TO_VERIFY_LEAF_SIGNATURE" }, /ADVICE/],
    ["Deno: unknown CA (no code, words only)", failure("fetch failed", { cause: new Error(`error sending request for url (${URL_IN_MESSAGE}): client error (Connect): invalid peer certificate: UnknownIssuer`) }), { kind: "tls" }, /error sending request for url \(<url>\): client error \(Connect\): invalid peer certificate: UnknownIssuer/],
    ["Deno: plain HTTP port", failure("fetch failed", { cause: new Error(`error sending request for url (${URL_IN_MESSAGE}): client error (Connect): received corrupt message of type InvalidContentType`) }), { kind: "tls" }, /plain HTTP \(2086 does\)/],
    ["workerd: anything", new Error("internal error; reference = abc123"), { kind: "network" }, /\(error: internal error; reference = abc123\)/],
  ];

  it.each(cases)("%s", (_name, error, want, message) => {
    const mapped = fetchError("listaccts", error, {}, "127.0.0.1:2087", "ADVICE");
    expect(mapped).toMatchObject({ functionName: "listaccts", ...want });
    expect(mapped.message).toMatch(message);
    // No URL, no /cpsess token, no parameter, and no platform error kept as cause.
    expect(mapped.message).not.toMatch(/cpsess|search=bob|https?:\/\//);
    expect(mapped.cause).toBeUndefined();
  });

  it("an abort or timeout of the call wins over whatever fetch rejected with", () => {
    const timedOut = AbortSignal.abort(new DOMException("late", "TimeoutError"));
    expect(fetchError("version", new Error("x"), { signal: timedOut, timeoutMs: 50 }, "h:1", "")).toMatchObject({ kind: "timeout", timeoutMs: 50 });
    expect(fetchError("version", new Error("x"), { signal: AbortSignal.abort() }, "h:1", "")).toMatchObject({ kind: "aborted" });
  });

  it("a session's path and cookie never reach the error of a real rejection", async () => {
    const auth = sessionAuth({ user: "root", securityToken: "/cpsess0123456789", cookie: "whostmgrsession=COOKIE" });
    const transport = fetchTransport({ host: "127.0.0.1", auth, fetch: async (url) => Promise.reject(failure("fetch failed", { cause: new Error(`error sending request for url (${url})`) })) });
    const result = await transport.send(version.request(), {});
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.kind).toBe("network");
      expect(`${result.error.message} ${JSON.stringify(result.error)}`).not.toMatch(/cpsess|COOKIE/);
    }
  });
});
