/**
 * The account family, answered from the double's state instead of synthesised: createacct,
 * removeacct, listaccts, accountsummary, suspendacct, unsuspendacct, listsuspended and
 * verify_new_username. The rows keep the shapes the catalog describes.
 *
 * Wording of failures: "Sorry, a user with that name already exists." is what the project's
 * hand-written test server answers too; the others are whmgen's own, clear about what is wrong.
 */
import { accountRow, type FakeAccount, type FakeAccounts } from "./accounts.js";
import { synthesize, whmDate, type SynthSettings } from "./synth.js";
import type { FakeFunction, FakeShape } from "./types.js";
import { missingReason } from "./validate.js";

export type FamilyAnswer = { ok: true; data: unknown; reason?: string } | { ok: false; reason: string };

export type FamilyFunction = (
  params: Readonly<Record<string, unknown>>,
  fn: FakeFunction,
  accounts: FakeAccounts,
  settings: SynthSettings,
) => FamilyAnswer;

const USERNAME = /^[a-z][a-z0-9]{0,15}$/;

const fail = (reason: string): FamilyAnswer => ({ ok: false, reason });

export function notFound(user: string): string {
  return `The account “${user}” does not exist.`;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : typeof value === "number" ? String(value) : undefined;
}

/** The first field of an object shape that holds a list, and the list's item shape. */
function listField(shape: FakeShape | null | undefined): { name: string; item: FakeShape | undefined } | undefined {
  if (shape?.kind !== "object") return undefined;
  const p = shape.properties.find((q) => q.shape.kind === "array");
  return p && p.shape.kind === "array" ? { name: p.name, item: p.shape.items } : undefined;
}

/** The first field of an object shape that holds one object (`acct-summary`). */
function objectField(shape: FakeShape | null | undefined): { name: string; item: FakeShape } | undefined {
  if (shape?.kind !== "object") return undefined;
  const p = shape.properties.find((q) => q.shape.kind === "object");
  return p ? { name: p.name, item: p.shape } : undefined;
}

/** Synthesised data of `fn` (undefined when it documents none). */
function plainData(fn: FakeFunction, params: Readonly<Record<string, unknown>>, settings: SynthSettings): unknown {
  return fn.data ? synthesize(fn.data, fn.name, { ...settings, echo: params }) : undefined;
}

/** A 0/1 flag as decoded (true) or as sent, when the description does not type it ("1"). */
function on(value: unknown): boolean {
  return value === true || value === 1 || value === "1";
}

function disklimit(quota: unknown): string | undefined {
  if (quota === null || quota === 0 || quota === "0" || quota === "" || quota === "unlimited") return "unlimited";
  const n = typeof quota === "number" ? quota : typeof quota === "string" && /^\d+$/.test(quota) ? Number(quota) : undefined;
  return n === undefined ? undefined : `${n}M`;
}

const createacct: FamilyFunction = (params, fn, accounts, settings) => {
  const user = text(params["username"]);
  if (user === undefined) return fail(missingReason("username"));
  // Without a domain, WHM gives the account a temporary one (cPanel's createacct documentation).
  const domain = text(params["domain"]) ?? `${user}.temporary.example`;
  if (!USERNAME.test(user)) return fail(`“${user}” is not a valid username: use 1 to 16 lowercase letters and digits, starting with a letter.`);
  if (accounts.get(user)) return fail("Sorry, a user with that name already exists.");
  if (accounts.byDomain(domain)) return fail(`The domain “${domain}” already exists on this server.`);
  const account = accounts.add({
    user,
    domain,
    ...(text(params["contactemail"]) ? { email: text(params["contactemail"]) } : {}),
    ...(text(params["plan"]) ? { plan: text(params["plan"]) } : {}),
    ...(text(params["owner"]) ? { owner: text(params["owner"]) } : {}),
    ...(text(params["customip"]) ? { ip: text(params["customip"]) } : {}),
    ...(on(params["hasshell"]) ? { shell: "/bin/bash" } : {}),
    ...(disklimit(params["quota"]) ? { disklimit: disklimit(params["quota"]) } : {}),
  });
  const data = fn.data?.kind === "object" && fn.data.properties.length
    ? accountRow(account, fn.data, settings, { identity: false, extra: false })
    : plainData(fn, params, settings);
  return { ok: true, data, reason: "Account Creation Ok" };
};

function accountNamed(params: Readonly<Record<string, unknown>>, accounts: FakeAccounts, ...names: string[]): { account: FakeAccount } | { reason: string } {
  const user = names.map((n) => text(params[n])).find((v) => v !== undefined);
  if (user === undefined) return { reason: missingReason(names[0] ?? "user") };
  const account = accounts.get(user);
  return account ? { account } : { reason: notFound(user) };
}

const removeacct: FamilyFunction = (params, fn, accounts, settings) => {
  const found = accountNamed(params, accounts, "username", "user");
  if ("reason" in found) return fail(found.reason);
  accounts.remove(found.account.user);
  return { ok: true, data: plainData(fn, params, settings) };
};

const suspendacct: FamilyFunction = (params, fn, accounts, settings) => {
  const found = accountNamed(params, accounts, "user");
  if ("reason" in found) return fail(found.reason);
  accounts.suspend(found.account.user, text(params["reason"]) ?? "Unknown");
  return { ok: true, data: plainData(fn, params, settings) };
};

const unsuspendacct: FamilyFunction = (params, fn, accounts, settings) => {
  const found = accountNamed(params, accounts, "user");
  if ("reason" in found) return fail(found.reason);
  accounts.unsuspend(found.account.user);
  return { ok: true, data: plainData(fn, params, settings) };
};

function searchMatches(account: FakeAccount, params: Readonly<Record<string, unknown>>): boolean {
  const search = text(params["search"]);
  if (search === undefined) return true;
  const type = text(params["searchtype"]) ?? "user";
  const value = type === "domain" ? account.domain : type === "owner" ? account.owner : type === "ip" ? account.ip : type === "package" ? account.plan : account.user;
  if (params["searchmethod"] === "exact") return value === search;
  try {
    return new RegExp(search, "i").test(value);
  } catch {
    return value.toLowerCase().includes(search.toLowerCase());
  }
}

const listaccts: FamilyFunction = (params, fn, accounts, settings) => {
  const list = listField(fn.data);
  const want = text(params["want"])?.split(",").map((w) => w.trim()).filter(Boolean);
  const rows = accounts.list().filter((a) => searchMatches(a, params)).map((a) => {
    const row = accountRow(a, list?.item, settings);
    return want?.length ? Object.fromEntries(Object.entries(row).filter(([k]) => want.includes(k))) : row;
  });
  return { ok: true, data: { [list?.name ?? "acct"]: rows } };
};

const accountsummary: FamilyFunction = (params, fn, accounts, settings) => {
  const user = text(params["user"]);
  const domain = text(params["domain"]);
  if (user === undefined && domain === undefined) return fail("Provide the “user” or the “domain” parameter.");
  const account = user !== undefined ? accounts.get(user) : accounts.byDomain(domain ?? "");
  if (!account) return fail(notFound(user ?? domain ?? ""));
  const list = listField(fn.data);
  if (list) return { ok: true, data: { [list.name]: [accountRow(account, list.item, settings)] } };
  const one = objectField(fn.data);
  if (one) return { ok: true, data: { [one.name]: accountRow(account, one.item, settings) } };
  return { ok: true, data: { acct: [accountRow(account, undefined, settings)] } };
};

const listsuspended: FamilyFunction = (_params, fn, accounts, settings) => {
  const list = listField(fn.data);
  const rows = accounts.list().filter((a) => a.suspended).map((a) =>
    accountRow(a, list?.item, settings, { fields: { reason: a.suspendreason, time: whmDate(a.suspendtime), unixtime: a.suspendtime } }),
  );
  return { ok: true, data: { [list?.name ?? "account"]: rows } };
};

const verify_new_username: FamilyFunction = (params, fn, accounts, settings) => {
  const user = text(params["user"]);
  if (user === undefined) return fail(missingReason("user"));
  if (!USERNAME.test(user)) return fail(`“${user}” is not a valid username: use 1 to 16 lowercase letters and digits, starting with a letter.`);
  if (accounts.get(user)) return fail(`The username “${user}” is already in use.`);
  return { ok: true, data: plainData(fn, params, settings) };
};

/** The functions answered from state, by WHM name. */
export const ACCOUNT_FUNCTIONS: ReadonlyMap<string, FamilyFunction> = new Map([
  ["accountsummary", accountsummary],
  ["createacct", createacct],
  ["listaccts", listaccts],
  ["listsuspended", listsuspended],
  ["removeacct", removeacct],
  ["suspendacct", suspendacct],
  ["unsuspendacct", unsuspendacct],
  ["verify_new_username", verify_new_username],
]);
