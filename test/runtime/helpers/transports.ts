/**
 * The two HTTP transports the end-to-end tests run through: node:https (the default on Node), and
 * the runtime's fetch with an undici dispatcher carrying the same trust settings (how Node's fetch
 * takes a CA). Tests written once against `httpClient(transport, …)` hold for both.
 */
import { Agent } from "undici";
import { createRuntimeClient, type ClientOptions, type WhmClient, type WhmRegistry } from "../../../templates/runtime/client.js";
import { nodeTransportMakers } from "../../../templates/runtime/node.js";

export type HttpTransportName = "https" | "fetch";
export const HTTP_TRANSPORTS: readonly HttpTransportName[] = ["https", "fetch"];

const agents = new Set<Agent>();

/**
 * A client over `transport`. For fetch, `ca` and `insecure` become the dispatcher's `connect`
 * options, and `connections` its connection limit (a new Agent per client, so connection counts
 * are per client, as with node:https).
 */
export function httpClient<M extends WhmRegistry, T extends boolean = true>(
  transport: HttpTransportName,
  options: ClientOptions<T> & { connections?: number },
  registry: M,
): WhmClient<M, T> {
  const { connections, ...settings } = options;
  if (transport === "https") return createRuntimeClient(settings as ClientOptions<T>, registry, nodeTransportMakers);
  const { ca, insecure, ...rest } = settings as ClientOptions<T> & { ca?: unknown; insecure?: boolean };
  const connect = { ...(ca === undefined ? {} : { ca: ca as string }), ...(insecure ? { rejectUnauthorized: false } : {}) };
  const agent = new Agent({ connect, ...(connections === undefined ? {} : { connections }) });
  agents.add(agent);
  return createRuntimeClient({ ...rest, transport: "fetch", dispatcher: agent } as ClientOptions<T>, registry);
}

/** Closes the dispatchers `httpClient` made (the fetch transport leaves a caller's dispatcher open). */
export async function closeAgents(): Promise<void> {
  await Promise.all([...agents].map((a) => a.close()));
  agents.clear();
}
