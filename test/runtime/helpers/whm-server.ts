/**
 * A small WHM API 1 server on 127.0.0.1 for end-to-end tests: real HTTPS (or plain HTTP), real
 * envelopes, the auth schemes, and every failure shape the runtime must understand. It records
 * each request so tests can check method, URL, headers and body.
 */
import * as http from "node:http";
import * as https from "node:https";
import type { AddressInfo, Socket } from "node:net";

export const SESSION_TOKEN = "/cpsess0123456789";
export const SESSION_COOKIE = "whostmgrsession=SeSsIoN%3Acookie-value";
const SESSION_TICKET = "root:ticket-0123";

export interface WhmServerOptions {
  tls?: { key: string; cert: string };
  user: string;
  token: string;
  password: string;
  /** The access hash as the server knows it (one line). */
  hash: string;
  accounts?: number;
  /**
   * Extra functions answered by hand, for fault injection: the handler gets the raw response
   * (after auth and the api.version check) and may write anything, or break the connection.
   */
  custom?: Record<string, CustomHandler> | undefined;
  /** Server-side keep-alive timeout in ms (default 5 000). */
  keepAliveTimeout?: number | undefined;
}

export type CustomHandler = (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => void;

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
  rawUrl: string;
  /** The client's port: requests with the same one came over the same connection. */
  remotePort: number | undefined;
}

export interface WhmTestServer {
  port: number;
  requests: RecordedRequest[];
  /** TCP connections accepted so far (keep-alive check). */
  connections(): number;
  /** TCP connections open right now (leak check). */
  openConnections(): number;
  close(): Promise<void>;
}

interface Reply {
  status?: number;
  type?: string;
  body: string;
  headers?: Record<string, string | string[]>;
}

type Params = Map<string, string[]>;

function envelope(command: string, data: unknown, meta: Record<string, unknown> = {}): Reply {
  const metadata = { command, reason: "OK", result: 1, version: 1, ...meta };
  return { body: JSON.stringify(data === undefined ? { metadata } : { data, metadata }) };
}

function failure(command: string, reason: string, data?: unknown): Reply {
  return envelope(command, data, { result: 0, reason });
}

const first = (params: Params, name: string): string | undefined => params.get(name)?.[0];

function toParams(search: URLSearchParams): Params {
  const params: Params = new Map();
  for (const [k, v] of search) params.set(k, [...(params.get(k) ?? []), v]);
  return params;
}

function makeAccounts(n: number): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, i) => {
    const id = String(i + 1).padStart(5, "0");
    return { user: `user${id}`, domain: `user${id}.example`, suspended: i % 7 === 0 ? "1" : "0", disklimit: i % 2 ? "unlimited" : "1024" };
  });
}

const CPANELRESULT_DENIED = JSON.stringify({
  cpanelresult: { apiversion: "2", error: "Access denied", data: { reason: "Access denied", result: "0" }, type: "text" },
});

export async function startWhmServer(options: WhmServerOptions): Promise<WhmTestServer> {
  const accounts = makeAccounts(options.accounts ?? 10_000);
  const requests: RecordedRequest[] = [];
  const flakyCounts = new Map<string, number>();
  const sockets = new Set<Socket>();
  /** Connections whose next request is dropped unanswered (`answer_then_drop_next`). */
  const dropNext = new WeakSet<Socket>();
  let connections = 0;

  function authorized(req: http.IncomingMessage, sessionPrefix: string | undefined): boolean {
    if (sessionPrefix !== undefined) return sessionPrefix === SESSION_TOKEN && req.headers.cookie === SESSION_COOKIE;
    const header = req.headers.authorization ?? "";
    const basic = `Basic ${Buffer.from(`${options.user}:${options.password}`).toString("base64")}`;
    return header === `whm ${options.user}:${options.token}` || header === `whm ${options.user}:${options.hash}` || header === basic;
  }

  function listaccts(params: Params): Reply {
    let rows = accounts.map((row) => ({ ...row }));
    const search = first(params, "search");
    if (search) rows = rows.filter((row) => String(row["user"]).includes(search));
    if (first(params, "api.filter.enable") === "1") {
      const field = first(params, "api.filter.a.field") ?? "";
      const arg = first(params, "api.filter.a.arg0") ?? "";
      const type = first(params, "api.filter.a.type") ?? "contains";
      rows = rows.filter((row) => (type === "eq" ? String(row[field]) === arg : String(row[field]).includes(arg)));
    }
    if (first(params, "api.sort.enable") === "1" && first(params, "api.sort.a.reverse") === "1") rows.reverse();
    if (first(params, "api.columns.enable") === "1") {
      const columns = [...params].filter(([k]) => /^api\.columns\.[a-z]+$/.test(k)).map(([, v]) => v[0] ?? "");
      rows = rows.map((row) => Object.fromEntries(columns.map((c) => [c, row[c]])));
    }
    const meta: Record<string, unknown> = {};
    if (first(params, "api.chunk.enable") === "1") {
      const start = Number(first(params, "api.chunk.start") ?? 1);
      const size = Number(first(params, "api.chunk.size") ?? 20);
      meta["chunk"] = { start: String(start), size: String(size), records: String(rows.length), current: String(Math.ceil(start / size)) };
      rows = rows.slice(start - 1, start - 1 + size);
    }
    return envelope("listaccts", { acct: rows }, meta);
  }

  function functions(fn: string, params: Params, req: RecordedRequest, form: FormData | undefined): Reply | "hang" | "reset" {
    switch (fn) {
      case "version":
        return envelope("version", { version: "11.137.0.1" });
      case "listaccts":
        return listaccts(params);
      case "createacct": {
        if (req.method !== "POST" || !String(req.headers["content-type"]).startsWith("application/x-www-form-urlencoded")) {
          return failure(fn, `expected a form POST, got ${req.method} ${String(req.headers["content-type"])}`);
        }
        const user = first(params, "username");
        if (user === "taken") return failure(fn, "Sorry, a user with that name already exists.");
        if (first(params, "hasshell") !== "1" && first(params, "hasshell") !== "0") return failure(fn, "hasshell must be 1 or 0");
        return envelope(fn, { pkg: "default", ip: "192.0.2.10" }, {
          reason: "Account Creation Ok",
          output: { raw: "…", warnings: ["The system could not set the account's nameservers."] },
        });
      }
      case "php_fpm_config_set": {
        if (req.headers["content-type"] !== "application/json") return failure(fn, "expected JSON");
        const body = JSON.parse(req.body) as { domain?: string };
        return envelope(fn, { applied: body.domain ? "1" : "0", echo: body });
      }
      case "upload_file": {
        const file = form?.get("file");
        if (!(file instanceof Blob)) return failure(fn, "no file part");
        return envelope(fn, { note: form?.get("note"), filename: (file as File).name, size: file.size, content: "see-size" });
      }
      case "create_user_session": {
        if (!String(req.headers.authorization).startsWith("Basic ")) return failure(fn, "this test server wants basic auth here");
        return envelope(fn, {
          cp_security_token: SESSION_TOKEN,
          expires: 1401993893,
          session: SESSION_TICKET,
          // The server's own host name, which need not resolve from the client.
          url: `https://server.example.invalid:2087${SESSION_TOKEN}/login/?session=${encodeURIComponent(SESSION_TICKET)}`,
          service: first(params, "service"),
        });
      }
      case "flaky": {
        const id = first(params, "id") ?? "";
        const count = (flakyCounts.get(id) ?? 0) + 1;
        flakyCounts.set(id, count);
        if (count <= 2) return { status: 503, type: "text/plain", body: "Service Unavailable" };
        return envelope(fn, { attempts: count });
      }
      case "unavailable":
        return { status: 503, type: "text/plain", body: "Service Unavailable" };
      case "echo":
        return envelope(fn, { method: req.method, params: Object.fromEntries([...params].map(([k, v]) => [k, v.length > 1 ? v : v[0]])) });
      case "fail_api":
        return failure(fn, "Something went wrong.");
      case "fail_data_reason":
        return failure(fn, "", { reason: "The reason is in data." });
      case "fail_denied":
        return failure(fn, "Access denied");
      case "fail_403":
        return { status: 403, body: CPANELRESULT_DENIED };
      case "fail_200_cpanelresult":
        return { status: 200, body: CPANELRESULT_DENIED };
      case "fail_401":
        return { status: 401, type: "text/plain", body: "" };
      case "fail_html":
        return { status: 200, type: "text/html", body: "<!DOCTYPE html><html><head><title>WHM Login</title></head><body>Log in</body></html>" };
      case "fail_proxy":
        return { status: 502, type: "text/html", body: "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>" };
      case "fail_500":
        return { status: 500, type: "text/plain", body: "Internal Server Error" };
      case "fail_404_json":
        return { status: 404, body: JSON.stringify({ reason: "Unknown function" }) };
      case "fail_truncated":
        return { body: '{"data":{"acct":[{"user":"bob","domain":"bo' };
      case "fail_envelope":
        return { body: JSON.stringify({ status: 1, statusmsg: "looks like API 0" }) };
      case "fail_result_string":
        return { body: JSON.stringify({ metadata: { command: fn, result: "yes", version: 1 } }) };
      case "fail_empty":
        return { body: "" };
      case "hang":
        return "hang";
      case "fail_reset":
        return "reset";
      default:
        return failure(fn, `Unknown app (“${fn}”) requested for this version (1) of the API.`);
    }
  }

  function batch(params: Params, recorded: RecordedRequest): Reply {
    const abort = first(params, "abort_on_error") === "1";
    const results: unknown[] = [];
    let failed = false;
    for (const command of params.get("command") ?? []) {
      const [fn = "", query = ""] = command.split(/\?(.*)/s);
      // Each command runs as if it were its own form POST.
      const inner = { ...recorded, headers: { ...recorded.headers, "content-type": "application/x-www-form-urlencoded" }, body: query };
      const reply = functions(fn, toParams(new URLSearchParams(query)), inner, undefined);
      const answer = typeof reply === "string" ? { metadata: { command: fn, result: 0, reason: "not in batch" } } : (JSON.parse(reply.body) as { metadata: { result: number } });
      results.push(answer);
      if (answer.metadata.result !== 1) failed = true;
      if (failed && abort) break;
    }
    const meta = failed && abort ? { result: 0, reason: "A batch command failed; the rest were not run." } : {};
    return envelope("batch", { result: results }, meta);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? "/", "https://127.0.0.1");
    const recorded: RecordedRequest = { method: req.method ?? "", path: url.pathname, query: url.searchParams, headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), rawUrl: req.url ?? "", remotePort: req.socket.remotePort };
    requests.push(recorded);
    // The keep-alive race, made certain: the server closed this connection just as the client
    // reused it for a new request. The request arrives (and is recorded); no answer ever comes.
    if (dropNext.has(req.socket)) {
      dropNext.delete(req.socket);
      return void req.socket.destroy();
    }
    const send = (reply: Reply): void => {
      res.writeHead(reply.status ?? 200, { "Content-Type": reply.type ?? "application/json", ...reply.headers });
      res.end(reply.body);
    };

    const login = /^(\/cpsess\d+)\/login\/$/.exec(url.pathname);
    if (login) {
      if (login[1] !== SESSION_TOKEN || url.searchParams.get("session") !== SESSION_TICKET) return send({ status: 401, type: "text/html", body: "<html><title>Login</title></html>" });
      return send({ status: 302, type: "text/html", body: "<html>Redirecting</html>", headers: { Location: `${SESSION_TOKEN}/`, "Set-Cookie": [`${SESSION_COOKIE}; HttpOnly; Secure; path=/`, "timezone=; path=/"] } });
    }
    const match = /^(\/cpsess\d+)?\/json-api\/([^/]+)$/.exec(url.pathname);
    if (!match) return send({ status: 404, type: "text/html", body: "<html><title>Not Found</title></html>" });
    const fn = decodeURIComponent(match[2] ?? "");
    if (!authorized(req, match[1])) return send({ status: 403, body: CPANELRESULT_DENIED });
    // Without api.version=1 the real server answers as WHM API 0; this one refuses outright.
    if (url.searchParams.get("api.version") !== "1") return send({ status: 400, type: "text/plain", body: "api.version=1 missing" });

    let form: FormData | undefined;
    const params = toParams(url.searchParams);
    const type = String(req.headers["content-type"] ?? "");
    if (type.startsWith("application/x-www-form-urlencoded")) for (const [k, v] of toParams(new URLSearchParams(recorded.body))) params.set(k, [...(params.get(k) ?? []), ...v]);
    if (type.startsWith("multipart/form-data")) {
      form = await new Request("http://local/", { method: "POST", headers: { "content-type": type }, body: Buffer.concat(chunks) }).formData();
      for (const [k, v] of form) if (typeof v === "string") params.set(k, [...(params.get(k) ?? []), v]);
    }

    if (fn === "answer_then_drop_next") {
      dropNext.add(req.socket);
      return send(envelope(fn, { ok: 1 }));
    }
    const custom = options.custom && Object.prototype.hasOwnProperty.call(options.custom, fn) ? options.custom[fn] : undefined;
    if (custom) return custom(req, res, Buffer.concat(chunks));
    const reply = fn === "batch" ? batch(params, recorded) : functions(fn, params, recorded, form);
    if (reply === "hang") return;
    if (reply === "reset") return void req.socket.destroy();
    send(reply);
  }

  const listener = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end("test server error");
    });
  };
  const server = options.tls ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, listener) : http.createServer(listener);
  server.keepAliveTimeout = options.keepAliveTimeout ?? 5_000;
  server.on("connection", (socket: Socket) => {
    connections++;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  // TLS handshake failures (a client that rejects the certificate) are expected here.
  server.on("tlsClientError", () => {});
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    port,
    requests,
    connections: () => connections,
    openConnections: () => sockets.size,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
