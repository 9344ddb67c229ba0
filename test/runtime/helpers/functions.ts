/**
 * A handful of WHM functions, defined the way generated code defines them. Imported with
 * `import * as registry from "./helpers/functions.js"`, exactly as the generated client does.
 */
import { defineFunction } from "../../../templates/runtime/define.js";
import { bool, isRecord, list, num } from "../../../templates/runtime/decode.js";
import type { WhmFile } from "../../../templates/runtime/define.js";

export interface Account {
  user: string;
  domain: string;
  suspended: boolean;
  disklimit: number | "unlimited";
}

function decodeAccount(row: unknown): Account {
  if (isRecord(row)) {
    if ("suspended" in row) row["suspended"] = bool(row["suspended"]);
    if ("disklimit" in row) row["disklimit"] = num(row["disklimit"]);
  }
  return row as Account;
}

export const listaccts = defineFunction<{ search?: string; searchtype?: "domain" | "user" }, { acct: Account[] }>({
  name: "listaccts",
  method: "GET",
  body: "query",
  readOnly: true,
  params: { search: ["search", "s"], searchtype: ["searchtype", "s"] },
  decode: (data) => {
    if (isRecord(data)) list(data["acct"], decodeAccount);
    return data as { acct: Account[] };
  },
});

export const version = defineFunction<Record<string, never>, { version: string }>({
  name: "version",
  method: "GET",
  body: "query",
  readOnly: true,
});

export const createacct = defineFunction<
  { username: string; domain: string; password?: string; hasshell?: boolean; quota?: number | "unlimited" },
  { pkg: string; ip: string }
>({
  name: "createacct",
  method: "POST",
  body: "form",
  readOnly: false,
  params: {
    username: ["username", "s"],
    domain: ["domain", "s"],
    password: ["password", "s"],
    hasshell: ["hasshell", "s"],
    quota: ["quota", "s"],
  },
});

export const php_fpm_config_set = defineFunction<{ domain: string; config: Record<string, string> }, { applied: boolean }>({
  name: "php_fpm_config_set",
  method: "POST",
  body: "json",
  readOnly: false,
  decode: (data) => {
    if (isRecord(data)) data["applied"] = bool(data["applied"]);
    return data as { applied: boolean };
  },
});

export const upload_file = defineFunction<{ note: string; file: WhmFile }, { note: string; filename: string; size: number; content: string }>({
  name: "upload_file",
  method: "POST",
  body: "multipart",
  readOnly: false,
  params: { note: ["note", "s"], file: ["file", "file"] },
});

/** A read-only function that fails with 503 twice per `id`, then succeeds. */
export const flaky = defineFunction<{ id: string }, { attempts: number }>({
  name: "flaky",
  method: "GET",
  body: "query",
  readOnly: true,
  params: { id: ["id", "s"] },
});

/** Answers with 503 every time. */
export const unavailable = defineFunction<Record<string, never>, Record<string, never>>({
  name: "unavailable",
  method: "GET",
  body: "query",
  readOnly: true,
});

/** The same flaky server behaviour, but a function that changes things: never retried. */
export const flaky_write = defineFunction<{ id: string }, { attempts: number }>({
  name: "flaky",
  method: "POST",
  body: "form",
  readOnly: false,
  params: { id: ["id", "s"] },
});

/** Never answers. */
export const hang = defineFunction<Record<string, never>, Record<string, never>>({
  name: "hang",
  method: "GET",
  body: "query",
  readOnly: true,
});

/** Shadowed on the client by `whm.batch`: listed to prove the client's own method wins. */
export const batch = defineFunction<{ command: string[] }, unknown>({
  name: "batch",
  method: "POST",
  body: "form",
  readOnly: false,
  params: { command: ["command", "rep"] },
});
