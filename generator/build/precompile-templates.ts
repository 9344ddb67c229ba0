/**
 * Build step (`npm run build`): precompiles templates/*.hbs into dist/templates/hbs/NAME.js,
 * each with the SHA-256 of its source, for generator/emit/templates.ts.
 */
import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import Handlebars from "handlebars";
import { PRECOMPILED_DIR, TEMPLATE_OPTIONS, sha256 } from "../emit/templates.js";
import { TEMPLATES_DIR } from "../emit/index.js";

const names = (await readdir(TEMPLATES_DIR)).filter((n) => n.endsWith(".hbs")).sort();
await mkdir(PRECOMPILED_DIR, { recursive: true });
for (const name of names) {
  const options = TEMPLATE_OPTIONS[name];
  if (!options) throw new Error(`templates/${name} has no compile options in generator/emit/templates.ts`);
  const source = await readFile(path.join(TEMPLATES_DIR, name), "utf8");
  const spec = Handlebars.precompile(source, options);
  const text = `// Precompiled by whmgen's build from templates/${name}; see generator/emit/templates.ts.\nexport const sha256 = ${JSON.stringify(sha256(source))};\nexport const spec = ${String(spec)};\n`;
  await writeFile(path.join(PRECOMPILED_DIR, `${name}.js`), text);
}
