/**
 * End to end: the client against a real HTTPS server on 127.0.0.1 that speaks WHM API 1, through
 * both HTTP transports (node:https, and fetch with an undici dispatcher): the same calls give the
 * same results and the same errors. What differs (TLS settings, sessions) is tested per transport.
 */
import { afterAll, describe, expect, it } from "vitest";
import { accessHashAuth, basicAuth, tokenAuth } from "../../templates/runtime/auth.js";
import { createRuntimeClient, paginate, type ClientOptions } from "../../templates/runtime/client.js";
import { nodeTransportMakers } from "../../templates/runtime/node.js";
import { createSession } from "../../templates/runtime/session.js";
import { httpsTransport } from "../../templates/runtime/transport-https.js";
import { closeAgents, httpClient, HTTP_TRANSPORTS, type HttpTransportName } from "./helpers/transports.js";
import * as registry from "./helpers/functions.js";
import { createacct, listaccts, version } from "./helpers/functions.js";
import { HASH, HASH_FILE, PASSWORD, TOKEN, USER, useWhmServer } from "./helpers/setup.js";
import { SESSION_COOKIE, SESSION_TOKEN } from "./helpers/whm-server.js";
import { failureOf } from "./helpers/failure.js";

const f = useWhmServer();
const opened: { close(): Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(opened.map((c) => c.close()));
  await closeAgents();
});

function clientOver(transport: HttpTransportName, options: Partial<ClientOptions> & { connections?: number } = {}) {
  const whm = httpClient(transport, { host: "127.0.0.1", port: f.server.port, ca: f.cert.cert, auth: tokenAuth(USER, TOKEN), ...options } as ClientOptions, registry);
  opened.push(whm);
  return whm;
}

function lastRequest(fn: string) {
  const found = f.server.requests.filter((r) => r.path.endsWith(`/json-api/${fn}`)).at(-1);
  if (!found) throw new Error(`no request for ${fn}`);
  return found;
}

describe.each(HTTP_TRANSPORTS)("over %s", (transport) => {
  const client = (options: Partial<ClientOptions> & { connections?: number } = {}) => clientOver(transport, options);

  describe("calling functions", () => {
    it("GET with api.version=1 and the token header; typed, decoded data", async () => {
      const whm = client();
      const result = await whm.listaccts({ search: "user0000" });
      expect(result.metadata.result).toBe(1);
      expect(result.data.acct).toHaveLength(9);
      expect(result.data.acct[0]).toEqual({ user: "user00001", domain: "user00001.example", suspended: true, disklimit: 1024 });
      expect(result.data.acct[1]?.disklimit).toBe("unlimited");
      expect(result.warnings).toEqual([]);
      const seen = lastRequest("listaccts");
      expect(seen.method).toBe("GET");
      expect(seen.query.get("api.version")).toBe("1");
      expect(seen.query.get("search")).toBe("user0000");
      expect(seen.headers.authorization).toBe(`whm ${USER}:${TOKEN}`);
      expect(seen.headers.accept).toBe("application/json");
    });

    it("a function without parameters", async () => {
      const { data } = await client().version();
      expect(data.version).toBe("11.137.0.1");
    });

    it("form POST: parameters in the body, nothing but api.version in the URL; warnings exposed", async () => {
      const result = await client().createacct({ username: "bob", domain: "bob.example", hasshell: true, password: "s3cret pass&=" });
      expect(result.metadata.reason).toBe("Account Creation Ok");
      expect(result.warnings).toEqual(["The system could not set the account's nameservers."]);
      expect(result.metadata.output?.warnings).toEqual(result.warnings);
      const seen = lastRequest("createacct");
      expect(seen.method).toBe("POST");
      expect(seen.rawUrl).toBe("/json-api/createacct?api.version=1");
      expect(seen.headers["content-type"]).toBe("application/x-www-form-urlencoded");
      expect(new URLSearchParams(seen.body).get("password")).toBe("s3cret pass&=");
      expect(new URLSearchParams(seen.body).get("hasshell")).toBe("1");
    });

    it("JSON body POST", async () => {
      const result = await client().php_fpm_config_set({ domain: "bob.example", config: { pm_max_children: "5" } });
      expect(result.data.applied).toBe(true);
      const seen = lastRequest("php_fpm_config_set");
      expect(seen.method).toBe("POST");
      expect(seen.headers["content-type"]).toBe("application/json");
      expect(JSON.parse(seen.body)).toEqual({ domain: "bob.example", config: { pm_max_children: "5" } });
    });

    it("multipart upload", async () => {
      const content = new Uint8Array([0, 1, 2, 3, 255]);
      const result = await client().upload_file({ note: "a note", file: { name: "locale.xlf", content, type: "application/octet-stream" } });
      expect(result.data).toMatchObject({ note: "a note", filename: "locale.xlf", size: 5 });
      expect(String(lastRequest("upload_file").headers["content-type"])).toMatch(/^multipart\/form-data; boundary=/);
    });

    it("whm.call: any function by name, free-form parameters", async () => {
      const whm = client();
      const get = await whm.call("echo", { a: 1, flag: true, list: ["x", "y"], skipped: undefined });
      expect(get.data).toEqual({ method: "GET", params: { "api.version": "1", a: "1", flag: "1", list: ["x", "y"] } });
      const post = await whm.call("echo", { a: "b c" }, { method: "POST" });
      expect(post.data).toMatchObject({ method: "POST", params: { a: "b c" } });
      // A described function called by name still gets its decoder.
      const known = await whm.call("listaccts", { search: "user00001" });
      expect((known.data as { acct: { suspended: unknown }[] }).acct[0]?.suspended).toBe(true);
    });

    it("meta-parameters on a call, and flatten", async () => {
      const whm = client();
      const result = await whm.listaccts({}, { filter: { field: "user", type: "eq", arg0: "user00042" }, columns: ["user", "domain"] });
      expect(result.data.acct).toEqual([{ user: "user00042", domain: "user00042.example" }]);
      const flat = await whm.listaccts({}, { chunk: { start: 3, size: 2 }, flatten: true });
      expect(flat.data.map((a) => a.user)).toEqual(["user00003", "user00004"]);
      // Quoted on the wire, numbers after decoding.
      expect(flat.metadata.chunk).toEqual({ start: 3, size: 2, records: 10_000, current: 2 });
    });

    it("the client's batch method shadows a registry function named batch", async () => {
      const whm = client();
      const before = f.server.requests.length;
      // The registry's `batch` would take `{ command }` and return its data untouched; the client's
      // method takes requests and returns one typed item per request.
      const items = await whm.batch([version.request(), listaccts.request({ search: "user00001" })]);
      expect(f.server.requests.length - before).toBe(1);
      expect(new URLSearchParams(lastRequest("batch").body).getAll("command")).toEqual(["version", "listaccts?search=user00001"]);
      expect(items.map((i) => i.ok)).toEqual([true, true]);
      const [v, accounts] = items;
      expect(v.ok && v.result.data.version).toBe("11.137.0.1");
      expect(accounts.ok && accounts.result.data.acct[0]?.suspended).toBe(true);
    });
  });

  describe("failure shapes", () => {
    const cases: [string, Record<string, unknown>][] = [
      ["fail_api", { kind: "api", reason: "Something went wrong.", accessDenied: false }],
      ["fail_data_reason", { kind: "api", reason: "The reason is in data." }],
      ["fail_denied", { kind: "api", reason: "Access denied", accessDenied: true }],
      ["fail_403", { kind: "auth", status: 403, reason: "Access denied" }],
      ["fail_200_cpanelresult", { kind: "auth", status: 200, reason: "Access denied" }],
      ["fail_401", { kind: "auth", status: 401 }],
      ["fail_html", { kind: "not-json", status: 200, title: "WHM Login" }],
      ["fail_proxy", { kind: "not-json", status: 502, title: "502 Bad Gateway" }],
      ["fail_500", { kind: "http", status: 500 }],
      ["fail_404_json", { kind: "http", status: 404, reason: "Unknown function" }],
      ["fail_truncated", { kind: "malformed", status: 200 }],
      ["fail_envelope", { kind: "malformed", detail: '"metadata" is missing, expected an object' }],
      ["fail_result_string", { kind: "malformed" }],
      ["fail_empty", { kind: "malformed" }],
      ["fail_reset", { kind: "network" }],
      ["no_such_function", { kind: "api", reason: "Unknown app (“no_such_function”) requested for this version (1) of the API." }],
    ];

    it.each(cases)("%s", async (fn, want) => {
      const whm = client();
      const error = await failureOf(whm.call(fn));
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe("WhmError");
      expect(error).toMatchObject({ functionName: fn, ...want });
      expect(error.message.startsWith(fn)).toBe(true);
      // The same failure as a value.
      const outcome = await whm.call(fn, {}, { throwOnError: false });
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.error).toMatchObject(want);
    });

    it("a wrong token: an auth error whose message says what happened", async () => {
      const error = await failureOf(client({ auth: tokenAuth(USER, "WRONGTOKEN") }).version());
      expect(error.kind).toBe("auth");
      expect(error.message).toBe(
        "version: the server refused the credentials (HTTP 403: Access denied). Check the user name and the API token, password or access hash, and that they may call this function.",
      );
    });

    it("result 0 on a typed function", async () => {
      const error = await failureOf(client().createacct({ username: "taken", domain: "t.example", hasshell: false }));
      expect(error).toMatchObject({ kind: "api", functionName: "createacct", reason: "Sorry, a user with that name already exists." });
      expect(error.message).toBe("createacct failed: Sorry, a user with that name already exists.");
    });

    it("throwOnError: false per client, and per call back to throwing", async () => {
      const whm = httpClient(transport, { host: "127.0.0.1", port: f.server.port, ca: f.cert.cert, auth: tokenAuth(USER, TOKEN), throwOnError: false }, registry);
      opened.push(whm);
      const good = await whm.version();
      expect(good.ok && good.result.data.version).toBe("11.137.0.1");
      const bad = await whm.createacct({ username: "taken", domain: "t.example" });
      expect(!bad.ok && bad.error.kind).toBe("api");
      await expect(whm.createacct({ username: "taken", domain: "t.example" }, { throwOnError: true })).rejects.toMatchObject({ kind: "api" });
    });
  });

  describe("timeouts, aborts, connections", () => {
    it("a call that takes too long: timeout", async () => {
      // The server never answers `hang`: only the timeout can end this call.
      const error = await failureOf(client().hang({}, { timeout: 150 }));
      expect(error).toMatchObject({ kind: "timeout", timeoutMs: 150 });
      expect(error.message).toBe("hang: no answer within 150 ms");
    });

    it("the client-wide timeout applies too", async () => {
      const error = await failureOf(client({ timeout: 100 }).hang());
      expect(error.kind).toBe("timeout");
    });

    it("an AbortSignal: aborted, before or during the call", async () => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      expect((await failureOf(client().hang({}, { signal: controller.signal }))).kind).toBe("aborted");
      const before = f.server.requests.length;
      expect((await failureOf(client().version({}, { signal: AbortSignal.abort() }))).kind).toBe("aborted");
      expect(f.server.requests.length).toBe(before);
    });

    it("keeps the connection alive between calls", async () => {
      // undici (Node's fetch) may open a second connection for a call made right after another,
      // while it still finishes the first answer: with one connection allowed, every call must
      // reuse it (without keep-alive each would open its own).
      const whm = client(transport === "fetch" ? { connections: 1 } : {});
      const before = f.server.requests.length;
      await whm.version();
      await whm.listaccts({ search: "user00001" });
      await whm.version();
      const mine = f.server.requests.slice(before);
      expect(mine).toHaveLength(3);
      expect(new Set(mine.map((r) => r.remotePort)).size).toBe(1);
    });

    it("a closed port: network error", async () => {
      const probe = await import("node:net").then((net) => new Promise<number>((resolve) => {
        const s = net.createServer().listen(0, "127.0.0.1", () => {
          const { port } = s.address() as { port: number };
          s.close(() => resolve(port));
        });
      }));
      const error = await failureOf(client({ port: probe }).version());
      expect(error).toMatchObject({ kind: "network", code: "ECONNREFUSED" });
      expect(error.message).toMatch(/^version: could not reach 127\.0\.0\.1:\d+ \(ECONNREFUSED/);
    });
  });

  describe("other auth schemes", () => {
    it("basic auth over TLS", async () => {
      await client({ auth: basicAuth(USER, PASSWORD) }).version();
      expect(lastRequest("version").headers.authorization).toBe(`Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString("base64")}`);
    });

    it("access hash, with the file's line breaks removed", async () => {
      expect(HASH_FILE).toMatch(/[\r\n]/);
      await client({ auth: accessHashAuth(USER, HASH_FILE) }).version();
      expect(lastRequest("version").headers.authorization).toBe(`whm ${USER}:${HASH}`);
    });

    it.runIf(transport === "https")("a session opened with create_user_session: /cpsess path and cookie, no password afterwards", async () => {
      const auth = await createSession({ host: "127.0.0.1", port: f.server.port, ca: f.cert.cert, auth: basicAuth(USER, PASSWORD) });
      expect(auth).toMatchObject({ scheme: "session", user: USER, basePath: SESSION_TOKEN });
      const created = lastRequest("create_user_session");
      expect(created.query.get("service")).toBe("whostmgrd");
      expect(created.query.get("user")).toBe(USER);
      const whm = client({ auth });
      expect((await whm.version()).data.version).toBe("11.137.0.1");
      const seen = lastRequest("version");
      expect(seen.path).toBe(`${SESSION_TOKEN}/json-api/version`);
      expect(seen.headers.cookie).toBe(SESSION_COOKIE);
      expect(seen.headers.authorization).toBeUndefined();
    });

    it.runIf(transport === "https")("a session with a wrong password: auth error", async () => {
      const promise = createSession({ host: "127.0.0.1", port: f.server.port, ca: f.cert.cert, auth: basicAuth(USER, "wrong") });
      await expect(promise).rejects.toMatchObject({ kind: "auth", functionName: "create_user_session", status: 403 });
    });
  });

  describe("retries", () => {
    const fast = { retries: 3, minDelay: 1, maxDelay: 5 };

    it("off by default: a 503 fails at once", async () => {
      const error = await failureOf(client().flaky({ id: `no-retry-${transport}` }));
      expect(error).toMatchObject({ kind: "http", status: 503 });
    });

    it("read-only function, 5xx: retried until it works", async () => {
      const result = await client({ retry: fast }).flaky({ id: `client-retry-${transport}` });
      expect(result.data.attempts).toBe(3);
      const perCall = await client().flaky({ id: `call-retry-${transport}` }, { retry: fast });
      expect(perCall.data.attempts).toBe(3);
    });

    it("gives up after `retries` extra attempts", async () => {
      const before = f.server.requests.filter((r) => r.path.endsWith("/unavailable")).length;
      const error = await failureOf(client().unavailable({}, { retry: { retries: 2, minDelay: 1, maxDelay: 2 } }));
      expect(error).toMatchObject({ kind: "http", status: 503 });
      expect(f.server.requests.filter((r) => r.path.endsWith("/unavailable")).length - before).toBe(3);
    });

    it("never for a function that changes things, nor for API failures", async () => {
      const before = f.server.requests.length;
      const error = await failureOf(client({ retry: fast }).flaky_write({ id: `write-${transport}` }));
      expect(error).toMatchObject({ kind: "http", status: 503 });
      expect(f.server.requests.length - before).toBe(1);
      const apiFailure = await failureOf(client({ retry: fast }).call("fail_api", {}, { readOnly: true }));
      expect(apiFailure.kind).toBe("api");
      expect(f.server.requests.length - before).toBe(2);
    });
  });

  describe("batch", () => {
    it("three calls in one POST, a typed tuple back", async () => {
      const before = f.server.requests.length;
      const [v, accounts, created] = await client().batch([
        version.request(),
        listaccts.request({ search: "user00001" }),
        createacct.request({ username: "carol", domain: "carol.example", hasshell: false }),
      ]);
      expect(f.server.requests.length - before).toBe(1);
      const seen = lastRequest("batch");
      expect(seen.method).toBe("POST");
      expect(new URLSearchParams(seen.body).getAll("command")).toEqual([
        "version",
        "listaccts?search=user00001",
        "createacct?username=carol&domain=carol.example&hasshell=0",
      ]);
      expect(v.ok && v.result.data.version).toBe("11.137.0.1");
      expect(accounts.ok && accounts.result.data.acct[0]?.suspended).toBe(true);
      expect(created.ok && created.result.data.pkg).toBe("default");
      expect(created.ok && created.result.warnings).toEqual(["The system could not set the account's nameservers."]);
    });

    it("abortOnError: the rest is skipped", async () => {
      const whm = client();
      const items = await whm.batch([version.request(), createacct.request({ username: "taken", domain: "x" }), version.request()], { abortOnError: true });
      expect(new URLSearchParams(lastRequest("batch").body).get("abort_on_error")).toBe("1");
      expect(items.map((i) => (i.ok ? "ok" : i.error.kind))).toEqual(["ok", "api", "skipped"]);
    });

    it("a batch refused as a whole throws, or fails every item under throwOnError: false", async () => {
      const whm = client({ auth: tokenAuth(USER, "WRONG") });
      await expect(whm.batch([version.request(), version.request()])).rejects.toMatchObject({ kind: "auth", functionName: "batch" });
      const items = await whm.batch([version.request(), version.request()], { throwOnError: false });
      expect(items.map((i) => !i.ok && i.error.kind)).toEqual(["auth", "auth"]);
    });
  });

  describe("paginate", () => {
    it("walks a 10,000-row listing with api.chunk, 1-indexed", async () => {
      const before = f.server.requests.length;
      const users = new Set<string>();
      for await (const account of client().paginate("listaccts", {}, { size: 1000 })) users.add(account.user);
      expect(users.size).toBe(10_000);
      const pages = f.server.requests.slice(before);
      expect(pages).toHaveLength(10);
      expect(pages.map((r) => r.query.get("api.chunk.start"))).toEqual(["1", "1001", "2001", "3001", "4001", "5001", "6001", "7001", "8001", "9001"]);
      expect(pages.every((r) => r.query.get("api.chunk.enable") === "1" && r.query.get("api.chunk.size") === "1000")).toBe(true);
    });

    it("the function form, a last short page, with a filter", async () => {
      const before = f.server.requests.length;
      let count = 0;
      for await (const account of paginate(client(), "listaccts", {}, { size: 300, filter: { field: "user", arg0: "user01" } })) {
        expect(account.user.startsWith("user01")).toBe(true);
        count++;
      }
      expect(count).toBe(1000);
      expect(f.server.requests.length - before).toBe(4);
    });

    it("stops when the server ignores api.chunk (no chunk record)", async () => {
      const rows = [];
      for await (const row of client().paginate("echo", {}, { size: 1, rows: (data) => [data] })) rows.push(row);
      expect(rows).toHaveLength(1);
    });

    it("errors are thrown from the iterator", async () => {
      const whm = client({ auth: tokenAuth(USER, "WRONG") });
      await expect(async () => {
        for await (const _ of whm.paginate("listaccts")) break;
      }).rejects.toMatchObject({ kind: "auth" });
    });
  });
});

describe("TLS over node:https", () => {
  const client = (options: Partial<ClientOptions> = {}) => clientOver("https", options);

  it("default: the self-signed certificate is rejected, with a hint about `ca`", async () => {
    const error = await failureOf(client({ ca: undefined }).version());
    expect(error.kind).toBe("tls");
    expect(error.message).toMatch(/pass that certificate as the `ca` option/);
  });

  it("`ca`: accepted", async () => {
    expect((await client().version()).data.version).toBe("11.137.0.1");
  });

  it("`insecure: true`: accepted without verification", async () => {
    expect((await client({ ca: undefined, insecure: true }).version()).data.version).toBe("11.137.0.1");
  });

  it("`ca` with `insecure` is a contradiction", () => {
    expect(() => client({ insecure: true })).toThrow(TypeError);
  });

  it("ports: 2087 for https, 2086 only for http", () => {
    expect(httpsTransport({ host: "server.example.com" }).origin).toBe("https://server.example.com:2087");
    expect(httpsTransport({ host: "server.example.com", protocol: "http" }).origin).toBe("http://server.example.com:2086");
    expect(httpsTransport({ host: "::1" }).origin).toBe("https://[::1]:2087");
    expect(() => httpsTransport({ host: "https://server.example.com" })).toThrow(/host name or IP address/);
  });
});

describe("TLS over fetch (Node: trust through an undici dispatcher)", () => {
  const base = () => ({ host: "127.0.0.1", port: f.server.port, auth: tokenAuth(USER, TOKEN) });
  const fetchClient = (options: Partial<ClientOptions> = {}) => {
    const whm = createRuntimeClient({ ...base(), transport: "fetch", ...options } as ClientOptions, registry);
    opened.push(whm);
    return whm;
  };

  it("default: the self-signed certificate is rejected; the message names both ways to trust it", async () => {
    const error = await failureOf(fetchClient().version());
    expect(error).toMatchObject({ kind: "tls", code: expect.stringMatching(/CERT|SELF_SIGNED|UNABLE_TO_VERIFY/) });
    expect(error.message).toMatch(/^version: TLS with 127\.0\.0\.1:\d+ failed \(/);
    expect(error.message).toContain("`dispatcher: new Agent({ connect: { ca } })`");
    expect(error.message).toContain('`transport: "https"`');
  });

  it("`ca` or `insecure` without a dispatcher: refused at once, naming the dispatcher and the HTTPS transport", () => {
    for (const trust of [{ ca: f.cert.cert }, { insecure: true }]) {
      expect(() => fetchClient(trust)).toThrow(/Node's fetch takes no `ca` or `insecure` of its own; pass `dispatcher: new Agent\(\{ connect: \{ ca \} \}\)`.*or use the HTTPS transport/);
    }
  });

  it("a dispatcher trusting the certificate: accepted; one with verification off: accepted", async () => {
    expect((await clientOver("fetch").version()).data.version).toBe("11.137.0.1");
    expect((await clientOver("fetch", { ca: undefined, insecure: true }).version()).data.version).toBe("11.137.0.1");
  });

  it("a dispatcher beside `ca`: refused (the trust belongs on the dispatcher)", () => {
    expect(() => fetchClient({ ca: f.cert.cert, dispatcher: {} })).toThrow(/set `ca` or `insecure` on the dispatcher/);
  });

  it("createClient on Node: HTTPS by default; fetch when named, or when a dispatcher or fetch is given", async () => {
    const seen: string[] = [];
    const spy = (async (input: string, init: RequestInit) => {
      seen.push(`${init.method} ${new URL(input).pathname}`);
      return new Response(JSON.stringify({ data: { version: "1" }, metadata: { command: "version", result: 1, reason: "OK", version: 1 } }), { headers: { "content-type": "application/json" } });
    }) as typeof fetch;
    await fetchClient({ transport: undefined, fetch: spy }).version();
    expect(seen).toEqual(["GET /json-api/version"]);
    // No transport named, Node's makers: HTTPS, which takes `ca`.
    const https = createRuntimeClient({ ...base(), ca: f.cert.cert }, registry, nodeTransportMakers);
    opened.push(https);
    expect((await https.version()).data.version).toBe("11.137.0.1");
    expect(() => createRuntimeClient({ ...base(), transport: "https" }, registry)).toThrow(/HTTPS transport is Node-only and comes with whmapi1\/node/);
    expect(() => createRuntimeClient({ ...base(), transport: "https", fetch: spy }, registry, nodeTransportMakers)).toThrow(/options of the fetch transport/);
  });
});
