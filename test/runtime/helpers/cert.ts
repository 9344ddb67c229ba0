/**
 * A self-signed certificate for 127.0.0.1, made at test time: with the `openssl` command when the
 * machine has it, else with node:crypto alone (a small DER writer, ECDSA P-256), so the tests run
 * on a fresh Debian machine with nothing but Node 20.
 */
import { execFile } from "node:child_process";
import { createPublicKey, generateKeyPairSync, randomBytes, sign } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

export interface TestCertificate {
  key: string;
  cert: string;
  madeWith: "openssl" | "node:crypto";
}

const run = promisify(execFile);

/** Makes a certificate with openssl, or with node:crypto when openssl is missing or fails. */
export async function makeCertificate(): Promise<TestCertificate> {
  try {
    return await makeWithOpenssl();
  } catch {
    return makeWithNodeCrypto();
  }
}

export async function makeWithOpenssl(): Promise<TestCertificate> {
  const dir = await mkdtemp(join(tmpdir(), "whm-cert-"));
  try {
    const key = join(dir, "key.pem");
    const cert = join(dir, "cert.pem");
    await run("openssl", [
      "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
      "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=127.0.0.1",
      "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
    ], { timeout: 10_000 });
    return { key: await readFile(key, "utf8"), cert: await readFile(cert, "utf8"), madeWith: "openssl" };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
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

export function makeWithNodeCrypto(): TestCertificate {
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const spki = createPublicKey(privateKey).export({ type: "spki", format: "der" });
  const name = seq(set(seq(oid("2.5.4.3"), der(0x0c, Buffer.from("127.0.0.1")))));
  const now = Date.now();
  const basicConstraints = seq(oid("2.5.29.19"), boolTrue(), octets(seq(boolTrue())));
  const altNames = seq(oid("2.5.29.17"), octets(seq(der(0x87, Buffer.from([127, 0, 0, 1])), der(0x82, Buffer.from("localhost")))));
  const serial = randomBytes(8);
  serial[0] = (serial[0] ?? 1) & 0x7f || 1;
  const tbs = seq(
    explicit(0, integer(Buffer.from([2]))),
    integer(serial),
    seq(oid(ECDSA_SHA256)),
    name,
    seq(utcTime(new Date(now - 3_600_000)), utcTime(new Date(now + 2 * 86_400_000))),
    name,
    spki,
    explicit(3, seq(basicConstraints, altNames)),
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
