/**
 * Reading the answer of WHM API 1's `applist`: the `{ data: { app: [...] }, metadata }`
 * envelope that `whmapi1 --output=json applist` and the HTTP API both print.
 */
import { WhmgenError } from "../errors.js";
import { compareNames } from "../naming.js";

/** The function names of an `applist` answer, sorted and unique. */
export function parseApplist(text: string, file: string): string[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new WhmgenError(`not JSON: ${(error as Error).message}; expected the output of \`whmapi1 --output=json applist\``, { file });
  }
  const root = value as { data?: { app?: unknown }; metadata?: { result?: unknown; reason?: unknown } } | null;
  if (root === null || typeof root !== "object" || Array.isArray(root)) throw new WhmgenError("expected a WHM API 1 envelope object", { file, pointer: "" });
  const metadata = root.metadata;
  if (metadata !== undefined && metadata !== null && typeof metadata === "object") {
    const result = metadata.result;
    if (result === 0 || result === "0") {
      throw new WhmgenError(`the applist call failed (metadata.result is 0): ${typeof metadata.reason === "string" ? metadata.reason : "no reason given"}`, { file, pointer: "/metadata/result" });
    }
  }
  const app = root.data?.app;
  if (!Array.isArray(app)) throw new WhmgenError('no function list: "data.app" must be an array of function names', { file, pointer: "/data/app" });
  app.forEach((name, i) => {
    if (typeof name !== "string" || !/^[A-Za-z0-9_.-]+$/.test(name)) {
      throw new WhmgenError(`not a WHM function name: ${JSON.stringify(name)}`, { file, pointer: `/data/app/${i}` });
    }
  });
  return [...new Set(app as string[])].sort(compareNames);
}
