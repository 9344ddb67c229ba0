/**
 * whmgen prints ts-morph structures with its own printer (generator/emit/print.ts) so that a
 * run does not load ts-morph. ts-morph stays the reference: for every file the generator
 * emits, the fast printer must print the same code as ts-morph's `printStructure`, compared
 * with all whitespace removed (indentation of continuation lines differs by design).
 */
import * as tsMorph from "ts-morph";
import { expect, test } from "vitest";
import { printStatements } from "../../generator/emit/print.js";
import { StructureKind, VariableDeclarationKind } from "../../generator/emit/tsmorph.js";
import type { StatementStructures } from "ts-morph";
import { emitSdk } from "../../generator/emit/index.js";
import { loadSpecs } from "../../generator/load/index.js";
import { ROOT } from "../helpers.js";

test("the StructureKind values whmgen uses are ts-morph's", () => {
  for (const [name, value] of Object.entries(StructureKind)) expect(value, name).toBe(tsMorph.StructureKind[name as keyof typeof tsMorph.StructureKind]);
  expect(VariableDeclarationKind.Const).toBe(tsMorph.VariableDeclarationKind.Const);
});

test.each([["quirks fixture", "test/fixtures/quirks"], ["the project's specs", "specs"]])("%s: same code as ts-morph's printer, file by file", async (_name, spec) => {
  const api = await loadSpecs([spec], { cwd: ROOT });
  const captured: StatementStructures[][] = [];
  await emitSdk(api, { command: "x", onStatements: (statements) => captured.push(statements) });
  expect(captured.length).toBeGreaterThan(10);
  const squash = (s: string) => s.replace(/\s+/g, "");
  for (const statements of captured) {
    const reference = tsMorph.printStructure({ kind: tsMorph.StructureKind.SourceFile, statements }, { indentNumberOfSpaces: 2 });
    expect(squash(printStatements(statements))).toBe(squash(reference));
  }
});
