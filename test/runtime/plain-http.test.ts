/**
 * Plain HTTP (WHM's port 2086): only when asked for, and basic auth only when explicitly allowed.
 * Also: the node:crypto certificate fallback works for a real TLS handshake.
 */
import { afterAll, describe, expect, it } from "vitest";
import { basicAuth, tokenAuth } from "../../templates/runtime/auth.js";
import { createRuntimeClient } from "../../templates/runtime/client.js";
import { nodeTransportMakers } from "../../templates/runtime/node.js";
import { makeWithNodeCrypto } from "./helpers/cert.js";
import * as registry from "./helpers/functions.js";
import { PASSWORD, TOKEN, USER, useWhmServer } from "./helpers/setup.js";
import { startWhmServer } from "./helpers/whm-server.js";
import { closeAgents, httpClient, HTTP_TRANSPORTS } from "./helpers/transports.js";

const f = useWhmServer({ plain: true, accounts: 10 });
const opened: { close(): Promise<void> }[] = [];
afterAll(async () => {
  await Promise.all(opened.map((c) => c.close()));
  await closeAgents();
});

describe.each(HTTP_TRANSPORTS)("plain HTTP over %s", (transport) => {
  it("works with a token when protocol is http", async () => {
    const whm = httpClient(transport, { host: "127.0.0.1", port: f.server.port, protocol: "http", auth: tokenAuth(USER, TOKEN) }, registry);
    opened.push(whm);
    expect((await whm.listaccts()).data.acct).toHaveLength(10);
  });

  it("refuses basic auth unless allowPlainHttp", async () => {
    expect(() => httpClient(transport, { host: "127.0.0.1", port: f.server.port, protocol: "http", auth: basicAuth(USER, PASSWORD) }, registry)).toThrow(TypeError);
    const whm = httpClient(transport, { host: "127.0.0.1", port: f.server.port, protocol: "http", auth: basicAuth(USER, PASSWORD, { allowPlainHttp: true }) }, registry);
    opened.push(whm);
    expect((await whm.version()).data.version).toBe("11.137.0.1");
  });

  it("HTTPS to a plain HTTP port: a tls error that points at the port", async () => {
    const whm = httpClient(transport, { host: "127.0.0.1", port: f.server.port, auth: tokenAuth(USER, TOKEN) }, registry);
    opened.push(whm);
    await expect(whm.version()).rejects.toMatchObject({ kind: "tls", message: expect.stringMatching(/plain HTTP \(2086 does\)/) });
  });
});

describe("the node:crypto certificate (used when openssl is missing)", () => {
  it("serves TLS that a client trusting it as `ca` accepts", async () => {
    const cert = makeWithNodeCrypto();
    const server = await startWhmServer({ tls: cert, user: USER, token: TOKEN, password: PASSWORD, hash: "h", accounts: 1 });
    const whm = createRuntimeClient({ host: "127.0.0.1", port: server.port, ca: cert.cert, auth: tokenAuth(USER, TOKEN) }, registry, nodeTransportMakers);
    try {
      expect((await whm.version()).data.version).toBe("11.137.0.1");
    } finally {
      await whm.close();
      await server.close();
    }
  });
});
