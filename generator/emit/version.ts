/**
 * The generated SDK's own version: semver of its API, not the WHM version it describes. Each
 * regeneration diffs the new catalog against the previous output's and applies the bump the diff
 * suggests (breaking → major; added or newly deprecated → minor; anything else that changed,
 * such as only the WHM version → patch; nothing → the same version), so a consumer on `^x.y`
 * never receives a breaking change. The WHM version is recorded beside it (package.json
 * `whmgen.whmApiVersion`, the README, the changelog).
 */
import type { ApiDiff } from "../diff/index.js";

/** The first version of a new history. */
export const FIRST_SDK_VERSION = "1.0.0";

const SEMVER = /^(\d+)\.(\d+)\.(\d+)$/;

export interface SdkVersion {
  version: string;
  /** `first` for a new history (no previous whmgen output, or one from before this scheme). */
  bump: "first" | "major" | "minor" | "patch" | "none";
}

/** The version after `previousVersion`, given the diff from the previous output's catalog (none: a new history). */
export function nextSdkVersion(previousVersion: string | undefined, diff: ApiDiff | undefined): SdkVersion {
  const parts = previousVersion === undefined ? null : SEMVER.exec(previousVersion);
  if (!parts || !diff) return { version: FIRST_SDK_VERSION, bump: "first" };
  const [major, minor, patch] = parts.slice(1).map(Number) as [number, number, number];
  const bump = diff.semver;
  const version =
    bump === "major" ? `${major + 1}.0.0` : bump === "minor" ? `${major}.${minor + 1}.0` : bump === "patch" ? `${major}.${minor}.${patch + 1}` : previousVersion!;
  return { version, bump };
}
