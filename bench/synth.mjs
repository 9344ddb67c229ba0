/**
 * Deterministic synthesiser of WHM-shaped OpenAPI documents, in the form of cPanel's published
 * `whm.openapi.yaml` (docs/specs-format.md, test/fixtures/quirks): one path `/FUNCTION` per
 * function with a `get`, operationIds `Module-function`, tags plus `x-tagGroups`, about two
 * parameters per function (half of them 0/1 flags), unions with `enum: [null]` and "unlimited",
 * y/n flags, `examples` maps, nested response objects and arrays, a `listaccts` among them,
 * and long descriptions (cPanel's document is mostly prose: 625 functions ≈ 1.9 MB).
 *
 * Everything comes from a seeded PRNG (sfc32), never Math.random: the same seed and size give
 * the same bytes on every machine.
 */

/** sfc32, seeded through splitmix32: small, fast and good enough for synthetic data. */
export function prng(seed) {
  let s = seed >>> 0;
  const split = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split(), b = split(), c = split(), d = split();
  const next = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  const r = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
  };
  for (let i = 0; i < 16; i++) next();
  return r;
}

// ---------------------------------------------------------------- vocabulary

const WORDS = (
  "the account server domain user reseller package quota bandwidth disk limit mail email address zone record " +
  "certificate key token session backup restore transfer queue service daemon process setting value option " +
  "function parameter request response system interface feature list entry host hostname nameserver cluster " +
  "database password shell owner plan theme partition directory file path log report status state result " +
  "returns specifies determines whether which when this that for with from into only each every any all " +
  "must may should cannot will does not also then otherwise default current new existing previous enabled " +
  "disabled active inactive valid invalid local remote primary secondary additional maximum minimum number " +
  "string integer boolean method call output input format version update create delete modify remove add " +
  "suspend unsuspend lock unlock verify check apply reset reload restart configure assign allow deny " +
  "cpanel whm api administrator root privileges access permission feature-list tweak provider module"
).split(" ");

const VERBS = ["list", "get", "set", "create", "remove", "delete", "update", "enable", "disable", "add", "edit", "modify", "check", "verify", "fetch", "reset", "restore", "start", "stop", "restart", "suspend", "unsuspend", "lock", "unlock", "install", "uninstall", "generate", "import", "export", "validate"];
const NOUNS = ["acct", "accts", "account", "pkg", "zone", "zone_record", "dnssec_key", "ssl_cert", "ssl_key", "token", "api_token", "session", "backup", "backup_destination", "transfer", "service", "service_config", "tweaksetting", "reseller", "reseller_acl", "acl", "feature", "featurelist", "ip", "ipv6_range", "nameserver", "cluster_server", "mysql_user", "mysql_db", "postgres_user", "email_account", "forwarder", "mailbox", "quota", "bandwidth", "disk_usage", "hostname", "resolver", "cphulk_record", "brute", "license", "update_config", "locale", "theme", "php_version", "php_handler", "ea_profile", "cron", "log", "report", "plugin", "hook", "user_session", "password", "shell", "owner", "parked_domain", "addon_domain", "subdomain", "autossl_provider", "dcv_record", "spf_record", "dkim_key", "mx_record", "remote_mysql", "security_token", "security_policy", "module", "node", "linked_node", "queue", "spam_filter", "greylist", "blocklist", "allowlist", "cors_origin", "cache", "counter"];
const MODULES = ["Accounts", "Sys", "ACLS", "DNS", "PHP", "SSL", "Backup", "Cluster", "Packages", "Resellers", "Tokens", "Mail", "MySQL", "Services", "Locale", "Cphulk", "Plugins", "Hooks", "Transfers", "Stats"];
const AREAS = ["Account", "Server", "DNS", "SSL", "Backup", "Reseller", "Package", "Mail", "Database", "Service", "Security", "Cluster", "PHP", "Locale", "Plugin", "Transfer", "Stats", "Theme", "IP Address", "API Token"];
const FACETS = ["Management", "Settings", "Information", "Configuration", "Creation", "Limits", "Permissions", "Records", "Status", "Maintenance", "Queue", "Logs"];
const GROUPS = ["Accounts", "Server Administration", "DNS", "SSL/TLS", "Backups", "Resellers", "Email", "Databases", "Services", "Security", "Clustering", "Software", "Transfers", "Statistics"];
const STRING_FORMATS = ["domain", "email", "ipv4", "ipv6", "username", "path", "url", "hostname", "password"];

// ---------------------------------------------------------------- text

function sentence(r, min, max) {
  const n = r.int(min, max);
  const words = [];
  for (let i = 0; i < n; i++) words.push(r.pick(WORDS));
  const first = words[0];
  words[0] = first[0].toUpperCase() + first.slice(1);
  return words.join(" ") + ".";
}

function paragraph(r, sentences) {
  const out = [];
  for (let i = 0; i < sentences; i++) out.push(sentence(r, 8, 18));
  return out.join(" ");
}

/** A cPanel-style long description: paragraphs, a note, sometimes a markdown list. */
function longDescription(r, name) {
  const parts = [paragraph(r, r.int(1, 2))];
  if (r.chance(0.4)) parts.push(`**Note:** ${paragraph(r, 1)}`);
  if (r.chance(0.2)) parts.push(["This function:", ...Array.from({ length: r.int(2, 3) }, () => `* ${sentence(r, 5, 10)}`)].join("\n"));
  parts.push(`For more information, read our [${name}](https://docs.cpanel.net/knowledge-base/) documentation.`);
  return parts.join("\n\n");
}

// ---------------------------------------------------------------- schemas (plain objects)

const bool01 = (r) => (r.chance(0.15) ? { enum: [1, 0] } : { type: "integer", enum: r.chance(0.5) ? [1, 0] : [0, 1] });
const unlimitedUnion = (r, nullable) => ({
  oneOf: [...(nullable ? [{ enum: [null] }] : []), { type: "string", enum: ["unlimited"] }, { type: "integer", minimum: 0 }],
  ...(r.chance(0.5) ? { example: "unlimited" } : {}),
});

function withDescription(r, schema) {
  return r.chance(0.4) ? { description: sentence(r, 4, 10), ...schema } : schema;
}

/** A leaf schema of a response field. */
function leafSchema(r) {
  const k = r.next();
  if (k < 0.3) return withDescription(r, { ...bool01(r), example: 1 });
  if (k < 0.55) return withDescription(r, { type: "string", example: r.pick(WORDS) });
  if (k < 0.75) return withDescription(r, { type: "integer", ...(r.chance(0.3) ? { format: "unix_timestamp" } : {}), example: r.int(0, 100000) });
  if (k < 0.85) return withDescription(r, unlimitedUnion(r, r.chance(0.3)));
  if (k < 0.92) return withDescription(r, { type: "string", enum: ["y", "n"] });
  return withDescription(r, { type: "integer", nullable: true, example: r.int(0, 1000) });
}

function fieldName(r, taken) {
  for (;;) {
    const name = r.chance(0.5) ? r.pick(WORDS).replace(/-/g, "_") : `${r.pick(WORDS)}_${r.pick(WORDS)}`.replace(/-/g, "_");
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

/** A response `data` object: leaves, a nested object, an array of objects. */
function dataSchema(r, depth = 0) {
  const properties = {};
  const taken = new Set();
  const n = depth === 0 ? r.int(1, 4) : r.int(1, 3);
  for (let i = 0; i < n; i++) properties[fieldName(r, taken)] = leafSchema(r);
  if (depth < 2 && r.chance(depth === 0 ? 0.3 : 0.15)) properties[fieldName(r, taken)] = { description: sentence(r, 4, 8), ...dataSchema(r, depth + 1) };
  if (depth < 2 && r.chance(depth === 0 ? 0.35 : 0.1)) {
    properties[fieldName(r, taken)] = { type: "array", description: sentence(r, 4, 8), items: dataSchema(r, depth + 1) };
  }
  if (depth === 0 && r.chance(0.15)) properties[fieldName(r, taken)] = { type: "array", description: sentence(r, 4, 8), items: { type: "string" } };
  return { type: "object", properties };
}

/** One query parameter: half are 0/1 flags, then strings, unions, y/n flags, integers, enums. */
function parameter(r, name, required) {
  const k = r.next();
  let schema;
  if (k < 0.5) schema = { ...bool01(r), default: r.int(0, 1) };
  else if (k < 0.68) schema = { type: "string", ...(r.chance(0.6) ? { format: r.pick(STRING_FORMATS) } : {}), example: r.pick(WORDS) };
  else if (k < 0.8) schema = unlimitedUnion(r, r.chance(0.5));
  else if (k < 0.87) schema = { type: "string", enum: ["y", "n"], default: "n" };
  else if (k < 0.94) schema = { type: "integer", minimum: 0, ...(r.chance(0.4) ? { format: "megabytes" } : {}), ...(r.chance(0.3) ? { nullable: true } : {}), example: r.int(1, 1000) };
  else schema = { type: "string", enum: Array.from(new Set(Array.from({ length: r.int(2, 5) }, () => r.pick(WORDS)))) };
  const p = { name, in: "query", description: sentence(r, 5, 12), required, schema };
  if (r.chance(0.3)) p.examples = { example: { value: schema.example ?? schema.default ?? 1, summary: sentence(r, 3, 6) } };
  if (r.chance(0.04)) p.deprecated = true;
  return p;
}

function metadataSchema(r, name) {
  return {
    type: "object",
    properties: {
      command: { type: "string", example: name },
      reason: { type: "string", description: "The reason the API function failed when the `metadata.result` field is `0`.", example: "OK" },
      result: { type: "integer", description: "Whether the function succeeded.", enum: [0, 1], example: 1 },
      version: { type: "integer", example: 1 },
    },
  };
}

/** The listaccts-like function: the answer the decoder benchmark decodes. */
export function listacctsDataSchema() {
  const b = (enumValues = [1, 0]) => ({ type: "integer", enum: enumValues, example: 0 });
  const s = (example) => ({ type: "string", example });
  const lim = (nullable = false) => ({ oneOf: [...(nullable ? [{ enum: [null] }] : []), { type: "string", enum: ["unlimited"] }, { type: "integer", minimum: 0 }], example: "unlimited" });
  const account = {
    type: "object",
    properties: {
      backup: b(),
      child_nodes: { type: "array", items: { type: "object", properties: { alias: s("node1"), workload: s("Mail"), has_backup: b() } } },
      disklimit: s("unlimited"),
      diskused: s("14M"),
      domain: { type: "string", format: "domain", example: "example.com" },
      email: { type: "string", format: "email", example: "user@example.com" },
      has_backup: b([0, 1]),
      inodeslimit: lim(),
      inodesused: { type: "integer", example: 28 },
      ip: { type: "string", format: "ipv4", example: "192.0.2.1" },
      ipv6: { type: "array", items: { type: "string", format: "ipv6" } },
      is_locked: { enum: [1, 0] },
      legacy_backup: b(),
      mailbox_format: { type: "string", enum: ["maildir", "mdbox"] },
      max_defer_fail_percentage: lim(),
      max_email_per_hour: lim(),
      max_emailacct_quota: lim(),
      maxaddons: lim(),
      maxftp: lim(true),
      maxlst: lim(),
      maxparked: lim(),
      maxpop: lim(true),
      maxsql: lim(),
      maxsub: lim(),
      min_defer_fail_to_trigger_protection: { type: "integer", example: 5 },
      outgoing_mail_hold: b(),
      outgoing_mail_suspended: b(),
      owner: s("root"),
      partition: s("home"),
      plan: s("default"),
      shell: s("/usr/local/cpanel/bin/noshell"),
      startdate: { type: "string", format: "YY-Mon-DD-HH-MM", example: "20 Jan 01 10:00" },
      suspended: b(),
      suspendreason: s("not suspended"),
      suspendtime: { type: "integer", format: "unix_timestamp", nullable: true },
      temporary: b(),
      theme: s("jupiter"),
      uid: { type: "integer", example: 1001 },
      unix_startdate: { type: "integer", format: "unix_timestamp", example: 1369256589 },
      user: s("example"),
      webserver_runs_as_user: b(),
    },
  };
  return { type: "object", properties: { acct: { type: "array", items: account } } };
}

// ---------------------------------------------------------------- the document

function functionNames(r, count) {
  const names = new Set(["listaccts"]);
  while (names.size < count) {
    const verb = r.pick(VERBS);
    const noun = r.pick(NOUNS);
    const style = r.next();
    let name = style < 0.35 ? `${verb}${noun.replace(/_/g, "")}` : style < 0.9 ? `${verb}_${noun}` : `${verb}_${noun}_${r.pick(["status", "config", "info", "settings", "details", "list"])}`;
    if (names.has(name)) name = `${name}_${r.int(2, 99)}`;
    names.add(name);
  }
  return [...names];
}

function categories(r, count) {
  const tags = new Set();
  for (let i = 0; tags.size < count; i++) {
    const base = `${AREAS[i % AREAS.length]} ${FACETS[Math.floor(i / AREAS.length) % FACETS.length]}`;
    const round = Math.floor(i / (AREAS.length * FACETS.length));
    tags.add(round === 0 ? base : `${base} ${round + 1}`);
  }
  return [...tags];
}

/**
 * The document as a plain object plus facts the benchmark needs.
 * Tags scale with the size (about one per nine functions, as in cPanel's document), so the
 * larger documents are "several WHMs" rather than the same modules grown tenfold.
 */
export function synthesizeDocument({ functions, seed = 20250107 }) {
  const r = prng(seed ^ functions);
  const names = functionNames(r, functions);
  const tags = categories(r, Math.max(8, Math.round(functions / 9)));
  const groupOf = new Map(tags.map((t, i) => [t, GROUPS[i % GROUPS.length]]));
  const paths = {};
  let paramCount = 0;
  const kinds = { bool01: 0 };
  for (const name of names) {
    const listaccts = name === "listaccts";
    const tag = listaccts ? tags[0] : r.pick(tags);
    const op = {
      tags: [tag],
      summary: sentence(r, 3, 7).slice(0, -1),
      description: longDescription(r, name),
      operationId: `${listaccts ? "Accounts" : r.pick(MODULES)}-${name}`,
      "x-cpanel-available-version": `WHM ${r.int(11, 11)}.${r.int(30, 136)}`,
    };
    if (r.chance(0.3)) op["x-readonly"] = true;
    if (r.chance(0.02)) op.deprecated = true;
    const n = listaccts ? 2 : Math.min(5, Math.max(0, Math.round(r.next() * 4 + (r.chance(0.1) ? 1 : 0))));
    const params = [];
    const taken = new Set();
    for (let i = 0; i < n; i++) {
      const p = parameter(r, fieldName(r, taken), i === 0 && r.chance(0.4));
      if (p.schema.enum && p.schema.enum.length === 2 && p.schema.enum.includes(0)) kinds.bool01++;
      else if (p.schema.enum && p.schema.enum.length === 2 && p.schema.enum.includes(1)) kinds.bool01++;
      params.push(p);
    }
    paramCount += params.length;
    if (params.length) op.parameters = params;
    const data = listaccts ? listacctsDataSchema() : r.chance(0.08) ? undefined : dataSchema(r);
    const properties = { ...(data ? { data } : {}), metadata: metadataSchema(r, name) };
    op.responses = {
      200: {
        description: "HTTP Request was successful.",
        content: { "application/json": { schema: { type: "object", properties } } },
      },
    };
    const prefix = r.chance(0.01) ? `/${r.pick(MODULES)}` : "";
    paths[`${prefix}/${name}`] = { get: op };
  }
  const doc = {
    openapi: "3.0.2",
    info: {
      title: "WHM API 1",
      description: longDescription(r, "WHM API 1"),
      version: "11.137.9999.106",
      "x-cpanel-available-version": "WHM 11.30",
    },
    servers: [
      {
        url: "https://{host}:{port}/json-api",
        variables: {
          host: { default: "hostname.example.com", description: "The server's hostname." },
          port: { default: "2087", description: "The WHM port." },
        },
      },
    ],
    security: [{ BasicAuth: [] }],
    components: { securitySchemes: { BasicAuth: { type: "http", scheme: "basic" } } },
    tags: tags.map((name) => ({ name, description: sentence(r, 5, 10) })),
    "x-tagGroups": GROUPS.map((g) => ({ name: g, tags: tags.filter((t) => groupOf.get(t) === g) })).filter((g) => g.tags.length),
    paths,
  };
  return { doc, stats: { functions: names.length, params: paramCount, bool01Params: kinds.bool01, tags: tags.length } };
}

// ---------------------------------------------------------------- YAML text

const PLAIN = /^[A-Za-z_/][A-Za-z0-9 _.,()/@*-]*$/;
const YAML_WORDS = new Set(["y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"].flatMap((w) => [w, w.toUpperCase(), w[0].toUpperCase() + w.slice(1)]));

function scalar(value) {
  if (value === null) return "null";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  const s = String(value);
  if (PLAIN.test(s) && !YAML_WORDS.has(s) && !s.endsWith(" ") && !s.includes(" #")) return s;
  return `'${s.replace(/'/g, "''")}'`;
}

function key(k) {
  return /^[0-9]+$/.test(k) ? `'${k}'` : scalar(k);
}

const isScalar = (v) => v === null || typeof v !== "object";

/** Block-style YAML as cPanel writes it; short scalar lists in flow style (`enum: [1, 0]`). */
export function toYaml(value, indent = "") {
  const lines = [];
  const emit = (v, ind, lead) => {
    if (Array.isArray(v)) {
      for (const item of v) {
        if (isScalar(item)) lines.push(`${ind}- ${scalar(item)}`);
        else {
          const inner = [];
          const save = lines.length;
          emit(item, ind + "  ", true);
          inner.push(...lines.splice(save));
          inner[0] = `${ind}- ${inner[0].slice(ind.length + 2)}`;
          lines.push(...inner);
        }
      }
      return;
    }
    for (const [k, item] of Object.entries(v)) {
      if (item === undefined) continue;
      if (Array.isArray(item) && item.every(isScalar) && item.length <= 8) lines.push(`${ind}${key(k)}: [${item.map(scalar).join(", ")}]`);
      else if (Array.isArray(item) && item.length === 0) lines.push(`${ind}${key(k)}: []`);
      else if (isScalar(item)) {
        if (typeof item === "string" && item.includes("\n")) {
          lines.push(`${ind}${key(k)}: |-`);
          for (const l of item.split("\n")) lines.push(l === "" ? "" : `${ind}  ${l}`);
        } else lines.push(`${ind}${key(k)}: ${scalar(item)}`);
      } else if (Object.keys(item).length === 0) lines.push(`${ind}${key(k)}: {}`);
      else {
        lines.push(`${ind}${key(k)}:`);
        emit(item, ind + "  ", false);
      }
    }
    void lead;
  };
  emit(value, indent, false);
  return lines.join("\n") + "\n";
}

// ---------------------------------------------------------------- a listaccts answer

const THEMES = ["jupiter", "paper_lantern"];
const PLANS = ["default", "Basic", "Pro", "Reseller_Gold", "Starter"];
const OWNERS = ["root", "reseller1", "reseller2", "agency"];

/**
 * The text of a successful listaccts answer with `count` accounts, as WHM sends it: Booleans
 * as 0/1 (some quoted), numbers often quoted, "unlimited" beside numbers, nulls.
 */
export function listacctsAnswer(count, seed = 42) {
  const r = prng(seed);
  const q = (n) => (r.chance(0.5) ? String(n) : n);
  const lim = () => (r.chance(0.5) ? "unlimited" : q(r.int(0, 500)));
  const acct = [];
  for (let i = 0; i < count; i++) {
    const user = `user${i.toString(36)}${r.int(0, 9)}`;
    const suspended = r.chance(0.05) ? 1 : 0;
    const start = 1369256589 + r.int(0, 300000000);
    acct.push({
      backup: q(r.int(0, 1)),
      child_nodes: r.chance(0.1) ? [{ alias: `node${r.int(1, 4)}`, workload: "Mail", has_backup: r.int(0, 1) }] : [],
      disklimit: r.chance(0.6) ? "unlimited" : `${r.int(100, 50000)}M`,
      diskused: `${r.int(0, 9000)}M`,
      domain: `${user}.example.com`,
      email: `${user}@example.net`,
      has_backup: r.int(0, 1),
      inodeslimit: lim(),
      inodesused: q(r.int(0, 200000)),
      ip: `192.0.2.${r.int(1, 254)}`,
      ipv6: r.chance(0.2) ? [`2001:db8::${r.int(1, 65535).toString(16)}`] : [],
      is_locked: r.chance(0.5) ? 0 : "0",
      legacy_backup: q(0),
      mailbox_format: r.chance(0.9) ? "maildir" : "mdbox",
      max_defer_fail_percentage: lim(),
      max_email_per_hour: lim(),
      max_emailacct_quota: lim(),
      maxaddons: lim(),
      maxftp: r.chance(0.05) ? null : lim(),
      maxlst: lim(),
      maxparked: lim(),
      maxpop: r.chance(0.05) ? null : lim(),
      maxsql: lim(),
      maxsub: lim(),
      min_defer_fail_to_trigger_protection: q(5),
      outgoing_mail_hold: q(0),
      outgoing_mail_suspended: q(0),
      owner: r.pick(OWNERS),
      partition: "home",
      plan: r.pick(PLANS),
      shell: r.chance(0.8) ? "/usr/local/cpanel/bin/noshell" : "/bin/bash",
      startdate: `${r.int(13, 24)} Jan ${String(r.int(1, 28)).padStart(2, "0")} 10:00`,
      suspended,
      suspendreason: suspended ? "Billing overdue" : "not suspended",
      suspendtime: suspended ? q(start + 1000) : null,
      temporary: 0,
      theme: r.pick(THEMES),
      uid: q(1000 + i),
      unix_startdate: q(start),
      user,
      webserver_runs_as_user: q(r.int(0, 1)),
    });
  }
  return JSON.stringify({ data: { acct }, metadata: { command: "listaccts", reason: "OK", result: 1, version: 1 } });
}
