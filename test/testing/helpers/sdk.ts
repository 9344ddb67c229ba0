/**
 * A generated SDK with its `testing` subpath, built the way `whmgen generate` will build it once
 * the emitter writes the testing files: generate into a temp folder, then add the engine (sources,
 * and compiled under dist/) and the generated testing files.
 */
import { execFile } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { generate } from "../../../generator/generate.js";
import { compiledTestingFiles, testingDistFiles, testingFiles, testingTemplateFiles } from "../../../generator/emit/testing.js";
import { ROOT, tempDir } from "../../helpers.js";

export const TEMPLATES = path.join(ROOT, "templates");
const run = promisify(execFile);

/**
 * Compiles templates/testing/ with whmgen's build settings (as `npm run build` does into dist/),
 * into a temp folder; returns its `templates` folder (the counterpart of dist/templates).
 */
export async function compileTemplates(): Promise<string> {
  const dir = await tempDir("testing-build");
  await writeFile(
    path.join(dir, "tsconfig.json"),
    JSON.stringify({
      extends: path.join(ROOT, "tsconfig.build.json"),
      compilerOptions: { outDir: path.join(dir, "dist"), rootDir: ROOT },
      include: [path.join(ROOT, "templates/testing/**/*.ts")],
    }),
  );
  await run(process.execPath, [path.join(ROOT, "node_modules/typescript/bin/tsc"), "-p", path.join(dir, "tsconfig.json")], { cwd: ROOT });
  return path.join(dir, "dist", "templates");
}

/** Generates `spec` into a fresh folder under test/.tmp, with testing/; returns the folder. */
export async function sdkWithTesting(spec: string, prefix = "sdk-testing", distTemplates?: string): Promise<string> {
  const out = path.join(await tempDir(prefix), "sdk");
  await generate({ specs: [spec], out, cwd: ROOT });
  await addTesting(out, distTemplates);
  return out;
}

/** Adds testing/ (and dist/testing/, given the compiled templates) to a generated SDK folder, as the emitter will. */
export async function addTesting(out: string, distTemplates?: string): Promise<string[]> {
  const catalogText = await readFile(path.join(out, "catalog.json"), "utf8");
  const banner = (await readFile(path.join(out, "index.ts"), "utf8")).split("\n")[0]!.replace(/^\/\/ /, "");
  const files = [...testingFiles(catalogText, banner), ...(await testingTemplateFiles(TEMPLATES, banner))];
  if (distTemplates) files.push(...testingDistFiles(catalogText, banner), ...(await compiledTestingFiles(distTemplates, banner)));
  for (const [name, text] of files) {
    await mkdir(path.dirname(path.join(out, name)), { recursive: true });
    await writeFile(path.join(out, name), text);
  }
  return files.map(([name]) => name);
}
