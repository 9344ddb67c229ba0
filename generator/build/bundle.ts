/**
 * Build step (`npm run build`): bundles the compiled command line (dist/generator/cli.js and
 * the modules it imports) into dist/bundle/, which bin/whmgen.js runs. A cold start then loads a
 * handful of files instead of about forty modules, each resolved, read and compiled on its own
 * (about 35 ms of a 0.8 s run on a cPanel-sized document; bench/HISTORY.md). The verbs other than
 * `generate` stay in chunks of their own, loaded only when called. Packages (js-yaml,
 * swagger-parser…) are not bundled: they load from node_modules as before. The one exception is
 * Handlebars' runtime, which every run loads to render README.md and coverage.md: a dozen
 * CommonJS files that took about 20 ms to load that way, 3 ms as part of the bundle.
 *
 * The bundle sits two folders below the package root like the compiled modules of emit/, which
 * find templates/ from their own location (emit/index.ts, emit/templates.ts).
 */
import { rm } from "node:fs/promises";
import path from "node:path";
import { build } from "esbuild";
import { TEMPLATES_DIR } from "../emit/index.js";

/** The one package bundled (generator/emit/templates.ts imports it under this name). */
const BUNDLED = "handlebars/runtime.js";

const root = path.dirname(TEMPLATES_DIR);
const outdir = path.join(root, "dist", "bundle");
await rm(outdir, { recursive: true, force: true });
await build({
  entryPoints: [path.join(root, "dist", "generator", "cli.js")],
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  outdir,
  plugins: [
    {
      name: "packages-external-but-handlebars-runtime",
      setup(build) {
        build.onResolve({ filter: /^[^./]/ }, (args) => (args.path === BUNDLED ? undefined : { path: args.path, external: true }));
      },
    },
  ],
  logLevel: "warning",
});
