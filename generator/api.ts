/**
 * whmgen's programmatic API: `import { generate, seed, diffApis, loadCatalog } from "whmgen"`.
 *
 * @example
 * ```ts
 * import { generate } from "whmgen";
 * const result = await generate({ specs: ["specs"], out: "generated", check: true });
 * if (result.drift.length) process.exitCode = 1;
 * ```
 */
export { generate, type GenerateOptions, type GenerateResult } from "./generate.js";
export { seed, readApplist, type SeedOptions, type SeedResult } from "./seed/index.js";
export { parseApplist } from "./seed/applist.js";
export { loadSpecs, type LoadOptions } from "./load/index.js";
export { loadConfig, type WhmgenConfig, type GenerateConfig } from "./config.js";
export { WhmgenError, UsageError, type SourcePlace } from "./errors.js";
export type * from "./ir/types.js";
export { diffApis, loadCatalog, renderJson, renderMarkdown, suggestBump, type ApiDiff, type Change, type CatalogLike, type SemverBump } from "./diff/index.js";
export { startServe } from "./serve/index.js";
