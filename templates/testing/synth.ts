/**
 * Answers made up from a shape: the right types, 1/0 for flags, y/n for y/n flags, formats
 * respected (`email`, `ipv4`, `domain`, `unix_timestamp`, …), plausible values for well-known
 * field names (`user`, `domain`, `ip`, `disklimit`), lists of a configurable length.
 * Host names and addresses come from the ranges reserved for documentation (RFC 2606, 5737, 3849).
 */
import { rngFor, type Rng } from "./random.js";
import type { FakeShape } from "./types.js";

/** What synthesis depends on: nothing else, so the same inputs give the same value. */
export interface SynthSettings {
  readonly seed: string;
  /** Elements per list (and entries per map). */
  readonly listLength: number;
  /** The fake clock, in Unix seconds. */
  readonly now: number;
  /** `version` fields answer this. */
  readonly specVersion: string;
  /** Parameters of the call, by name: a field of the same name echoes the value sent. */
  readonly echo?: Readonly<Record<string, unknown>> | undefined;
}

const NAMES = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory", "niaj", "oscar", "peggy", "rupert", "sybil", "trent", "victor", "walter", "wendy"];
const WORDS = ["amber", "brisk", "cedar", "delta", "ember", "fable", "garnet", "harbor", "indigo", "juniper", "kestrel", "lumen", "maple", "nimbus", "onyx", "pebble", "quartz", "raven", "sierra", "tundra", "umber", "velvet", "willow", "zephyr"];
const SENTENCES = ["Everything is in order.", "The system completed the task.", "No action was needed.", "The change takes effect at once."];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const MAX_DEPTH = 12;

/** Where a value sits: its property name, its path (the seed), its index in a list. */
interface Place {
  readonly key: string;
  readonly path: string;
  readonly index?: number | undefined;
  readonly depth: number;
}

const two = (n: number): string => String(n).padStart(2, "0");

/** `YY Mon DD HH:MM`, the form cPanel uses for `startdate` (its documents call it YY-Mon-DD-HH-MM). */
export function whmDate(unix: number): string {
  const d = new Date(unix * 1000);
  return `${two(d.getUTCFullYear() % 100)} ${MONTHS[d.getUTCMonth()]} ${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

export function username(rng: Rng, index?: number): string {
  return `${rng.pick(NAMES)}${index === undefined ? rng.int(1, 99) : index + 1}`;
}

export function domainName(rng: Rng): string {
  return `${rng.pick(WORDS)}-${rng.pick(WORDS)}.example`;
}

export function ipv4(rng: Rng): string {
  return `${rng.pick(["192.0.2", "198.51.100", "203.0.113"])}.${rng.int(1, 254)}`;
}

function ipv6(rng: Rng): string {
  return `2001:db8::${rng.int(1, 0xffff).toString(16)}`;
}

function hex(rng: Rng, length: number): string {
  let s = "";
  while (s.length < length) s += rng.int(0, 15).toString(16);
  return s;
}

function pastTime(rng: Rng, settings: SynthSettings): number {
  return settings.now - rng.int(0, 365 * 86_400);
}

function byFormat(format: string, rng: Rng, place: Place, settings: SynthSettings): string | number | undefined {
  switch (format.toLowerCase()) {
    case "email":
      return `${username(rng, place.index)}@${domainName(rng)}`;
    case "ipv4":
      return ipv4(rng);
    case "ipv6":
      return ipv6(rng);
    case "domain":
    case "hostname":
    case "idn-hostname":
      return domainName(rng);
    case "username":
      return username(rng, place.index);
    case "uri":
    case "url":
      return `https://${domainName(rng)}/`;
    case "date-time":
      return new Date(pastTime(rng, settings) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
    case "date":
      return new Date(pastTime(rng, settings) * 1000).toISOString().slice(0, 10);
    case "unix_timestamp":
    case "timestamp":
      return pastTime(rng, settings);
    case "megabytes":
      return rng.int(0, 10_240);
    case "yy-mon-dd-hh-mm":
      return whmDate(pastTime(rng, settings));
    case "uuid":
      return `${hex(rng, 8)}-${hex(rng, 4)}-4${hex(rng, 3)}-a${hex(rng, 3)}-${hex(rng, 12)}`;
    default:
      return undefined;
  }
}

/** A string for a field known by its name, or undefined. */
function stringByName(key: string, rng: Rng, place: Place, settings: SynthSettings): string | undefined {
  const k = key.toLowerCase();
  if (/(^|_)(user(name)?|owner|reseller|cpuser|login)$/.test(k)) return k.includes("owner") || k.includes("reseller") ? "root" : username(rng, place.index);
  if (/e?mail$|email/.test(k)) return `${username(rng, place.index)}@${domainName(rng)}`;
  if (/domain$/.test(k)) return domainName(rng);
  if (/ipv6/.test(k)) return ipv6(rng);
  if (/(^|_)ip(v4)?(_?addr(ess)?)?$/.test(k)) return ipv4(rng);
  if (/host(name)?$/.test(k)) return domainName(rng);
  if (/(url|uri)$/.test(k)) return `https://${domainName(rng)}/`;
  if (/version$/.test(k)) return settings.specVersion;
  if (/(^|_)(plan|package|pkg)$/.test(k)) return "default";
  if (/theme$/.test(k)) return "jupiter";
  if (/shell$/.test(k)) return "/bin/bash";
  if (/(limit|quota)$/.test(k)) return rng.chance(0.5) ? "unlimited" : `${rng.int(1, 100) * 100}M`;
  if (/used$/.test(k)) return `${rng.int(0, 2_000)}M`;
  if (/startdate$/.test(k)) return whmDate(pastTime(rng, settings));
  if (/(date|time)$/.test(k)) return new Date(pastTime(rng, settings) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
  if (/(reason|message|msg|description|comment|note|summary|error|warning)s?$/.test(k)) return rng.pick(SENTENCES);
  if (/(^|_)(id|uuid|token|hash|key|guid)$/.test(k)) return hex(rng, 16);
  if (/(^|_)(home|homedir|dir|path|documentroot)$/.test(k)) return `/home/${username(rng, place.index)}`;
  if (/partition$/.test(k)) return "home";
  if (/(^|_)(ns|nameserver)\d*$/.test(k)) return `ns${rng.int(1, 4)}.${domainName(rng)}`;
  return undefined;
}

function integerByName(key: string, rng: Rng, settings: SynthSettings): number {
  const k = key.toLowerCase();
  if (/port$/.test(k)) return rng.int(1024, 65_535);
  if (/(^|_)(uid|gid)$/.test(k)) return rng.int(1000, 60_000);
  if (/(time|date|_at|expires|startdate|created|modified|updated|mtime)$/.test(k)) return pastTime(rng, settings);
  if (/(count|total|num|max|min|limit|size|used|quota)/.test(k)) return rng.int(0, 500);
  return rng.int(0, 1000);
}

function echoed(shape: FakeShape, place: Place, settings: SynthSettings): { value: unknown } | undefined {
  const echo = settings.echo;
  if (!echo || !place.key || !Object.prototype.hasOwnProperty.call(echo, place.key)) return undefined;
  const sent = echo[place.key];
  if (typeof sent !== "string" && typeof sent !== "number") return undefined;
  if (shape.kind === "string") return { value: String(sent) };
  if ((shape.kind === "integer" || shape.kind === "number") && Number.isFinite(Number(sent)) && String(sent) !== "") return { value: Number(sent) };
  if (shape.kind === "literal" && shape.values.some((v) => String(v) === String(sent))) return { value: shape.values.find((v) => String(v) === String(sent)) };
  return undefined;
}

function scalar(shape: FakeShape, rng: Rng, place: Place, settings: SynthSettings): unknown {
  switch (shape.kind) {
    case "string":
      return (shape.format !== undefined ? byFormat(shape.format, rng, place, settings) : undefined) ??
        stringByName(place.key, rng, place, settings) ?? `${rng.pick(WORDS)}-${rng.pick(WORDS)}`;
    case "integer": {
      const formatted = shape.format !== undefined ? byFormat(shape.format, rng, place, settings) : undefined;
      return typeof formatted === "number" ? formatted : integerByName(place.key, rng, settings);
    }
    case "number":
      return Math.round(rng.next() * 100_000) / 100;
    case "bool01":
      return rng.int(0, 1);
    case "yesno":
      return rng.chance(0.5) ? "y" : "n";
    case "boolean":
      return rng.chance(0.5);
    case "literal":
      return shape.values.length ? rng.pick(shape.values) : null;
    case "null":
    case "file":
      return null;
    default:
      return `${rng.pick(WORDS)}-${rng.pick(WORDS)}`;
  }
}

function generate(shape: FakeShape, place: Place, settings: SynthSettings): unknown {
  const echo = echoed(shape, place, settings);
  if (echo) return echo.value;
  const rng = rngFor(settings.seed, place.path);
  switch (shape.kind) {
    case "array": {
      if (place.depth >= MAX_DEPTH) return [];
      const out: unknown[] = [];
      for (let i = 0; i < settings.listLength; i++) {
        out.push(generate(shape.items, { key: place.key, path: `${place.path}[${i}]`, index: i, depth: place.depth + 1 }, settings));
      }
      return out;
    }
    case "object": {
      const out: Record<string, unknown> = {};
      if (place.depth >= MAX_DEPTH) return out;
      for (const p of shape.properties) {
        out[p.name] = generate(p.shape, { key: p.name, path: `${place.path}.${p.name}`, index: place.index, depth: place.depth + 1 }, settings);
      }
      // A map of known values gets a few entries; "anything else allowed" (unknown) gets none.
      const extra = shape.additional;
      if (extra && extra.kind !== "unknown") {
        const start = rng.int(0, WORDS.length - 1);
        for (let i = 0; i < Math.min(settings.listLength, WORDS.length); i++) {
          const key = WORDS[(start + i) % WORDS.length] as string;
          if (!(key in out)) out[key] = generate(extra, { key, path: `${place.path}{${key}}`, depth: place.depth + 1 }, settings);
        }
      }
      return out;
    }
    case "union": {
      const members = shape.members.filter((m) => m.kind !== "null");
      if (!members.length) return null;
      // A field known by name (disklimit: "unlimited" | "500M") reads better than a random member.
      const chosen = members.find((m) => m.kind === "string" && stringByName(place.key, rng, place, settings) !== undefined) ?? rng.pick(members);
      return generate(chosen, { ...place, path: `${place.path}|` }, settings);
    }
    case "unknown":
      return place.depth === 0 ? {} : scalar(shape, rng, place, settings);
    default:
      return scalar(shape, rng, place, settings);
  }
}

/**
 * A value of `shape`, as WHM puts it on the wire (flags as 1/0, y/n flags as "y"/"n").
 * `root` names the place (the function name); it seeds every value under it.
 *
 * @example
 * synthesize({ kind: "object", properties: [{ name: "user", required: true, shape: { kind: "string" } }] }, "accountsummary", settings);
 * // { user: "grace42" }
 */
export function synthesize(shape: FakeShape, root: string, settings: SynthSettings): unknown {
  return generate(shape, { key: "", path: root, depth: 0 }, settings);
}

/** A value for one named field (used for account rows and metadata keys). */
export function synthesizeField(shape: FakeShape, key: string, root: string, settings: SynthSettings): unknown {
  return generate(shape, { key, path: `${root}.${key}`, depth: 1 }, settings);
}
