/**
 * Which JavaScript runtime this is, for the few choices that depend on it: the default transport
 * (HTTPS on Node, fetch elsewhere) and how the fetch transport trusts a certificate. Read from
 * globals only (Bun and Deno also define `process.versions.node`, so they are asked first).
 */

/** `other` is every runtime with only standard globals: Workers, browsers, edge runtimes. */
export type WhmRuntimeName = "node" | "bun" | "deno" | "other";

interface RuntimeGlobals {
  Bun?: unknown;
  Deno?: unknown;
  process?: { versions?: { node?: unknown } };
}

/** The runtime this code runs on. */
export function runtimeName(): WhmRuntimeName {
  const g = globalThis as RuntimeGlobals;
  if (g.Bun !== undefined) return "bun";
  if (g.Deno !== undefined) return "deno";
  return typeof g.process?.versions?.node === "string" ? "node" : "other";
}
