/**
 * cPanel's own material in ../shared/cpanel (beside the project, never in it): the facts file of all
 * 625 functions of WHM API 1 11.137.9999.106 and cPanel's per-category documents. With them:
 * - specs/ is what `whmgen import` writes from them (the config's inputs), overlays and words included;
 * - the specs agree with cPanel's facts: ≥ 99 % of parameters present under the same name, ≥ 99 %
 *   with the same required flag, ≥ 97 % of the same kind, and every difference is an overlay action;
 * - each document generates an SDK as it is, and the facts file's SDK type-checks strictly.
 * A clone of the project alone has no ../shared: then these tests are skipped, saying why.
 */
import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { compareFacts, type Agreement } from "../../generator/import/agreement.js";
import { importedFacts } from "../../generator/import/index.js";
import { checksums, cli, ROOT, tempDir, typecheckSdk } from "../helpers.js";

const SHARED = path.resolve(ROOT, "..", "shared", "cpanel");
const FACTS = path.join(SHARED, "whm-11.137.9999.106.facts.openapi.yaml");
const OFFICIAL = path.join(SHARED, "official");
const present = existsSync(FACTS);
if (!present) console.log(`test/import/real.test.ts: skipped, ${path.relative(ROOT, SHARED)} is not there (cPanel's documents live beside the project, not in it)`);

describe.skipIf(!present)("cPanel's documents in ../shared/cpanel", () => {
  const inputs = [FACTS, ...(existsSync(OFFICIAL) ? [OFFICIAL] : [])];
  let agreement: Agreement;
  beforeAll(async () => {
    const reference = await importedFacts(inputs, undefined, ROOT);
    const corrected = await importedFacts(inputs, "specs/overlays", ROOT);
    agreement = compareFacts(reference.merged, corrected.merged, corrected.outcomes);
    const pct = (n: number): string => `${((100 * n) / agreement.params).toFixed(2)} %`;
    console.log(
      `agreement with cPanel's 11.137.9999.106 facts: ${agreement.params} parameters; same name ${pct(agreement.sameName)}, ` +
        `same required ${pct(agreement.sameRequired)}, same kind ${pct(agreement.sameKind)}; ` +
        `${agreement.multiValue} marked as taking several values; ${agreement.added} added (request bodies); ${agreement.disagreements.length} differences`,
    );
  });

  test("specs/ is exactly what `whmgen import` writes from them (whmgen.config.json's inputs)", async () => {
    const r = await cli(["import", "--check"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/specs is up to date with WHM API 1 11\.137\.9999\.106: 625 functions in 49 category documents, \d+ corrections applied, /);
  });

  test("≥ 99 % same name, ≥ 99 % same required flag, ≥ 97 % same kind", () => {
    expect(agreement.params).toBeGreaterThanOrEqual(1423);
    expect(agreement.sameName / agreement.params).toBeGreaterThanOrEqual(0.99);
    expect(agreement.sameRequired / agreement.params).toBeGreaterThanOrEqual(0.99);
    expect(agreement.sameKind / agreement.params).toBeGreaterThanOrEqual(0.97);
  });

  test("every difference from cPanel's facts is an overlay action with a reason", () => {
    const silent = agreement.disagreements.filter((d) => d.correction === undefined);
    expect(silent).toEqual([]);
  });

  test("each of cPanel's documents generates an SDK as it is; the facts file's is deterministic and type-checks strictly under TS 5.9 and 7", async () => {
    const dir = await tempDir("real");
    const docs = existsSync(OFFICIAL) ? (await readdir(OFFICIAL)).map((f) => path.join(OFFICIAL, f)) : [];
    for (const doc of docs) {
      const r = await cli(["generate", "--no-config", "--spec", doc, "--out", path.join(dir, path.basename(doc, ".yml"))]);
      expect(r.code, `${path.basename(doc)}: ${r.stderr}`).toBe(0);
    }
    const out = path.join(dir, "sdk");
    const first = await cli(["generate", "--no-config", "--spec", FACTS, "--out", out]);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/whmgen: 625 functions \(625 described, 0 seeded\) → \d+ files in /);
    const sums = await checksums(out);
    const second = await cli(["generate", "--no-config", "--spec", FACTS, "--out", out]);
    expect(second.code, second.stderr).toBe(0);
    expect(await checksums(out)).toEqual(sums);
    for (const result of await typecheckSdk(dir)) expect(result, result.compiler).toEqual({ compiler: result.compiler, code: 0, output: "" });
  }, 180_000);
});
