/** Shared fixtures: marker secrets, the certificate, and a server per test file. */
import { afterAll, beforeAll } from "vitest";
import { makeCertificate, type TestCertificate } from "./cert.js";
import { startWhmServer, type WhmTestServer } from "./whm-server.js";

/** Marker secrets: any of these showing up in an error, a URL or a log is a leak. */
export const USER = "root";
export const TOKEN = "TOKENMARKER0123456789ABCDEFGHIJKLMN";
export const PASSWORD = "PASSWORD-MARKER-p@ss:w0rd";
/** Wrapped over lines, as in ~/.accesshash. */
export const HASH_FILE = "HASHMARKER0123456789abcdef\r\nHASHMARKER9876543210fedcba\nHASHMARKERend\n";
export const HASH = HASH_FILE.replace(/\s+/g, "");
export const MARKERS = [TOKEN, PASSWORD, HASH, "HASHMARKER", "TOKENMARKER", "PASSWORD-MARKER", Buffer.from(`${USER}:${PASSWORD}`).toString("base64")];

export interface ServerFixture {
  cert: TestCertificate;
  server: WhmTestServer;
}

/** Starts one HTTPS (or plain HTTP) test server for the file, and stops it after. */
export function useWhmServer(options: { plain?: boolean; accounts?: number } = {}): ServerFixture {
  const fixture = {} as ServerFixture;
  beforeAll(async () => {
    fixture.cert = await makeCertificate();
    fixture.server = await startWhmServer({
      ...(options.plain ? {} : { tls: fixture.cert }),
      user: USER,
      token: TOKEN,
      password: PASSWORD,
      hash: HASH,
      ...(options.accounts === undefined ? {} : { accounts: options.accounts }),
    });
  }, 30_000);
  afterAll(async () => {
    await fixture.server?.close();
  });
  return fixture;
}
