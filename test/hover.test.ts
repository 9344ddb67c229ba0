/**
 * Docs where users look: what an editor shows on hover over `whm.listaccts`, `whm.createacct` and
 * a deprecated function, asked of the TypeScript language service itself — TypeScript 5.9 through
 * its API, TypeScript 7 through its language server (`tsc --lsp --stdio`).
 */
import { spawn } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import yaml from "js-yaml";
import ts from "typescript";
import { beforeAll, describe, expect, test } from "vitest";
import { ROOT, tempDir } from "./helpers.js";

const SOURCE = `import { createClient, tokenAuth, get_ecommerce } from "../../../generated/index.js";
const whm = createClient({ host: "server.example.com", auth: tokenAuth("root", "not-a-real-token") });
export async function main(): Promise<void> {
  await whm.listaccts({ search: "bob" }, { sort: { field: "user" } });
  await whm.createacct({ username: "bob" });
  await whm.get_ecommerce();
  get_ecommerce.request();
}
`;

interface Catalog {
  functions: { name: string; summary: string | null; docsUrl: string; since: string | null; deprecated: boolean }[];
}

let file = "";
let catalog: Catalog;
const at = (needle: string): number => SOURCE.indexOf(needle) + needle.length - 1;

beforeAll(async () => {
  const dir = await tempDir("hover");
  file = path.join(dir, "main.ts");
  await writeFile(file, SOURCE);
  catalog = JSON.parse(await readFile(path.join(ROOT, "generated", "catalog.json"), "utf8")) as Catalog;
});

function fn(name: string): Catalog["functions"][number] {
  return catalog.functions.find((f) => f.name === name)!;
}

/** What the hover must say about function `name`: its summary, docs link, since-version, deprecation. */
function expectDocs(hover: string, name: string): void {
  const f = fn(name);
  expect(hover, name).toContain(f.summary!);
  expect(hover, name).toContain(f.docsUrl);
  if (f.since) expect(hover, name).toMatch(new RegExp(`@?since\\W+${f.since.replace(/\./g, "\\.")}`));
  if (f.deprecated) expect(hover, name).toMatch(/deprecated/i);
}

describe("TypeScript 5.9 language service", () => {
  let quickInfo: (needle: string) => string;
  beforeAll(() => {
    const options: ts.CompilerOptions = { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, types: [] };
    const host: ts.LanguageServiceHost = {
      getScriptFileNames: () => [file],
      getScriptVersion: () => "1",
      getScriptSnapshot: (f) => (ts.sys.fileExists(f) ? ts.ScriptSnapshot.fromString(ts.sys.readFile(f)!) : undefined),
      getCurrentDirectory: () => path.dirname(file),
      getCompilationSettings: () => options,
      getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
      fileExists: ts.sys.fileExists,
      readFile: ts.sys.readFile,
      readDirectory: ts.sys.readDirectory,
      directoryExists: ts.sys.directoryExists,
      getDirectories: ts.sys.getDirectories,
    };
    const service = ts.createLanguageService(host);
    expect(service.getSemanticDiagnostics(file).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"))).toEqual([]);
    quickInfo = (needle) => {
      const info = service.getQuickInfoAtPosition(file, at(needle))!;
      const tags = (info.tags ?? []).map((t) => `@${t.name} ${ts.displayPartsToString(t.text)}`);
      return [ts.displayPartsToString(info.displayParts), ts.displayPartsToString(info.documentation), ...tags].join("\n");
    };
  });

  test("whm.listaccts: summary, docs link, since-version, parameters and meta-parameter options", () => {
    const hover = quickInfo("whm.listaccts");
    expectDocs(hover, "listaccts");
    expect(hover).toContain("params?: ListacctsParams");
    expect(hover).toMatch(/options\?: .*WhmCallOptions<"backup" \| .*"user">/s);
    expect(hover).toContain("@param options");
  });

  test("whm.createacct: its parameters required, and their names", () => {
    const hover = quickInfo("whm.createacct");
    expectDocs(hover, "createacct");
    expect(hover).toContain("params: CreateacctParams");
    expect(hover).toContain("required: `username`");
  });

  test("a deprecated function, as a client method and as an export", () => {
    expect(fn("get_ecommerce").deprecated).toBe(true);
    expectDocs(quickInfo("whm.get_ecommerce"), "get_ecommerce");
    expectDocs(quickInfo("  get_ecommerce"), "get_ecommerce");
  });

  test("a parameter's own description on hover inside the object literal", async () => {
    const spec = yaml.load(await readFile(path.join(ROOT, "specs", "account-creation.yaml"), "utf8")) as {
      paths: { "/createacct": { get: { parameters: { name: string; description: string }[] } } };
    };
    const described = spec.paths["/createacct"].get.parameters.find((p) => p.name === "username")!.description;
    const info = quickInfo("createacct({ username");
    expect(info).toContain("CreateacctParams.username: string");
    expect(info).toContain(described.split("\n")[0]!.trim());
  });
});

/** A minimal language-server client: Content-Length framed JSON-RPC over the server's stdio. */
async function lspHovers(needles: string[]): Promise<string[]> {
  const server = spawn(process.execPath, [path.join(ROOT, "node_modules", "typescript7", "bin", "tsc"), "--lsp", "--stdio"], { cwd: path.dirname(file), stdio: ["pipe", "pipe", "inherit"] });
  let buffer = Buffer.alloc(0);
  const waiting = new Map<number, (result: unknown) => void>();
  server.stdout.on("data", (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const head = buffer.indexOf("\r\n\r\n");
      if (head < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, head).toString())?.[1]);
      if (buffer.length < head + 4 + length) return;
      const message = JSON.parse(buffer.subarray(head + 4, head + 4 + length).toString()) as { id?: number; method?: string; result?: unknown };
      buffer = buffer.subarray(head + 4 + length);
      if (message.id !== undefined && message.method === undefined) waiting.get(message.id)?.(message.result);
      else if (message.id !== undefined && message.method !== undefined) send({ jsonrpc: "2.0", id: message.id, result: null }); // server → client requests
    }
  });
  const send = (message: object): void => {
    const body = JSON.stringify(message);
    server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  };
  let next = 1;
  const request = (method: string, params: object): Promise<unknown> =>
    new Promise((resolve) => {
      const id = next++;
      waiting.set(id, resolve);
      send({ jsonrpc: "2.0", id, method, params });
    });
  const uri = pathToFileURL(file).href;
  try {
    await request("initialize", { processId: process.pid, rootUri: pathToFileURL(path.dirname(file)).href, capabilities: { textDocument: { hover: { contentFormat: ["markdown", "plaintext"] } } } });
    send({ jsonrpc: "2.0", method: "initialized", params: {} });
    send({ jsonrpc: "2.0", method: "textDocument/didOpen", params: { textDocument: { uri, languageId: "typescript", version: 1, text: SOURCE } } });
    const hovers: string[] = [];
    for (const needle of needles) {
      const offset = at(needle);
      const before = SOURCE.slice(0, offset);
      const position = { line: before.split("\n").length - 1, character: offset - (before.lastIndexOf("\n") + 1) };
      const result = (await request("textDocument/hover", { textDocument: { uri }, position })) as { contents?: { value?: string } | string } | null;
      const contents = result?.contents;
      hovers.push(typeof contents === "string" ? contents : (contents?.value ?? ""));
    }
    await request("shutdown", {});
    send({ jsonrpc: "2.0", method: "exit" });
    return hovers;
  } finally {
    server.kill();
  }
}

describe("TypeScript 7 language server", () => {
  test("whm.listaccts, whm.createacct and a deprecated function show their docs", async () => {
    const [listaccts, createacct, deprecated] = await lspHovers(["whm.listaccts", "whm.createacct", "whm.get_ecommerce"]);
    expectDocs(listaccts!, "listaccts");
    expect(listaccts).toMatch(/WhmCallOptions<"backup" \|/);
    expectDocs(createacct!, "createacct");
    expect(createacct).toContain("CreateacctParams");
    expectDocs(deprecated!, "get_ecommerce");
  }, 60_000);
});
