/**
 * IrShape → TypeScript type text, dispatched per kind.
 * Modes: `param` (what a caller may pass), `data` (after the generated decoder ran),
 * `raw` (as on the wire, where no decoder converts).
 *
 * With a `Hoist`, object shapes become named interfaces (`ListacctsDataAcctItem`) instead of
 * inline literals: readable hovers, and less work for the type checker.
 */
import type { InterfaceDeclarationStructure } from "ts-morph";
import { StructureKind } from "../tsmorph.js";
import type { IrShape } from "../../ir/types.js";
import { itemTypeHint, memberTypeHint, propertyKey, variantTypeHint, type TypeNames } from "../../naming.js";
import { unionDecodes } from "../decoder.js";
import { tsArray, tsDocs, tsObject, tsProperty, tsUnion } from "../ts.js";
import { scalarType } from "./scalar.js";

export type TypeMode = "param" | "data" | "raw";

/** Collects the interfaces hoisted out of one function's types, named in the run's namespace. */
export interface Hoist {
  declarations: InterfaceDeclarationStructure[];
  names: TypeNames;
}

export function newHoist(names: TypeNames): Hoist {
  return { declarations: [], names };
}

export function typeText(shape: IrShape, mode: TypeMode, hoist?: Hoist, hint?: string): string {
  switch (shape.kind) {
    case "array":
      return tsArray(typeText(shape.items, mode, hoist, hint && itemTypeHint(hint)), mode === "param");
    case "object":
      return hoist && hint && shape.properties.length > 0 ? hoistObject(shape, mode, hoist, hint) : objectType(shape, mode);
    case "union":
      return unionType(shape, mode, hoist, hint);
    default:
      return scalarType(shape, mode);
  }
}

function objectType(shape: Extract<IrShape, { kind: "object" }>, mode: TypeMode): string {
  const members = shape.properties.map((p) => tsProperty(p.name, typeText(p.shape, mode), !p.required));
  if (shape.additional) members.push(`[key: string]: ${shape.properties.length ? "unknown" : typeText(shape.additional, mode)}`);
  if (members.length === 0) return "Record<string, unknown>";
  return tsObject(members);
}

function hoistObject(shape: Extract<IrShape, { kind: "object" }>, mode: TypeMode, hoist: Hoist, hint: string): string {
  const name = hoist.names.claim(hint);
  const declaration: InterfaceDeclarationStructure = {
    kind: StructureKind.Interface,
    name,
    isExported: true,
    properties: shape.properties.map((p) => ({
      kind: StructureKind.PropertySignature,
      name: propertyKey(p.name),
      type: typeText(p.shape, mode, hoist, memberTypeHint(name, p.name)),
      hasQuestionToken: !p.required,
      docs: tsDocs({ summary: p.description, tags: p.deprecated ? [["deprecated", undefined]] : [] }),
    })),
  };
  if (shape.additional) declaration.indexSignatures = [{ kind: StructureKind.IndexSignature, keyName: "key", keyType: "string", returnType: "unknown" }];
  hoist.declarations.push(declaration);
  return name;
}

function unionType(shape: Extract<IrShape, { kind: "union" }>, mode: TypeMode, hoist?: Hoist, hint?: string): string {
  // A union the decoder leaves alone keeps its wire types.
  const memberMode: TypeMode = mode === "data" && !unionDecodes(shape) ? "raw" : mode;
  const parts: string[] = [];
  shape.members.forEach((m, i) => {
    const text = typeText(m, memberMode, hoist, hint && variantTypeHint(hint, i + 1));
    if (m.kind === "array" || m.kind === "object") parts.push(text);
    else parts.push(...text.split(" | "));
  });
  return tsUnion(parts);
}
