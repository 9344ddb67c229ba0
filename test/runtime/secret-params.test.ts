/**
 * Secret parameters (issue 14, part 2), case by case; test/hardening/secret-properties.test.ts
 * draws every described function with random secrets.
 *
 * - a secret parameter never lands in a URL: moved to a POST body, and where it would still land
 *   there (an explicit query string, a meta-parameter, a request made by hand), refused before a
 *   byte is sent, naming the parameter and not its value;
 * - never in whmapi1's arguments: on standard input for JSON-body functions, refused otherwise;
 * - requests, pairs and bodies show `[redacted]` in toString, JSON and util.inspect, and keep the
 *   value where it must go; errors of a call hold no secret value it sent, even one the server echoed.
 */
import { chmodSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { inspect } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { SECRET_NAME as GENERATOR_SECRET_NAME } from "../../generator/ir/params.js";
import { batchRequest } from "../../templates/runtime/batch.js";
import { createRuntimeClient } from "../../templates/runtime/client.js";
import { defineFunction, type WhmRequest } from "../../templates/runtime/define.js";
import { isWhmError, whmError } from "../../templates/runtime/errors.js";
import { withExtraPairs } from "../../templates/runtime/meta.js";
import { isSecretName, REDACTED, SECRET_NAME } from "../../templates/runtime/secrets.js";
import { cliTransport } from "../../templates/runtime/transport-cli.js";
import { fetchTransport } from "../../templates/runtime/transport-fetch.js";
import { httpsTransport } from "../../templates/runtime/transport-https.js";
import type { WhmTransport, WhmTransportRequest } from "../../templates/runtime/transport.js";
import { tempDir } from "../helpers.js";

const SECRET = "S3cr3t-VALUE+&=%20 'q' \"dq\" ü\n";
const FORMS = [SECRET, encodeURIComponent(SECRET), encodeURIComponent(SECRET).replace(/%20/g, "+"), JSON.stringify(SECRET).slice(1, -1), "S3cr3t-VALUE"];

function expectHidden(text: string, where: string): void {
  for (const form of FORMS) expect(text.includes(form), `${where} shows the secret (${JSON.stringify(form)})`).toBe(false);
}

/** Every way a value is commonly turned into text. */
function renderings(value: unknown): string[] {
  return [String(value), JSON.stringify(value) ?? "", inspect(value, { depth: 10 }), inspect(value, { depth: 10, showHidden: true })];
}

const passwd = defineFunction<{ user: string; password?: string; note?: string }, unknown>({ name: "passwd", method: "GET", body: "query", readOnly: false, secret: ["password"] });
const setacls = defineFunction<Record<string, unknown>, unknown>({ name: "setacls", method: "GET", body: "query", readOnly: false, notSecret: ["acl-passwd"] });
const setJson = defineFunction<{ domain: string; api_token: string }, unknown>({ name: "set_json", method: "POST", body: "json", readOnly: false, secret: ["api_token"] });
const upload = defineFunction<{ name: string; key: string; file: { name: string; content: string } }, unknown>({
  name: "upload_key",
  method: "POST",
  body: "multipart",
  readOnly: false,
  secret: ["key"],
  params: { file: ["file", "file"] },
});

/** A transport that records what it was given and answers with `answer`. */
function recorder(answer: (request: WhmTransportRequest) => unknown = (r) => ({ data: {}, metadata: { command: r.functionName, result: 1, reason: "OK", version: 1 } })) {
  const sent: { url: string; body: string | undefined; method: string }[] = [];
  const transport: WhmTransport = {
    async send(request) {
      const url = request.url("https://whm.example:2087");
      const body = request.body();
      sent.push({ url, method: body ? "POST" : request.method, body: body && "text" in body ? body.text : undefined });
      return { ok: true, json: answer(request) };
    },
  };
  return { sent, transport };
}

describe("the name rules", () => {
  it("are the generator's, character for character", () => {
    expect(SECRET_NAME.source).toBe(GENERATOR_SECRET_NAME.source);
    expect(SECRET_NAME.flags).toBe(GENERATOR_SECRET_NAME.flags);
  });

  it("catch passwords, tokens, keys and hashes by name, an indexed name by its base", () => {
    for (const name of ["password", "pass", "root_password", "api_token", "PUSHBULLET_ACCESS_TOKEN", "client_secret", "accesshash", "apikey", "sshkey_passphrase", "password-2"]) expect(isSecretName(name), name).toBe(true);
    for (const name of ["user", "passive", "tokens_count", "keyword", "domain", "password_strength"]) expect(isSecretName(name), name).toBe(false);
  });
});

describe("requests show secrets as [redacted] and keep them where they go", () => {
  it("a GET function with a secret: POST form body, the URL without it; pairs, body, command and the request redacted", () => {
    const req = passwd.request({ user: "bob", password: SECRET });
    expect(req.method).toBe("POST");
    const url = req.url("https://whm.example:2087");
    expect(url).toBe("https://whm.example:2087/json-api/passwd?api.version=1");
    // The value is where it must go.
    expect(req.pairs[1]![1]).toBe(SECRET);
    const body = req.body();
    expect(body?.kind === "form" && new URLSearchParams(body.text).get("password")).toBe(SECRET);
    expect(new URLSearchParams(req.command().slice("passwd?".length)).get("password")).toBe(SECRET);
    // And nowhere it is shown.
    for (const [what, value] of Object.entries({ request: req, pairs: req.pairs, pair: req.pairs[1], body })) {
      for (const text of renderings(value)) expectHidden(text, what);
    }
    for (const text of renderings(req)) expectHidden(text, "request");
    expect(JSON.parse(JSON.stringify(req))).toEqual({
      functionName: "passwd",
      method: "POST",
      readOnly: false,
      pairs: [["user", "bob"], ["password", REDACTED]],
      body: { kind: "form", contentType: "application/x-www-form-urlencoded", text: `user=bob&password=${REDACTED}` },
      command: `passwd?user=bob&password=${REDACTED}`,
    });
    expect(String(req)).toBe(`WhmRequest(POST passwd?user=bob&password=${REDACTED})`);
    expect(inspect(req)).toContain("WhmRequest {");
    expect(`${req.pairs}`).toBe(`user,bob,password,${REDACTED}`);
    // Equality is by content: the display methods are not enumerable.
    expect(req.pairs).toEqual([["user", "bob"], ["password", SECRET]]);
  });

  it("a JSON body keeps the secret in its text and shows it redacted; whmapi1 gets it on standard input", () => {
    const req = setJson.request({ domain: "a.example", api_token: SECRET });
    const body = req.body();
    expect(body?.kind === "json" && JSON.parse(body.text)).toEqual({ domain: "a.example", api_token: SECRET });
    expect(JSON.parse(JSON.stringify(body))).toEqual({ kind: "json", contentType: "application/json", text: JSON.stringify({ domain: "a.example", api_token: REDACTED }) });
    for (const text of [...renderings(req), ...renderings(body)]) expectHidden(text, "json request");
    expect(req.argv()).toEqual(["--input=json", "--output=json", "set_json"]);
  });

  it("a multipart body's secret field is shown redacted", () => {
    const req = upload.request({ name: "k1", key: SECRET, file: { name: "a.pem", content: "PEM" } });
    const body = req.body();
    expect(body?.kind === "multipart" && body.fields.map(([k, v]) => [k, v])).toEqual([["name", "k1"], ["key", SECRET]]);
    for (const text of [...renderings(req), ...renderings(body)]) expectHidden(text, "multipart request");
  });

  it("a name the rules take for a secret stays public when the description says so (x-whm-secret: false)", () => {
    const req = setacls.request({ acl: "bob", "acl-passwd": 1 });
    expect(req.method).toBe("GET");
    expect(req.url("https://h:2087")).toBe("https://h:2087/json-api/setacls?api.version=1&acl=bob&acl-passwd=1");
    expect(JSON.stringify(req.pairs)).toBe('[["acl","bob"],["acl-passwd","1"]]');
  });
});

describe("URLs never hold a secret", () => {
  it("whm.call on an undescribed function judges names by the rules: a password-like parameter goes in a POST body", async () => {
    const { sent, transport } = recorder();
    const whm = createRuntimeClient({ transport }, {});
    await whm.call("some_new_function", { user: "bob", new_password: SECRET, api_token: SECRET, ordinary: "x" });
    expect(sent).toEqual([
      {
        method: "POST",
        url: "https://whm.example:2087/json-api/some_new_function?api.version=1",
        body: `user=bob&new_password=${encodeURIComponent(SECRET)}&api_token=${encodeURIComponent(SECRET)}&ordinary=x`,
      },
    ]);
  });

  it("whm.call on a described function uses its list of secrets", async () => {
    const { sent, transport } = recorder();
    const installssl = defineFunction<Record<string, unknown>, unknown>({ name: "installssl", method: "GET", body: "query", readOnly: false, secret: ["key"] });
    const whm = createRuntimeClient({ transport }, { installssl });
    await whm.call("installssl", { domain: "a.example", key: SECRET });
    expect(sent[0]).toMatchObject({ method: "POST", url: "https://whm.example:2087/json-api/installssl?api.version=1" });
  });

  it("a query string asked for explicitly is refused, naming the parameter and what to do; nothing is sent", async () => {
    for (const options of [{ body: "query" as const }, { method: "GET" as const }]) {
      const { sent, transport } = recorder();
      const whm = createRuntimeClient({ transport }, {});
      const error = await whm.call("some_new_function", { user: "bob", password: SECRET }, options).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TypeError);
      expect((error as Error).message).toBe(
        'some_new_function: the secret parameter "password" would go into the URL, where web server logs, proxies and history keep it; nothing was sent. ' +
          'Leave out `method: "GET"` and `body: "query"`: without them, a call with a secret parameter is sent as a POST form body.',
      );
      for (const text of renderings(error)) expectHidden(text, "refusal");
      expect(sent).toEqual([]);
    }
  });

  it("a meta-parameter or extra pair named like a secret is refused for the URL and for argv", () => {
    const listaccts = defineFunction<Record<string, unknown>, unknown>({ name: "listaccts", method: "GET", body: "query", readOnly: true });
    const req = withExtraPairs(listaccts.request({ search: "bob" }), [["api_token", SECRET]]);
    expect(() => req.url("https://h:2087")).toThrow(/listaccts: the secret parameter "api_token" would go into the URL.*not as a meta-parameter/);
    expect(() => req.argv()).toThrow(/listaccts: the secret parameter "api_token" would be a command-line argument of whmapi1/);
    for (const text of renderings(req)) expectHidden(text, "request with extra pairs");
    // In a form body it is fine, and shown redacted.
    const form = withExtraPairs(passwd.request({ user: "bob", password: SECRET }), [["api.columns.enable", "1"]]);
    expect(form.url("https://h:2087")).toBe("https://h:2087/json-api/passwd?api.version=1");
    const body = form.body();
    expect(body?.kind === "form" && body.text).toBe(`user=bob&password=${encodeURIComponent(SECRET)}&api.columns.enable=1`);
    expect(JSON.stringify(body)).toContain(`"text":"user=bob&password=${REDACTED}&api.columns.enable=1"`);
  });

  /** A request made without the SDK's builder, whose URL carries a password. */
  const handMade = (): WhmTransportRequest => ({
    functionName: "passwd",
    method: "GET",
    readOnly: false,
    pairs: [["user", "bob"], ["password", SECRET]],
    url: (base) => `${base}/json-api/passwd?api.version=1&user=bob&password=${encodeURIComponent(SECRET)}`,
    argv: () => ["--output=json", "passwd", "user=bob", `password=${encodeURIComponent(SECRET)}`],
    body: () => undefined,
    command: () => `passwd?user=bob&password=${encodeURIComponent(SECRET)}`,
  });

  it("the fetch transport refuses a URL holding a secret before calling fetch", async () => {
    const calls: string[] = [];
    const transport = fetchTransport({ host: "whm.example", fetch: async (url) => (calls.push(url), new Response("{}")) });
    const error = await transport.send(handMade(), {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(/^passwd: the secret parameter "password" would go into the URL/);
    for (const text of renderings(error)) expectHidden(text, "fetch refusal");
    expect(calls).toEqual([]);
  });

  it("a URL that does not parse is refused without quoting it (the platform's error would)", async () => {
    const transport = fetchTransport({ host: "whm.example", fetch: async () => new Response("{}") });
    const error = await transport.send({ ...handMade(), url: () => `not a url ?password=${SECRET}` }, {}).catch((e: unknown) => e);
    expect((error as Error).message).toBe("passwd: the request's URL is not a valid URL; nothing was sent");
    for (const text of renderings(error)) expectHidden(text, "invalid URL refusal");
  });

  it("the HTTPS transport refuses it before connecting (a closed port would give a network error)", async () => {
    const transport = httpsTransport({ host: "127.0.0.1", port: 9, keepAlive: false });
    const error = await transport.send(handMade(), {}).catch((e: unknown) => e);
    await transport.close();
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(/^passwd: the secret parameter "password" would go into the URL/);
  });
});

describe("whmapi1's arguments never hold a secret", () => {
  let script = "";
  let log = "";
  beforeAll(async () => {
    const dir = await tempDir("secret-params-cli");
    log = path.join(dir, "calls.log");
    script = path.join(dir, "whmapi1.mjs");
    // A whmapi1 that logs its arguments and standard input, and answers result 0 quoting them.
    await writeFile(script, `#!/usr/bin/env node
import { appendFileSync } from "node:fs";
let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (c) => (input += c));
process.stdin.on("end", () => {
  const args = process.argv.slice(2);
  appendFileSync(${JSON.stringify(log)}, JSON.stringify({ args, input }) + "\\n");
  process.stdout.write(JSON.stringify({ data: null, metadata: { command: args[1], result: 0, reason: "rejected: " + args.join(" ") + " " + input, version: 1 } }));
});
`);
    chmodSync(script, 0o755);
    await writeFile(log, "");
  });
  const calls = async (): Promise<{ args: string[]; input: string }[]> =>
    (await readFile(log, "utf8")).split("\n").filter(Boolean).map((line) => JSON.parse(line) as { args: string[]; input: string });

  it("a form or query function with a secret is refused before whmapi1 runs, naming the parameter and the HTTPS or fetch transport", async () => {
    const whm = createRuntimeClient({ transport: cliTransport({ path: script }) }, { passwd });
    const error = await whm.passwd({ user: "bob", password: SECRET }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe(
      'passwd: the secret parameter "password" would be a command-line argument of whmapi1, which any local user can read (ps, /proc/PID/cmdline); nothing was run. ' +
        "whmapi1 reads parameters from standard input (--input=json) only for functions that take a JSON body, as cPanel documents it; " +
        "call passwd over the HTTPS or fetch transport instead (createClient({ host, auth }), which sends it in a POST body).",
    );
    expect(() => passwd.request({ user: "bob", password: SECRET }).argv()).toThrow(TypeError);
    // whm.call, batch, and a hand-made request: refused too.
    await expect(whm.call("anything", { root_password: SECRET })).rejects.toThrow(/anything: the secret parameter "root_password" would be a command-line argument/);
    const batch = await whm.batch([passwd.request({ user: "bob", password: SECRET })]).catch((e: unknown) => e);
    expect((batch as Error).message).toMatch(/^batch: the secret parameter "password" \(in the batch command for passwd\) would be a command-line argument/);
    expect(await calls()).toEqual([]);
  });

  it("a JSON-body function gets its secret on standard input (whmapi1 --input=json), never as an argument; its error is scrubbed", async () => {
    const whm = createRuntimeClient({ transport: cliTransport({ path: script }) }, { set_json: setJson });
    const outcome = await whm.set_json({ domain: "a.example", api_token: SECRET }, { throwOnError: false });
    const logged = await calls();
    expect(logged).toEqual([{ args: ["--input=json", "--output=json", "set_json"], input: JSON.stringify({ domain: "a.example", api_token: SECRET }) }]);
    // The fake echoed the input in its reason: the error shows it redacted.
    expect(outcome.ok).toBe(false);
    const error = !outcome.ok ? outcome.error : undefined;
    expect(error?.kind).toBe("api");
    for (const text of renderings(error)) expectHidden(text, "cli error");
    expect(error?.message).toContain(`"api_token":"${REDACTED}"`);
  });
});

describe("errors of a call hold no secret value it sent", () => {
  const echo = (request: WhmTransportRequest): unknown => {
    const body = request.body();
    const text = body && "text" in body ? body.text : "";
    const decoded = [...new URLSearchParams(text).values()].join(" ");
    return {
      data: { echo: decoded, raw: text, nested: [{ value: decoded }] },
      metadata: { command: request.functionName, result: 0, reason: `refused ${decoded} (${text}) ${JSON.stringify(decoded)}`, version: 1 },
    };
  };

  it("a server that echoes the parameters in its reason and data: message, fields, JSON and inspect show [redacted]", async () => {
    const { transport } = recorder(echo);
    const whm = createRuntimeClient({ transport }, { passwd });
    const error = await whm.passwd({ user: "bob", password: SECRET }).catch((e: unknown) => e);
    expect(isWhmError(error)).toBe(true);
    for (const text of renderings(error)) expectHidden(text, "api error");
    expect((error as Error).message).toContain(`refused bob ${REDACTED} (user=bob&password=${REDACTED})`);
    expect(((error as { data: { nested: { value: string }[] } }).data.nested[0]!.value)).toBe(`bob ${REDACTED}`);
  });

  it("batch items and the batch's own failure are scrubbed of every command's secrets", async () => {
    const version = defineFunction<Record<string, never>, unknown>({ name: "version", method: "GET", body: "query", readOnly: true });
    const { transport } = recorder((request) => {
      const commands = [...new URLSearchParams((request.body() as { text: string }).text).getAll("command")];
      return {
        data: { result: commands.map((c) => ({ data: null, metadata: { command: c, result: 0, reason: `bad command ${c} ${decodeURIComponent(c)}`, version: 1 } })) },
        metadata: { command: "batch", result: 1, reason: "OK", version: 1 },
      };
    });
    const whm = createRuntimeClient({ transport }, { passwd, version });
    const items = await whm.batch([version.request(), passwd.request({ user: "bob", password: SECRET })]);
    expect(items.map((i) => i.ok)).toEqual([false, false]);
    for (const item of items) if (!item.ok) for (const text of renderings(item.error)) expectHidden(text, "batch item");
    const request = batchRequest([passwd.request({ user: "bob", password: SECRET })]);
    for (const text of renderings(request)) expectHidden(text, "batch request");
    expect(JSON.parse(JSON.stringify(request)).pairs).toEqual([["command", `passwd?user=bob&password=${REDACTED}`], ["abort_on_error", "0"]]);
    const body = request.body();
    expect(body?.kind === "form" && new URLSearchParams(body.text).get("command")).toBe(`passwd?user=bob&password=${encodeURIComponent(SECRET)}`);
  });

  it("a value shorter than 4 characters is not searched for in what a server says (it would erase ordinary words)", async () => {
    const { transport } = recorder(echo);
    const whm = createRuntimeClient({ transport }, { passwd });
    const error = (await whm.passwd({ user: "bob", password: "ok" }).catch((e: unknown) => e)) as Error;
    expect(error.message).toBe("passwd failed: refused bob ok (user=bob&password=ok) \"bob ok\"");
    // The request itself still shows it redacted.
    expect(JSON.stringify(passwd.request({ user: "bob", password: "ok" }).pairs)).toBe(`[["user","bob"],["password","${REDACTED}"]]`);
  });

  it("an error the runtime builds itself never names a parameter value", () => {
    const error = whmError({ kind: "network", functionName: "passwd", code: "ECONNRESET" });
    expect(error.message).toBe("passwd: could not reach the server (ECONNRESET)");
  });
});

describe("the request type", () => {
  it("WhmRequest's display methods are not part of its enumerable shape", () => {
    const req: WhmRequest<unknown> = passwd.request({ user: "bob", password: SECRET });
    expect(Object.keys(req)).toEqual(["functionName", "method", "readOnly", "pairs", "url", "argv", "command", "body", "decode"]);
  });
});
