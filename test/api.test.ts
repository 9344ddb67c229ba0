/** whmgen's programmatic API, imported by package name as a build script would. */
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "vitest";
import { ROOT, tempDir } from "./helpers.js";

const run = promisify(execFile);

test('import { generate, seed, diffApis, loadCatalog } from "whmgen"', async () => {
  const out = path.join(await tempDir("api"), "sdk");
  const script = `
    const { generate, loadCatalog, diffApis } = await import("whmgen");
    const r = await generate({ specs: ["test/fixtures/diff/params/old.yaml"], out: ${JSON.stringify(out)} });
    const check = await generate({ specs: ["test/fixtures/diff/params/old.yaml"], out: ${JSON.stringify(out)}, check: true });
    const d = diffApis(await loadCatalog(${JSON.stringify(out)}), await loadCatalog("test/fixtures/diff/params/new.yaml"));
    console.log(JSON.stringify({ functions: r.functions, drift: check.drift.length, semver: d.semver, breaking: d.summary.breaking > 0 }));
  `;
  const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], { cwd: ROOT });
  expect(JSON.parse(stdout)).toEqual({ functions: 1, drift: 0, semver: "major", breaking: true });
});
