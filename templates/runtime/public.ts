/**
 * What the SDK's root (`import … from "whmapi1"`) offers of the runtime: what code calling WHM
 * uses — the client's options and results, errors, authentication, transports, Boolean helpers,
 * the envelope and request types. The building blocks the generated modules are made of
 * (`defineFunction`, the wire encoders, meta-parameter encoding, `createRuntimeClient`, …) stay
 * behind `whmapi1/runtime`, out of every user's autocomplete.
 */
export type { WhmOutput, WhmChunkMetadata, WhmFilterMetadata, WhmMetadata, WhmResult, WhmScalar, WhmParamValue, WhmFreeParams, WhmBodyKind, HttpMethod } from "./types.js";
export { toWhmBoolean, fromWhmBoolean, toWhmYesNo, fromWhmYesNo, type WhmBooleanInput } from "./boolean.js";
export { WhmEnvelopeError } from "./decode.js";
export type { WhmFile, WhmRequest, WhmRequestBody, WhmFunction } from "./define.js";
export {
  WhmError,
  isWhmError,
  isAccessDenied,
  type AnyWhmError,
  type WhmErrorOf,
  type WhmErrorKind,
  type WhmErrorInfo,
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
export { tokenAuth, basicAuth, accessHashAuth, sessionAuth, type WhmAuth, type WhmAuthScheme, type BasicAuthOptions, type WhmSessionCredentials } from "./auth.js";
export type { WhmTransport, WhmTransportRequest, WhmTransportCallOptions, WhmTransportResult } from "./transport.js";
export type { WhmEndpointOptions, HttpsTransportOptions, FetchTransportOptions, WhmFetch, WhmPem } from "./endpoint.js";
export { fetchTransport, type FetchTransport } from "./transport-fetch.js";
export type { WhmFilter, WhmFilterType, WhmSort, WhmSortMethod, WhmChunk, WhmMetaOptions } from "./meta.js";
export { flattenData, type WhmCallResult, type WhmOutcome, type WhmFlatData } from "./result.js";
export type { WhmRetryOptions, WhmRetrySetting } from "./retry.js";
export type { WhmCallOptions, WhmCallSettings } from "./runner.js";
export type { WhmBatchOptions, WhmBatchItem, WhmBatchResults } from "./batch.js";
export type { WhmPaginateOptions } from "./paginate.js";
export {
  paginate,
  type ClientOptions,
  type WhmHttpClientOptions,
  type WhmClientCore,
  type WhmClientSettings,
  type WhmCallReturn,
  type WhmRawCallOptions,
  type WhmBatchCallOptions,
  type WhmParamsOf,
  type WhmDataOf,
} from "./client.js";
