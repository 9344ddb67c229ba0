/**
 * The SDK's root export is what code calling WHM uses — functions, client, errors, auth,
 * transports, types — and the runtime's internals stay behind `whmapi1/runtime`, out of every
 * user's autocomplete.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { expect, test } from "vitest";
import { ROOT } from "./helpers.js";

const load = async (file: string): Promise<Record<string, unknown>> => import(pathToFileURL(path.join(ROOT, "generated", "dist", file)).href);

const INTERNALS = ["encodeMetaParams", "withMetaParams", "withExtraPairs", "metaLetter", "whmError", "defineFunction", "encodeParams", "encodeScalar", "toQueryString", "functionUrl", "toArgv", "createRuntimeClient", "batchRequest", "decodeEnvelope", "WHM_FUNCTIONS", "runtimeName", "nodeTransportMakers"];
const PUBLIC = ["createClient", "listaccts", "createacct", "registry", "tokenAuth", "basicAuth", "accessHashAuth", "sessionAuth", "isWhmError", "WhmError", "isAccessDenied", "WhmEnvelopeError", "fetchTransport", "toWhmBoolean", "fromWhmBoolean", "paginate", "flattenData"];

test("the root (neutral entry) holds the public surface and none of the internals", async () => {
  const root = await load("index.js");
  for (const name of PUBLIC) expect(root, name).toHaveProperty(name);
  for (const name of INTERNALS) expect(Object.keys(root), name).not.toContain(name);
});

test("the Node entry adds the Node-only transports and sessions, still without internals", async () => {
  const node = await load("node.js");
  for (const name of [...PUBLIC, "httpsTransport", "cliTransport", "createSession"]) expect(node, name).toHaveProperty(name);
  for (const name of INTERNALS) expect(Object.keys(node), name).not.toContain(name);
});

test("whmapi1/runtime keeps the building blocks for those who need them", async () => {
  const runtime = await load("runtime/index.js");
  for (const name of INTERNALS.filter((n) => n !== "nodeTransportMakers")) expect(runtime, name).toHaveProperty(name);
});
