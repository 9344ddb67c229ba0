/**
 * The one place where names are made. Nothing else in the generator invents an identifier.
 *
 * Rules (documented in the README, stable across releases):
 * - Function exports keep the WHM name when it is a valid identifier (`createacct`,
 *   `api_token_create`). Otherwise every character that cannot appear in an identifier
 *   becomes `_`, a leading digit gets a `_` in front, and a reserved word gets a `_` after
 *   (`delete` → `delete_`, `360Monitoring` → `_360Monitoring`, `api.version` → `api_version`).
 * - Type names are the PascalCase of the WHM name (`api_token_create` → `ApiTokenCreate`), with
 *   `Whm` in front when that would start with a digit; `Params` / `Data` are appended.
 * - Parameter and response properties keep their wire names; names that are not identifiers
 *   are quoted (`"api.version"`, `"MXCHECK-*"`).
 * - Category modules are the kebab-case of the category (`Account Creation` → `account-creation`).
 * - Collisions after mapping are resolved in sorted order of the original names: a name that
 *   needed no mapping keeps it, others get `_2`, `_3`, … Module files also may not differ only
 *   in case (`-2` for modules), since file systems may not tell them apart.
 * - Types hoisted out of a function's Params and Data (objects become named interfaces) are named
 *   from where they sit: `ListacctsData` + `Acct` + `Item` → `ListacctsDataAcctItem`; a union's
 *   members `…Variant1`, `…Variant2`; a name already used in the SDK gets `2`, `3`, … ({@link TypeNames}).
 * - Generated decoder helpers are `decode<Stem>$1`, `decode<Stem>$2`, … (`$` keeps them apart
 *   from every exported name).
 */

const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "implements interface let package private protected public static yield await arguments eval undefined NaN Infinity"
  ).split(" "),
);

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** True when `name` can be written as a bare property name. */
export function isPropertyIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}

/** `name` as a property key in a type: bare when possible, else a quoted string. */
export function propertyKey(name: string): string {
  return isPropertyIdentifier(name) ? name : JSON.stringify(name);
}

/**
 * `name` as a key in an object literal (a value, not a type). `__proto__: x` and
 * `"__proto__": x` would set the object's prototype, so that one name is written computed.
 */
export function literalKey(name: string): string {
  return name === "__proto__" ? `["__proto__"]` : propertyKey(name);
}

/** Names every object inherits (`constructor`, `toString`, …): reading them is not a presence test. */
export const INHERITED_NAMES: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/** True when `name` can be a binding (a `const`, a function name). */
export function isBindingIdentifier(name: string): boolean {
  return IDENTIFIER.test(name) && !RESERVED.has(name);
}

/** The export name of a WHM function, before collision handling. */
export function functionExportName(whmName: string): string {
  let s = whmName.replace(/[^A-Za-z0-9_$]/g, "_");
  if (s === "") s = "_";
  if (/^[0-9]/.test(s)) s = "_" + s;
  if (RESERVED.has(s)) s += "_";
  return s;
}

/** The PascalCase stem for a WHM function's types, before collision handling. */
export function typeStem(whmName: string): string {
  const parts = whmName.split(/[^A-Za-z0-9]+/).filter((p) => p !== "");
  let s = parts.map((p) => p[0]!.toUpperCase() + p.slice(1)).join("");
  if (s === "") s = "Function";
  if (/^[0-9]/.test(s)) s = "Whm" + s;
  return s;
}

/** The type names of a function's parameters and decoded data. */
export function paramsTypeName(stem: string): string {
  return `${stem}Params`;
}
export function dataTypeName(stem: string): string {
  return `${stem}Data`;
}

/** Where a hoisted type sits: under a member, as an array's items, as a union's member. */
export function memberTypeHint(parent: string, member: string): string {
  return parent + typeStem(member);
}
export function itemTypeHint(parent: string): string {
  return `${parent}Item`;
}
export function variantTypeHint(parent: string, index: number): string {
  return `${parent}Variant${index}`;
}

/** The n-th (1-based) generated decoder helper of a function. */
export function decoderHelperName(stem: string, n: number): string {
  return `decode${stem}$${n}`;
}

/**
 * The SDK-wide namespace of type names, one per run (the plan makes it; no module-level state):
 * index.ts re-exports every module, so a hoisted interface may not take a name any module already
 * uses. Modules are emitted in sorted order, so the same input always gets the same names.
 */
export class TypeNames {
  private readonly taken: Set<string>;
  constructor(reserved: Iterable<string>) {
    this.taken = new Set(reserved);
  }
  /** `hint` itself when free, else `hint2`, `hint3`, … */
  claim(hint: string): string {
    let name = hint;
    for (let i = 2; this.taken.has(name); i++) name = `${hint}${i}`;
    this.taken.add(name);
    return name;
  }
}

/** The module file stem of a category. */
export function moduleStem(category: string): string {
  const s = category
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (s === "" ) return "category";
  if (RESERVED_MODULES.has(s)) return s + "-functions";
  return s;
}

/** File stems the generator itself uses in generated/. */
const RESERVED_MODULES = new Set(["index", "client", "registry", "runtime", "catalog", "testing", "schemas", "types"]);

/** Compares strings by code units: locale-free and stable. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Assigns unique names: `items` must already be sorted by their original names, so the same
 * input always gives the same suffixes. Items whose name needed no mapping (`original(item)`
 * equals the mapped name) are served first, so `set_thing` keeps its name when `set-thing`
 * also maps to it.
 */
export function uniqueNames<T>(
  items: readonly T[],
  base: (item: T) => string,
  separator = "_",
  original?: (item: T) => string,
  caseInsensitive = false,
): Map<T, string> {
  const fold = (name: string): string => (caseInsensitive ? name.toLowerCase() : name);
  const taken = new Set<string>();
  const result = new Map<T, string>();
  const exact = original ? items.filter((i) => base(i) === original(i)) : [];
  const exactSet = new Set(exact);
  for (const item of [...exact, ...items.filter((i) => !exactSet.has(i))]) {
    const stem = base(item);
    let name = stem;
    for (let i = 2; taken.has(fold(name)); i++) name = `${stem}${separator}${i}`;
    taken.add(fold(name));
    result.set(item, name);
  }
  return new Map(items.map((i) => [i, result.get(i)!]));
}
