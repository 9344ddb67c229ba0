/** Scalar shapes as TypeScript types, per emit mode. */
import type { IrShape } from "../../ir/types.js";
import { tsLiteral, tsUnion } from "../ts.js";
import type { TypeMode } from "./index.js";

export function scalarType(shape: IrShape, mode: TypeMode): string {
  switch (shape.kind) {
    case "string":
      return "string";
    case "integer":
    case "number":
      // Untouched by a decoder, WHM's numbers may still be quoted.
      return mode === "raw" ? "number | string" : "number";
    case "bool01":
      return mode === "param" ? "boolean | 0 | 1" : mode === "raw" ? "0 | 1" : "boolean";
    case "yesno":
      return mode === "param" ? 'boolean | "y" | "n"' : mode === "raw" ? '"y" | "n"' : "boolean";
    case "boolean":
      return "boolean";
    case "null":
      return "null";
    case "literal":
      return tsUnion(shape.values.map(tsLiteral));
    case "file":
      return "WhmFile";
    default:
      return "unknown";
  }
}
