/**
 * `whmgen seed --from-server URL`: asks a live server for its `applist`, through the SDK's own
 * runtime (HTTPS, token auth, TLS verification on unless asked otherwise). The token comes from
 * an environment variable, never from the command line, and never appears in output.
 */
import { readFile } from "node:fs/promises";
import { createRuntimeClient, isWhmError, tokenAuth } from "../../templates/runtime/index.js";
import { nodeTransportMakers } from "../../templates/runtime/node.js";
import { UsageError, WhmgenError } from "../errors.js";

export interface ServerApplistOptions {
  url: string;
  user: string;
  /** Name of the environment variable that holds the API token. */
  tokenEnv: string;
  ca?: string;
  insecure?: boolean;
  env?: NodeJS.ProcessEnv;
}

export async function fetchApplist(options: ServerApplistOptions): Promise<{ text: string; name: string }> {
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    throw new UsageError(`--from-server needs a URL such as https://server.example.com:2087, got ${JSON.stringify(options.url)}`);
  }
  if (url.username || url.password) throw new UsageError("--from-server: put no credentials in the URL; the token comes from the environment");
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new UsageError(`--from-server: unsupported protocol ${url.protocol}`);
  const token = (options.env ?? process.env)[options.tokenEnv];
  if (!token) throw new UsageError(`--from-server needs an API token in the environment variable ${options.tokenEnv}`);
  const name = `${url.protocol}//${url.host}${url.pathname === "/" ? "" : url.pathname}`;
  const whm = createRuntimeClient(
    {
      host: url.hostname,
      protocol: url.protocol === "http:" ? "http" : "https",
      ...(url.port ? { port: Number(url.port) } : {}),
      ...(url.pathname && url.pathname !== "/" ? { basePath: url.pathname } : {}),
      auth: tokenAuth(options.user, token),
      ...(options.ca ? { ca: await readFile(options.ca, "utf8") } : {}),
      ...(options.insecure ? { insecure: true } : {}),
    },
    {},
    nodeTransportMakers,
  );
  try {
    const result = await whm.call("applist");
    return { text: JSON.stringify({ data: result.data, metadata: result.metadata }), name };
  } catch (error) {
    if (isWhmError(error)) throw new WhmgenError(`applist call failed: ${error.message}`, { file: name });
    throw error;
  } finally {
    await whm.close();
  }
}
