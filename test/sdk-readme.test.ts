/**
 * The generated SDK's README as a user meets it: its TypeScript examples, pasted in order into one
 * program, compile strictly against the installed package and run against `whmgen serve --tls`
 * (the WHM test double, with a token and its own CA). And it links nowhere it should not.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, test } from "vitest";
import { BIN, ROOT, tempDir } from "./helpers.js";

const run = promisify(execFile);
let readme = "";
let server: ChildProcess | undefined;
let url = "";
let ca = "";

/** The README's ```ts blocks as one module: their imports merged (blocks import what they show), then the code in order. */
export function programOf(markdown: string): string {
  const imports = new Map<string, Set<string>>();
  const body: string[] = [];
  for (const [, block] of markdown.matchAll(/```ts\n([\s\S]*?)```/g)) {
    for (const line of block!.split("\n")) {
      const m = /^import \{ (.+) \} from "(.+)";$/.exec(line);
      if (!m) {
        body.push(line);
        continue;
      }
      const names = imports.get(m[2]!) ?? new Set<string>();
      for (const n of m[1]!.split(",")) names.add(n.trim());
      imports.set(m[2]!, names);
    }
  }
  const head = [...imports].map(([from, names]) => `import { ${[...names].join(", ")} } from "${from}";`);
  return `${head.join("\n")}\n${body.join("\n")}\nexport {};\n`;
}

beforeAll(async () => {
  readme = await readFile(path.join(ROOT, "generated", "README.md"), "utf8");
  server = spawn(process.execPath, [BIN, "serve", "--tls", "--port", "0", "--token", "root:README-TOKEN", "--quiet"], { stdio: ["ignore", "pipe", "pipe"] });
  let seen = "";
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      seen += chunk.toString();
      const u = /^(https:\/\/\S+)$/m.exec(seen);
      const c = /CA certificate \(PEM\): (\S+)/.exec(seen);
      if (u && c) {
        url = u[1]!;
        ca = c[1]!;
        resolve();
      }
    };
    server!.stdout!.on("data", onData);
    server!.stderr!.on("data", onData);
    server!.on("exit", (code) => reject(new Error(`whmgen serve exited (${code}): ${seen}`)));
  });
});

afterAll(() => {
  server?.kill("SIGTERM");
});

test("no placeholder or dead links; both versions named", () => {
  expect(readme).not.toMatch(/\]\(https?:\/\/(github\.com\/?|example\.com\/?)\)/);
  expect(readme).not.toMatch(/\]\(\s*\)/);
  expect(readme).toMatch(/^Version \d+\.\d+\.\d+ of this SDK describes WHM API 1 \d+\.\d+\.\d+\.\d+\./m);
  for (const section of ["## Install", "## Call a server", "## Authenticate", "## Handle errors", "## Lists: paginate", "## Several calls in one request: batch", "## Test code that uses the SDK", "## Versions"]) {
    expect(readme).toContain(section);
  }
});

test("the README's examples compile strictly against the package and run against whmgen serve", async () => {
  const dir = await tempDir("sdk-readme");
  await mkdir(path.join(dir, "node_modules", "@types"), { recursive: true });
  await symlink(path.join(ROOT, "generated"), path.join(dir, "node_modules", "whmapi1"), "dir");
  await symlink(path.join(ROOT, "node_modules", "@types", "node"), path.join(dir, "node_modules", "@types", "node"), "dir");
  await writeFile(path.join(dir, "package.json"), JSON.stringify({ name: "readme", private: true, type: "module" }));
  await writeFile(path.join(dir, "main.ts"), programOf(readme));
  await writeFile(
    path.join(dir, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { strict: true, target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", lib: ["ES2023"], types: ["node"], skipLibCheck: false, outDir: "out" }, files: ["main.ts"] }),
  );
  const compiled = await run(process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", dir], { cwd: dir }).then(
    (r) => ({ code: 0, output: r.stdout + r.stderr }),
    (e: { code?: number; stdout?: string; stderr?: string }) => ({ code: e.code ?? 1, output: `${e.stdout ?? ""}${e.stderr ?? ""}` }),
  );
  expect(compiled.output).toBe("");
  expect(compiled.code).toBe(0);

  const { hostname, port } = new URL(url);
  const { stdout } = await run(process.execPath, [path.join(dir, "out", "main.js")], {
    cwd: dir,
    env: { ...process.env, WHM_HOST: hostname, WHM_PORT: port, WHM_TOKEN: "README-TOKEN", WHM_CA: ca },
    timeout: 60_000,
  });
  const lines = stdout.trim().split("\n");
  expect(lines).toEqual([
    "accounts: user001",
    "refused: true",
    "outcome: api",
    "page row: user001",
    "page row: user002",
    "page row: user003",
    "sorted: user003,user002,user001",
    "batch version: string",
    "batch accounts: 3",
    "https://server.example.com:2087/json-api/createacct?api.version=1&username=bob&domain=bob.example&hasshell=1",
    "--output=json createacct username=bob domain=bob.example hasshell=1",
    "fake calls: 1",
  ]);
}, 120_000);
