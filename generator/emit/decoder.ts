/**
 * Generated decoders: for each function, small JavaScript functions (decode/MODULE.js) that
 * convert the documented 0/1 fields to Booleans and quoted numbers to numbers, in place. Code is
 * generated per shape, so nothing walks a schema at run time; shapes that need no conversion
 * cost nothing.
 */
import type { IrShape } from "../ir/types.js";
import { decoderHelperName, INHERITED_NAMES } from "../naming.js";
import { tsAccess } from "./ts.js";

/** The runtime helpers a decoder may call (imported from the runtime's decode module). */
export const LEAF = { bool01: "bool", yesno: "yesNo", integer: "num", number: "num" } as const;

/** A decoder being built for one function: named helper functions, in creation order. */
export interface DecoderSet {
  stem: string;
  helpers: { name: string; statements: string[] }[];
  /** Runtime helpers used. */
  uses: Set<string>;
}

export function newDecoderSet(stem: string): DecoderSet {
  return { stem, helpers: [], uses: new Set() };
}

/** The leaf conversion a union gets, or undefined when it is kept as sent. */
function unionLeaf(shape: Extract<IrShape, { kind: "union" }>): string | undefined {
  let leaf: string | undefined;
  for (const m of shape.members) {
    if (m.kind === "null" || (m.kind === "literal" && m.values.every((v) => typeof v === "string" && Number.isNaN(Number(v))))) continue;
    const mine = m.kind in LEAF ? LEAF[m.kind as keyof typeof LEAF] : undefined;
    if (!mine || (leaf !== undefined && leaf !== mine)) return undefined;
    leaf = mine;
  }
  return leaf;
}

/** True when the decoder converts values of this union. */
export function unionDecodes(shape: Extract<IrShape, { kind: "union" }>): boolean {
  return unionLeaf(shape) !== undefined;
}

/**
 * Returns the name of a function converting a value of `shape` (a runtime leaf such as `bool`
 * or a generated helper), or undefined when values of this shape need no conversion.
 */
export function converter(shape: IrShape, set: DecoderSet): string | undefined {
  switch (shape.kind) {
    case "bool01":
    case "yesno":
    case "integer":
    case "number":
      set.uses.add(LEAF[shape.kind]);
      return LEAF[shape.kind];
    case "union": {
      const leaf = unionLeaf(shape);
      if (leaf) set.uses.add(leaf);
      return leaf;
    }
    case "array": {
      const item = converter(shape.items, set);
      if (!item) return undefined;
      set.uses.add("list");
      return addHelper(set, [`return list(v, ${item});`]);
    }
    case "object":
      return objectConverter(shape, set);
    default:
      return undefined;
  }
}

function objectConverter(shape: Extract<IrShape, { kind: "object" }>, set: DecoderSet): string | undefined {
  const body: string[] = [];
  for (const prop of shape.properties) {
    const fn = converter(prop.shape, set);
    if (!fn) continue;
    const access = tsAccess("v", prop.name);
    // `v.constructor` exists on every object: such names need a real own-property test.
    const present = INHERITED_NAMES.has(prop.name) ? `Object.hasOwn(v, ${JSON.stringify(prop.name)})` : `${access} !== undefined`;
    body.push(`if (${present}) ${access} = ${fn}(${access});`);
  }
  if (shape.additional) {
    const fn = converter(shape.additional, set);
    if (fn) {
      if (shape.properties.length === 0) {
        set.uses.add("map");
        return addHelper(set, [`return map(v, ${fn});`]);
      }
      const known = JSON.stringify(shape.properties.map((p) => p.name));
      body.push(`for (const k of Object.keys(v)) if (!${known}.includes(k)) v[k] = ${fn}(v[k]);`);
    }
  }
  if (body.length === 0) return undefined;
  // Written out rather than calling the runtime's isRecord: one call less per object decoded.
  return addHelper(set, [`if (v === null || typeof v !== "object" || Array.isArray(v)) return v;`, ...body, `return v;`]);
}

function addHelper(set: DecoderSet, statements: string[]): string {
  const name = decoderHelperName(set.stem, set.helpers.length + 1);
  set.helpers.push({ name, statements });
  return name;
}
