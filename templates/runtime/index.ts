export * from "./types.js";
export * from "./boolean.js";
export * from "./encode.js";
export { WhmEnvelopeError, decodeEnvelope } from "./decode.js";
export * from "./define.js";
