/** Command-line parsing shared by every verb: node:util's parseArgs, its errors as usage errors (exit 2). */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "./errors.js";

export function parseCommandLine<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
