/**
 * `generated/CHANGELOG.md`: one section per regeneration that changed the API, newest first,
 * with the diff against the previous output's catalog. Regenerating from the same spec adds
 * nothing, so the file (and `--check`) stay stable.
 */
import { diffApis, renderMarkdown, type CatalogLike } from "../diff/index.js";

export const CHANGELOG_TITLE = "# Changelog\n\nWhat each regeneration changed for code built on this SDK (newest first).\n";

export interface Previous {
  catalog?: CatalogLike;
  changelog?: string;
}

export function changelogText(previous: Previous, next: CatalogLike, packageVersion: string): string {
  const body = previous.changelog?.startsWith(CHANGELOG_TITLE) ? previous.changelog.slice(CHANGELOG_TITLE.length) : "";
  if (!previous.catalog || !body) {
    // A new history: it starts with the API as it is now.
    const described = next.functions.filter((f) => !(f as { seeded?: boolean }).seeded).length;
    return CHANGELOG_TITLE + `\n## ${packageVersion} — WHM API 1 ${next.specVersion}\n\nFirst generated: ${next.functions.length} functions (${described} described, ${next.functions.length - described} seeded).\n`;
  }
  // The same value on both sides (generate.ts passes it when catalog.json's text is unchanged).
  if (previous.catalog === next) return CHANGELOG_TITLE + body;
  const diff = diffApis(previous.catalog, next);
  if (diff.changes.length === 0 && previous.catalog.specVersion === next.specVersion) return CHANGELOG_TITLE + body;
  const report = renderMarkdown(diff).replace(/^## .*\n/, "");
  const section = `\n## ${packageVersion} — WHM API 1 ${previous.catalog.specVersion} → ${next.specVersion}\n${report.endsWith("\n") ? report : report + "\n"}`;
  return CHANGELOG_TITLE + section + body;
}
