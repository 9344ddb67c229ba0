/**
 * A diff as release notes (Markdown) or as data (JSON, schema in diff.schema.json).
 * Both are pure functions of the diff: same diff, same bytes.
 */
import type { ApiDiff, Change, Severity } from "./types.js";
import { code } from "./walk.js";

/** Changes when the JSON format does; documented in docs/diff.md and diff.schema.json. */
export const DIFF_FORMAT_VERSION = 1;

const SECTIONS: readonly [Severity, string][] = [
  ["breaking", "Breaking"],
  ["compatible", "Compatible"],
  ["info", "Deprecations"],
];

/**
 * Release notes: a `##` heading with the spec versions, a summary line with the counts and the
 * suggested bump, then `###` sections Breaking, Compatible and Deprecations (empty ones left out),
 * one bullet per change. Ends with a newline.
 */
export function renderMarkdown(diff: ApiDiff): string {
  const lines = [`## WHM API 1 ${diff.old.specVersion} → ${diff.new.specVersion}`, "", summaryLine(diff)];
  for (const [severity, title] of SECTIONS) {
    const changes = diff.changes.filter((c) => c.severity === severity);
    if (changes.length === 0) continue;
    lines.push("", `### ${title}`, "", ...changes.map((c) => `- ${code(c.function)}: ${c.message}`));
  }
  return lines.join("\n") + "\n";
}

function summaryLine(diff: ApiDiff): string {
  const bump = `**Suggested version bump: ${diff.semver}.**`;
  const { breaking, compatible, info, functions } = diff.summary;
  if (diff.changes.length === 0) return `${bump} ${diff.semver === "none" ? "No changes." : "No API changes; only the spec version changed."}`;
  return `${bump} ${breaking} breaking, ${compatible} compatible, ${plural(info, "deprecation note")}, in ${plural(functions, "function")}.`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** The diff as JSON in the documented format (diff.schema.json), keys in a fixed order. */
export function renderJson(diff: ApiDiff): string {
  const doc = {
    formatVersion: DIFF_FORMAT_VERSION,
    old: { specVersion: diff.old.specVersion },
    new: { specVersion: diff.new.specVersion },
    semver: diff.semver,
    summary: { ...diff.summary },
    changes: diff.changes.map(changeJson),
  };
  return JSON.stringify(doc, null, 2) + "\n";
}

function changeJson(c: Change): Change {
  return {
    function: c.function,
    kind: c.kind,
    ...(c.path !== undefined ? { path: c.path } : {}),
    severity: c.severity,
    message: c.message,
    ...(c.from !== undefined ? { from: c.from } : {}),
    ...(c.to !== undefined ? { to: c.to } : {}),
    ...(c.values !== undefined ? { values: c.values } : {}),
  };
}
