/**
 * `generated/CHANGELOG.md`: one section per regeneration that changed the API, newest first,
 * with the diff against the previous output's catalog. Regenerating from the same spec adds
 * nothing, so the file (and `--check`) stay stable.
 */
import { renderMarkdown, type ApiDiff, type CatalogLike } from "../diff/index.js";

export const CHANGELOG_TITLE = "# Changelog\n\nWhat each regeneration changed for code built on this SDK (newest first).\n";

export interface Previous {
  catalog?: CatalogLike;
  changelog?: string;
  /** The previous SDK's own version (package.json), when it was made under the semver scheme. */
  version?: string;
}

/**
 * `diff` is the diff from `previous.catalog` to `next` (computed once per run, also for the
 * version); `version` the new SDK version, headed in the section with the WHM versions.
 */
export function changelogText(previous: Previous, next: CatalogLike, version: string, diff: ApiDiff | undefined): string {
  const body = previous.changelog?.startsWith(CHANGELOG_TITLE) ? previous.changelog.slice(CHANGELOG_TITLE.length) : "";
  if (!previous.catalog || !diff || !body) {
    // A new history: it starts with the API as it is now.
    const described = next.functions.filter((f) => !(f as { seeded?: boolean }).seeded).length;
    return CHANGELOG_TITLE + `\n## ${version} — WHM API 1 ${next.specVersion}\n\nFirst generated: ${next.functions.length} functions (${described} described, ${next.functions.length - described} seeded).\n`;
  }
  if (previous.version === undefined) {
    // The previous output was versioned by the WHM version it described: say where the new scheme starts.
    const report = diff.changes.length ? `\n${renderMarkdown(diff).replace(/^## .*\n/, "")}` : "";
    const section =
      `\n## ${version} — WHM API 1 ${next.specVersion}\n\nFrom here on the SDK's version follows semver of its own API (the bump each regeneration's diff suggests); ` +
      `the WHM version it describes is in package.json (\`whmgen.whmApiVersion\`) and in each heading.\n${report && !report.endsWith("\n") ? report + "\n" : report}`;
    return CHANGELOG_TITLE + section + body;
  }
  if (diff.changes.length === 0 && previous.catalog.specVersion === next.specVersion) return CHANGELOG_TITLE + body;
  const report = renderMarkdown(diff).replace(/^## .*\n/, "");
  const from = previous.version ? `from ${previous.version}, ` : "";
  const section = `\n## ${version} — WHM API 1 ${previous.catalog.specVersion} → ${next.specVersion}\n\nSDK version ${version} (${from}${diff.semver === "none" ? "no API change" : `a ${diff.semver} change`}), describing WHM API 1 ${next.specVersion}.\n${report.endsWith("\n") ? report : report + "\n"}`;
  return CHANGELOG_TITLE + section + body;
}
