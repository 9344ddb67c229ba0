/**
 * The config's coverage report belongs to the config's own specs and output: generating another
 * document (--spec OTHER --out ELSEWHERE) in the project folder must leave the report alone.
 */
import { cp, mkdir, readFile, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { cli, ROOT, tempDir } from "./helpers.js";

test("--spec/--out runs leave the project's coverage report alone; the config's own run writes it", async () => {
  const dir = await tempDir("config-coverage");
  await mkdir(path.join(dir, "specs"));
  await cp(path.join(ROOT, "test/fixtures/diff/params/old.yaml"), path.join(dir, "specs", "spec.yaml"));
  await cp(path.join(ROOT, "test/fixtures/diff/params/new.yaml"), path.join(dir, "other.yaml"));
  await writeFile(path.join(dir, "whmgen.config.json"), JSON.stringify({ generate: { spec: ["specs"], out: "generated", coverage: "docs/coverage.md" } }));

  const own = await cli(["generate"], dir);
  expect(own.code, own.stderr).toBe(0);
  const report = await readFile(path.join(dir, "docs", "coverage.md"), "utf8");
  expect(report).toContain("11.130.0.1");

  for (const args of [["--spec", "other.yaml", "--out", "elsewhere"], ["--spec", "other.yaml"], ["--out", "elsewhere-2"]]) {
    const other = await cli(["generate", ...args], dir);
    expect(other.code, other.stderr).toBe(0);
    expect(await readFile(path.join(dir, "docs", "coverage.md"), "utf8"), args.join(" ")).toBe(report);
  }
  expect(existsSync(path.join(dir, "elsewhere", "coverage.md"))).toBe(true); // the SDK's own copy is still written

  // Asked for explicitly, a report is written for such a run too.
  const asked = await cli(["generate", "--spec", "other.yaml", "--out", "elsewhere", "--coverage", "other-coverage.md"], dir);
  expect(asked.code, asked.stderr).toBe(0);
  expect(await readFile(path.join(dir, "other-coverage.md"), "utf8")).toContain("11.132.0.4");
});
