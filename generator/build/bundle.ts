/**
 * Build step (`npm run build`): bundles the compiled command line (dist/generator/cli.js and
 * the modules it imports) into dist/bundle/, which bin/whmgen.js runs. A cold start then loads a
 * handful of files instead of about forty modules, each resolved, read and compiled on its own
 * (about 35 ms of a 0.8 s run on a cPanel-sized document; bench/HISTORY.md). The verbs other than
 * `generate` stay in chunks of their own, loaded only when called. Packages (js-yaml, Handlebars'
 * runtime, swagger-parser…) are not bundled: they load from node_modules as before.
 *
 * The bundle sits two folders below the package root like the compiled modules of emit/, which
 * find templates/ from their own location (emit/index.ts, emit/templates.ts).
 */
import { rm } from "node:fs/promises";
import path from "node:path";
import { build } from "esbuild";
import { TEMPLATES_DIR } from "../emit/index.js";

const root = path.dirname(TEMPLATES_DIR);
const outdir = path.join(root, "dist", "bundle");
await rm(outdir, { recursive: true, force: true });
await build({
  entryPoints: [path.join(root, "dist", "generator", "cli.js")],
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  packages: "external",
  outdir,
  logLevel: "warning",
});
