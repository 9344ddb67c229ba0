#!/usr/bin/env node
// whmgen's command line. Runs the compiled generator in dist/ (built by `npm run build`,
// which `npm ci` and `npm install` run through the `prepare` script): the build's one-file
// bundle of it when there is one (a cold start loads one module instead of about forty, see
// bench/HISTORY.md), else the compiled modules themselves.
let cli;
try {
  cli = await import("../dist/bundle/cli.js");
} catch (error) {
  if (!notFound(error, "bundle/cli.js")) throw error;
  try {
    cli = await import("../dist/generator/cli.js");
  } catch (error) {
    if (!notFound(error, "generator/cli.js")) throw error;
    process.stderr.write("whmgen: the generator is not built; run `npm run build` (or `npm ci`) first\n");
    process.exit(2);
  }
}
process.exitCode = await cli.main(process.argv.slice(2));

/** The module itself is missing (not a package it imports: that message names the package). */
function notFound(error, file) {
  return error && error.code === "ERR_MODULE_NOT_FOUND" && String(error.message).includes(`dist/${file}'`);
}
