/**
 * One check per area described in specs/: the generated SDK builds the request that cPanel's
 * documentation shows for a function of that area (URL and `whmapi1` command line), and decodes
 * the answer the documentation shows, with the conversions the description promises.
 *
 * The examples below were read from stored copies of cPanel's documentation; each one names the
 * page it came from. Long answers are cut down to a few rows or fields, never altered. Where the
 * documentation disagrees with what the SDK does, the difference is spelled out next to the
 * check (and recorded with `test.fails` where the SDK cannot yet do what the docs show), never
 * smoothed over.
 */
import { readFileSync } from "node:fs";
import { describe, expect, expectTypeOf, test } from "vitest";
import {
  accountsummary,
  acctcounts,
  addips,
  addpkgext,
  api_token_create,
  applist,
  backup_config_get,
  backup_destination_get,
  batch,
  create_cphulk_record,
  editquota,
  fetch_connected_application,
  get_cphulk_brutes,
  gethostname,
  getpkginfo,
  hold_outgoing_email,
  list_connected_applications,
  mass_edit_dns_zone,
  matchpkgs,
  modsec_get_rules,
  personalization_set,
  set_autossl_metadata_key,
  sethostname,
  twofactorauth_get_issuer,
  twofactorauth_get_user_configs,
  update_configclusterserver,
  version,
} from "../generated/index.js";

/** The server and session prefix every documented URL starts with. */
const BASE = "https://hostname.example.com:2087/cpsess##########";

type Pair = readonly [string, string];

/**
 * The part of a URL before `?`, and its query as decoded pairs. Split by hand: the `#` of the
 * documented session placeholder would start a fragment for `new URL`.
 */
function splitUrl(url: string): { path: string; pairs: Pair[] } {
  const q = url.indexOf("?");
  if (q < 0) return { path: url, pairs: [] };
  return { path: url.slice(0, q), pairs: [...new URLSearchParams(url.slice(q + 1))] };
}

/** Pairs in a stable order, so two multisets compare equal whatever order they were sent in. */
function sorted(pairs: readonly Pair[]): Pair[] {
  return [...pairs].sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
}

/**
 * Values of the named parameters are JSON: compare them parsed, so the documentation's spacing
 * inside the JSON (`{"dname":"example", "ttl":14400}`) does not count as a difference.
 */
function canonical(pairs: readonly Pair[], json: readonly string[] = []): Pair[] {
  return pairs.map(([k, v]) => [k, json.includes(k) ? JSON.stringify(JSON.parse(v)) : v] as const);
}

/** Same path, and the same query parameters as a multiset (the order may differ). */
function expectSameRequestUrl(built: string, documented: string, json: readonly string[] = []): void {
  const a = splitUrl(built);
  const b = splitUrl(documented);
  expect(a.path).toBe(b.path);
  expect(sorted(canonical(a.pairs, json))).toEqual(sorted(canonical(b.pairs, json)));
}

/**
 * Words of a documented shell command line: `\` line continuations, single and double quotes
 * and backslash escapes as a POSIX shell reads them (enough for the documentation's examples).
 */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  const text = line.replace(/\\\r?\n/g, " ");
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      word = (word ?? "") + text.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      word ??= "";
      for (i++; i < text.length && text[i] !== '"'; i++) {
        if (text[i] === "\\" && /["\\$`]/.test(text[i + 1] ?? "")) i++;
        word += text[i];
      }
    } else if (c === "\\") {
      word = (word ?? "") + (text[++i] ?? "");
    } else if (/\s/.test(c)) {
      if (word !== null) words.push(word);
      word = null;
    } else {
      word = (word ?? "") + c;
    }
  }
  if (word !== null) words.push(word);
  return words;
}

/** `k=v` split at the first `=`, both sides URI-decoded as whmapi1 decodes its arguments. */
function kv(arg: string): Pair {
  const eq = arg.indexOf("=");
  return [decodeURIComponent(arg.slice(0, eq)), decodeURIComponent(arg.slice(eq + 1))];
}

/** A documented `whmapi1 [--options] FUNCTION k=v …` line: the function and its pairs. */
function parseWhmapi1(line: string): { fn: string; pairs: Pair[] } {
  const words = shellWords(line);
  expect(words[0]).toBe("whmapi1");
  const rest = words.slice(1).filter((w) => !w.startsWith("--"));
  return { fn: rest[0]!, pairs: rest.slice(1).map(kv) };
}

/**
 * The SDK's argv against the documented command line: same function, same `k=v` pairs as a
 * set (decoded). The SDK always asks for `--output=json`; the docs use `jsonpretty` or nothing,
 * which only changes the layout of the answer.
 */
function expectSameArgv(argv: readonly string[], documented: string, json: readonly string[] = []): void {
  const doc = parseWhmapi1(documented);
  expect(argv[0]).toBe("--output=json");
  expect(argv[1]).toBe(doc.fn);
  expect(sorted(canonical(argv.slice(2).map(kv), json))).toEqual(sorted(canonical(doc.pairs, json)));
}

/**
 * The URL the introduction page's form gives for a documented command line: the same function
 * and parameters after `/json-api/`, with `api.version=1` first and every value URI-encoded. Used
 * where a function's page shows the command line but no URL.
 */
function documentedUrl(line: string): string {
  const { fn, pairs } = parseWhmapi1(line);
  const query = [["api.version", "1"] as const, ...pairs].map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
  return `${BASE}/json-api/${fn}?${query}`;
}

/** Fresh copy of a documented answer (decoders convert in place). */
function copy<T>(value: T): T {
  return structuredClone(value);
}

describe("accounts (specs/accounts.yaml)", () => {
  // URL: the worked example of https://api.docs.cpanel.net/whm/introduction ("Basic usage").
  // Command line and answer: https://api.docs.cpanel.net/openapi/whm/operation/accountsummary
  const DOC_URL = "https://hostname.example.com:2087/cpsess##########/json-api/accountsummary?api.version=1&user=username";
  const DOC_CLI = "whmapi1 --output=jsonpretty \\\n  accountsummary \\\n  user='username'";
  const DOC_ANSWER = {
    data: {
      acct: [
        {
          backup: 0,
          child_nodes: [{ alias: "nodealias", workload: "Mail" }],
          disklimit: "unlimited",
          diskused: "14M",
          domain: "example.com",
          email: "username@example.com",
          inodeslimit: "unlimited",
          inodesused: 1,
          ip: "192.168.0.128",
          ipv6: ["0101:ca75:0101:ca75:0101:ca75:0101:ca77"],
          is_locked: 0,
          legacy_backup: 0,
          mailbox_format: "maildir",
          max_defer_fail_percentage: "unlimited",
          max_email_per_hour: "unlimited",
          max_emailacct_quota: "unlimited",
          maxaddons: "unlimited",
          maxftp: "unlimited",
          maxlst: "unlimited",
          maxparked: "unlimited",
          maxpop: "unlimited",
          maxsql: "unlimited",
          maxsub: "unlimited",
          min_defer_fail_to_trigger_protection: "5",
          outgoing_mail_hold: 0,
          outgoing_mail_suspended: 0,
          owner: "root",
          partition: "home",
          plan: "packagename",
          shell: "/bin/bash",
          startdate: "13 May 22 16:03",
          suspended: 0,
          suspendreason: "not suspended",
          suspendtime: null,
          temporary: 0,
          theme: "jupiter",
          uid: 0,
          unix_startdate: 1369256589,
          user: "username",
        },
      ],
    },
    metadata: { command: "accountsummary", reason: "OK", result: 1, version: 1 },
  };

  test("accountsummary: documented URL and command line; flags become booleans, quoted counts numbers", () => {
    const req = accountsummary.request({ user: "username" });
    expect(req.url(BASE)).toBe(DOC_URL);
    expectSameArgv(req.argv(), DOC_CLI);

    const r = accountsummary.decode(copy(DOC_ANSWER));
    const acct = r.data.acct?.[0];
    expect(acct).toMatchObject({
      backup: false,
      is_locked: false,
      legacy_backup: false,
      outgoing_mail_hold: false,
      outgoing_mail_suspended: false,
      suspended: false,
      temporary: false,
      // A quoted number becomes a number; "unlimited" stays the documented word.
      min_defer_fail_to_trigger_protection: 5,
      maxpop: "unlimited",
      inodeslimit: "unlimited",
      inodesused: 1,
      unix_startdate: 1369256589,
      suspendtime: null,
      diskused: "14M",
      child_nodes: [{ alias: "nodealias", workload: "Mail" }],
      ipv6: ["0101:ca75:0101:ca75:0101:ca75:0101:ca77"],
    });
  });
});

describe("packages (specs/packages.yaml)", () => {
  // https://api.docs.cpanel.net/openapi/whm/operation/getpkginfo — the page shows the command
  // line only; the URL below is the introduction page's form with the same parameter.
  const GETPKGINFO_CLI = "whmapi1 --output=jsonpretty \\\n  getpkginfo \\\n  pkg='package1'";
  const GETPKGINFO_ANSWER = {
    data: {
      pkg: {
        BWLIMIT: "unlimited",
        CGI: 1,
        CPMOD: "jupiter",
        DIGESTAUTH: "n",
        FEATURELIST: "myfeaturelist",
        FRONTPAGE: 0,
        HASSHELL: 1,
        IP: 1,
        LANG: "en",
        MAXADDON: 1,
        MAXFTP: 2,
        MAXLST: "unlimited",
        MAXPARK: 1,
        MAXPOP: 20,
        MAXSQL: 1,
        MAXSUB: 5,
        MAX_DEFER_FAIL_PERCENTAGE: 10,
        MAX_EMAILACCT_QUOTA: "unlimited",
        MAX_EMAIL_PER_HOUR: 100,
        MAX_TEAM_USERS: 7,
        QUOTA: 100,
        _PACKAGE_EXTENSIONS: "",
      },
    },
    metadata: { command: "getpkginfo", reason: "OK", result: 1, version: 1 },
  };
  // https://documentation.cpanel.net/display/DD/WHM+API+1+Functions+-+addpkgext
  const ADDPKGEXT_URL = "https://hostname.example.com:2087/cpsess##########/json-api/addpkgext?api.version=1&name=package1&_PACKAGE_EXTENSIONS=extension1";
  const ADDPKGEXT_CLI = "whmapi1 addpkgext name=package1 _PACKAGE_EXTENSIONS=extension1";
  const ADDPKGEXT_ANSWER = { data: { pkg: "package1" }, metadata: { version: 1, reason: "OK", result: 1, command: "addpkgext" } };

  test("getpkginfo and addpkgext: documented requests; 0/1 and y/n settings become booleans", () => {
    const info = getpkginfo.request({ pkg: "package1" });
    expectSameRequestUrl(info.url(BASE), documentedUrl(GETPKGINFO_CLI));
    expectSameArgv(info.argv(), GETPKGINFO_CLI);
    const pkg = getpkginfo.decode(copy(GETPKGINFO_ANSWER)).data.pkg;
    expect(pkg).toMatchObject({ CGI: true, FRONTPAGE: false, HASSHELL: true, IP: true, DIGESTAUTH: false, BWLIMIT: "unlimited", MAXPOP: 20, QUOTA: 100, MAX_TEAM_USERS: 7, _PACKAGE_EXTENSIONS: "" });

    const ext = addpkgext.request({ name: "package1", _PACKAGE_EXTENSIONS: "extension1" });
    expect(ext.url(BASE)).toBe(ADDPKGEXT_URL);
    expectSameArgv(ext.argv(), ADDPKGEXT_CLI);
    expect(addpkgext.decode(copy(ADDPKGEXT_ANSWER)).data?.pkg).toBe("package1");
  });
});

describe("DNS (specs/dns.yaml)", () => {
  // https://api.docs.cpanel.net/openapi/whm/operation/mass_edit_dns_zone — command line and
  // answer; the URL is the introduction page's form with the same parameters.
  const DOC_CLI = `whmapi1 mass_edit_dns_zone zone='example.com' serial='202001010100' remove=23 add='{"dname":"example", "ttl":14400, "record_type":"A", "data":["11.22.33.44"]}'`;
  const DOC_ANSWER = { data: { new_serial: 2021031903 }, metadata: { command: "mass_edit_dns_zone", reason: "OK", result: 1, version: 1 } };

  test("mass_edit_dns_zone: each added record is one JSON value; the new serial is a number", () => {
    // 11.137's document types each `add` value as a string (the record, JSON-encoded, is
    // described in prose only), so the caller encodes the record; the SDK sends it as one value.
    const record = { dname: "example", ttl: 14400, record_type: "A", data: ["11.22.33.44"] };
    expectTypeOf<NonNullable<Parameters<typeof mass_edit_dns_zone.request>[0]>["add"]>().toEqualTypeOf<readonly string[] | undefined>();
    const req = mass_edit_dns_zone.request({
      zone: "example.com",
      serial: 202001010100,
      remove: [23],
      add: [JSON.stringify(record)],
    });
    expectSameRequestUrl(req.url(BASE), documentedUrl(DOC_CLI), ["add"]);
    // The record goes out compact, as one value of its own.
    expect(splitUrl(req.url(BASE)).pairs).toContainEqual(["add", '{"dname":"example","ttl":14400,"record_type":"A","data":["11.22.33.44"]}']);
    expectSameArgv(req.argv(), DOC_CLI, ["add"]);

    const r = mass_edit_dns_zone.decode(copy(DOC_ANSWER));
    expect(r.data.new_serial).toBe(2021031903);
    // WHM sometimes quotes numbers; the description promises a number either way.
    expect(mass_edit_dns_zone.decode({ ...copy(DOC_ANSWER), data: { new_serial: "2021031903" } }).data.new_serial).toBe(2021031903);
  });
});

describe("resellers and ACLs (specs/resellers.yaml)", () => {
  // https://api.docs.cpanel.net/openapi/whm/operation/acctcounts — command line and answer.
  // Field types: https://api.docs.cpanel.net/specifications/whm.openapi/account-settings/acctcounts
  // ("limit" and "suspended" are integer or null; null means no creation limit).
  const DOC_CLI = "whmapi1 --output=jsonpretty \\\n  acctcounts";
  const DOC_ANSWER = { data: { reseller: { active: 9, limit: 25, suspended: 5, user: "root" } }, metadata: { command: "acctcounts", reason: "OK", result: 1, version: 1 } };

  test("acctcounts: documented request without parameters; counts as numbers, limit may be null", () => {
    const req = acctcounts.request();
    expect(req.url(BASE)).toBe(documentedUrl(DOC_CLI));
    expectSameArgv(req.argv(), DOC_CLI);

    const r = acctcounts.decode(copy(DOC_ANSWER));
    expect(r.data.reseller).toEqual({ active: 9, limit: 25, suspended: 5, user: "root" });
    expectTypeOf(r.data.reseller!.limit).toEqualTypeOf<number | null | undefined>();
    const unlimited = acctcounts.decode({ data: { reseller: { active: "9", limit: null, suspended: "5", user: "reseller" } }, metadata: DOC_ANSWER.metadata });
    expect(unlimited.data.reseller).toEqual({ active: 9, limit: null, suspended: 5, user: "reseller" });
  });
});

describe("API tokens (specs/authentication.yaml)", () => {
  // https://api.docs.cpanel.net/openapi/whm/operation/api_token_create — request sample,
  // parameter examples and answer.
  const DOC_CLI = "whmapi1 --output=jsonpretty \\\n  api_token_create \\\n  token_name='example'";
  const DOC_ACL_EXAMPLE = "whmapi1 api_token_create token_name=example acl-0=create-acct acl-1=list-accts acl-2=kill-acct";
  const DOC_ANSWER = {
    data: {
      acls: ["kill-acct"],
      create_time: 1483625276,
      expires_at: 1609372800,
      name: "example",
      token: "UWU28DCA23NKY76CN17MDPKM3O7EFQY8",
      whitelist_ips: ["1.1.1.1", "1.1.1.2", "1.1.1.8/29", "fc00:abcd:0000:0000:0000:0000:0000:000f", "2620:0000:28a4:0000:0000:0000:0000:0000/48"],
    },
    metadata: { command: "api_token_create", reason: "OK", result: 1, version: 1 },
  };

  test("api_token_create: documented request, numbered privileges, token and lists decoded", () => {
    const req = api_token_create.request({ token_name: "example" });
    expect(req.url(BASE)).toBe(documentedUrl(DOC_CLI));
    expectSameArgv(req.argv(), DOC_CLI);

    // Several privileges go in numbered parameters. This page numbers them from 0 (acl-0, acl-1,
    // acl-2) while api_token_update's page counts from 1; specs/overlays/multi-value.yaml gives
    // each function the base its page shows, so the request is the documented one exactly.
    const withAcls = api_token_create.request({ token_name: "example", acl: ["create-acct", "list-accts", "kill-acct"] });
    expect(withAcls.argv().slice(2).map(kv)).toEqual(parseWhmapi1(DOC_ACL_EXAMPLE).pairs);
    expect(withAcls.argv().slice(3)).toEqual(["acl-0=create-acct", "acl-1=list-accts", "acl-2=kill-acct"]);
    expect(api_token_create.request({ token_name: "example", acl: "list-accts" }).argv().slice(3)).toEqual(["acl=list-accts"]);

    const r = api_token_create.decode(copy(DOC_ANSWER));
    expect(r.data).toEqual(DOC_ANSWER.data);
    expect(api_token_create.decode({ ...copy(DOC_ANSWER), data: { ...DOC_ANSWER.data, create_time: "1483625276", expires_at: null } }).data).toMatchObject({ create_time: 1483625276, expires_at: null });
  });
});

describe("IP addresses (specs/ip-addresses.yaml)", () => {
  // https://documentation.cpanel.net/display/DD/WHM+API+1+Functions+-+addips
  const DOC_URL = "https://hostname.example.com:2087/cpsess##########/json-api/addips?api.version=1&ips=192.168.0.20&netmask=255.255.255.0";
  const DOC_CLI = "whmapi1 addips ips=192.168.0.20 netmask=255.255.255.0";
  const DOC_ANSWER = {
    metadata: {
      version: 1,
      reason: "Success",
      output: { messages: ["eth0:cp1 is now up. 192.168.0.20/255.255.255.0 broadcast 192.168.0.255 has been added.", "1"] },
      result: 1,
      command: "addips",
    },
  };

  test("addips: documented URL and command line; the messages come back in metadata.output", () => {
    const req = addips.request({ ips: "192.168.0.20", netmask: "255.255.255.0" });
    expect(req.url(BASE)).toBe(DOC_URL);
    expectSameArgv(req.argv(), DOC_CLI);

    const r = addips.decode(copy(DOC_ANSWER));
    expect(r.metadata.result).toBe(1);
    expect(r.metadata.reason).toBe("Success");
    expect(r.metadata.output?.messages).toEqual(DOC_ANSWER.metadata.output.messages);
    expect(r.data).toBeUndefined();
  });
});

describe("server information and services (specs/server-administration.yaml, updates.yaml)", () => {
  // https://api.docs.cpanel.net/openapi/whm/operation/sethostname — command line and answer.
  // The documented reason is a long HTML service log; only its first line is kept here.
  const DOC_CLI = "whmapi1 --output=jsonpretty \\\n  sethostname \\\n  hostname='hostname.example.com'";
  const DOC_ANSWER = {
    metadata: {
      command: "sethostname",
      output: {
        messages: "Updating cPanel license...Done. Update succeeded.",
        warnings: "The hostname was already set to hostname.example.com, syncing configuration only.",
      },
      reason: "Stopping cPHulkd during hostname change\nService “cphulkd” is already stopped.<br />\n",
      result: 1,
      version: 1,
    },
  };

  test("sethostname: documented request; messages and warnings are single strings in metadata.output", () => {
    const req = sethostname.request({ hostname: "hostname.example.com" });
    expectSameRequestUrl(req.url(BASE), documentedUrl(DOC_CLI));
    expectSameArgv(req.argv(), DOC_CLI);

    const r = sethostname.decode(copy(DOC_ANSWER));
    expect(r.metadata.output).toEqual(DOC_ANSWER.metadata.output);
    expect(r.metadata.reason).toContain("cphulkd");
  });
});

describe("SSL (specs/ssl.yaml)", () => {
  // https://documentation.cpanel.net/display/DD/WHM+API+1+Functions+-+set_autossl_metadata_key
  const DOC_URL = "https://hostname.example.com:2087/cpsess##########/json-api/set_autossl_metadata_key?api.version=1&key=clobber_externally_signed&value=1";
  const DOC_CLI = "whmapi1 set_autossl_metadata_key key=clobber_externally_signed value=1";
  // The documented answer quotes metadata.result ("1").
  const DOC_ANSWER = { metadata: { version: 1, reason: "OK", result: "1", command: "set_autossl_metadata_key" } };

  test("set_autossl_metadata_key: the documented request; a quoted result is read as success", () => {
    // 11.137's document types value as an integer (1 on, 0 off), not as a 1/0 flag: the SDK takes
    // the number as it is.
    const req = set_autossl_metadata_key.request({ key: "clobber_externally_signed", value: 1 });
    expect(req.url(BASE)).toBe(DOC_URL);
    expectSameArgv(req.argv(), DOC_CLI);

    const r = set_autossl_metadata_key.decode(copy(DOC_ANSWER));
    expect(r.metadata.result).toBe(1);
    expect(r.metadata.command).toBe("set_autossl_metadata_key");
  });
});

describe("backups (specs/backups.yaml)", () => {
  // https://documentation.cpanel.net/display/DD/WHM+API+1+Functions+-+backup_config_get
  // (the stored copy of the answer is cut after backup_monthly_en…; the fields before it are kept).
  const CONFIG_URL = "https://hostname.example.com:2087/cpsess##########/json-api/backup_config_get?api.version=1";
  const CONFIG_CLI = "whmapi1 backup_config_get";
  const CONFIG_ANSWER = {
    metadata: { result: 1, reason: "OK", version: 1, command: "backup_config_get" },
    data: {
      backup_config: {
        backupsuspendedaccts: 1,
        postbackup: 0,
        force_prune_weekly: "0",
        backup_weekly_enable: 0,
        prebackup: "-1",
        backup_daily_retention: "2",
        mysqlbackup: "accounts",
        maximum_restore_timeout: "21600",
        backupaccts: 1,
        disable_metadata: 0,
        check_min_free_space: "1",
        linkdest: "0",
        backup_monthly_dates: "1",
        backupbwdata: 1,
        errorthreshhold: "3",
        backupdir: "/backup",
        gziprsyncopts: "--rsyncable",
        backupfiles: 1,
        min_free_space_unit: "percent",
        backup_monthly_retention: "1",
        backuptype: "incremental",
        backupenable: 1,
        backuplogs: 1,
        min_free_space: "5",
        backupmount: 1,
        backup_daily_enable: 1,
        psqlbackup: 0,
        force_prune_daily: "0",
        backup_weekly_day: "0",
        backup_weekly_retention: "4",
        backupdays: "0,1,2,3,4,5,6",
        localzonesonly: 0,
      },
    },
  };
  // https://documentation.cpanel.net/display/DD/WHM+API+1+Functions+-+backup_destination_get
  const DEST_URL = "https://hostname.example.com:2087/cpsess##########/json-api/backup_destination_get?api.version=1&id=0W1ei2rd3A4lI5sT6he7Be8st";
  const DEST_CLI = "whmapi1 backup_destination_get id=0W1ei2rd3A4lI5sT6he7Be8st";
  const DEST_ANSWER = {
    data: { disabled: "0", local_subdir: "/", mount: "0", name: "destination name", path: "/mylocaldir", we_mounted_it: "0", type: "Local", id: "0W1ei2rd3A4lI5sT6he7Be8st", no_mount_fail: "0" },
    metadata: { version: 1, reason: "OK", result: 1, command: "backup_destination_get" },
  };

  test("backup_config_get: quoted flags and numbers are converted, lists of days stay text; backup_destination_get: data as sent", () => {
    const config = backup_config_get.request();
    expect(config.url(BASE)).toBe(CONFIG_URL);
    expectSameArgv(config.argv(), CONFIG_CLI);
    const c = backup_config_get.decode(copy(CONFIG_ANSWER)).data.backup_config;
    expect(c).toMatchObject({
      backupenable: true,
      backup_weekly_enable: false,
      force_prune_weekly: false,
      check_min_free_space: true,
      linkdest: false,
      // 11.137's document types prebackup as a 1/0 flag; this older example answers -1, which
      // the decoder leaves as it is rather than guess a Boolean.
      prebackup: "-1",
      backup_daily_retention: 2,
      maximum_restore_timeout: 21600,
      errorthreshhold: 3,
      min_free_space: 5,
      // A string in 11.137's document (as is backupdays): no conversion.
      backup_weekly_day: "0",
      backupdays: "0,1,2,3,4,5,6",
      backup_monthly_dates: "1",
      backuptype: "incremental",
    });

    const dest = backup_destination_get.request({ id: "0W1ei2rd3A4lI5sT6he7Be8st" });
    expect(dest.url(BASE)).toBe(DEST_URL);
    expectSameArgv(dest.argv(), DEST_CLI);
    // we_mounted_it is in this example but not in 11.137's schema: an undocumented field stays as sent.
    expect(backup_destination_get.decode(copy(DEST_ANSWER)).data).toMatchObject({ disabled: false, mount: false, we_mounted_it: "0", no_mount_fail: false, type: "Local", local_subdir: "/" });
  });
});

describe("batch (specs/api-execution.yaml)", () => {
  // https://confluence1.cpanel.net/display/DD/WHM+API+1+Functions+-+batch
  const DOC_URL =
    "https://hostname.example.com:2087/cpsess##########/json-api/batch?api.version=1&abort_on_error=0&command=gethostname&command=version" +
    "&command=editquota%3Fapi.version%3D1%26user%3Dusername%26quota%3D500&command=set_digest_auth%3Fuser%3Dusername%26password%3D12345luggage%26enabledigest%3D1";
  const DOC_CLI =
    "whmapi1 batch command=gethostname abort_on_error=0 command=version command=editquota%3Fuser=username%26quota=500 command=set_digest_auth%3Fuser=username%26password=12345luggage%26enabledigest=1";
  // https://api.docs.cpanel.net/specifications/whm.openapi/api-execution/batch.md (data.result
  // example); the outer metadata is the standard one, cut off in the stored copy.
  const DOC_ANSWER = {
    data: {
      result: [
        { data: { hostname: "example-hosting.com" }, metadata: { command: "gethostname", reason: "OK", result: 1, version: 1 } },
        { data: { version: "11.88.0.1" }, metadata: { command: "version", reason: "OK", result: 1, version: 1 } },
      ],
    },
    metadata: { command: "batch", reason: "OK", result: 1, version: 1 },
  };

  test("batch: one repeated `command` per call, each call URI-encoded with its own parameters", () => {
    // set_digest_auth is neither described nor seeded, so its command is written out as text.
    const commands = [
      gethostname.request().command(),
      version.request().command(),
      editquota.request({ user: "username", quota: 500 }).command(),
      "set_digest_auth?user=username&password=12345luggage&enabledigest=1",
    ];
    expect(commands.slice(0, 3)).toEqual(["gethostname", "version", "editquota?user=username&quota=500"]);
    const req = batch.request({ abort_on_error: false, command: commands });

    // The documented JSON URL puts api.version=1 inside the editquota command, while the same
    // page's XML URL and command line, and the current page's killdns example, do not: inner
    // commands run as API 1 either way. That inner api.version is the one thing removed here.
    const documented = DOC_URL.replace("editquota%3Fapi.version%3D1%26", "editquota%3F");
    expect(req.url(BASE)).toBe(documented);
    expect(splitUrl(req.url(BASE)).pairs.filter(([k]) => k === "command").map(([, v]) => v)).toEqual(commands);
    expectSameArgv(req.argv(), DOC_CLI);

    // Each item is a whole answer: the function's own decoder reads it.
    expect(gethostname.decode(copy(DOC_ANSWER.data.result[0]!)).data.hostname).toBe("example-hosting.com");
    expect(version.decode(copy(DOC_ANSWER.data.result[1]!)).data.version).toBe("11.88.0.1");
    // Inside nested envelopes metadata.result stays the 1/0 status (generator/ir/envelope.ts),
    // so each item can still be read as an envelope.
    const r = batch.decode(copy(DOC_ANSWER));
    expect(r.data.result?.map((item) => [item.metadata?.command, item.metadata?.result])).toEqual([
      ["gethostname", 1],
      ["version", 1],
    ]);
    expect(r.data.result?.[1]?.data).toEqual({ version: "11.88.0.1" });
  });
});

describe("JSON request body: personalization_set (specs/server-administration.yaml)", () => {
  // https://documentation.cpanel.net/display/DD/WHM+API+1+Functions+-+personalization_set
  // (URL, method, body and command line) and
  // https://api.docs.cpanel.net/openapi/whm/operation/personalization_set (the same body and answer).
  const DOC_URL = "https://hostname.example.com:2087/cpsess##########/json-api/personalization_set";
  const DOC_BODY = { "api.version": 1, store: "beverages", personalization: { coffee: "hot", milk: "cold" } };
  const DOC_ANSWER = {
    data: { personalization: { milk: { reason: "OK", success: 1, value: "cold" }, coffee: { reason: "OK", success: 1, value: "hot" } } },
    metadata: { version: 1, result: 1, command: "personalization_set", reason: "OK" },
  };

  test("personalization_set: POSTs the documented JSON body; per-key success flags become booleans", () => {
    const req = personalization_set.request({ "api.version": 1, store: "beverages", personalization: { coffee: "hot", milk: "cold" } });
    expect(req.method).toBe("POST");
    const body = req.body();
    expect(body?.kind).toBe("json");
    if (body?.kind !== "json") throw new Error("expected a JSON body");
    expect(body.contentType).toBe("application/json");
    expect(JSON.parse(body.text)).toEqual(DOC_BODY);
    // The documented URL has no query string; the SDK repeats api.version=1 in the query as it
    // does for every call (the body carries it as the docs require).
    const url = splitUrl(req.url(BASE));
    expect(url.path).toBe(DOC_URL);
    expect(url.pairs).toEqual([["api.version", "1"]]);

    const r = personalization_set.decode(copy(DOC_ANSWER));
    expect(r.data.personalization).toEqual({ milk: { reason: "OK", success: true, value: "cold" }, coffee: { reason: "OK", success: true, value: "hot" } });
  });

  // The docs run this function from the command line by piping the JSON body into
  // `whmapi1 --input=json`, because `k=v` arguments cannot carry the nested object; the CLI
  // transport writes body().text to standard input.
  test("personalization_set: documented command line (`echo JSON | whmapi1 --input=json …`)", () => {
    const req = personalization_set.request({ "api.version": 1, store: "beverages", personalization: { coffee: "hot", milk: "cold" } });
    expect(req.argv()).toEqual(["--input=json", "--output=json", "personalization_set"]);
    expect(JSON.parse((req.body() as { text: string }).text)).toEqual({ "api.version": 1, store: "beverages", personalization: { coffee: "hot", milk: "cold" } });
  });
});

describe("indexed values: create_cphulk_record (specs/cphulk.yaml)", () => {
  // https://api.docs.cpanel.net/openapi/whm/operation/create_cphulk_record — parameter example
  // for several addresses (ip-1, ip-2, ip-3), request sample for one address, and answer.
  const DOC_SEVERAL = "ip-1=192.168.0.1&ip-2=192.168.0.2&ip-3=192.168.0.3";
  const DOC_CLI = "whmapi1 --output=jsonpretty \\\n  create_cphulk_record \\\n  list_name='white' \\\n  ip='192.168.0.1'";
  const DOC_ANSWER = {
    data: {
      comment: "George Wendt flying through the air.",
      ip_blocks_removed: 1,
      ips_added: ["192.168.0.1"],
      ips_failed: { "192.168.0.1": 'Invalid IP address or range: "192.68.0.1"' },
      iptable_bans_removed: 0,
      list_name: "white",
      requester_ip: "10.1.4.228",
      requester_ip_is_whitelisted: 0,
    },
    metadata: { command: "create_cphulk_record", reason: "OK", result: 1, version: 1 },
  };

  test("create_cphulk_record: several addresses as ip-1, ip-2, ip-3; counts and flag decoded", () => {
    const req = create_cphulk_record.request({ list_name: "white", ip: ["192.168.0.1", "192.168.0.2", "192.168.0.3"] });
    expect(req.url(BASE)).toBe(`${BASE}/json-api/create_cphulk_record?api.version=1&list_name=white&${DOC_SEVERAL}`);
    expect(req.argv()).toEqual(["--output=json", "create_cphulk_record", "list_name=white", ...DOC_SEVERAL.split("&")]);

    const r = create_cphulk_record.decode(copy(DOC_ANSWER));
    expect(r.data).toEqual({ ...DOC_ANSWER.data, requester_ip_is_whitelisted: false });
    expect(create_cphulk_record.decode({ ...copy(DOC_ANSWER), data: { ...DOC_ANSWER.data, ip_blocks_removed: "1" } }).data.ip_blocks_removed).toBe(1);
  });

  // For a single address the docs send plain `ip=…`: the SDK does the same for one value.
  test("create_cphulk_record: one address as the documented plain `ip`", () => {
    expectSameArgv(create_cphulk_record.request({ list_name: "white", ip: ["192.168.0.1"] }).argv(), DOC_CLI);
  });
});

describe("payload_is_literal: get_cphulk_brutes (specs/cphulk.yaml)", () => {
  // https://documentation.cpanel.net/display/DD/WHM+API+1+Functions+-+get_cphulk_brutes — its
  // URL reads ".../cpsess##########/json-api/json-api/get_cphulk_brutes?..." (the XML URL has the
  // same doubled segment): a typo in the page, corrected here.
  const DOC_URL = "https://hostname.example.com:2087/cpsess##########/json-api/json-api/get_cphulk_brutes?api.version=1";
  const DOC_CLI = "whmapi1 get_cphulk_brutes";
  const DOC_ANSWER = {
    data: {
      brutes: [
        { exptime: "2014-11-07 00:00:00", timeleft: "14", notes: "this was a triumph", logintime: "2014-10-20 00:00:00", ip: "192.168.0.1" },
        { exptime: "2014-11-20 00:00:00", timeleft: "8", notes: "I'm making a note here:", logintime: "2014-10-20 00:00:00", ip: "192.168.0.2" },
      ],
    },
    metadata: { version: 1, reason: "OK", result: 1, command: "get_cphulk_brutes" },
  };

  test("get_cphulk_brutes: the list under its single key; quoted minutes become numbers", () => {
    const req = get_cphulk_brutes.request();
    expect(req.url(BASE)).toBe(DOC_URL.replace("/json-api/json-api/", "/json-api/"));
    expectSameArgv(req.argv(), DOC_CLI);

    const r = get_cphulk_brutes.decode(copy(DOC_ANSWER));
    expect(r.data.brutes?.map((b) => [b.ip, b.timeleft])).toEqual([
      ["192.168.0.1", 14],
      ["192.168.0.2", 8],
    ]);
    // The stored example carries no payload_is_literal; WHM's "Return data" page
    // (https://hou-1.docs.confluence.prod.cpanel.net/plugins/viewsource/viewpagesrc.action?pageId=8390861)
    // says such single-key list answers add payload_is_literal: 1 to metadata. It is kept as sent.
    const flagged = get_cphulk_brutes.decode({ ...copy(DOC_ANSWER), metadata: { ...DOC_ANSWER.metadata, payload_is_literal: 1 } });
    expect(flagged.metadata.payload_is_literal).toBe(1);
    expect(flagged.data.brutes).toHaveLength(2);
  });
});

describe("data in metadata: update_configclusterserver (specs/server-administration.yaml)", () => {
  // https://api.docs.cpanel.net/openapi/whm/operation/update_configclusterserver
  const DOC_CLI = "whmapi1 --output=jsonpretty \\\n  update_configclusterserver \\\n  name='example.com'";
  const DOC_ANSWER = {
    metadata: { command: "update_configclusterserver", name: "example.com", reason: "OK", result: 1, signature: "d0:d0:d0:d0:d0:d0:d0:d0:d0:d0:d0:d0:d0:d0:d0:d0", user: "root", version: 1 },
  };

  test("update_configclusterserver: the result is in metadata (name, signature, user), there is no data", () => {
    const req = update_configclusterserver.request({ name: "example.com" });
    expect(req.url(BASE)).toBe(documentedUrl(DOC_CLI));
    expectSameArgv(req.argv(), DOC_CLI);

    const r = update_configclusterserver.decode(copy(DOC_ANSWER));
    expect(r.data).toBeUndefined();
    expect(r.metadata).toMatchObject({ name: "example.com", signature: "d0:d0:d0:d0:d0:d0:d0:d0:d0:d0:d0:d0:d0:d0:d0:d0", user: "root", result: 1 });
  });
});

describe("email (specs/mail.yaml)", () => {
  // https://documentation.cpanel.net/display/DD/WHM+API+1+Functions+-+hold_outgoing_email
  const DOC_URL = "https://hostname.example.com:2087/cpsess##########/json-api/hold_outgoing_email?api.version=1&user=example";
  const DOC_CLI = "whmapi1 hold_outgoing_email user=example";
  const DOC_ANSWER = { metadata: { version: 1, reason: "OK", result: 1, command: "hold_outgoing_email" } };

  test("hold_outgoing_email: documented URL and command line; the answer is metadata only", () => {
    const req = hold_outgoing_email.request({ user: "example" });
    expect(req.url(BASE)).toBe(DOC_URL);
    expectSameArgv(req.argv(), DOC_CLI);
    const r = hold_outgoing_email.decode(copy(DOC_ANSWER));
    expect(r.metadata).toEqual(DOC_ANSWER.metadata);
    expect(r.data).toBeUndefined();
  });
});

describe("security (specs/authentication.yaml)", () => {
  // http://confluence2.cpanel.net:8090/display/SDK/WHM+API+1+Functions+-+twofactorauth_get_issuer
  const ISSUER_URL = "https://hostname.example.com:2087/cpsess##########/json-api/twofactorauth_get_issuer?api.version=1";
  const ISSUER_CLI = "whmapi1 twofactorauth_get_issuer";
  const ISSUER_ANSWER = {
    data: { system_wide_issuer: "example.cpanel.net", issuer: "example.cpanel.net" },
    metadata: { version: 1, reason: "OK", result: "1", command: "twofactorauth_get_issuer" },
  };
  // https://documentation.cpanel.net/display/DD/WHM+API+1+Functions+-+twofactorauth_get_user_configs
  const CONFIGS_URL = "https://hostname.example.com:2087/cpsess##########/json-api/twofactorauth_get_user_configs?api.version=1&user=example";
  const CONFIGS_CLI = "whmapi1 twofactorauth_get_user_configs user=example";
  const CONFIGS_ANSWER = {
    data: { example: { is_enabled: 0, primary_domain: "example.tld" } },
    metadata: { version: 1, reason: "OK", result: "1", command: "twofactorauth_get_user_configs" },
  };

  test("twofactorauth_get_issuer and twofactorauth_get_user_configs: documented requests; per-user map decoded", () => {
    const issuer = twofactorauth_get_issuer.request();
    expect(issuer.url(BASE)).toBe(ISSUER_URL);
    expectSameArgv(issuer.argv(), ISSUER_CLI);
    const r = twofactorauth_get_issuer.decode(copy(ISSUER_ANSWER));
    expect(r.metadata.result).toBe(1);
    expect(r.data).toEqual({ system_wide_issuer: "example.cpanel.net", issuer: "example.cpanel.net" });

    const configs = twofactorauth_get_user_configs.request({ user: "example" });
    expect(configs.url(BASE)).toBe(CONFIGS_URL);
    expectSameArgv(configs.argv(), CONFIGS_CLI);
    expect(twofactorauth_get_user_configs.decode(copy(CONFIGS_ANSWER)).data).toEqual({ example: { is_enabled: false, primary_domain: "example.tld" } });
  });
});

describe("ModSecurity (specs/modsecurity.yaml)", () => {
  // https://documentation.cpanel.net/display/DD/WHM+API+1+Functions+-+modsec_get_rules (URL,
  // command line, answer; the second chunk of the stored copy repeats the first and is cut off,
  // so one chunk is kept). The current page,
  // https://api.docs.cpanel.net/openapi/whm/operation/modsec_get_rules, shows the same chunk
  // fields and data.staged_changes next to chunks.
  const DOC_URL = "https://hostname.example.com:2087/cpsess##########/json-api/modsec_get_rules?api.version=1&vendor_id=SomeVendor";
  const DOC_CLI = "whmapi1 modsec_get_rules vendor_id=SomeVendor";
  const DOC_ANSWER = {
    data: {
      chunks: [
        {
          disabled: 0,
          vendor_id: "SomeVendor",
          vendor_active: "0",
          rule: "SecRule REQUEST_FILENAME \"config\" \"deny,id:662452,msg:'Denied dangerous config traffic',severity:1,auditlog\"\n",
          config_active: "0",
          staged: 0,
          id: "662452",
          config: "modsec_vendor_configs/SomeVendor/config.conf",
          meta_msg: "Denied dangerous config traffic",
        },
      ],
    },
    metadata: { version: 1, reason: "OK", result: 1, command: "modsec_get_rules" },
  };

  test("modsec_get_rules: documented request; quoted flags and rule ID converted", () => {
    const req = modsec_get_rules.request({ vendor_id: "SomeVendor" });
    expect(req.url(BASE)).toBe(DOC_URL);
    expectSameArgv(req.argv(), DOC_CLI);

    const r = modsec_get_rules.decode(copy(DOC_ANSWER));
    expect(r.data.chunks?.[0]).toEqual({
      ...DOC_ANSWER.data.chunks[0],
      disabled: false,
      vendor_active: false,
      config_active: false,
      staged: false,
      id: 662452,
    });
    expect(modsec_get_rules.decode({ data: { chunks: [], staged_changes: 0 }, metadata: DOC_ANSWER.metadata }).data.staged_changes).toBe(false);
  });
});

describe("connected applications (specs/server-administration.yaml)", () => {
  // https://api.docs.cpanel.net/openapi/whm/operation/fetch_connected_application (request
  // sample) and https://api.docs.cpanel.net/openapi/whm/operation/list_connected_applications
  // (request sample and answer). Both are POST operations; the mock-server form on
  // https://api.docs.cpanel.net/specifications/whm.openapi/connected-applications/remove_connected_application
  // posts to https://whm-server.tld:2087/json-api/list_connected_applications.
  const FETCH_CLI = "whmapi1 --output=jsonpretty \\\n  fetch_connected_application \\\n  name='application-1'";
  const LIST_CLI = "whmapi1 --output=jsonpretty \\\n  list_connected_applications";
  const LIST_ANSWER = {
    data: {
      list: [
        {
          jwt: {
            challenge: "ddd13a92-d55e-4818-a960-9776ede6cd74",
            email: "john.doe@email.example",
            exp: 1401912171,
            ips: ["1.1.1.1", "2.2.2.2"],
            iss_desc: "Sample application",
            name: "John Doe",
            scope: ["admin:users", "admin:resellers", "admin:domains"],
            state: "xyz",
          },
          name: "application-1",
          private_key: "FEF6253E6A122532430D",
          public_key: "AAF6253E6A1225324305623EE",
          token_name: "Application 1 API Token",
          property1: null,
          property2: null,
        },
      ],
    },
    metadata: { command: "list_connected_applications", reason: "OK", result: 1, version: 1 },
  };

  test("fetch_connected_application and list_connected_applications: POST form bodies; the JWT as sent", () => {
    const fetch = fetch_connected_application.request({ name: "application-1" });
    expect(fetch.method).toBe("POST");
    expect(fetch.url(BASE)).toBe(`${BASE}/json-api/fetch_connected_application?api.version=1`);
    expect(fetch.body()).toMatchObject({ kind: "form", contentType: "application/x-www-form-urlencoded", text: "name=application-1" });
    expectSameArgv(fetch.argv(), FETCH_CLI);

    const list = list_connected_applications.request();
    expect(list.method).toBe("POST");
    expect(list.url(BASE)).toBe(`${BASE}/json-api/list_connected_applications?api.version=1`);
    expectSameArgv(list.argv(), LIST_CLI);
    const r = list_connected_applications.decode(copy(LIST_ANSWER));
    expect(r.data.list).toEqual(LIST_ANSWER.data.list);
    // The documentation shows jwt as an object with a numeric `exp`, but 11.137's document gives
    // jwt no shape (`{}` in the facts file): the SDK types it `unknown` and converts nothing in
    // it, so a quoted exp stays quoted.
    expectTypeOf(r.data.list).toEqualTypeOf<{ jwt?: unknown; name?: string; private_key?: string; public_key?: string; token_name?: string }[] | undefined>();
    const quoted = copy(LIST_ANSWER);
    (quoted.data.list[0]!.jwt as { exp: unknown }).exp = "1401912171";
    expect(list_connected_applications.decode(quoted).data.list?.[0]?.jwt).toEqual({ ...LIST_ANSWER.data.list[0]!.jwt, exp: "1401912171" });
  });
});

describe("matchpkgs and applist (specs/packages.yaml, specs/applications.yaml)", () => {
  // https://api.docs.cpanel.net/openapi/whm/operation/matchpkgs — parameter examples CPMOD=jupiter,
  // DIGESTAUTH=n, CGI=1 (the stored page shows no request sample or answer). Seeded only before
  // 11.137 was imported; now typed: DIGESTAUTH a y/n flag, CGI a 1/0 flag.
  test("matchpkgs (typed flags) and applist (the list of names)", () => {
    const req = matchpkgs.request({ CPMOD: "jupiter", DIGESTAUTH: "n", CGI: true });
    expect(req.url(BASE)).toBe(`${BASE}/json-api/matchpkgs?api.version=1&CPMOD=jupiter&DIGESTAUTH=n&CGI=1`);
    expectSameArgv(req.argv(), "whmapi1 matchpkgs CPMOD=jupiter DIGESTAUTH=n CGI=1");

    // No stored page shows an applist answer; specs/applist.json has its shape, written by the
    // import from the published document's function list (docs/applist-sources.md).
    const answer = JSON.parse(readFileSync(new URL("../specs/applist.json", import.meta.url), "utf8")) as { data: { app: string[] } };
    expect(applist.request().url(BASE)).toBe(`${BASE}/json-api/applist?api.version=1`);
    const r = applist.decode(copy(answer));
    expect(r.data).toEqual(answer.data);
    expect((r.data as { app: string[] }).app).toContain("matchpkgs");
  });
});
