/**
 * A self-signed certificate for `whmgen serve --tls`, made at start: with the `openssl` command
 * when the machine has it, else with node:crypto alone (a small DER writer, ECDSA P-256), so
 * `--tls` works on a machine with nothing but Node. The same approach as the runtime's test server
 * (test/runtime/helpers/cert.ts), which the generator cannot import.
 */
import { execFile } from "node:child_process";
import { createPublicKey, generateKeyPairSync, randomBytes, sign } from "node:crypto";
import { readFile } from "node:fs/promises";
import { isIP } from "node:net";
import path from "node:path";
import { promisify } from "node:util";

export interface ServeCertificate {
  key: string;
  cert: string;
  madeWith: "openssl" | "node:crypto";
}

const run = promisify(execFile);

/** Names the certificate is valid for: loopback, plus the host served on. */
function altNames(host: string): { ips: string[]; dns: string[] } {
  const ips = new Set(["127.0.0.1"]);
  const dns = new Set(["localhost"]);
  if (isIP(host) === 4) ips.add(host);
  else if (isIP(host) === 0 && host) dns.add(host);
  return { ips: [...ips], dns: [...dns] };
}

/** Makes a certificate in `dir` (which must exist and be private), with openssl or node:crypto. */
export async function makeCertificate(dir: string, host: string): Promise<ServeCertificate> {
  try {
    return await withOpenssl(dir, host);
  } catch {
    return withNodeCrypto(host);
  }
}

async function withOpenssl(dir: string, host: string): Promise<ServeCertificate> {
  const key = path.join(dir, "openssl-key.pem");
  const cert = path.join(dir, "openssl-cert.pem");
  const { ips, dns } = altNames(host);
  const san = [...ips.map((ip) => `IP:${ip}`), ...dns.map((d) => `DNS:${d}`)].join(",");
  await run("openssl", [
    "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
    "-keyout", key, "-out", cert, "-days", "30", "-subj", `/CN=${host || "127.0.0.1"}`,
    "-addext", `subjectAltName=${san}`,
  ], { timeout: 15_000 });
  return { key: await readFile(key, "utf8"), cert: await readFile(cert, "utf8"), madeWith: "openssl" };
}

// --- A minimal DER writer: just what an X.509 v3 certificate needs. ---

function der(tag: number, content: Buffer): Buffer {
  const n = content.length;
  let length: Buffer;
  if (n < 0x80) length = Buffer.from([n]);
  else {
    const bytes: number[] = [];
    for (let rest = n; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
    length = Buffer.from([0x80 | bytes.length, ...bytes]);
  }
  return Buffer.concat([Buffer.from([tag]), length, content]);
}

const seq = (...parts: Buffer[]): Buffer => der(0x30, Buffer.concat(parts));
const set = (...parts: Buffer[]): Buffer => der(0x31, Buffer.concat(parts));
const explicit = (n: number, inner: Buffer): Buffer => der(0xa0 + n, inner);
const boolTrue = (): Buffer => der(0x01, Buffer.from([0xff]));
const octets = (content: Buffer): Buffer => der(0x04, content);

function integer(bytes: Buffer): Buffer {
  return der(0x02, (bytes[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
}

function oid(dotted: string): Buffer {
  const [a = 0, b = 0, ...rest] = dotted.split(".").map(Number);
  const out = [40 * a + b];
  for (const arc of rest) {
    const chunk = [arc & 0x7f];
    for (let v = arc >>> 7; v > 0; v >>>= 7) chunk.unshift((v & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return der(0x06, Buffer.from(out));
}

function utcTime(date: Date): Buffer {
  const two = (n: number): string => String(n).padStart(2, "0");
  const text = two(date.getUTCFullYear() % 100) + two(date.getUTCMonth() + 1) + two(date.getUTCDate()) +
    two(date.getUTCHours()) + two(date.getUTCMinutes()) + two(date.getUTCSeconds()) + "Z";
  return der(0x17, Buffer.from(text, "ascii"));
}

const ECDSA_SHA256 = "1.2.840.10045.4.3.2";

/** The certificate without openssl. */
export function withNodeCrypto(host: string): ServeCertificate {
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const spki = createPublicKey(privateKey).export({ type: "spki", format: "der" });
  const name = seq(set(seq(oid("2.5.4.3"), der(0x0c, Buffer.from(host || "127.0.0.1")))));
  const now = Date.now();
  const { ips, dns } = altNames(host);
  const general = [
    ...ips.map((ip) => der(0x87, Buffer.from(ip.split(".").map(Number)))),
    ...dns.map((d) => der(0x82, Buffer.from(d))),
  ];
  const basicConstraints = seq(oid("2.5.29.19"), boolTrue(), octets(seq(boolTrue())));
  const subjectAltName = seq(oid("2.5.29.17"), octets(seq(...general)));
  const serial = randomBytes(8);
  serial[0] = (serial[0] ?? 1) & 0x7f || 1;
  const tbs = seq(
    explicit(0, integer(Buffer.from([2]))),
    integer(serial),
    seq(oid(ECDSA_SHA256)),
    name,
    seq(utcTime(new Date(now - 3_600_000)), utcTime(new Date(now + 30 * 86_400_000))),
    name,
    spki,
    explicit(3, seq(basicConstraints, subjectAltName)),
  );
  const signature = sign("sha256", tbs, privateKey);
  const certificate = seq(tbs, seq(oid(ECDSA_SHA256)), der(0x03, Buffer.concat([Buffer.from([0]), signature])));
  const base64 = certificate.toString("base64").replace(/.{64}/g, "$&\n");
  return {
    key: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    cert: `-----BEGIN CERTIFICATE-----\n${base64.trimEnd()}\n-----END CERTIFICATE-----\n`,
    madeWith: "node:crypto",
  };
}
