/** `whmgen seed --from-server`: the applist of a live (loopback) server, token from the environment. */
import { execFile } from "node:child_process";
import { cp, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, test } from "vitest";
import { BIN, ROOT, tempDir } from "./helpers.js";
import { makeCertificate, type TestCertificate } from "./runtime/helpers/cert.js";
import { startWhmServer, type WhmTestServer } from "./runtime/helpers/whm-server.js";

const TOKEN = "SEEDTOKENMARKER0123456789ABCDEFGHIJ";
const run = promisify(execFile);
let cert: TestCertificate;
let server: WhmTestServer;

beforeAll(async () => {
  cert = await makeCertificate();
  const applist = JSON.stringify({ data: { app: ["version", "gethostname", "listaccts"] }, metadata: { command: "applist", result: 1, reason: "OK", version: 1 } });
  server = await startWhmServer({
    tls: cert,
    user: "root",
    token: TOKEN,
    password: "unused-password",
    hash: "unusedhash",
    custom: { applist: (_req, res) => res.writeHead(200, { "content-type": "application/json" }).end(applist) },
  });
}, 30_000);
afterAll(async () => server?.close());

async function seedFromServer(dir: string, env: Record<string, string>, extra: string[] = []) {
  try {
    const r = await run(process.execPath, [BIN, "seed", "--from-server", `https://127.0.0.1:${server.port}`, "--ca", "ca.pem", ...extra], {
      cwd: dir,
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

async function workspace(): Promise<string> {
  const dir = await tempDir("seed-server");
  await cp(path.join(ROOT, "test", "fixtures", "seed", "specs"), path.join(dir, "specs"), { recursive: true });
  await writeFile(path.join(dir, "ca.pem"), cert.cert);
  return dir;
}

test("seeds from the server's applist over verified TLS, token from WHM_TOKEN", async () => {
  const dir = await workspace();
  const r = await seedFromServer(dir, { WHM_TOKEN: TOKEN });
  expect(r.stderr).toBe("");
  expect(r.stdout).toBe("  + gethostname\nwhmgen: seed added 1 function; 5 described, 1 seeded in specs/seeded.yaml\n");
  const request = server.requests.find((q) => q.path.endsWith("/json-api/applist"))!;
  expect(request.headers.authorization).toBe(`whm root:${TOKEN}`);
  expect(request.rawUrl).not.toContain(TOKEN);
  expect(await readFile(path.join(dir, "specs", "seeded.yaml"), "utf8")).toContain("/gethostname:");
});

test("a wrong token is an auth error that names the server, not the token", async () => {
  const dir = await workspace();
  const r = await seedFromServer(dir, { WHM_TOKEN: "WRONGTOKENMARKER" });
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/^whmgen: error: https:\/\/127\.0\.0\.1:\d+: applist call failed: /);
  expect(r.stderr + r.stdout).not.toContain("WRONGTOKENMARKER");
});

test("no token in the environment is a usage error", async () => {
  const dir = await workspace();
  const r = await seedFromServer(dir, { WHM_TOKEN: "" }, ["--token-env", "MY_WHM_TOKEN"]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain("needs an API token in the environment variable MY_WHM_TOKEN");
});

test("without the CA the self-signed certificate is refused", async () => {
  const dir = await workspace();
  try {
    await run(process.execPath, [BIN, "seed", "--from-server", `https://127.0.0.1:${server.port}`], { cwd: dir, env: { ...process.env, WHM_TOKEN: TOKEN } });
    expect.unreachable();
  } catch (error) {
    const e = error as { code: number; stderr: string };
    expect(e.code).toBe(1);
    expect(e.stderr).toMatch(/applist call failed: .*(certificate|TLS)/i);
  }
});
