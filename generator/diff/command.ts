/**
 * `whmgen diff OLD NEW [--format md|json] [--fail-on breaking|any|none]`. Input problems throw
 * WhmgenError and usage problems UsageError; the CLI turns both into messages and exit codes.
 */
import { parseCommandLine } from "../args.js";
import { UsageError } from "../errors.js";
import { diffApis, loadCatalog, renderJson, renderMarkdown } from "./index.js";
import type { ApiDiff } from "./types.js";

export const DIFF_HELP = `Usage: whmgen diff OLD NEW [--format md|json] [--fail-on breaking|any|none]

Reports what NEW changes for code built on the SDK generated from OLD: functions added,
removed, deprecated or called differently; parameters added, removed, made required,
retyped; response fields added, removed, retyped. Ends with the suggested semver bump.

OLD and NEW are each an OpenAPI document, a folder of them, a catalog.json
written by "whmgen generate", or a generated SDK folder holding one.

Options:
  --format md|json                 Markdown release notes (default) or JSON (docs/diff.md)
  --fail-on breaking|any|none      exit 1 when there is a breaking change (breaking),
                                   any change at all (any), or never (none, default)
  -h, --help                       this help

Exit codes: 0 done (threshold not met), 1 threshold met or bad input, 2 wrong usage.`;

const FORMATS = ["md", "json"] as const;
const FAIL_ON = ["breaking", "any", "none"] as const;
type FailOn = (typeof FAIL_ON)[number];

export async function diffCommand(args: readonly string[], io: { out(l: string): void; err(l: string): void }): Promise<number> {
  const { values, positionals } = parse(args);
  if (values.help) {
    io.out(DIFF_HELP);
    return 0;
  }
  const format = oneOf("--format", values.format ?? "md", FORMATS);
  const failOn = oneOf("--fail-on", values["fail-on"] ?? "none", FAIL_ON);
  if (positionals.length !== 2) {
    throw new UsageError(`diff takes two inputs, OLD and NEW; got ${positionals.length}. Run "whmgen diff --help"`);
  }
  const [old, next] = await Promise.all(positionals.map((p) => loadCatalog(p)));
  const diff = diffApis(old!, next!);
  io.out((format === "json" ? renderJson(diff) : renderMarkdown(diff)).replace(/\n$/, ""));
  return thresholdMet(diff, failOn) ? 1 : 0;
}

/** `breaking`: at least one breaking change; `any`: at least one change; `none`: never. */
export function thresholdMet(diff: ApiDiff, failOn: FailOn): boolean {
  if (failOn === "breaking") return diff.summary.breaking > 0;
  if (failOn === "any") return diff.changes.length > 0;
  return false;
}

function parse(args: readonly string[]) {
  return parseCommandLine({
    args: [...args],
    options: {
      format: { type: "string" },
      "fail-on": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
    allowPositionals: true,
  });
}

function oneOf<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${option} must be one of ${allowed.join(", ")}; got ${JSON.stringify(value)}`);
}
