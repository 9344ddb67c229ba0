/**
 * Runs once before the suite: empties test/.tmp, where tests make their folders (inside the
 * project so that node_modules resolves from them). Folders of the previous run stay until the
 * next one starts, so a failure can be inspected, but they never pile up.
 */
import { rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

export default async function setup(): Promise<void> {
  const tmp = path.resolve(path.dirname(fileURLToPath(import.meta.url)), ".tmp");
  await rm(tmp, { recursive: true, force: true });
}
