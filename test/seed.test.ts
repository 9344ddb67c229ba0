/** `whmgen seed`: stubs for applist names that no document describes. */
import { execFile } from "node:child_process";
import { cp, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, test } from "vitest";
import { BIN, checksums, cli, ROOT, tempDir } from "./helpers.js";

const FIXTURE = path.join(ROOT, "test", "fixtures", "seed");

async function workspace(): Promise<string> {
  const dir = await tempDir("seed");
  await cp(path.join(FIXTURE, "specs"), path.join(dir, "specs"), { recursive: true });
  await cp(path.join(FIXTURE, "applist.json"), path.join(dir, "specs", "applist.json"));
  return dir;
}

describe("seed", () => {
  test("adds exactly the missing names, keeps described documents byte-identical, and is idempotent", async () => {
    const dir = await workspace();
    const described = await checksums(path.join(dir, "specs"));
    const first = await cli(["seed", "--applist", "specs/applist.json"], dir);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe("  + 360Monitoring\n  + gethostname\nwhmgen: seed added 2 functions; 5 described, 2 seeded in specs/seeded.yaml\n");
    const after = await checksums(path.join(dir, "specs"));
    for (const [file, sum] of Object.entries(described)) expect(after[file], file).toBe(sum);
    const seeded = await readFile(path.join(dir, "specs", "seeded.yaml"), "utf8");
    expect(seeded).toContain("  /360Monitoring:\n    get:\n      operationId: 360Monitoring\n");
    expect(seeded).toContain("x-whmgen-seeded: true");
    const second = await cli(["seed", "--applist", "specs/applist.json"], dir);
    expect(second.stdout).toBe("whmgen: seed added 0 functions; 5 described, 2 seeded in specs/seeded.yaml\n");
    expect(await checksums(path.join(dir, "specs"))).toEqual(after);
  });

  test("seeded functions generate as callable, untyped functions", async () => {
    const dir = await workspace();
    await cli(["seed", "--applist", "specs/applist.json"], dir);
    const r = await cli(["generate", "--spec", "specs", "--out", "out"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("coverage: 5 of 5 applist functions callable, 5 described (0 partly), 2 seeded");
    const seededModule = await readFile(path.join(dir, "out", "seeded.ts"), "utf8");
    expect(seededModule).toContain("export const gethostname: WhmFunction<WhmFreeParams, unknown>");
  });

  test("a stub is dropped once a document describes the function", async () => {
    const dir = await workspace();
    await cli(["seed", "--applist", "specs/applist.json"], dir);
    const doc = (await readFile(path.join(dir, "specs", "server.yaml"), "utf8")).replace(
      "paths:\n",
      "paths:\n  /gethostname:\n    get:\n      operationId: gethostname\n      tags: [Server Information]\n      responses: { '200': { description: OK } }\n",
    );
    await writeFile(path.join(dir, "specs", "server.yaml"), doc);
    // Before seed runs again, the described function wins over its stub.
    expect((await cli(["generate", "--spec", "specs", "--out", "out"], dir)).code).toBe(0);
    const r = await cli(["seed", "--applist", "specs/applist.json"], dir);
    expect(r.stdout).toContain("  - gethostname (now described)");
    expect(await readFile(path.join(dir, "specs", "seeded.yaml"), "utf8")).not.toContain("gethostname");
  });

  test('"-" reads the applist from standard input', async () => {
    const dir = await workspace();
    const run = promisify(execFile);
    const child = run(process.execPath, [BIN, "seed", "--applist", "-"], { cwd: dir });
    child.child.stdin!.end(await readFile(path.join(dir, "specs", "applist.json")));
    const { stdout } = await child;
    expect(stdout).toContain("seed added 2 functions");
  });

  test.each([
    ["not JSON", "<html>login</html>", /^whmgen: error: bad\.json: not JSON: /],
    ["result 0", '{"metadata":{"result":0,"reason":"Access denied"}}', /^whmgen: error: bad\.json at \/metadata\/result: the applist call failed \(metadata\.result is 0\): Access denied\n$/],
    ["no data.app", '{"data":{},"metadata":{"result":1}}', /^whmgen: error: bad\.json at \/data\/app: no function list: "data\.app" must be an array of function names\n$/],
    ["a bad name", '{"data":{"app":["ok","rm -rf"]},"metadata":{"result":1}}', /^whmgen: error: bad\.json at \/data\/app\/1: not a WHM function name: "rm -rf"\n$/],
  ])("bad applist (%s): clear error, exit 1, nothing written", async (_n, text, message) => {
    const dir = await workspace();
    await writeFile(path.join(dir, "bad.json"), text);
    const before = await checksums(path.join(dir, "specs"));
    const r = await cli(["seed", "--applist", "bad.json"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(await checksums(path.join(dir, "specs"))).toEqual(before);
  });

  test("seed without --applist is a usage error", async () => {
    const r = await cli(["seed"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("seed needs either --applist FILE");
  });
});

describe("config file", () => {
  test("whmgen.config.json sets defaults and flags override it", async () => {
    const dir = await workspace();
    await writeFile(path.join(dir, "whmgen.config.json"), JSON.stringify({ generate: { spec: "specs", out: "sdk", coverage: "docs/coverage.md" } }));
    const r = await cli(["generate"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("files in sdk");
    expect(await readFile(path.join(dir, "docs", "coverage.md"), "utf8")).toBe(await readFile(path.join(dir, "sdk", "coverage.md"), "utf8"));
    expect((await cli(["generate", "--check"], dir)).code).toBe(0);
    await writeFile(path.join(dir, "docs", "coverage.md"), "stale\n");
    const drift = await cli(["generate", "--check"], dir);
    expect(drift.code).toBe(1);
    expect(drift.stderr).toContain("changed: docs/coverage.md");
    const flag = await cli(["generate", "--out", "other"], dir);
    expect(flag.stdout).toContain("files in other");
  });
  test("an unknown setting names the file and the place", async () => {
    const dir = await workspace();
    await writeFile(path.join(dir, "whmgen.config.json"), JSON.stringify({ generate: { output: "x" } }));
    const r = await cli(["generate"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('whmgen: error: whmgen.config.json at /generate/output: unknown setting "output" (known: spec, out, coverage)\n');
  });
});
