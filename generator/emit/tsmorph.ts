/**
 * The ts-morph enum values whmgen's structures use, without loading ts-morph.
 *
 * Structures are typed with ts-morph's own types (`import type`), but loading ts-morph at run
 * time compiles the 12 MB TypeScript bundle it carries, which is a third of a cold run.
 * These constants are ts-morph's values; test/generator/print.test.ts checks them against the
 * installed ts-morph so an upgrade cannot change them unnoticed.
 */
import type * as TsMorph from "ts-morph";

type SK = typeof TsMorph.StructureKind;

export const StructureKind = {
  ExportDeclaration: 11 as SK["ExportDeclaration"],
  Function: 13 as SK["Function"],
  ImportDeclaration: 16 as SK["ImportDeclaration"],
  ImportSpecifier: 17 as SK["ImportSpecifier"],
  IndexSignature: 18 as SK["IndexSignature"],
  Interface: 19 as SK["Interface"],
  JSDoc: 24 as SK["JSDoc"],
  JSDocTag: 25 as SK["JSDocTag"],
  PropertySignature: 33 as SK["PropertySignature"],
  SourceFile: 36 as SK["SourceFile"],
  TypeAlias: 38 as SK["TypeAlias"],
  VariableDeclaration: 40 as SK["VariableDeclaration"],
  VariableStatement: 41 as SK["VariableStatement"],
} as const;

export const VariableDeclarationKind = {
  Const: "const" as unknown as typeof TsMorph.VariableDeclarationKind.Const,
} as const;
