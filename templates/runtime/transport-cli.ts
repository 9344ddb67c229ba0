/**
 * The local transport: runs `whmapi1 --output=json FUNCTION k=v …` on the WHM server itself.
 *
 * Always through `execFile`, never a shell: each argument reaches whmapi1 as one argv entry, so
 * spaces, quotes, `;`, `$()` and newlines in values cannot be interpreted. When whmapi1 cannot run
 * the call it prints no envelope: the exit code and stderr are then the only signal.
 *
 * Secrets never go into the arguments, which any local user can read (`ps`, `/proc/PID/cmdline`).
 * cPanel documents `whmapi1 --input=json` (the parameters as JSON on standard input) only in the
 * command-line examples of functions that take a JSON body (`echo '{"domain":"example.com"}' |
 * whmapi1 --input=json --output=jsonpretty php_fpm_config_get`, and php_fpm_config_set, in its
 * PHP-FPM document); its introduction to WHM API 1 shows the command line with `k=v` arguments
 * only. So a JSON-body function gets its body, secrets included, on standard input, and
 * a call of any other function with a secret parameter (`passwd`'s `password`, a `batch` command
 * holding one) is refused before whmapi1 runs, with a `TypeError` that names the parameter and
 * says to use the HTTPS or fetch transport, which send it in a POST body.
 */
import { execFile, type ExecFileException } from "node:child_process";
import { classifyAnswer } from "./answer.js";
import { abortError, whmError, type AnyWhmError } from "./errors.js";
import { checkArgv } from "./secrets.js";
import type { WhmTransport, WhmTransportCallOptions, WhmTransportRequest, WhmTransportResult } from "./transport.js";

/** Options of {@link cliTransport}. */
export interface CliTransportOptions {
  /** The executable: `"whmapi1"` (looked up on PATH, the default) or a full path such as `/usr/local/cpanel/bin/whmapi1`. */
  path?: string | undefined;
  /** Arguments put before whmapi1's own, e.g. `path: "sudo", args: ["-n", "/usr/local/cpanel/bin/whmapi1"]`. */
  args?: readonly string[] | undefined;
  /** Environment of the child process (default: this process's). */
  env?: NodeJS.ProcessEnv | undefined;
  /** Largest stdout accepted, in bytes (default 256 MiB: listings of thousands of accounts are large). */
  maxBuffer?: number | undefined;
}

interface RunResult {
  error: ExecFileException | null;
  stdout: string;
  stderr: string;
}

function run(path: string, argv: string[], options: CliTransportOptions, signal: AbortSignal | undefined, input?: string): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = execFile(
      path,
      argv,
      { encoding: "utf8", maxBuffer: options.maxBuffer ?? 256 * 1024 * 1024, windowsHide: true, ...(options.env ? { env: options.env } : {}), ...(signal ? { signal } : {}) },
      (error, stdout, stderr) => resolve({ error, stdout, stderr }),
    );
    // A JSON body goes to standard input; an early exit of whmapi1 must not crash us with EPIPE.
    child.stdin?.on("error", () => undefined);
    child.stdin?.end(input ?? "");
  });
}

function hasEnvelope(stdout: string): boolean {
  try {
    const json = JSON.parse(stdout) as unknown;
    return json !== null && typeof json === "object" && "metadata" in json;
  } catch {
    return false;
  }
}

/**
 * Creates the `whmapi1` transport. Calls run as the user this process runs as (whmapi1 needs root
 * or a reseller); no credentials are involved.
 *
 * @example
 * const whm = createClient({ transport: cliTransport({ path: "/usr/local/cpanel/bin/whmapi1" }) });
 * const { data } = await whm.version();
 */
export function cliTransport(options: CliTransportOptions = {}): WhmTransport {
  const path = options.path ?? "whmapi1";
  const prefix = [...(options.args ?? [])];
  return {
    async send(request: WhmTransportRequest, call: WhmTransportCallOptions): Promise<WhmTransportResult> {
      const fn = request.functionName;
      if (call.signal?.aborted) return { ok: false, error: abortError(fn, call.signal, call.timeoutMs) };
      // Before anything runs: no argument carries a secret parameter (a TypeError naming it).
      const argv = request.argv();
      checkArgv(request, argv);
      const body = request.body();
      const input = body?.kind === "json" ? body.text : undefined;
      const { error, stdout, stderr } = await run(path, [...prefix, ...argv], options, call.signal, input);
      if (call.signal?.aborted) return { ok: false, error: abortError(fn, call.signal, call.timeoutMs) };
      // whmapi1 may exit non-zero and still print an envelope (result 0): the envelope says more.
      if (!error || hasEnvelope(stdout)) return interpret(fn, stdout);
      return { ok: false, error: cliError(fn, path, error, stderr) };
    },
  };
}

/** Parses stdout; text that is not JSON gets a message about whmapi1 rather than about web pages. */
function interpret(functionName: string, stdout: string): WhmTransportResult {
  const result = classifyAnswer(functionName, { text: stdout });
  if (result.ok || result.error.kind !== "not-json") return result;
  const message = `${functionName}: whmapi1 printed text instead of JSON (does this whmapi1 support --output=json?)`;
  return { ok: false, error: whmError({ kind: "not-json", functionName, contentType: "text/plain", message }) };
}

function cliError(functionName: string, path: string, error: ExecFileException, stderr: string): AnyWhmError {
  const code = error.code;
  if (typeof code === "number") return whmError({ kind: "cli", functionName, exitCode: code, stderr });
  const signal = error.signal ?? undefined;
  if (code === "ENOENT" || code === "EACCES") {
    const why = code === "ENOENT" ? "not found" : "not executable";
    return whmError({ kind: "cli", functionName, exitCode: null, stderr, message: `${functionName}: could not run whmapi1 (${path}: ${why})` });
  }
  if (code === "ERR_CHILD_PROCESS_STDIO_MAXBUFFER") {
    return whmError({ kind: "cli", functionName, exitCode: null, stderr, message: `${functionName}: whmapi1 printed more than maxBuffer allows` });
  }
  return whmError({ kind: "cli", functionName, exitCode: null, stderr, ...(signal ? { signal } : {}) });
}
