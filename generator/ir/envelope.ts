/**
 * Answers that hold whole WHM envelopes (`batch`'s `data.result[]`, each `{ data, metadata }`):
 * inside them `metadata.result` is the envelope's 1/0 status, which the runtime reads as a
 * number, so it is kept as the literal `0 | 1` rather than decoded to a Boolean.
 */
import type { IrShape } from "./types.js";

export function keepNestedEnvelopeResults(shape: IrShape): IrShape {
  // Copies only what changes: envelopes are rare (batch), and every answer shape passes here.
  switch (shape.kind) {
    case "array": {
      const items = keepNestedEnvelopeResults(shape.items);
      return items === shape.items ? shape : { ...shape, items };
    }
    case "union": {
      const members = shape.members.map(keepNestedEnvelopeResults);
      return members.every((m, i) => m === shape.members[i]) ? shape : { ...shape, members };
    }
    case "object": {
      const isEnvelope = shape.properties.some((p) => p.name === "metadata") && shape.properties.some((p) => p.name === "data");
      const properties = shape.properties.map((p) => {
        let inner = keepNestedEnvelopeResults(p.shape);
        if (isEnvelope && p.name === "metadata" && inner.kind === "object") {
          inner = { ...inner, properties: inner.properties.map((m) => (m.name === "result" && m.shape.kind === "bool01" ? { ...m, shape: { kind: "literal", values: [0, 1] } } : m)) };
        }
        return inner === p.shape ? p : { ...p, shape: inner };
      });
      const additional = shape.additional ? keepNestedEnvelopeResults(shape.additional) : undefined;
      if (additional === shape.additional && properties.every((p, i) => p === shape.properties[i])) return shape;
      return { ...shape, properties, ...(additional ? { additional } : {}) };
    }
    default:
      return shape;
  }
}
