/**
 * The Node-only part of the runtime: the HTTPS transport (node:https), the local `whmapi1`
 * transport (node:child_process) and cookie sessions (built on the HTTPS transport). Only this
 * module and the files it imports touch `node:` modules; the rest of the runtime (runtime/index)
 * runs anywhere. The generated SDK exposes it as `whmapi1/node`, and "whmapi1" resolves there
 * under Node's `node` export condition, so a bundle for a Worker or a browser never pulls it in.
 */
import type { WhmTransportMakers } from "./client.js";
import { runtimeName } from "./platform.js";
import { httpsTransport } from "./transport-https.js";

export { httpsTransport, type HttpsTransport, type HttpsTransportOptions } from "./transport-https.js";
export { cliTransport, type CliTransportOptions } from "./transport-cli.js";
export { createSession, type CreateSessionOptions } from "./session.js";

/**
 * What `whmapi1/node`'s `createClient` hands to `createRuntimeClient`: the HTTPS transport, the
 * default on Node itself. Bun and Deno load Node modules too, but keep fetch as their default.
 *
 * @example
 * const whm = createRuntimeClient({ host: "server.example.com", auth }, registry, nodeTransportMakers);
 */
export const nodeTransportMakers: WhmTransportMakers = Object.freeze({ https: httpsTransport, httpsByDefault: runtimeName() === "node" });
