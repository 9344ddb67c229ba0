/**
 * A small in-memory server state, so the account family stays consistent: `createacct` adds a row
 * that `listaccts` and `accountsummary` show, `suspendacct`/`unsuspendacct` flip its flag,
 * `removeacct` takes it away. Rows are shaped by the catalog (fields the description does not
 * name are not invented), with the account's own values where a field is known.
 */
import { rngFor } from "./random.js";
import { ipv4, synthesizeField, whmDate, type SynthSettings } from "./synth.js";
import type { FakeShape } from "./types.js";

/** One cPanel account as the double keeps it. */
export interface FakeAccount {
  user: string;
  domain: string;
  /** Contact address. */
  email: string;
  /** Hosting plan (package). */
  plan: string;
  ip: string;
  owner: string;
  suspended: boolean;
  suspendreason: string;
  /** Unix seconds; 0 when not suspended. */
  suspendtime: number;
  /** Unix seconds. */
  startdate: number;
  shell: string;
  /** Disk quota as WHM writes it: "unlimited" or MiB with an M ("500M"). */
  disklimit: string;
  /** More fields for the rows, by wire name (override anything synthesised). */
  extra: Record<string, unknown>;
}

/** What `accounts` (and `fake.state.accounts.add`) take: at least a user name. */
export interface FakeAccountInput {
  user: string;
  /** Default `USER.example`. */
  domain?: string | undefined;
  email?: string | undefined;
  plan?: string | undefined;
  ip?: string | undefined;
  owner?: string | undefined;
  suspended?: boolean | 0 | 1 | "0" | "1" | undefined;
  suspendreason?: string | undefined;
  suspendtime?: number | undefined;
  startdate?: number | undefined;
  shell?: string | undefined;
  disklimit?: string | undefined;
  extra?: Record<string, unknown> | undefined;
  /** Any other row field, as WHM sends it (`maxpop: "unlimited"`, `uid: 1001`). */
  [field: string]: unknown;
}

const KNOWN = new Set(["user", "domain", "email", "plan", "ip", "owner", "suspended", "suspendreason", "suspendtime", "startdate", "shell", "disklimit", "extra"]);

/**
 * The accounts of the fake server, in creation order.
 *
 * @example
 * fake.state.accounts.add({ user: "bob", domain: "bob.example" });
 * fake.state.accounts.get("bob")?.suspended; // false
 */
export class FakeAccounts {
  readonly #rows = new Map<string, FakeAccount>();

  constructor(private readonly settings: SynthSettings) {}

  /** Every account, in creation order. */
  list(): FakeAccount[] {
    return [...this.#rows.values()];
  }

  get(user: string): FakeAccount | undefined {
    return this.#rows.get(user);
  }

  byDomain(domain: string): FakeAccount | undefined {
    const d = domain.toLowerCase();
    return this.list().find((a) => a.domain.toLowerCase() === d);
  }

  /** Adds an account; throws a TypeError when the user name or domain is taken. */
  add(input: FakeAccountInput): FakeAccount {
    if (this.#rows.has(input.user)) throw new TypeError(`the account ${JSON.stringify(input.user)} exists already`);
    const rng = rngFor(this.settings.seed, "account", input.user);
    const domain = input.domain ?? `${input.user}.example`;
    if (this.byDomain(domain)) throw new TypeError(`the domain ${JSON.stringify(domain)} belongs to another account`);
    const suspended = input.suspended === true || input.suspended === 1 || input.suspended === "1";
    const extra: Record<string, unknown> = { ...(input.extra ?? {}) };
    for (const [k, v] of Object.entries(input)) if (!KNOWN.has(k) && v !== undefined) extra[k] = v;
    const account: FakeAccount = {
      user: input.user,
      domain,
      email: input.email ?? `${input.user}@${domain}`,
      plan: input.plan ?? "default",
      ip: input.ip ?? ipv4(rng),
      owner: input.owner ?? "root",
      suspended,
      suspendreason: input.suspendreason ?? (suspended ? "Suspended by whmgen's test double" : "not suspended"),
      suspendtime: input.suspendtime ?? (suspended ? this.settings.now : 0),
      startdate: input.startdate ?? this.settings.now - rng.int(0, 365 * 86_400),
      shell: input.shell ?? "/usr/local/cpanel/bin/noshell",
      disklimit: input.disklimit ?? "unlimited",
      extra,
    };
    this.#rows.set(account.user, account);
    return account;
  }

  /** Removes an account; false when there was none. */
  remove(user: string): boolean {
    return this.#rows.delete(user);
  }

  suspend(user: string, reason: string): FakeAccount | undefined {
    const account = this.#rows.get(user);
    if (account) Object.assign(account, { suspended: true, suspendreason: reason, suspendtime: this.settings.now });
    return account;
  }

  unsuspend(user: string): FakeAccount | undefined {
    const account = this.#rows.get(user);
    if (account) Object.assign(account, { suspended: false, suspendreason: "not suspended", suspendtime: 0 });
    return account;
  }

  /** The default accounts: `user001`, `user002`, … on `user001.example`, … */
  seed(count: number): void {
    const width = Math.max(3, String(count).length);
    for (let i = 1; i <= count; i++) {
      const user = `user${String(i).padStart(width, "0")}`;
      if (!this.#rows.has(user)) this.add({ user });
    }
  }
}

/** The value of a known row field for `account`, or undefined. */
function knownField(account: FakeAccount, field: string): unknown {
  switch (field) {
    case "user":
      return account.user;
    case "domain":
      return account.domain;
    case "email":
    case "contactemail":
      return account.email;
    case "plan":
    case "package":
    case "pkg":
      return account.plan;
    case "ip":
      return account.ip;
    case "owner":
      return account.owner;
    case "suspended":
      return account.suspended ? 1 : 0;
    case "suspendreason":
      return account.suspendreason;
    case "suspendtime":
      return account.suspendtime;
    case "unix_startdate":
      return account.startdate;
    case "startdate":
      return whmDate(account.startdate);
    case "shell":
      return account.shell;
    case "disklimit":
      return account.disklimit;
    case "partition":
      return "home";
    default:
      return undefined;
  }
}

function fits(value: unknown, shape: FakeShape): boolean {
  switch (shape.kind) {
    case "string":
      return typeof value === "string";
    case "integer":
    case "number":
      return typeof value === "number" || (typeof value === "string" && value !== "" && !Number.isNaN(Number(value)));
    case "bool01":
      return value === 0 || value === 1;
    case "literal":
      return shape.values.some((v) => String(v) === String(value));
    case "union":
      return shape.members.some((m) => fits(value, m));
    case "unknown":
      return true;
    default:
      return false;
  }
}

/** How {@link accountRow} builds a row. */
export interface AccountRowOptions {
  /** Add `user` and `domain` when the shape names neither (default true). */
  identity?: boolean | undefined;
  /** Add the account's `extra` fields (default true). */
  extra?: boolean | undefined;
  /** Values for particular fields, before the account's own (listsuspended's `time`, `reason`). */
  fields?: Readonly<Record<string, unknown>> | undefined;
}

/**
 * One row for `account`, shaped by `row` (an object shape): every documented field, from the
 * account where known and it fits the field's type, else synthesised; then the account's `extra`.
 * A shape that names neither `user` nor `domain` (or no shape) still gets both.
 */
export function accountRow(account: FakeAccount, row: FakeShape | undefined, settings: SynthSettings, options: AccountRowOptions = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const properties = row?.kind === "object" ? row.properties : [];
  const root = `account:${account.user}`;
  for (const p of properties) {
    const given = options.fields?.[p.name];
    const known = given !== undefined ? given : knownField(account, p.name);
    out[p.name] = known !== undefined && fits(known, p.shape) ? known : synthesizeField(p.shape, p.name, root, settings);
  }
  const named = properties.some((p) => p.name === "user" || p.name === "domain");
  const identity = options.identity !== false && !named ? { user: account.user, domain: account.domain } : {};
  return { ...identity, ...out, ...(options.extra === false ? {} : account.extra) };
}
