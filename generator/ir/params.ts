/** OpenAPI parameters and request bodies → IrParam. */
import { WhmgenError, pointerToken } from "../errors.js";
import { toShape, type ShapeContext } from "./shape.js";
import type { IrEncoding, IrParam, IrParamKind, IrShape } from "./types.js";
import { isObj, type Obj } from "../json.js";



/** Kind and wire encoding follow from the shape (and the `x-whm-multivalue` marker). */
export function classify(shape: IrShape, indexed: boolean, json: boolean): { kind: IrParamKind; encoding: IrEncoding } {
  if (json) return { kind: "json", encoding: "json" };
  const hasArray = shape.kind === "array" || (shape.kind === "union" && shape.members.some((m) => m.kind === "array"));
  if (hasArray) return indexed ? { kind: "array-indexed", encoding: "idx" } : { kind: "array-repeated", encoding: "rep" };
  switch (shape.kind) {
    case "bool01":
      return { kind: "boolean01", encoding: "s" };
    case "yesno":
      return { kind: "yesno", encoding: "yn" };
    case "literal":
      return { kind: "enum", encoding: "s" };
    case "union":
      return { kind: "union", encoding: shape.members.some((m) => m.kind === "yesno") ? "yn" : "s" };
    case "object":
      return { kind: "object", encoding: "json" };
    case "file":
      return { kind: "file", encoding: "file" };
    case "string":
    case "integer":
    case "number":
    case "boolean":
      return { kind: shape.kind, encoding: "s" };
    default:
      return { kind: "unknown", encoding: "s" };
  }
}

/** One entry of an operation's `parameters`. `null` for parameters WHM never reads (header, cookie). */
export function queryParam(param: unknown, ctx: ShapeContext, at: string): IrParam | null {
  const place = { file: ctx.file, pointer: at };
  if (!isObj(param)) throw new WhmgenError("parameter must be a mapping", place);
  const name = param["name"];
  if (typeof name !== "string" || name === "") throw new WhmgenError('parameter has no "name"', place);
  const where = param["in"];
  if (where === "header" || where === "cookie") return null;
  if (where === undefined) throw new WhmgenError(`parameter ${JSON.stringify(name)} has no "in" (WHM reads "query")`, place);
  if (where !== "query" && where !== "path" && where !== "formData") {
    throw new WhmgenError(`parameter ${JSON.stringify(name)} has unsupported "in": ${JSON.stringify(where)}`, { ...place, pointer: `${at}/in` });
  }
  let shape: IrShape;
  let json = false;
  let schema: unknown = param["schema"];
  if (isObj(param["content"])) {
    const types = Object.keys(param["content"]);
    const media = types.find((t) => t === "application/json" || t.endsWith("+json"));
    if (!media) throw new WhmgenError(`parameter ${JSON.stringify(name)}: only application/json content is supported, got ${types.join(", ")}`, { ...place, pointer: `${at}/content` });
    schema = (param["content"][media] as Obj | undefined)?.["schema"];
    shape = toShape(schema, ctx, `${at}/content/${pointerToken(media)}/schema`);
    json = true;
  } else if (isObj(schema)) {
    shape = toShape(schema, ctx, `${at}/schema`);
  } else {
    throw new WhmgenError(`parameter ${JSON.stringify(name)} has neither "schema" nor "content"`, place);
  }
  return build(name, param["required"] === true, shape, schema, param, json, "query");
}

function marker(holder: Obj, schema: unknown, key: string): unknown {
  return holder[key] ?? (isObj(schema) ? schema[key] : undefined);
}

function hasArray(shape: IrShape): boolean {
  return shape.kind === "array" || (shape.kind === "union" && shape.members.some((m) => m.kind === "array"));
}

function build(name: string, required: boolean, documented: IrShape, schema: unknown, holder: Obj, json: boolean, location: "query" | "body"): IrParam {
  const multi = marker(holder, schema, "x-whm-multivalue");
  const indexed = multi === "indexed";
  // cPanel often documents one value and says in prose how to send more (`acl-1`, `acl-2`, …):
  // marked so, the parameter takes one value or a list of them.
  const shape: IrShape = (indexed || multi === "repeated") && !json && !hasArray(documented) ? { kind: "union", members: [documented, { kind: "array", items: documented }] } : documented;
  const { kind, encoding } = classify(shape, indexed, json);
  const param: IrParam = { name, required, kind, encoding, shape, deprecated: holder["deprecated"] === true, location, secret: isSecret(name, schema, marker(holder, schema, "x-whm-secret")) };
  const base = marker(holder, schema, "x-whm-index-base");
  const separator = marker(holder, schema, "x-whm-index-separator");
  if (encoding === "idx" && ((typeof base === "number" && base !== 1) || (typeof separator === "string" && separator !== "-"))) {
    param.index = { base: typeof base === "number" ? base : 1, separator: typeof separator === "string" ? separator : "-" };
  }
  // A documented default of a password or token would be copied into TSDoc, the catalog and the
  // schemas: whatever it is, it has no place in generated files.
  if (isObj(schema) && schema["default"] !== undefined && !param.secret) param.default = schema["default"];
  const description = holder["description"] ?? (isObj(schema) ? schema["description"] : undefined);
  if (typeof description === "string") param.description = description;
  return param;
}

/** The name rules: a parameter named like this carries a secret (unless marked `x-whm-secret: false`). */
export const SECRET_NAME = /(^|[_.-])(pass|passwd|password|newpass|passphrase|token|secret|accesshash|access_hash|apikey|api_key)$/i;

/**
 * The name rules as the SDK's runtime applies them to names it is given (templates/runtime/secrets.ts,
 * the same `SECRET_NAME`): an indexed `name-2` is judged by `name`.
 */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name) || SECRET_NAME.test(name.replace(/-\d+$/, ""));
}

/**
 * Secret by the document's marks (`format: password`, or whmgen's `x-whm-secret: true` — the
 * reviewed list in specs/overlays/secrets.yaml), or by a name that says so. `x-whm-secret: false`
 * overrides the name rules for a parameter that only looks like one.
 */
function isSecret(name: string, schema: unknown, mark: unknown): boolean {
  if (typeof mark === "boolean") return mark;
  return (isObj(schema) && schema["format"] === "password") || SECRET_NAME.test(name);
}

/** Properties of a request body schema, as body parameters. */
export function bodyParams(schema: unknown, ctx: ShapeContext, at: string): IrParam[] {
  if (!isObj(schema)) return [];
  const required = new Set(Array.isArray(schema["required"]) ? schema["required"].map(String) : []);
  const props = isObj(schema["properties"]) ? schema["properties"] : {};
  return Object.keys(props).map((name) => {
    const propAt = `${at}/properties/${pointerToken(name)}`;
    const prop = props[name];
    const shape = toShape(prop, ctx, propAt);
    return build(name, required.has(name), shape, prop, isObj(prop) ? prop : {}, false, "body");
  });
}
