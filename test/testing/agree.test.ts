/**
 * The runtime's end-to-end calls, run twice: against the hand-written loopback WHM server
 * (test/runtime/helpers) over real HTTPS, and against the test double in-process. Both must give
 * the same outcome — success, result 0, refused credentials, pagination, meta-parameters, batch,
 * and the failure shapes the double injects as faults.
 */
import { afterAll, describe, expect, it } from "vitest";
import { tokenAuth } from "../../templates/runtime/auth.js";
import { createRuntimeClient, type WhmClient } from "../../templates/runtime/client.js";
import { nodeTransportMakers } from "../../templates/runtime/node.js";
import { isWhmError } from "../../templates/runtime/errors.js";
import { createCatalogFake, type FakeWhm, type WhmFaultRule } from "../../templates/testing/fake.js";
import * as registry from "../runtime/helpers/functions.js";
import { createacct, listaccts, version } from "../runtime/helpers/functions.js";
import { TOKEN, USER, useWhmServer } from "../runtime/helpers/setup.js";
import { HELPER_CATALOG, loopbackAccounts } from "./helpers/catalogs.js";

const ACCOUNTS = 25;
const f = useWhmServer({ accounts: ACCOUNTS });
const fake = createCatalogFake<typeof registry>(HELPER_CATALOG, { accounts: loopbackAccounts(ACCOUNTS) });
const opened: { close(): Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(opened.map((c) => c.close()));
});

type Client = WhmClient<typeof registry>;

function loopback(token = TOKEN): Client {
  const whm = createRuntimeClient({ host: "127.0.0.1", port: f.server.port, ca: f.cert.cert, auth: tokenAuth(USER, token) }, registry, nodeTransportMakers);
  opened.push(whm);
  return whm;
}

function double(): Client {
  return createRuntimeClient({ transport: fake }, registry);
}

/** An outcome as plain data: what the caller can observe, without what differs by transport (ports, hosts). */
function summary(outcome: unknown, pick: (data: unknown) => unknown = (d) => d): unknown {
  const o = outcome as { ok: boolean; result?: { data: unknown; metadata: { result: number; reason: string; chunk?: unknown } }; error?: unknown };
  if (o.ok) return { ok: true, result: o.result!.metadata.result, data: pick(o.result!.data), chunk: o.result!.metadata.chunk };
  const e = o.error;
  if (!isWhmError(e)) throw e;
  const info = e.toInfo() as unknown as Record<string, unknown>;
  if (info["kind"] === "network") return { ok: false, kind: "network" };
  const { metadata: _m, contentType: _c, ...rest } = info;
  return { ok: false, ...rest };
}

interface Scenario {
  name: string;
  run: (whm: Client) => Promise<unknown>;
  /** The loopback client's token (a wrong one for the auth case). */
  token?: string;
  /** Faults the double gets for this scenario (the loopback server has the failure built in). */
  faults?: WhmFaultRule[];
  /** State the double needs (the loopback server hard-codes it). */
  prepare?: (fake: FakeWhm<typeof registry>) => void;
  cleanup?: (fake: FakeWhm<typeof registry>) => void;
}

const rows = (data: unknown): unknown => (data as { acct: unknown[] }).acct;

const scenarios: Scenario[] = [
  { name: "success: a function without parameters", run: async (whm) => summary(await whm.version({}, { throwOnError: false })) },
  { name: "success: a search, rows decoded (0/1 → boolean, quoted numbers)", run: async (whm) => summary(await whm.listaccts({ search: "user0000" }, { throwOnError: false }), rows) },
  {
    name: "success: form POST with a secret",
    run: async (whm) => summary(await whm.createacct({ username: "carol", domain: "carol.example", hasshell: true, password: "pw" }, { throwOnError: false }), (d) => (d as { pkg: string }).pkg),
    cleanup: (fake) => fake.state.accounts.remove("carol"),
  },
  {
    name: "result 0: a typed function",
    run: async (whm) => summary(await whm.createacct({ username: "taken", domain: "t.example", hasshell: false }, { throwOnError: false })),
    prepare: (fake) => fake.state.accounts.add({ user: "taken", domain: "taken.example" }),
    cleanup: (fake) => fake.state.accounts.remove("taken"),
  },
  { name: "result 0: an unknown function", run: async (whm) => summary(await whm.call("no_such_function", {}, { throwOnError: false })) },
  { name: "auth failure: HTTP 403 with a cpanelresult body", token: "WRONG", faults: [{ fault: "forbidden" }], run: async (whm) => summary(await whm.version({}, { throwOnError: false })) },
  { name: "an HTML login page under HTTP 200", faults: [{ fault: "html-login", functions: "fail_html" }], run: async (whm) => summary(await whm.call("fail_html", {}, { throwOnError: false })) },
  { name: "a reset connection", faults: [{ fault: "reset", functions: "fail_reset" }], run: async (whm) => summary(await whm.call("fail_reset", {}, { throwOnError: false })) },
  { name: "no answer: timeout", faults: [{ fault: "timeout", functions: "hang" }], run: async (whm) => summary(await whm.hang({}, { timeout: 150, throwOnError: false })) },
  {
    name: "meta-parameters: filter, sort, columns, chunk",
    run: async (whm) =>
      summary(
        await whm.listaccts({}, { filter: { field: "user", arg0: "user0001" }, sort: { field: "user", reverse: true }, chunk: { start: 2, size: 3 }, columns: ["user", "domain"], throwOnError: false }),
        rows,
      ),
  },
  {
    name: "paginate: every row, page by page",
    run: async (whm) => {
      const users: unknown[] = [];
      for await (const row of whm.paginate("listaccts", {}, { size: 10 })) users.push(row);
      return users;
    },
  },
  {
    name: "batch: three calls, typed results",
    run: async (whm) => {
      const items = await whm.batch([version.request(), listaccts.request({ search: "user00001" }), createacct.request({ username: "dave", domain: "dave.example", hasshell: false })]);
      return items.map((item, i) => summary(item, i === 2 ? (d) => (d as { pkg: string }).pkg : undefined));
    },
    cleanup: (fake) => fake.state.accounts.remove("dave"),
  },
  {
    name: "batch: abortOnError skips the rest",
    run: async (whm) => {
      const items = await whm.batch([version.request(), createacct.request({ username: "taken", domain: "x.example", hasshell: false }), version.request()], { abortOnError: true });
      return items.map((item) => summary(item));
    },
    prepare: (fake) => fake.state.accounts.add({ user: "taken", domain: "taken.example" }),
    cleanup: (fake) => fake.state.accounts.remove("taken"),
  },
];

describe("the loopback server and the double agree", () => {
  it.each(scenarios.map((s) => [s.name, s] as const))("%s", async (_name, scenario) => {
    const expected = await scenario.run(loopback(scenario.token));
    scenario.prepare?.(fake);
    const stops = (scenario.faults ?? []).map((rule) => fake.inject(rule));
    try {
      const actual = await scenario.run(double());
      expect(actual).toEqual(expected);
    } finally {
      for (const stop of stops) stop();
      scenario.cleanup?.(fake);
    }
  });

  it("the same number of requests for a paginated listing", async () => {
    const before = f.server.requests.length;
    const calls = fake.callsTo("listaccts").length;
    for await (const _ of loopback().paginate("listaccts", {}, { size: 10 }));
    for await (const _ of double().paginate("listaccts", {}, { size: 10 }));
    expect(f.server.requests.length - before).toBe(3);
    expect(fake.callsTo("listaccts").length - calls).toBe(3);
  });

  it("the double never records a secret", () => {
    const created = fake.callsTo("createacct").find((c) => c.params["username"] === "carol");
    expect(created).toMatchObject({ method: "POST", params: { username: "carol", hasshell: true, password: "[redacted]" } });
    expect(JSON.stringify(fake.calls)).not.toContain('"pw"');
  });
});
