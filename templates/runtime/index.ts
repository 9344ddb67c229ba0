/**
 * The runtime every generated SDK shares. It runs in any JavaScript runtime: nothing here imports
 * a `node:` module; the Node-only transports are in node.ts (`whmapi1/node`).
 *
 * `whmapi1/runtime`: the public part (public.ts, also the SDK's root) and the building blocks the
 * generated modules are made of — defineFunction, the wire encoders, envelope decoding,
 * meta-parameter encoding, batch requests, createRuntimeClient.
 */
export * from "./public.js";
export * from "./encode.js";
export { decodeEnvelope } from "./decode.js";
export { defineFunction, fromDescription, type WhmFunctionSpec, type WhmFunctionDescription } from "./define.js";
export { whmError, type WhmErrorInput } from "./errors.js";
export { runtimeName, type WhmRuntimeName } from "./platform.js";
export { encodeMetaParams, withMetaParams, withExtraPairs, metaLetter, type WhmRowOf, type WhmFieldOf } from "./meta.js";
export { batchRequest, type WhmBatchData, type WhmRequestData } from "./batch.js";
export {
  createRuntimeClient,
  WHM_FUNCTIONS,
  type WhmTransportMakers,
  type WhmClient,
  type WhmMethod,
  type WhmCallOptionsOf,
  type WhmRegistry,
  type WhmReservedName,
} from "./client.js";
