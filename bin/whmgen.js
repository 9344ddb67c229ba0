#!/usr/bin/env node
// whmgen's command line. Runs the compiled generator in dist/ (built by `npm run build`,
// which `npm ci` and `npm install` run through the `prepare` script).
let cli;
try {
  cli = await import("../dist/generator/cli.js");
} catch (error) {
  if (error && error.code === "ERR_MODULE_NOT_FOUND" && String(error.message).includes("dist/generator/cli.js")) {
    process.stderr.write("whmgen: the generator is not built; run `npm run build` (or `npm ci`) first\n");
    process.exit(2);
  }
  throw error;
}
process.exitCode = await cli.main(process.argv.slice(2));
