/**
 * The double's behaviour: schema-shaped answers for every function of the specs, determinism,
 * state for the account family, handlers, meta-parameters, batch, faults, recorded calls.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createRuntimeClient, type WhmCallOptionsOf } from "../../templates/runtime/client.js";
import { createFakeEngine, type FakeEngine } from "../../templates/testing/engine.js";
import { createCatalogFake, whmFailure, whmSuccess } from "../../templates/testing/fake.js";
import type { FakeCatalog, FakeFunction, FakePair, FakeShape, FakeWireRequest } from "../../templates/testing/types.js";
import { registry } from "../../generated/registry.js";
import * as helpers from "../runtime/helpers/functions.js";
import { HELPER_CATALOG, quirksCatalog, specsCatalog } from "./helpers/catalogs.js";
import { failureOf } from "../runtime/helpers/failure.js";

let specs: FakeCatalog;
let quirks: FakeCatalog;
beforeAll(async () => {
  [specs, quirks] = await Promise.all([specsCatalog(), quirksCatalog()]);
});

/** A wire value that fits `shape` (for calling every function with valid parameters). */
function sample(shape: FakeShape, name: string): string {
  switch (shape.kind) {
    case "integer":
    case "number":
      return "1";
    case "bool01":
    case "boolean":
      return "1";
    case "yesno":
      return "y";
    case "literal":
      return String(shape.values[0]);
    case "union":
      return sample(shape.members.find((m) => m.kind !== "null") ?? shape.members[0]!, name);
    case "object":
      return "{}";
    case "array":
      return sample(shape.items, name);
    default:
      return /^(user|username)$/.test(name) ? "user001" : name === "command" ? "version" : "value";
  }
}

/** A valid request for `fn`: every required parameter, in the form its body kind takes. */
function validRequest(fn: FakeFunction): FakeWireRequest {
  const pairs: FakePair[] = [];
  const files: [string, { name: string; size: number; type: string }][] = [];
  const json: Record<string, unknown> = {};
  // Every required parameter, and `user` (accountsummary needs one of user or domain).
  for (const p of fn.params.filter((q) => q.required || q.name === "user")) {
    const name = p.name.replace("*", "x");
    if (p.kind === "file") files.push([name, { name: "f.txt", size: 1, type: "text/plain" }]);
    else if (fn.body === "json") json[name] = p.kind === "object" || p.kind === "json" ? {} : p.kind.startsWith("array") ? [sample(p.shape, name)] : sample(p.shape, name);
    else pairs.push([p.kind === "array-indexed" ? `${name}${p.index?.separator ?? "-"}${p.index?.base ?? 1}` : name, /^(createacct|verify_new_username)$/.test(fn.name) && /^user(name)?$/.test(name) ? "newbie" : sample(p.shape, name)]);
  }
  const inQuery = fn.body === "query";
  return {
    method: fn.method,
    functionName: fn.name,
    query: [["api.version", "1"], ...(inQuery ? pairs : [])],
    ...(inQuery || fn.body === "json" ? {} : { form: pairs }),
    ...(fn.body === "json" ? { json: JSON.stringify(json) } : {}),
    ...(files.length ? { files } : {}),
  };
}

/** Whether a wire value has `shape` (flags 1/0, numbers possibly quoted, every documented field present). */
function conforms(value: unknown, shape: FakeShape): boolean {
  switch (shape.kind) {
    case "string":
      return typeof value === "string";
    case "integer":
      return Number.isInteger(typeof value === "string" ? Number(value) : value);
    case "number":
      return typeof value === "number" || (typeof value === "string" && !Number.isNaN(Number(value)));
    case "bool01":
      return value === 0 || value === 1;
    case "yesno":
      return value === "y" || value === "n";
    case "boolean":
      return typeof value === "boolean";
    case "null":
      return value === null;
    case "literal":
      return shape.values.includes(value as never);
    case "array":
      return Array.isArray(value) && value.every((v) => conforms(v, shape.items));
    case "object": {
      if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
      const v = value as Record<string, unknown>;
      return shape.properties.every((p) => p.name in v && conforms(v[p.name], p.shape)) &&
        Object.entries(v).every(([k, x]) => shape.properties.some((p) => p.name === k) || (shape.additional ? conforms(x, shape.additional) : true));
    }
    case "union":
      return shape.members.some((m) => conforms(value, m));
    default:
      return true;
  }
}

async function body(engine: FakeEngine, request: FakeWireRequest): Promise<string> {
  const reply = await engine.handle(request);
  if (reply.kind !== "answer") throw new Error(`no answer: ${reply.kind}`);
  return reply.body;
}

describe("answers shaped by the catalog", () => {
  it("every function of specs/ answers result 1 with data of its documented shape, which the SDK decodes", async () => {
    const decoders = registry as unknown as Record<string, { decode(raw: unknown): { metadata: { result: number } } } | undefined>;
    for (const fn of specs.functions) {
      // A fresh server per function: removeacct must not take away suspendacct's account.
      const answer = JSON.parse(await body(createFakeEngine(specs), validRequest(fn))) as { data?: unknown; metadata: { result: number; reason: string } };
      expect(answer.metadata, fn.name).toMatchObject({ command: fn.name, result: 1, version: 1 });
      if (fn.data) expect(conforms(answer.data, fn.data), `${fn.name}: ${JSON.stringify(answer.data).slice(0, 300)}`).toBe(true);
      else expect(answer.data, fn.name).toBeUndefined();
      const decoder = decoders[fn.name];
      if (decoder) expect(decoder.decode(answer).metadata.result, fn.name).toBe(1);
    }
  });

  it("formats and well-known names: documentation addresses, WHM dates, timestamps, flags", async () => {
    const engine = createFakeEngine(quirks, { accounts: false, listLength: 4 });
    const answer = JSON.parse(await body(engine, { method: "GET", functionName: "listaccts", query: [["api.version", "1"]] })) as { data: { acct: Record<string, unknown>[] } };
    expect(answer.data.acct).toHaveLength(4);
    for (const row of answer.data.acct) {
      expect(row["ipv6"]).toEqual(expect.arrayContaining([expect.stringMatching(/^2001:db8::[0-9a-f]+$/)]));
      expect(row["startdate"]).toMatch(/^\d\d [A-Z][a-z]{2} \d\d \d\d:\d\d$/);
      expect(row["unix_startdate"]).toBeLessThanOrEqual(Date.UTC(2024, 0, 15, 12) / 1000);
      expect([0, 1]).toContain(row["is_locked"]);
      expect(typeof row["user"]).toBe("string");
    }
    const none = createFakeEngine(quirks, { listLength: 0 });
    expect(JSON.parse(await body(none, { method: "GET", functionName: "get_cphulk_brutes", query: [["api.version", "1"]] }))).toMatchObject({ data: { brutes: [] } });
  });

  it("documented metadata keys are synthesised; a field named like a parameter echoes it", async () => {
    const engine = createFakeEngine(quirks);
    const answer = JSON.parse(await body(engine, { method: "GET", functionName: "update_configclusterserver", query: [["api.version", "1"], ["name", "n1"]] }));
    expect(answer).toEqual({ metadata: { command: "update_configclusterserver", reason: "OK", result: 1, version: 1, signature: expect.any(String), user: expect.any(String) } });
    const tweak = JSON.parse(await body(engine, { method: "GET", functionName: "get_tweaksetting", query: [["api.version", "1"], ["key", "maxemailsperhour"]] }));
    expect(tweak.data.tweaksetting.key).toBe("maxemailsperhour");
  });
});

describe("determinism", () => {
  async function everything(seed: number, reverse = false): Promise<string[]> {
    // State (the account family) depends on the order of calls by nature; synthesis must not.
    const engine = createFakeEngine(specs, { seed, accounts: false });
    const fns = reverse ? [...specs.functions].reverse() : specs.functions;
    const out = new Map<string, string>();
    for (const fn of fns) out.set(fn.name, await body(engine, validRequest(fn)));
    return specs.functions.map((fn) => out.get(fn.name)!);
  }

  it("the same seed gives the same bytes, whatever the order of the calls; another seed other bytes", async () => {
    const a = await everything(7);
    expect(await everything(7)).toEqual(a);
    expect(await everything(7, true)).toEqual(a);
    const b = await everything(8);
    expect(b).not.toEqual(a);
    expect(b.filter((text, i) => text !== a[i]).length).toBeGreaterThan(specs.functions.length / 2);
  });

  it("a listing is the same list on every page", async () => {
    const engine = createFakeEngine(quirks, { accounts: false, listLength: 6 });
    const page = async (start: number): Promise<unknown[]> =>
      JSON.parse(await body(engine, { method: "GET", functionName: "get_cphulk_brutes", query: [["api.version", "1"], ["api.chunk.enable", "1"], ["api.chunk.start", String(start)], ["api.chunk.size", "3"]] })).data.brutes;
    const all = JSON.parse(await body(engine, { method: "GET", functionName: "get_cphulk_brutes", query: [["api.version", "1"]] })).data.brutes;
    expect([...(await page(1)), ...(await page(4))]).toEqual(all);
  });
});

describe("state: the account family stays consistent", () => {
  it("createacct → listaccts → suspendacct → accountsummary → unsuspendacct → removeacct", async () => {
    const fake = createCatalogFake<typeof registry>(specs);
    const whm = createRuntimeClient({ transport: fake }, registry);
    const users = async (): Promise<(string | undefined)[]> => ((await whm.listaccts()).data.acct ?? []).map((a) => a.user);
    expect(await users()).toEqual(["user001", "user002", "user003"]);
    await whm.createacct({ username: "bob", domain: "bob.example", contactemail: "bob@mail.example" });
    expect(await users()).toEqual(["user001", "user002", "user003", "bob"]);
    const bob = (await whm.listaccts({ search: "^bob$" })).data.acct?.[0];
    expect(bob).toMatchObject({ user: "bob", domain: "bob.example", email: "bob@mail.example", suspended: false, owner: "root", plan: "default" });
    await whm.suspendacct({ user: "bob", reason: "unpaid" });
    expect((await whm.accountsummary({ user: "bob" })).data.acct?.[0]).toMatchObject({ user: "bob", suspended: true, suspendreason: "unpaid" });
    expect((await whm.listsuspended()).data).toEqual({ account: [expect.objectContaining({ user: "bob", reason: "unpaid" })] });
    await whm.unsuspendacct({ user: "bob" });
    expect((await whm.accountsummary({ domain: "bob.example" })).data.acct?.[0]?.suspended).toBe(false);
    await whm.removeacct({ username: "bob" });
    expect(await users()).toEqual(["user001", "user002", "user003"]);
    expect(await failureOf(whm.removeacct({ username: "bob" }))).toMatchObject({ kind: "api", reason: "The account “bob” does not exist." });
    expect(await failureOf(whm.accountsummary({ user: "bob" }))).toMatchObject({ kind: "api", reason: "The account “bob” does not exist." });
    expect(await failureOf(whm.createacct({ username: "user001", domain: "x.example" }))).toMatchObject({ reason: "Sorry, a user with that name already exists." });
    expect(await failureOf(whm.createacct({ username: "Bob", domain: "x.example" }))).toMatchObject({ reason: expect.stringContaining("is not a valid username") });
    expect(fake.state.accounts.list().map((a) => a.user)).toEqual(["user001", "user002", "user003"]);
  });

  it("starts with the accounts given, or none; the state is reachable from the test", async () => {
    const fake = createCatalogFake(specs, { accounts: [{ user: "alice", domain: "alice.example", suspended: true, maxpop: "unlimited" }] });
    const whm = createRuntimeClient({ transport: fake }, registry);
    expect((await whm.listaccts()).data.acct).toEqual([expect.objectContaining({ user: "alice", suspended: true, maxpop: "unlimited" })]);
    fake.state.accounts.add({ user: "eve" });
    expect((await whm.listaccts({ search: "eve" })).data.acct?.[0]?.domain).toBe("eve.example");
    const empty = createRuntimeClient({ transport: createCatalogFake(specs, { accounts: 0 }) }, registry);
    expect((await empty.listaccts()).data.acct).toEqual([]);
  });
});

describe("handlers", () => {
  it("typed params in, typed data out (booleans back to 1/0 on the wire); whmFailure, whmSuccess", async () => {
    const seen: unknown[] = [];
    const fake = createCatalogFake<typeof helpers>(HELPER_CATALOG, {
      handlers: {
        createacct: (params) => {
          seen.push(params);
          return params.username === "taken" ? whmFailure("Sorry, a user with that name already exists.") : whmSuccess({ pkg: "gold", ip: "192.0.2.7" }, { reason: "Account Creation Ok", warnings: ["no nameservers"] });
        },
        listaccts: () => ({ acct: [{ user: "bob", domain: "bob.example", suspended: true, disklimit: "unlimited" }] }),
      },
    });
    const whm = createRuntimeClient({ transport: fake }, helpers);
    const created = await whm.createacct({ username: "bob", domain: "bob.example", hasshell: true, quota: 500 });
    expect(created).toMatchObject({ data: { pkg: "gold" }, metadata: { reason: "Account Creation Ok" }, warnings: ["no nameservers"] });
    expect(seen[0]).toEqual({ username: "bob", domain: "bob.example", hasshell: true, quota: 500 });
    expect(await failureOf(whm.createacct({ username: "taken", domain: "t.example" }))).toMatchObject({ kind: "api", reason: "Sorry, a user with that name already exists." });
    expect((await whm.listaccts()).data.acct[0]?.suspended).toBe(true);
    fake.handle("listaccts", (_params, context) => context.synthesize() as never);
    expect((await whm.listaccts()).data.acct).toHaveLength(3);
    fake.handle("listaccts", undefined);
    expect((await whm.listaccts()).data.acct.map((a) => a.user)).toEqual(["user001", "user002", "user003"]);
  });

  it("a function the catalog lacks can be answered by a handler", async () => {
    const fake = createCatalogFake(HELPER_CATALOG, { handlers: { get_tweaksetting: (p: { key: string }) => ({ tweaksetting: { key: p.key, value: 500 } }) } });
    const whm = createRuntimeClient({ transport: fake }, helpers);
    expect((await whm.call("get_tweaksetting", { key: "maxemailsperhour" })).data).toEqual({ tweaksetting: { key: "maxemailsperhour", value: 500 } });
  });
});

describe("meta-parameters", () => {
  const fake = createCatalogFake(HELPER_CATALOG, {
    accounts: [
      { user: "amy", domain: "amy.example", disklimit: "500" },
      { user: "ben", domain: "ben.test", disklimit: "unlimited", suspended: true },
      { user: "cat", domain: "cat.example", disklimit: "2000" },
      { user: "dan", domain: "dan.example", disklimit: "0" },
    ],
  });
  const whm = createRuntimeClient({ transport: fake }, helpers);
  const users = async (options: Omit<WhmCallOptionsOf<typeof helpers.listaccts>, "throwOnError">): Promise<string[]> => (await whm.listaccts({}, options)).data.acct.map((a) => a.user);

  it.each([
    ["ends", { field: "domain", type: "ends", arg0: ".example" }, ["amy", "cat", "dan"]],
    ["begins (case-insensitive)", { field: "user", type: "begins", arg0: "B" }, ["ben"]],
    ["eq", { field: "user", type: "eq", arg0: "cat" }, ["cat"]],
    ["== (numeric)", { field: "disklimit", type: "==", arg0: "500" }, ["amy"]],
    ["gt (unlimited does not compare)", { field: "disklimit", type: "gt", arg0: "400" }, ["amy", "cat"]],
    ["gt_handle_unlimited", { field: "disklimit", type: "gt_handle_unlimited", arg0: "400" }, ["amy", "ben", "cat"]],
    ["matches (regular expression)", { field: "user", type: "matches", arg0: "^[ab]" }, ["amy", "ben"]],
    ["* (any field)", { field: "*", type: "contains", arg0: "test" }, ["ben"]],
  ] as const)("filter %s", async (_name, filter, expected) => {
    expect(await users({ filter })).toEqual(expected);
  });

  it("sort: numeric, reversed, several keys; columns; chunk with its metadata", async () => {
    expect(await users({ sort: { field: "disklimit", method: "numeric" } })).toEqual(["dan", "amy", "cat", "ben"]);
    expect(await users({ sort: { field: "disklimit", method: "numeric_zero_as_max", reverse: true } })).toEqual(["ben", "dan", "cat", "amy"]);
    expect(await users({ sort: ["suspended", { field: "user", reverse: true }] })).toEqual(["dan", "cat", "amy", "ben"]);
    const page = await whm.listaccts({}, { chunk: { start: 3, size: 2 }, columns: ["user"] });
    expect(page.data.acct).toEqual([{ user: "cat" }, { user: "dan" }]);
    expect(page.metadata.chunk).toEqual({ start: 3, size: 2, records: 4, current: 2 });
    const filtered = await whm.listaccts({}, { filter: { field: "user", arg0: "a" } });
    expect(filtered.metadata.filter).toEqual({ filtered: 3, records_before_filter: 4 });
  });

  it("an unknown filter type is refused; data without a list is left alone (no chunk record)", async () => {
    expect(await failureOf(whm.listaccts({}, { filter: { field: "user", type: "sounds_like", arg0: "x" } }))).toMatchObject({ reason: "The filter type “sounds_like” is not valid." });
    const version = await whm.version({}, { chunk: { size: 1 } });
    expect(version.metadata.chunk).toBeUndefined();
  });
});

describe("batch", () => {
  it("every command answered in order; the batch and its commands recorded; abort_on_error; refusals", async () => {
    const fake = createCatalogFake(HELPER_CATALOG);
    const engine = fake.engine;
    const run = async (pairs: FakePair[]): Promise<{ data?: { result: { metadata: { result: number; reason: string } }[] }; metadata: { result: number; reason: string } }> =>
      JSON.parse(await body(engine, { method: "POST", functionName: "batch", query: [["api.version", "1"]], form: pairs }));
    const answer = await run([["command", "version"], ["command", "nope"], ["command", "listaccts?search=user002"]]);
    expect(answer.metadata).toMatchObject({ result: 1 });
    expect(answer.data!.result.map((r) => r.metadata.result)).toEqual([1, 0, 1]);
    expect(fake.calls.map((c) => [c.function, c.inBatch])).toEqual([["batch", false], ["version", true], ["nope", true], ["listaccts", true]]);
    const aborted = await run([["command", "version"], ["command", "nope"], ["command", "version"], ["abort_on_error", "1"]]);
    expect(aborted.metadata).toMatchObject({ result: 0, reason: "A batch command failed; the rest were not run." });
    expect(aborted.data!.result).toHaveLength(2);
    expect((await run([])).metadata).toMatchObject({ result: 0, reason: "Provide the “command” parameter." });
    expect((await run([["command", "batch?command=version"]])).data!.result[0]!.metadata).toMatchObject({ result: 0 });
  });
});

describe("faults", () => {
  const cases = [
    ["html-login", { kind: "not-json", status: 200, title: "WHM Login" }],
    ["forbidden", { kind: "auth", status: 403, reason: "Access denied" }],
    ["reset", { kind: "network", code: "ECONNRESET" }],
    ["timeout", { kind: "timeout", timeoutMs: 100 }],
    ["server-error", { kind: "http", status: 500 }],
    ["truncated", { kind: "malformed", status: 200 }],
  ] as const;

  it.each(cases)("%s", async (fault, expected) => {
    const fake = createCatalogFake(HELPER_CATALOG, { faults: [{ fault, functions: "version" }] });
    const whm = createRuntimeClient({ transport: fake, timeout: 100 }, helpers);
    expect(await failureOf(whm.version())).toMatchObject({ functionName: "version", ...expected });
    expect((await whm.listaccts()).metadata.result).toBe(1);
    expect(fake.callsTo("version")[0]?.fault).toBe(fault);
  });

  it("latency delays the answer; times limits a rule; inject and remove at run time", async () => {
    const fake = createCatalogFake(HELPER_CATALOG, { faults: [{ fault: "latency", ms: 60, functions: ["version"] }] });
    const whm = createRuntimeClient({ transport: fake }, helpers);
    const started = Date.now();
    await whm.version();
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
    const stop = fake.inject({ fault: "reset", functions: "listaccts", times: 1 });
    expect((await failureOf(whm.listaccts())).kind).toBe("network");
    expect((await whm.listaccts()).metadata.result).toBe(1);
    stop();
    fake.inject({ fault: "forbidden" });
    expect((await failureOf(whm.listaccts())).kind).toBe("auth");
    fake.clearFaults();
    expect((await whm.listaccts()).metadata.result).toBe(1);
  });

  it("at random: the same seed gives the same faults", async () => {
    const pattern = async (seed: number): Promise<string> => {
      const whm = createRuntimeClient({ transport: createCatalogFake(HELPER_CATALOG, { seed, faults: [{ fault: "server-error", rate: 0.5 }] }) }, helpers);
      let out = "";
      for (let i = 0; i < 24; i++) out += (await whm.version({}, { throwOnError: false })).ok ? "." : "x";
      return out;
    };
    const a = await pattern(3);
    expect(a).toMatch(/x/);
    expect(a).toMatch(/\./);
    expect(await pattern(3)).toBe(a);
  });

  it("close() ends calls left hanging by a timeout fault", async () => {
    const fake = createCatalogFake(HELPER_CATALOG, { faults: [{ fault: "timeout" }] });
    const whm = createRuntimeClient({ transport: fake, timeout: 0 }, helpers);
    const pending = failureOf(whm.version());
    await new Promise((r) => setTimeout(r, 20));
    await whm.close();
    expect((await pending).kind).toBe("aborted");
  });
});

describe("recorded calls", () => {
  it("function, method, decoded parameters and meta-parameters; secrets redacted, inside batch commands too", async () => {
    const fake = createCatalogFake(HELPER_CATALOG);
    const whm = createRuntimeClient({ transport: fake }, helpers);
    await whm.createacct({ username: "zed", domain: "zed.example", password: "s3cret!", hasshell: false });
    await whm.listaccts({ search: "zed" }, { chunk: { size: 5 } });
    await whm.call("passwd", { user: "zed", password: "s3cret!", api_token: "T0K3N" }, { throwOnError: false });
    await whm.batch([helpers.createacct.request({ username: "amy", domain: "amy.example", password: "s3cret!" })]);
    expect(fake.calls[0]).toEqual({ function: "createacct", method: "POST", params: { username: "zed", domain: "zed.example", password: "[redacted]", hasshell: false }, meta: {}, inBatch: false });
    expect(fake.calls[1]).toMatchObject({ function: "listaccts", method: "GET", params: { search: "zed" }, meta: { "api.chunk.enable": "1", "api.chunk.size": "5", "api.chunk.start": "1" } });
    expect(fake.calls[2]).toMatchObject({ function: "passwd", params: { user: "zed", password: "[redacted]", api_token: "[redacted]" } });
    expect(fake.calls[3]?.params["command"]).toEqual(["createacct?username=amy&domain=amy.example&password=%5Bredacted%5D"]);
    expect(JSON.stringify(fake.calls)).not.toMatch(/s3cret|T0K3N/);
    fake.clearCalls();
    expect(fake.calls).toEqual([]);
    // A catalog without batch (the quirks fixture): its commands are still redacted.
    const other = createCatalogFake(quirks);
    await createRuntimeClient({ transport: other }, helpers).batch([helpers.createacct.request({ username: "amy", domain: "amy.example", password: "s3cret!" })]);
    expect(JSON.stringify(other.calls)).not.toContain("s3cret");
    expect(other.calls.map((c) => c.function)).toEqual(["batch", "createacct"]);
  });
});
