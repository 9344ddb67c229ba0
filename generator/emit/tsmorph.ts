/**
 * ts-morph's values, loaded with `require`. Importing ts-morph as an ES module makes Node scan
 * the 9 MB TypeScript bundle it carries for export names, which costs ~150 ms on every run;
 * `require` skips that scan. Types still come from `import type { … } from "ts-morph"`.
 */
import { createRequire } from "node:module";
import type * as TsMorph from "ts-morph";

const tsMorph = createRequire(import.meta.url)("ts-morph") as typeof TsMorph;

export const StructureKind: typeof TsMorph.StructureKind = tsMorph.StructureKind;
export const VariableDeclarationKind: typeof TsMorph.VariableDeclarationKind = tsMorph.VariableDeclarationKind;
export const printStructure: typeof TsMorph.printStructure = tsMorph.printStructure;
