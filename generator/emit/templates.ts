/**
 * Handlebars templates for the text that is not TypeScript (the SDK's README.md, coverage.md).
 *
 * `npm run build` precompiles every template (generator/build/precompile-templates.ts) into
 * dist/templates/hbs/NAME.js with the SHA-256 of the source it was compiled from. A run uses the
 * precompiled form with Handlebars' small runtime when the hash matches the template on disk, and
 * compiles the source with the full Handlebars otherwise (a template edited since the build).
 * Loading and compiling with the full Handlebars cost ~40 ms of every run; the runtime ~13 ms.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export type Template = (context: object) => string;

/** Compile options per template; precompiling uses the same ones. */
export const TEMPLATE_OPTIONS: Readonly<Record<string, { noEscape: boolean; strict: boolean }>> = {
  "sdk-readme.md.hbs": { noEscape: true, strict: true },
  "coverage.md.hbs": { noEscape: true, strict: false },
};

/** The package's root: three levels up from this module, past `dist/` when built. */
const ROOT = ((): string => {
  const up = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
  return path.basename(up) === "dist" ? path.dirname(up) : up;
})();

/** Where the build writes precompiled templates. */
export const PRECOMPILED_DIR = path.join(ROOT, "dist", "templates", "hbs");

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function optionsOf(name: string): { noEscape: boolean; strict: boolean } {
  const options = TEMPLATE_OPTIONS[name];
  if (!options) throw new Error(`no compile options for template ${name} (add it to TEMPLATE_OPTIONS)`);
  return options;
}

interface Precompiled {
  sha256: string;
  spec: unknown;
}

/** Loads `templatesDir/NAME`, precompiled when the build's copy is of the same source. */
export async function loadTemplate(templatesDir: string, name: string): Promise<Template> {
  const source = await readFile(path.join(templatesDir, name), "utf8");
  const options = optionsOf(name);
  let precompiled: Precompiled | undefined;
  try {
    precompiled = (await import(pathToFileURL(path.join(PRECOMPILED_DIR, `${name}.js`)).href)) as Precompiled;
  } catch {
    precompiled = undefined; // not built: compile below
  }
  if (precompiled && precompiled.sha256 === sha256(source)) {
    const runtime = (await import("handlebars/runtime.js")).default as unknown as { template(spec: unknown): Template };
    return runtime.template(precompiled.spec);
  }
  const Handlebars = (await import("handlebars")).default;
  return Handlebars.compile(source, options);
}
