/** An error inside an answer's schema names the response and media type actually read. */
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "vitest";
import { loadSpecs } from "../../generator/load/index.js";
import { tempDir } from "../helpers.js";

test.each([
  ["200", "application/json", "/responses/200/content/application~1json/schema"],
  ["2XX", "application/vnd.whm+json", "/responses/2XX/content/application~1vnd.whm+json/schema"],
  ["default", "text/plain", "/responses/default/content/text~1plain/schema"],
])("response %s with %s", async (code, media, pointer) => {
  const dir = await tempDir("response-pointer");
  const file = path.join(dir, "spec.yaml");
  await writeFile(
    file,
    `openapi: 3.0.3\ninfo: { title: t, version: 11.1.0.0 }\npaths:\n  /version:\n    get:\n      responses:\n        '${code}':\n          description: x\n          content:\n            ${media}:\n              schema:\n                type: object\n                properties:\n                  data: { type: int }\n`,
  );
  await expect(loadSpecs([file], { cwd: dir })).rejects.toThrow(`spec.yaml at /paths/~1version/get${pointer}/properties/data/type: unknown schema type "int"`);
});
