/**
 * Command line: `whmgen <verb> [options]`. Exit codes: 0 success, 1 bad input or drift
 * (`--check`), 2 wrong usage. Errors are one paragraph naming the file and the place;
 * `--debug` adds the stack.
 */
import { parseCommandLine } from "./args.js";
import { loadConfig } from "./config.js";
import { UsageError, WhmgenError } from "./errors.js";
import type { DigestMiss } from "./write/digest.js";

const MAIN_HELP = `whmgen — typed TypeScript SDKs for cPanel's WHM API 1

Usage: whmgen <command> [options]

Commands:
  generate   Generate the SDK from OpenAPI documents (default: specs/ → generated/)
  import     Write specs/ from cPanel's WHM API 1 document (facts), keeping the project's
             words and applying its corrections (specs/overlays/)
  seed       Add stubs to specs/ for every applist function no document describes
  diff       Compare two API versions (specs or catalog.json): what changed, and the semver bump
  serve      Run a WHM test double (a server speaking WHM API 1) built from the specs

Run "whmgen <command> --help" for a command's options.`;

const GENERATE_HELP = `Usage: whmgen generate [--spec PATH]... [--out DIR] [--check [--full]] [--coverage FILE] [--config FILE | --no-config] [--quiet] [--debug]

Reads OpenAPI descriptions of WHM API 1 (YAML or JSON; a folder's documents are merged)
and writes the SDK into DIR, replacing it as a whole (files no longer generated are removed).

Options:
  --spec PATH   an OpenAPI document or a folder of them; repeatable (default: specs)
  --out DIR     output folder (default: generated)
  --check       write nothing; exit 0 if DIR already holds exactly what would be generated,
                else exit 1 and list the files that differ (for CI). When DIR's digest
                (DIR/.whmgen/digest.json) shows the same inputs, the same whmgen and every
                file as written, the check answers from it without regenerating
  --full        with --check: regenerate and compare every file, whatever the digest says
  --coverage FILE  also write the coverage report (DIR/coverage.md) to FILE; checked by --check
  --config FILE settings file (default: whmgen.config.json in the working directory, if any):
                { "generate": { "spec": [...], "out": "...", "coverage": "..." } }
  --no-config   ignore whmgen.config.json

Config and flags: a flag replaces the setting of the same name. The config's "coverage"
belongs to the config's own specs and output: it applies only to a run that takes both from
the config, so "--spec OTHER" or "--out ELSEWHERE" never rewrites the project's report
(pass --coverage FILE to write one for such a run).
  --quiet       no summary line
  --debug       print stack traces with errors
  -h, --help    this help

Exit codes: 0 done, 1 bad input or (with --check) drift, 2 wrong usage.`;

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

const defaultIo: Io = { out: (l) => process.stdout.write(l + "\n"), err: (l) => process.stderr.write(l + "\n") };

export async function main(argv: readonly string[], io: Io = defaultIo): Promise<number> {
  const debug = argv.includes("--debug");
  try {
    const [verb, ...rest] = argv;
    if (verb === undefined || verb === "--help" || verb === "-h" || verb === "help") {
      io.out(MAIN_HELP);
      return verb === undefined ? 2 : 0;
    }
    if (verb === "--version") {
      io.out("whmgen 0.1.0");
      return 0;
    }
    if (verb === "generate") return await generateCommand(rest, io);
    if (verb === "seed") return await seedCommand(rest, io);
    if (verb === "import") return await (await import("./import/command.js")).importCommand(rest, io);
    if (verb === "diff") return await (await import("./diff/command.js")).diffCommand(rest, io);
    if (verb === "serve") return await (await import("./serve/index.js")).serveCommand(rest, io);
    throw new UsageError(`unknown command ${JSON.stringify(verb)}; run "whmgen --help"`);
  } catch (error) {
    return report(error, io, debug);
  }
}

async function generateCommand(args: readonly string[], io: Io): Promise<number> {
  const { values } = parseCommandLine({
    args: [...args],
    strict: true,
    allowPositionals: false,
    options: {
      spec: { type: "string", multiple: true },
      out: { type: "string" },
      check: { type: "boolean" },
      full: { type: "boolean" },
      coverage: { type: "string" },
      config: { type: "string" },
      "no-config": { type: "boolean" },
      quiet: { type: "boolean", short: "q" },
      debug: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values["help"]) {
    io.out(GENERATE_HELP);
    return 0;
  }
  if (values["full"] && !values["check"]) throw new UsageError('--full goes with --check; run "whmgen generate --help"');
  const config = values["no-config"] ? {} : ((await loadConfig(process.cwd(), values["config"] as string | undefined))?.generate ?? {});
  // Loaded on demand: `--help` should not pay for ts-morph.
  const { generate } = await import("./generate.js");
  // The config's coverage report describes the config's specs and output: a run that replaces
  // either with a flag is about another document and must leave the project's report alone.
  const ownRun = values["spec"] === undefined && values["out"] === undefined;
  const coverage = (values["coverage"] as string | undefined) ?? (ownRun ? config.coverage : undefined);
  const result = await generate({
    specs: (values["spec"] as string[] | undefined) ?? config.spec ?? [],
    out: (values["out"] as string | undefined) ?? config.out ?? "generated",
    check: values["check"] === true,
    full: values["full"] === true,
    ...(coverage !== undefined ? { coverage } : {}),
  });
  const quiet = values["quiet"] === true;
  const counts = `${result.functions} functions (${result.described} described, ${result.seeded} seeded${result.skipped.length ? `, ${result.skipped.length} skipped` : ""})`;
  if (!quiet) for (const s of result.skipped) io.err(`whmgen: skipped ${s.name}: ${s.reason}`);
  if (values["check"]) {
    if (result.drift.length) {
      io.err(`whmgen: ${result.out} is out of date (${result.drift.length} files differ); run "whmgen generate" to update it:`);
      for (const line of result.drift) io.err(`  ${line}`);
      return 1;
    }
    const by = result.checked?.by === "regenerated" ? `regenerated and compared: ${MISSES[result.checked.miss]}` : "by its digest";
    if (!quiet) io.out(`whmgen: ${result.out} is up to date: ${counts}, ${result.files} files, ${result.seconds.toFixed(2)} s (${by})`);
    if (!quiet && result.checked?.by === "regenerated" && !result.checked.digestCurrent) {
      io.out(`whmgen: ${result.out}/.whmgen/digest.json is not what generate would write now (missing, edited, or made from other inputs or by another whmgen); "whmgen generate" renews it, so that the next check need not regenerate`);
    }
    return 0;
  }
  if (!quiet && result.coverage.startsWith("coverage:")) io.out(`whmgen: ${result.coverage}`);
  if (!quiet) io.out(`whmgen: ${counts} → ${result.files} files in ${result.out}, WHM API 1 ${result.specVersion}, ${result.seconds.toFixed(2)} s`);
  return 0;
}

/** Why a check regenerated, as its summary line says it. */
const MISSES: Record<DigestMiss | "full", string> = {
  "no digest": "no digest",
  format: "a digest of another format",
  command: "the digest is of another command",
  "external refs": "a document refers to other files, which the digest cannot follow",
  inputs: "the inputs changed",
  generator: "another whmgen",
  files: "the files differ from the digest",
  coverage: "the coverage report differs",
  full: "--full",
};

const SEED_HELP = `Usage: whmgen seed (--applist FILE | --from-server URL) [--specs DIR] [--quiet]

Reads the answer of WHM API 1's applist (as printed by \`whmapi1 --output=json applist\` or
the HTTP API: data.app is the list of function names) and, for every name that no document
in DIR describes, writes a stub into DIR/seeded.yaml: callable with free-form parameters,
returning untyped data. Described functions are never touched; stubs of functions described
since are dropped; a second run adds nothing.

Options:
  --applist FILE  the applist answer (JSON); "-" reads standard input
  --from-server URL  ask a server for its applist instead (https://server.example.com:2087);
                  the API token is read from the environment variable named by --token-env
  --user NAME     the token's user (default: root)
  --token-env VAR environment variable holding the API token (default: WHM_TOKEN)
  --ca FILE       CA certificate (PEM) for a server with a self-signed certificate
  --insecure      do not verify the server's TLS certificate (not recommended)
  --specs DIR     the specs folder (default: specs)
  --quiet         no report
  -h, --help      this help`;

async function seedCommand(args: readonly string[], io: Io): Promise<number> {
  const { values } = parseCommandLine({
    args: [...args],
    strict: true,
    allowPositionals: false,
    options: {
      applist: { type: "string" },
      "from-server": { type: "string" },
      user: { type: "string" },
      "token-env": { type: "string" },
      ca: { type: "string" },
      insecure: { type: "boolean" },
      specs: { type: "string" },
      quiet: { type: "boolean", short: "q" },
      debug: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values["help"]) {
    io.out(SEED_HELP);
    return 0;
  }
  const source = values["applist"] as string | undefined;
  const server = values["from-server"] as string | undefined;
  if ((source === undefined) === (server === undefined)) {
    throw new UsageError('seed needs either --applist FILE (or "-" for standard input) or --from-server URL; run "whmgen seed --help"');
  }
  const { readApplist, seed } = await import("./seed/index.js");
  const applist =
    server !== undefined
      ? await (await import("./seed/server.js")).fetchApplist({
          url: server,
          user: (values["user"] as string | undefined) ?? "root",
          tokenEnv: (values["token-env"] as string | undefined) ?? "WHM_TOKEN",
          ...(values["ca"] !== undefined ? { ca: values["ca"] as string } : {}),
          ...(values["insecure"] === true ? { insecure: true } : {}),
        })
      : await readApplist(source!);
  const result = await seed({ applistText: applist.text, applistName: applist.name, specs: (values["specs"] as string | undefined) ?? "specs" });
  if (values["quiet"] !== true) {
    for (const name of result.added) io.out(`  + ${name}`);
    for (const name of result.dropped) io.out(`  - ${name} (now described)`);
    io.out(
      `whmgen: seed added ${result.added.length} function${result.added.length === 1 ? "" : "s"}${result.dropped.length ? `, dropped ${result.dropped.length} stubs now described` : ""}; ` +
        `${result.described} described, ${result.seeded} seeded in ${result.file}`,
    );
  }
  return 0;
}

function report(error: unknown, io: Io, debug: boolean): number {
  if (error instanceof UsageError || error instanceof WhmgenError) {
    io.err(`whmgen: error: ${error.message}`);
    if (debug && error.stack) io.err(error.stack);
    return error.exitCode;
  }
  const e = error as Error;
  io.err(`whmgen: internal error: ${e?.message ?? String(error)}${debug ? "" : " (run with --debug for details)"}`);
  if (debug && e?.stack) io.err(e.stack);
  return 1;
}
