/**
 * Turning what came back (status, content type, text) into parsed JSON or a typed error.
 * Shared by the HTTPS and `whmapi1` transports, so the same body means the same error on both.
 *
 * Shapes seen in the field:
 * - HTTP 403 with a cPanel-API-2-shaped body:
 *   `{"cpanelresult":{"error":"Access denied","data":{"reason":"Access denied","result":"0"}}}`;
 * - an HTML login page under 200 (wrong port, expired session), or a proxy's HTML error page;
 * - truncated or malformed JSON on old builds.
 */
import { isRecord } from "./decode.js";
import { whmError } from "./errors.js";
import type { WhmTransportResult } from "./transport.js";

/** What an HTTP exchange produced, before interpretation. */
export interface RawAnswer {
  status?: number;
  contentType?: string;
  text: string;
}

const NOT_PARSED: unique symbol = Symbol("not parsed");

function parseJson(text: string): unknown {
  const start = text.trimStart()[0];
  if (start !== "{" && start !== "[") return NOT_PARSED;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return NOT_PARSED;
  }
}


function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() ? value.trim() : undefined;
}

/**
 * The reason in an older `cpanelresult` failure body (`data.reason`, else `error`), or undefined
 * when `json` is not one. WHM answers refused credentials this way, usually under HTTP 403.
 * A `cpanelresult` without `error` or `data.result: 0` is not a failure (the `cpanel` function
 * answers cPanel API 2 calls in that shape) and is left alone.
 */
export function cpanelResultReason(json: unknown): string | undefined {
  if (!isRecord(json) || !isRecord(json["cpanelresult"])) return undefined;
  const result = json["cpanelresult"];
  const data = isRecord(result["data"]) ? result["data"] : {};
  const failed = text(result["error"]) !== undefined || data["result"] === "0" || data["result"] === 0;
  return failed ? (text(data["reason"]) ?? text(result["error"]) ?? "Access denied") : undefined;
}

/** A reason from any JSON body: `cpanelresult`, a WHM envelope, or a bare `{ reason }`. */
function anyReason(json: unknown): string | undefined {
  if (!isRecord(json)) return undefined;
  const metadata = isRecord(json["metadata"]) ? json["metadata"] : undefined;
  const data = isRecord(json["data"]) ? json["data"] : undefined;
  return cpanelResultReason(json) ?? text(metadata?.["reason"]) ?? text(data?.["reason"]) ?? text(json["reason"]) ?? text(json["error"]);
}

function looksLikeHtml(answer: RawAnswer): boolean {
  return /html/i.test(answer.contentType ?? "") || /^\s*</.test(answer.text);
}

function htmlTitle(html: string): string | undefined {
  const match = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html);
  const title = match?.[1]?.replace(/\s+/g, " ").trim();
  return title ? title.slice(0, 80) : undefined;
}

/**
 * Classifies an answer. Order matters: refused credentials first (whatever the body), then pages
 * that are not JSON (under any status), then other statuses, then bodies that do not parse.
 * An envelope with `metadata.result` 0 is *not* an error here: the client decodes it.
 */
export function classifyAnswer(functionName: string, answer: RawAnswer): WhmTransportResult {
  const { status, contentType } = answer;
  const json = parseJson(answer.text);
  const parsed = json !== NOT_PARSED;
  if (status === 401 || status === 403) {
    return { ok: false, error: whmError({ kind: "auth", functionName, status, reason: parsed ? anyReason(json) : undefined }) };
  }
  if (parsed && cpanelResultReason(json) !== undefined && !isRecord((json as Record<string, unknown>)["metadata"])) {
    return { ok: false, error: whmError({ kind: "auth", functionName, status, reason: cpanelResultReason(json) }) };
  }
  if (!parsed && looksLikeHtml(answer)) {
    return { ok: false, error: whmError({ kind: "not-json", functionName, status, contentType: contentType ?? "text/html", title: htmlTitle(answer.text) }) };
  }
  if (status !== undefined && (status < 200 || status > 299)) {
    return { ok: false, error: whmError({ kind: "http", functionName, status, reason: parsed ? anyReason(json) : undefined }) };
  }
  if (parsed) return { ok: true, json };
  if (answer.text.trim() === "") {
    return { ok: false, error: whmError({ kind: "malformed", functionName, status, detail: "the answer is empty" }) };
  }
  if (/^\s*[{[]/.test(answer.text)) {
    // The parser's own message is left out: recent V8 quotes the text in it.
    const detail = `the answer is not valid JSON (truncated?): ${answer.text.length} characters`;
    return { ok: false, error: whmError({ kind: "malformed", functionName, status, detail }) };
  }
  return { ok: false, error: whmError({ kind: "not-json", functionName, status, contentType: contentType || "text" }) };
}
