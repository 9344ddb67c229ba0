/**
 * The whmapi1 transport against a fake `whmapi1` (test/runtime/fixtures/fake-whmapi1.mjs).
 * Every child process the transport starts is kept (execFile is wrapped, not replaced), so the
 * tests can check that each one ended, and how.
 */
import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { chmodSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createRuntimeClient } from "../../templates/runtime/client.js";
import { cliTransport } from "../../templates/runtime/transport-cli.js";
import { defineFunction } from "../../templates/runtime/define.js";
import * as registry from "./helpers/functions.js";
import { failureOf } from "./helpers/failure.js";

const FAKE = fileURLToPath(new URL("./fixtures/fake-whmapi1.mjs", import.meta.url));

const children = vi.hoisted(() => [] as ChildProcess[]);
vi.mock("node:child_process", async (importOriginal) => {
  const original = await importOriginal<typeof import("node:child_process")>();
  const execFile = ((...args: Parameters<typeof original.execFile>) => {
    const child = original.execFile(...args);
    children.push(child);
    return child;
  }) as typeof original.execFile;
  return { ...original, execFile };
});

/** Waits for a child to be gone (its exit event, not a clock); its exit code or signal. */
async function ended(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode === null && child.signalCode === null) await once(child, "exit");
  return { code: child.exitCode, signal: child.signalCode };
}

afterEach(async () => {
  // No test leaves a whmapi1 running.
  for (const child of children.splice(0)) await ended(child);
});

beforeAll(() => {
  // A checkout or an archive may drop the executable bit.
  chmodSync(FAKE, 0o755);
});

const whm = () => createRuntimeClient({ transport: cliTransport({ path: FAKE }) }, registry);

describe("cliTransport", () => {
  it("success: the envelope parsed and decoded, warnings exposed", async () => {
    const result = await whm().listaccts({ search: "bob" });
    expect(result.data.acct[0]).toEqual({ user: "bob", domain: "bob.example", suspended: false, disklimit: "unlimited" });
    expect(result.warnings).toEqual(["from the cli"]);
  });

  it("hostile values arrive as one argument each, untouched by any shell", async () => {
    const nasty = "it's a \"quoted\" value; rm -rf / $(touch /tmp/pwned) `id` & | > < *\nsecond line\ttab";
    const result = await whm().call("echo", { note: nasty, flag: true, list: ["a b", "c;d"] });
    const data = result.data as { argv: string[]; count: number };
    expect(data.count).toBe(4);
    expect(data.argv).toEqual([
      `note=${encodeURIComponent(nasty)}`,
      "flag=1",
      "list=a%20b",
      "list=c%3Bd",
    ]);
    // whmapi1 URI-decodes each k=v argument: it sees the value exactly as given.
    expect(decodeURIComponent((data.argv[0] ?? "").slice("note=".length))).toBe(nasty);
  });

  it("a JSON-body function sends its body on standard input (whmapi1 --input=json)", async () => {
    const echoJson = defineFunction<{ personalization: Record<string, unknown> }, unknown>({ name: "echo_json", method: "POST", body: "json", readOnly: false });
    const whm = createRuntimeClient({ transport: cliTransport({ path: FAKE }) }, { echo_json: echoJson });
    const { data } = await whm.echo_json({ personalization: { theme: "dark; $(rm -rf /)" } });
    expect(data).toEqual({ jsonInput: true, argv: [], body: { personalization: { theme: "dark; $(rm -rf /)" } } });
  });

  it("meta-parameters become arguments too", async () => {
    const result = await whm().call("echo", {}, { chunk: { start: 1, size: 5 }, sort: "user" });
    expect((result.data as { argv: string[] }).argv).toEqual([
      "api.sort.enable=1",
      "api.sort.a.field=user",
      "api.chunk.enable=1",
      "api.chunk.start=1",
      "api.chunk.size=5",
    ]);
  });

  it("result 0: an api error with WHM's reason", async () => {
    const error = await failureOf(whm().call("fail_result"));
    expect(error).toMatchObject({ kind: "api", functionName: "fail_result", reason: "The account “nobody” does not exist." });
  });

  it("a non-zero exit with an envelope: the envelope wins", async () => {
    const error = await failureOf(whm().call("fail_result_exit"));
    expect(error).toMatchObject({ kind: "api", reason: "Permission denied for this reseller.", accessDenied: true });
  });

  it("a non-zero exit without JSON: a cli error with exit code and stderr", async () => {
    const error = await failureOf(whm().call("crash"));
    expect(error).toMatchObject({ kind: "cli", functionName: "crash", exitCode: 255 });
    expect(error.kind === "cli" && error.stderr).toContain("cannot connect to the database");
    expect(error.message).toBe("crash: whmapi1 exited with code 255: Cpanel::Exception::Database::Error: cannot connect to the database / at line 42");
  });

  it("text instead of JSON", async () => {
    const error = await failureOf(whm().call("not_json"));
    expect(error).toMatchObject({ kind: "not-json" });
    expect(error.message).toMatch(/whmapi1 printed text instead of JSON/);
  });

  it("a missing executable", async () => {
    const client = createRuntimeClient({ transport: cliTransport({ path: "/nonexistent/whmapi1" }) }, registry);
    const error = await failureOf(client.version());
    expect(error).toMatchObject({ kind: "cli", exitCode: null });
    expect(error.message).toBe("version: could not run whmapi1 (/nonexistent/whmapi1: not found)");
  });

  it("timeout and abort end the process: it is killed (SIGTERM), not left to finish its 30 s", async () => {
    expect(await failureOf(whm().call("sleep", {}, { timeout: 200 }))).toMatchObject({ kind: "timeout", timeoutMs: 200 });
    expect(children).toHaveLength(1);
    expect(await ended(children[0]!)).toEqual({ code: null, signal: "SIGTERM" });

    const controller = new AbortController();
    const call = failureOf(whm().call("sleep", {}, { signal: controller.signal }));
    await vi.waitUntil(() => children.length === 2, { timeout: 10_000 });
    controller.abort();
    expect(await call).toMatchObject({ kind: "aborted" });
    expect(await ended(children[1]!)).toEqual({ code: null, signal: "SIGTERM" });
  });

  it("a call that ends normally leaves no process behind", async () => {
    await whm().version();
    expect(children).toHaveLength(1);
    expect(await ended(children[0]!)).toEqual({ code: 0, signal: null });
  });

  it("a prefix command (sudo-style) through `args`", async () => {
    const client = createRuntimeClient({ transport: cliTransport({ path: process.execPath, args: [FAKE] }) }, registry);
    expect((await client.version()).data.version).toBe("11.137.0.1");
  });
});
