/**
 * No secret in any error message, thrown object, JSON, inspection, URL or auth object:
 * marker token, password and access hash are run through every failure path there is.
 */
import { inspect } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { accessHashAuth, basicAuth, sessionAuth, tokenAuth, type WhmAuth } from "../../templates/runtime/auth.js";
import { createRuntimeClient } from "../../templates/runtime/client.js";
import { isWhmError } from "../../templates/runtime/errors.js";
import { createSession } from "../../templates/runtime/session.js";
import * as registry from "./helpers/functions.js";
import { HASH, HASH_FILE, MARKERS, PASSWORD, TOKEN, USER, useWhmServer } from "./helpers/setup.js";
import { closeAgents, httpClient, HTTP_TRANSPORTS } from "./helpers/transports.js";

const f = useWhmServer();
const opened: { close(): Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(opened.map((c) => c.close()));
  await closeAgents();
});

/** Every way an error can be turned into text. */
function renderings(error: unknown): string[] {
  const e = error as Error;
  return [
    e.message,
    String(e),
    e.stack ?? "",
    JSON.stringify(e),
    inspect(e, { depth: 10 }),
    inspect(e, { depth: 10, showHidden: true }),
    JSON.stringify((e as { cause?: unknown }).cause ?? null),
  ];
}

function expectNoSecret(texts: string[]): void {
  for (const text of texts) for (const marker of MARKERS) expect(text, `leaked ${marker}`).not.toContain(marker);
}

async function caught(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error("expected a failure");
}

const wrongAuths = (): [string, WhmAuth][] => [
  // The right secret for the wrong user: the server refuses it, and the error must not repeat it.
  ["token", tokenAuth("nobody", TOKEN)],
  ["basic", basicAuth("nobody", PASSWORD)],
  ["access hash", accessHashAuth("nobody", HASH_FILE)],
];

describe.each(HTTP_TRANSPORTS)("no secret leaks over %s", (transport) => {
  it.each(wrongAuths())("refused %s: the auth error holds no secret", async (_name, auth) => {
    const whm = httpClient(transport, { host: "127.0.0.1", port: f.server.port, ca: f.cert.cert, auth }, registry);
    opened.push(whm);
    const error = await caught(() => whm.createacct({ username: "bob", domain: "b.example", password: PASSWORD }));
    expect(isWhmError(error) && error.kind).toBe("auth");
    expectNoSecret(renderings(error));
  });

  it("every other failure path, with valid secrets in use", async () => {
    const auths = [tokenAuth(USER, TOKEN), basicAuth(USER, PASSWORD), accessHashAuth(USER, HASH_FILE)];
    const failures: unknown[] = [];
    for (const auth of auths) {
      const whm = httpClient(transport, { host: "127.0.0.1", port: f.server.port, ca: f.cert.cert, auth, timeout: 100 }, registry);
      const untrusting = httpClient(transport, { host: "127.0.0.1", port: f.server.port, auth }, registry);
      opened.push(whm, untrusting);
      for (const fn of ["fail_api", "fail_403", "fail_html", "fail_500", "fail_truncated", "fail_envelope", "fail_reset", "hang"]) {
        // Free-form GET parameters do go into the URL (that is what GET means), so none carries a secret here.
        failures.push(await caught(() => whm.call(fn, { note: "x" })));
      }
      failures.push(await caught(() => untrusting.version()));
      const outcome = await whm.call("fail_api", {}, { throwOnError: false });
      failures.push(outcome.ok ? undefined : outcome.error);
      const [item] = await whm.batch([registry.createacct.request({ username: "taken", domain: "x", password: PASSWORD })]);
      failures.push(item.ok ? undefined : item.error);
    }
    expect(failures.every(isWhmError)).toBe(true);
    expect(new Set(failures.map((e) => (e as { kind: string }).kind))).toEqual(new Set(["api", "auth", "not-json", "http", "malformed", "network", "timeout", "tls"]));
    for (const error of failures) expectNoSecret(renderings(error));
  });

  it("a session's /cpsess token and cookie stay out of fetch's errors (runtimes quote the URL in theirs)", async () => {
    const auth = sessionAuth({ user: USER, securityToken: "/cpsess7777777777", cookie: `whostmgrsession=${TOKEN}` });
    const untrusting = httpClient(transport, { host: "127.0.0.1", port: f.server.port, auth }, registry);
    const closed = httpClient(transport, { host: "127.0.0.1", port: 1, auth }, registry);
    opened.push(untrusting, closed);
    for (const error of [await caught(() => untrusting.listaccts({ search: "bob" })), await caught(() => closed.version())]) {
      expect(isWhmError(error) && error.kind).toMatch(/^(tls|network)$/);
      for (const text of renderings(error)) expect(text).not.toMatch(/cpsess7777777777|whostmgrsession/);
      expectNoSecret(renderings(error));
    }
  });
});

describe("no secret leaks: sessions and helpers", () => {
  it("a refused session login holds no password", async () => {
    const error = await caught(() => createSession({ host: "127.0.0.1", port: f.server.port, ca: f.cert.cert, auth: basicAuth("nobody", PASSWORD) }));
    expectNoSecret(renderings(error));
  });

  it("secrets never go into a URL (createacct's password included: it is a form POST)", () => {
    expect(f.server.requests.some((r) => r.path.endsWith("/createacct") && r.body.includes("PASSWORD-MARKER"))).toBe(true);
    expect(f.server.requests.length).toBeGreaterThan(20);
    for (const request of f.server.requests) expectNoSecret([request.rawUrl]);
  });

  it("auth objects, clients and helpers' own errors show no secret", () => {
    const auths = [tokenAuth(USER, TOKEN), basicAuth(USER, PASSWORD), accessHashAuth(USER, HASH), sessionAuth({ user: USER, securityToken: "/cpsess1", cookie: `whostmgrsession=${TOKEN}` })];
    for (const auth of auths) expectNoSecret([JSON.stringify(auth), String(auth), `${auth}`, inspect(auth, { depth: 10 }), inspect({ auth }), Object.keys(auth).join()]);
    const whm = createRuntimeClient({ host: "127.0.0.1", auth: auths[0] as WhmAuth }, registry);
    opened.push(whm);
    expectNoSecret([JSON.stringify(whm), inspect(whm, { depth: 10 })]);
    const bad = [() => tokenAuth(USER, `${TOKEN}\n`), () => basicAuth(USER, `${PASSWORD}\r\n`), () => basicAuth(USER, PASSWORD, {}) && createRuntimeClient({ host: "h", protocol: "http", auth: basicAuth(USER, PASSWORD) }, registry)];
    for (const make of bad) {
      let thrown: unknown;
      try {
        make();
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(TypeError);
      expectNoSecret(renderings(thrown));
    }
  });
});
