/**
 * `whmgen diff`: what a new description of WHM API 1 changes for code built on the SDK, judged
 * on catalog.json (see docs/diff.md for the rules and the JSON format).
 *
 * @example
 * const diff = diffApis(await loadCatalog("old/catalog.json"), await loadCatalog("specs"));
 * console.log(renderMarkdown(diff)); // release notes; diff.semver is "major" | "minor" | "patch" | "none"
 */
import { compareNames } from "../naming.js";
import { diffFunction } from "./function.js";
import { CHANGE_KINDS, DEPRECATION_KINDS, type ApiDiff, type CatalogLike, type Change, type SemverBump } from "./types.js";

export { loadCatalog } from "./load.js";
export { renderJson, renderMarkdown, DIFF_FORMAT_VERSION } from "./render.js";
export { isCompatible, isSubshape, renderShape, type Variance } from "./shape.js";
export { wireCompatible } from "./function.js";
export * from "./types.js";

/** Compares two catalogs function by function; the result is sorted and machine-independent. */
export function diffApis(old: CatalogLike, next: CatalogLike): ApiDiff {
  const before = new Map(old.functions.map((f) => [f.name, f]));
  const after = new Map(next.functions.map((f) => [f.name, f]));
  const changes: Change[] = [];
  for (const name of [...new Set([...before.keys(), ...after.keys()])]) {
    const a = before.get(name);
    const b = after.get(name);
    if (!b) changes.push({ function: name, kind: "function-removed", severity: "breaking", message: "function removed" });
    else if (!a) changes.push({ function: name, kind: "function-added", severity: "compatible", message: "function added" });
    else changes.push(...diffFunction(a, b));
  }
  changes.sort(compareChanges);
  const count = (severity: Change["severity"]): number => changes.filter((c) => c.severity === severity).length;
  return {
    old: { specVersion: old.specVersion },
    new: { specVersion: next.specVersion },
    semver: suggestBump(changes, old.specVersion === next.specVersion),
    summary: { breaking: count("breaking"), compatible: count("compatible"), info: count("info"), functions: new Set(changes.map((c) => c.function)).size },
    changes,
  };
}

/**
 * The semver step for the generated package: `major` when anything breaks; `minor` for a
 * compatible change or something newly deprecated (semver 2.0.0 §7); `patch` for any other
 * change (an un-deprecation, or only the spec version moved); `none` when nothing changed.
 */
export function suggestBump(changes: readonly Change[], sameSpecVersion: boolean): SemverBump {
  if (changes.some((c) => c.severity === "breaking")) return "major";
  if (changes.some((c) => c.severity === "compatible" || DEPRECATION_KINDS.has(c.kind))) return "minor";
  return changes.length > 0 || !sameSpecVersion ? "patch" : "none";
}

const KIND_ORDER = new Map<string, number>(CHANGE_KINDS.map((k, i) => [k, i]));
const FIRST_PARAM = KIND_ORDER.get("param-added")!;
const FIRST_FIELD = KIND_ORDER.get("field-added")!;

/** Function; then calling, parameters, answer; then path, kind and message. */
function compareChanges(a: Change, b: Change): number {
  return (
    compareNames(a.function, b.function) ||
    section(a) - section(b) ||
    compareNames(a.path ?? "", b.path ?? "") ||
    KIND_ORDER.get(a.kind)! - KIND_ORDER.get(b.kind)! ||
    compareNames(a.message, b.message)
  );
}

function section(c: Change): number {
  const i = KIND_ORDER.get(c.kind)!;
  return i < FIRST_PARAM ? 0 : i < FIRST_FIELD ? 1 : 2;
}
