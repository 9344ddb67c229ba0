/**
 * A generated SDK with its `testing` subpath, as `whmgen generate` writes it into a temp folder.
 */
import path from "node:path";
import { generate } from "../../../generator/generate.js";
import { ROOT, tempDir } from "../../helpers.js";

export const TEMPLATES = path.join(ROOT, "templates");

/** Generates `spec` into a fresh folder under test/.tmp (testing/ included); returns the folder. */
export async function sdkWithTesting(spec: string, prefix = "sdk-testing"): Promise<string> {
  const out = path.join(await tempDir(prefix), "sdk");
  await generate({ specs: [spec], out, cwd: ROOT });
  return out;
}
