/**
 * The output lock on a file system without hard links: link(2) fails with EPERM, the lock is
 * created exclusively instead, and the write still completes and cleans up after itself.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { expect, test, vi } from "vitest";
import { tempDir } from "./helpers.js";

const linkCalls = vi.hoisted(() => ({ count: 0 }));
vi.mock("node:fs/promises", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs/promises")>();
  return {
    ...actual,
    link: async () => {
      linkCalls.count++;
      throw Object.assign(new Error("EPERM: operation not permitted, link"), { code: "EPERM" });
    },
  };
});

test("without hard links the lock falls back to an exclusive create, and the write completes", async () => {
  const { writeOutput } = await import("../generator/write/index.js");
  const dir = await tempDir("nolink");
  const out = path.join(dir, "out");
  await writeOutput(out, new Map([["catalog.json", '{"generator":"whmgen"}\n'], ["a/b.ts", "export {};\n"]]), "out");
  expect(linkCalls.count).toBe(1);
  expect(await readFile(path.join(out, "a", "b.ts"), "utf8")).toBe("export {};\n");
  expect((await readdir(dir)).sort()).toEqual(["out"]); // no lock, candidate or temporary folder left
  // A second run finds the folder its own and replaces it the same way.
  await writeOutput(out, new Map([["catalog.json", '{"generator":"whmgen"}\n']]), "out");
  expect(linkCalls.count).toBe(2);
  expect((await readdir(out)).sort()).toEqual(["catalog.json"]);
});
