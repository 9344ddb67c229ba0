/**
 * The runtime every generated SDK shares. It runs in any JavaScript runtime: nothing here imports
 * a `node:` module; the Node-only transports are in node.ts (`whmapi1/node`).
 */
export * from "./types.js";
export * from "./boolean.js";
export * from "./encode.js";
export { WhmEnvelopeError, decodeEnvelope } from "./decode.js";
export * from "./define.js";

export {
  WhmError,
  isWhmError,
  whmError,
  isAccessDenied,
  type AnyWhmError,
  type WhmErrorOf,
  type WhmErrorKind,
  type WhmErrorInfo,
  type WhmErrorInput,
  type WhmApiErrorInfo,
  type WhmAuthErrorInfo,
  type WhmHttpErrorInfo,
  type WhmNotJsonErrorInfo,
  type WhmMalformedErrorInfo,
  type WhmNetworkErrorInfo,
  type WhmTlsErrorInfo,
  type WhmTimeoutErrorInfo,
  type WhmAbortedErrorInfo,
  type WhmCliErrorInfo,
  type WhmSkippedErrorInfo,
} from "./errors.js";
export * from "./auth.js";
export type { WhmTransport, WhmTransportRequest, WhmTransportCallOptions, WhmTransportResult } from "./transport.js";
export type { WhmEndpointOptions, HttpsTransportOptions, FetchTransportOptions, WhmFetch, WhmPem } from "./endpoint.js";
export { fetchTransport, type FetchTransport } from "./transport-fetch.js";
export { runtimeName, type WhmRuntimeName } from "./platform.js";
export {
  encodeMetaParams,
  withMetaParams,
  withExtraPairs,
  metaLetter,
  type WhmFilter,
  type WhmFilterType,
  type WhmSort,
  type WhmSortMethod,
  type WhmChunk,
  type WhmMetaOptions,
  type WhmRowOf,
  type WhmFieldOf,
} from "./meta.js";
export { flattenData, type WhmCallResult, type WhmOutcome, type WhmFlatData } from "./result.js";
export type { WhmRetryOptions, WhmRetrySetting } from "./retry.js";
export type { WhmCallOptions, WhmCallSettings } from "./runner.js";
export { batchRequest, type WhmBatchOptions, type WhmBatchItem, type WhmBatchResults, type WhmBatchData, type WhmRequestData } from "./batch.js";
export type { WhmPaginateOptions } from "./paginate.js";
export {
  createRuntimeClient,
  paginate,
  WHM_FUNCTIONS,
  type ClientOptions,
  type WhmHttpClientOptions,
  type WhmTransportMakers,
  type WhmClient,
  type WhmClientCore,
  type WhmClientSettings,
  type WhmMethod,
  type WhmCallReturn,
  type WhmCallOptionsOf,
  type WhmRawCallOptions,
  type WhmBatchCallOptions,
  type WhmRegistry,
  type WhmReservedName,
  type WhmParamsOf,
  type WhmDataOf,
} from "./client.js";
