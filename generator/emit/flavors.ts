/**
 * One TypeScript module, three renderings: the `.ts` source (readable, committed), and for
 * the installable package the `.js` (types removed) and the `.d.ts` (bodies removed). All
 * three come from the same statement structures, so they cannot drift apart, and no compiler
 * runs: the generator stays fast.
 */
import type { ImportDeclarationStructure, OptionalKind, ImportSpecifierStructure, StatementStructures } from "ts-morph";
import { StructureKind } from "./tsmorph.js";

type Named = string | OptionalKind<ImportSpecifierStructure>;

/**
 * A copy of `s` with some properties replaced: `{ ...s, ...changes }`, written with
 * Object.assign, which V8 runs several times faster than a spread followed by properties
 * (thousands of structures per run are copied this way).
 */
function withChanges<T extends object>(s: T, changes: Partial<T>): T {
  return Object.assign({}, s, changes);
}

function isTypeOnly(n: Named): boolean {
  return typeof n !== "string" && n.isTypeOnly === true;
}

function filterImport(s: ImportDeclarationStructure, keep: (n: Named) => boolean): ImportDeclarationStructure | undefined {
  const names = (Array.isArray(s.namedImports) ? s.namedImports : []).filter(keep);
  if (names.length === 0) return undefined;
  return { ...s, namedImports: names };
}

/** JavaScript: no type declarations, no annotations, no type-only imports, no doc comments. */
export function toJs(statements: readonly StatementStructures[]): StatementStructures[] {
  const out: StatementStructures[] = [];
  for (const s of statements) {
    switch (s.kind) {
      case StructureKind.ImportDeclaration: {
        if (s.isTypeOnly) break;
        const kept = filterImport(s, (n) => !isTypeOnly(n));
        if (kept) out.push(kept);
        break;
      }
      case StructureKind.Interface:
      case StructureKind.TypeAlias:
        break;
      case StructureKind.ExportDeclaration:
        // `export type { … }` has no JavaScript.
        if (!s.isTypeOnly) out.push(s);
        break;
      case StructureKind.Function:
        out.push(
          withChanges(s, {
            docs: [],
            typeParameters: [],
            returnType: undefined,
            parameters: (s.parameters ?? []).map((p) => withChanges(p, { type: undefined })),
          }),
        );
        break;
      case StructureKind.VariableStatement:
        out.push(withChanges(s, { docs: [], declarations: s.declarations.map((d) => withChanges(d, { type: undefined })) }));
        break;
      default:
        out.push(s);
    }
  }
  return out;
}

/**
 * Names used as `typeof NAME` in the type positions that declarations keep: a type alias, a
 * variable's type, an interface's property and index types, a function's parameter and return
 * types.
 */
function typeofNamesIn(statements: readonly StatementStructures[]): Set<string> {
  const names = new Set<string>();
  const scan = (type: unknown): void => {
    if (typeof type !== "string" || !type.includes("typeof")) return;
    for (const m of type.matchAll(/\btypeof ([A-Za-z_$][\w$]*)/g)) names.add(m[1]!);
  };
  for (const s of statements) {
    switch (s.kind) {
      case StructureKind.TypeAlias:
        scan(s.type);
        break;
      case StructureKind.VariableStatement:
        for (const d of s.declarations) scan(d.type);
        break;
      case StructureKind.Interface:
        for (const p of s.properties ?? []) scan(p.type);
        for (const i of s.indexSignatures ?? []) scan(i.returnType);
        break;
      case StructureKind.Function:
        scan(s.returnType);
        for (const p of s.parameters ?? []) scan(p.type);
        break;
      default:
    }
  }
  return names;
}

/** Declarations: types and docs kept, values declared, non-exported helpers dropped. */
export function toDts(statements: readonly StatementStructures[]): StatementStructures[] {
  const out: StatementStructures[] = [];
  // Values that declarations still name through `typeof` (the registry's type).
  const typeofNames = typeofNamesIn(statements);
  for (const s of statements) {
    switch (s.kind) {
      case StructureKind.ImportDeclaration: {
        if (s.isTypeOnly) {
          out.push(s);
          break;
        }
        const kept = filterImport(s, (n) => isTypeOnly(n) || typeofNames.has(typeof n === "string" ? n : n.name));
        if (kept) out.push({ ...kept, isTypeOnly: true, namedImports: (kept.namedImports as Named[]).map((n) => (typeof n === "string" ? n : { ...n, isTypeOnly: false })) });
        break;
      }
      case StructureKind.Function:
        if (s.isExported) out.push(withChanges(s, { hasDeclareKeyword: true, statements: undefined }));
        break;
      case StructureKind.VariableStatement:
        out.push(withChanges(s, { hasDeclareKeyword: true, declarations: s.declarations.map((d) => withChanges(d, { initializer: undefined })) }));
        break;
      default:
        out.push(s);
    }
  }
  return out;
}
