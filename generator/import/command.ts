/** `whmgen import DOCUMENT... [--specs DIR] [--overlays PATH] [--words FILE]... [--check] [--quiet]` */
import { parseCommandLine } from "../args.js";
import { loadConfig } from "../config.js";
import { UsageError } from "../errors.js";
import { importSpecs, type ImportResult } from "./index.js";

export const IMPORT_HELP = `Usage: whmgen import [DOCUMENT...] [--specs DIR] [--overlays PATH] [--words FILE]... [--check]
                     [--config FILE | --no-config] [--quiet] [--debug]

Reads cPanel's WHM API 1 description (its published whm.openapi.yaml, its per-category
files, or a folder of them; several at once) and writes the specs folder: one document per
category, facts only (names, types, required flags, enums, defaults, methods, bodies,
deprecation, since-versions, answer shapes). cPanel's prose is not carried over; each function
keeps its link to cPanel's page.

- Corrections: the OpenAPI Overlay 1.0 documents in DIR/overlays (or --overlays) are applied
  to the facts; one whose target matches nothing any more is reported.
- Words: the summaries and descriptions already in DIR are kept for the same function and
  parameter names; --words adds or replaces them from a file
  ({ fn: { summary, description, params: { name: text } } }).
- Versions: when documents of several versions are given, each function comes from the newest
  one that describes it. A new cPanel release is a re-import (docs/version-bump.md).
- DIR/applist.json is rewritten with the document's function list unless it holds a server's
  applist answer (one without "x-whmgen-source").

Options:
  --specs DIR      the specs folder to write (default: specs)
  --overlays PATH  overlay documents: a folder or one file (default: DIR/overlays)
  --words FILE     words to apply (YAML or JSON); repeatable
  --check          write nothing; exit 0 if DIR already holds exactly what the import would
                   write, else exit 1 and list the files that differ (for CI)
  --config FILE    settings file (default: whmgen.config.json, if any):
                   { "import": { "from": [DOCUMENT...], "specs": DIR, "overlays": PATH } };
                   documents and flags given on the command line replace the config's
  --no-config      ignore whmgen.config.json
  --quiet          print only problems
  -h, --help       this help

Exit codes: 0 done, 1 bad input or (with --check) drift, 2 wrong usage.`;

export async function importCommand(args: readonly string[], io: { out(l: string): void; err(l: string): void }): Promise<number> {
  const { values, positionals } = parseCommandLine({
    args: [...args],
    strict: true,
    allowPositionals: true,
    options: {
      specs: { type: "string" },
      overlays: { type: "string" },
      words: { type: "string", multiple: true },
      check: { type: "boolean" },
      config: { type: "string" },
      "no-config": { type: "boolean" },
      quiet: { type: "boolean", short: "q" },
      debug: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    io.out(IMPORT_HELP);
    return 0;
  }
  const config = values["no-config"] ? {} : ((await loadConfig(process.cwd(), values.config))?.import ?? {});
  const inputs = positionals.length ? positionals : (config.from ?? []);
  if (inputs.length === 0) throw new UsageError('import needs at least one document (cPanel\'s whm.openapi.yaml, per-category files or a folder), on the command line or as "import.from" in whmgen.config.json; run "whmgen import --help"');
  const specs = values.specs ?? config.specs;
  const overlays = values.overlays ?? config.overlays;
  const result = await importSpecs({
    inputs,
    ...(specs !== undefined ? { specs } : {}),
    ...(overlays !== undefined ? { overlays } : {}),
    ...(values.words !== undefined ? { words: values.words } : {}),
    check: values.check === true,
  });
  report(result, values.check === true, values.quiet === true, io);
  return values.check === true && result.drift.length > 0 ? 1 : 0;
}

function list(names: readonly string[], max = 12): string {
  return names.length <= max ? names.join(", ") : `${names.slice(0, max).join(", ")}, … (${names.length - max} more)`;
}

function report(r: ImportResult, check: boolean, quiet: boolean, io: { out(l: string): void; err(l: string): void }): void {
  for (const v of r.vanished) io.err(`whmgen: correction no longer applies (its target matches nothing): ${v.place}: ${v.target} (${v.reason})`);
  if (check && r.drift.length) {
    io.err(`whmgen: ${r.specs} is not what the import writes (${r.drift.length} files differ); run "whmgen import" to update it:`);
    for (const line of r.drift) io.err(`  ${line}`);
    return;
  }
  if (quiet) return;
  if (r.added.length) io.out(`  added:   ${list(r.added)}`);
  if (r.removed.length) io.out(`  removed: ${list(r.removed)}`);
  if (r.changed.length) io.out(`  changed: ${list(r.changed)}`);
  if (r.fromOlder.length) io.out(`  only in older documents (kept): ${list(r.fromOlder)}`);
  if (r.gaps.functions.length || r.gaps.params.length) {
    io.out(`  without the project's words: ${r.gaps.functions.length} functions, ${r.gaps.params.length} parameters (add them in ${r.specs} or with --words)`);
  }
  const verb = check ? "is up to date with" : r.drift.length ? "imported" : "unchanged:";
  io.out(
    `whmgen: ${r.specs} ${verb} WHM API 1 ${r.version}: ${r.functions} functions in ${r.files - 1} category documents, ` +
      `${r.corrections} corrections applied${r.vanished.length ? `, ${r.vanished.length} vanished` : ""}, ${r.seconds.toFixed(2)} s`,
  );
}
