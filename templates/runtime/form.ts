/**
 * A multipart body as the platform's own `FormData`, which every runtime (Node, Bun, Deno,
 * Workers, browsers) encodes the same way: the fetch transport sends it as it is, the HTTPS
 * transport serialises it through `Response`.
 */
import type { WhmFile, WhmRequestBody } from "./define.js";

/** The fields and files of a multipart body. */
export function multipartForm(body: Extract<WhmRequestBody, { kind: "multipart" }>): FormData {
  const form = new FormData();
  for (const [name, value] of body.fields) form.append(name, value);
  for (const [field, file] of body.files) form.append(field, toBlob(file), file.name);
  return form;
}

function toBlob(file: WhmFile): Blob {
  if (file.content instanceof Blob) return file.content;
  const type = file.type === undefined ? {} : { type: file.type };
  if (typeof file.content === "string") return new Blob([file.content], type);
  return new Blob([Uint8Array.from(file.content)], type);
}
