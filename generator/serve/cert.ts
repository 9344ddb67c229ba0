/**
 * The TLS certificates of `whmgen serve --tls`, made at start with node:crypto alone (a small DER
 * writer, ECDSA P-256), so `--tls` works on a machine with nothing but Node: a CA of its own, and
 * the server's certificate signed by it. The client trusts the CA (its PEM file is printed).
 *
 * Two certificates rather than one self-signed: rustls (Deno's fetch) and other strict verifiers
 * refuse a CA certificate presented as the server's own (`CaUsedAsEndEntity`), and a leaf
 * without CA rights cannot be a trust anchor for them either; a CA plus a leaf is what every
 * runtime accepts, and what a private CA in the field looks like.
 */
import { createHash, createPublicKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";
import { isIP } from "node:net";

export interface ServeCertificate {
  /** The server's private key (PEM). */
  key: string;
  /** The server's certificate (PEM), signed by `ca`. */
  cert: string;
  /** The CA certificate (PEM): what a client trusts. */
  ca: string;
}

/** Names the certificate is valid for: loopback, plus the host served on. */
function altNames(host: string): { ips: string[]; dns: string[] } {
  const ips = new Set(["127.0.0.1"]);
  const dns = new Set(["localhost"]);
  if (isIP(host) === 4) ips.add(host);
  else if (isIP(host) === 0 && host) dns.add(host);
  return { ips: [...ips], dns: [...dns] };
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
const DAY = 86_400_000;

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return critical ? seq(oid(id), boolTrue(), octets(value)) : seq(oid(id), octets(value));
}

function commonName(cn: string): Buffer {
  return seq(set(seq(oid("2.5.4.3"), der(0x0c, Buffer.from(cn)))));
}

function serialNumber(): Buffer {
  const serial = randomBytes(8);
  serial[0] = (serial[0] ?? 1) & 0x7f || 1;
  return serial;
}

interface Signed {
  pem: string;
  keyId: Buffer;
}

/** One X.509 v3 certificate for `subjectKey`, signed with `issuerKey`. */
function certificate(subject: Buffer, issuer: Buffer, subjectKey: KeyObject, issuerKey: KeyObject, extensions: Buffer[]): Signed {
  const spki = createPublicKey(subjectKey).export({ type: "spki", format: "der" });
  const now = Date.now();
  const tbs = seq(
    explicit(0, integer(Buffer.from([2]))),
    integer(serialNumber()),
    seq(oid(ECDSA_SHA256)),
    issuer,
    seq(utcTime(new Date(now - 3_600_000)), utcTime(new Date(now + 30 * DAY))),
    subject,
    spki,
    explicit(3, seq(...extensions)),
  );
  const signature = sign("sha256", tbs, issuerKey);
  const body = seq(tbs, seq(oid(ECDSA_SHA256)), der(0x03, Buffer.concat([Buffer.from([0]), signature])));
  const base64 = body.toString("base64").replace(/.{64}/g, "$&\n");
  return { pem: `-----BEGIN CERTIFICATE-----\n${base64.trimEnd()}\n-----END CERTIFICATE-----\n`, keyId: keyId(spki) };
}

/** A key identifier: SHA-1 of the public key info (RFC 5280 4.2.1.2 allows any such hash). */
function keyId(spki: Buffer): Buffer {
  return createHash("sha1").update(spki).digest();
}

/** A CA and a server certificate for `host` signed by it. */
export function makeCertificate(host: string): ServeCertificate {
  const caKey = generateKeyPairSync("ec", { namedCurve: "prime256v1" }).privateKey;
  const serverKey = generateKeyPairSync("ec", { namedCurve: "prime256v1" }).privateKey;
  const caName = commonName("whmgen serve test CA");
  const caSpki = createPublicKey(caKey).export({ type: "spki", format: "der" });
  const ca = certificate(caName, caName, caKey, caKey, [
    extension("2.5.29.19", true, seq(boolTrue())), // basicConstraints: CA
    extension("2.5.29.15", true, der(0x03, Buffer.from([0x01, 0x06]))), // keyUsage: keyCertSign, cRLSign
    extension("2.5.29.14", false, octets(keyId(caSpki))), // subjectKeyIdentifier
  ]);
  const { ips, dns } = altNames(host);
  const general = [
    ...ips.map((ip) => der(0x87, Buffer.from(ip.split(".").map(Number)))),
    ...dns.map((d) => der(0x82, Buffer.from(d))),
  ];
  const server = certificate(commonName(host || "127.0.0.1"), caName, serverKey, caKey, [
    extension("2.5.29.19", true, seq()), // basicConstraints: not a CA
    extension("2.5.29.15", true, der(0x03, Buffer.from([0x07, 0x80]))), // keyUsage: digitalSignature
    extension("2.5.29.37", false, seq(oid("1.3.6.1.5.5.7.3.1"))), // extKeyUsage: serverAuth
    extension("2.5.29.17", false, seq(...general)), // subjectAltName
    extension("2.5.29.35", false, seq(der(0x80, ca.keyId))), // authorityKeyIdentifier
  ]);
  return { key: serverKey.export({ type: "pkcs8", format: "pem" }).toString(), cert: server.pem, ca: ca.pem };
}
