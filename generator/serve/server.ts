/**
 * The HTTP(S) front of the WHM test double: `/json-api/FUNCTION` and `/cpsessNNNNNNNNNN/json-api/FUNCTION`
 * on one port, requests decoded (query string, form, JSON or multipart body) and handed to the engine,
 * its replies written back (or the connection dropped, or left hanging, when a fault says so).
 */
import * as http from "node:http";
import * as https from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { CPANELRESULT_DENIED, type FakeEngine } from "../../templates/testing/engine.js";
import type { FakePair, FakeUpload, FakeWireReply, FakeWireRequest } from "../../templates/testing/types.js";

export interface FakeServerOptions {
  engine: FakeEngine;
  host: string;
  port: number;
  /** When set, only `Authorization: whm USER:TOKEN` with these values gets in; others get WHM's 403. */
  token?: { user: string; token: string } | undefined;
  tls?: { key: string; cert: string } | undefined;
  /** One line per request (function, status, result); never parameters. */
  log?: ((line: string) => void) | undefined;
}

export interface FakeServer {
  /** `http://127.0.0.1:PORT` (or https). */
  url: string;
  port: number;
  close(): Promise<void>;
}

const MAX_BODY = 16 * 1024 * 1024;
const PATH = /^(?:\/cpsess\d+)?\/json-api\/([^/]+)\/?$/;
const NOT_FOUND = "<!DOCTYPE html>\n<html><head><title>404 Not Found</title></head><body>Not Found. WHM API 1 lives under /json-api/FUNCTION?api.version=1.</body></html>\n";

async function readBody(req: http.IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The body's fields and files, by content type. */
async function decodeBody(type: string, body: Buffer): Promise<Pick<FakeWireRequest, "form" | "json" | "files">> {
  if (!body.length) return {};
  if (type.startsWith("application/x-www-form-urlencoded")) return { form: [...new URLSearchParams(body.toString("utf8"))] };
  if (type.startsWith("application/json")) return { json: body.toString("utf8") };
  if (type.startsWith("multipart/form-data")) {
    const form = await new Request("http://local/", { method: "POST", headers: { "content-type": type }, body }).formData();
    const fields: FakePair[] = [];
    const files: [string, FakeUpload][] = [];
    for (const [name, value] of form) {
      if (typeof value === "string") fields.push([name, value]);
      else files.push([name, { name: value.name, size: value.size, type: value.type || "application/octet-stream" }]);
    }
    return { form: fields, files };
  }
  return {};
}

function authorized(req: http.IncomingMessage, token: FakeServerOptions["token"]): boolean {
  if (!token) return true;
  const header = req.headers.authorization ?? "";
  const match = /^whm\s+([^:\s]+):(\S+)\s*$/i.exec(header);
  return match !== null && match[1] === token.user && match[2] === token.token;
}

function resultOf(reply: FakeWireReply): string {
  if (reply.kind !== "answer") return reply.kind === "reset" ? "connection reset" : "no answer (timeout fault)";
  if (!reply.contentType.startsWith("application/json")) return `${reply.status} ${reply.contentType.split(";")[0]}`;
  try {
    const metadata = (JSON.parse(reply.body) as { metadata?: { result?: unknown } }).metadata;
    return metadata ? `${reply.status}, result ${String(metadata.result)}` : `${reply.status}`;
  } catch {
    return `${reply.status} (not JSON)`;
  }
}

/**
 * Starts the double as an HTTP(S) server.
 *
 * @example
 * const server = await startFakeServer({ engine: createFakeEngine(catalog), host: "127.0.0.1", port: 0 });
 * await fetch(`${server.url}/json-api/version?api.version=1`);
 * await server.close();
 */
export async function startFakeServer(options: FakeServerOptions): Promise<FakeServer> {
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const { engine, log } = options;

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const send = (status: number, type: string, body: string): void => {
      res.writeHead(status, { "Content-Type": type, "Content-Length": Buffer.byteLength(body) });
      res.end(body);
    };
    const url = new URL(req.url ?? "/", "http://localhost");
    const match = PATH.exec(url.pathname);
    const body = await readBody(req);
    if (!match) return send(404, "text/html; charset=utf-8", NOT_FOUND);
    if (body === undefined) return send(413, "text/plain; charset=utf-8", "Request body too large\n");
    let name: string;
    try {
      name = decodeURIComponent(match[1] ?? "");
    } catch {
      return send(404, "text/html; charset=utf-8", NOT_FOUND);
    }
    const method = req.method ?? "GET";
    if (!authorized(req, options.token)) {
      log?.(`${method} ${name} → 403 (credentials refused)`);
      return send(403, "application/json; charset=utf-8", CPANELRESULT_DENIED);
    }
    const wire: FakeWireRequest = { method, functionName: name, query: [...url.searchParams], ...(await decodeBody(String(req.headers["content-type"] ?? ""), body)) };
    const reply = await engine.handle(wire);
    log?.(`${method} ${name} → ${resultOf(reply)}`);
    const deliver = (): void => {
      if (reply.kind === "reset") req.socket.destroy();
      else if (reply.kind === "answer") send(reply.status, reply.contentType, reply.body);
      // "hang": nothing is written; the connection stays open until the client gives up or the server stops.
    };
    if (reply.delayMs <= 0) return deliver();
    const timer = setTimeout(() => {
      timers.delete(timer);
      deliver();
    }, reply.delayMs);
    timers.add(timer);
  }

  const listener = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    handle(req, res).catch((error: unknown) => {
      log?.(`internal error: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" }).end("Internal Server Error\n");
    });
  };
  const server = options.tls ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, listener) : http.createServer(listener);
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  // Clients that reject the self-signed certificate end the handshake; that is not the server's problem.
  server.on("tlsClientError", () => {});
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port, address } = server.address() as AddressInfo;
  const shown = address.includes(":") ? `[${address}]` : address;
  return {
    url: `${options.tls ? "https" : "http"}://${shown}:${port}`,
    port,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
