/**
 * The baseline the generated decoders are measured against: a straightforward coercer that walks
 * the OpenAPI schema at run time for every value (what one writes without a generator). Same
 * conversions as whmgen's decoders (0/1 → Boolean, y/n → Boolean, quoted numbers → numbers,
 * unions by first matching member), in place like them, so the difference is the schema walk.
 */

function isRecord(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function isBool01(schema) {
  const e = schema.enum;
  return Array.isArray(e) && e.length === 2 && schema.type !== "string" && e.map(String).includes("0") && e.map(String).includes("1");
}

function isYesNo(schema) {
  const e = schema.enum;
  return Array.isArray(e) && e.length === 2 && e.includes("y") && e.includes("n");
}

function numeric(v) {
  return typeof v === "string" && v !== "" && v.trim() === v && !Number.isNaN(Number(v));
}

/** Whether `value` fits `schema` (for choosing a union member). */
function matches(schema, value) {
  if (Array.isArray(schema.enum)) return schema.enum.some((e) => e === value || (e !== null && String(e) === String(value)));
  switch (schema.type) {
    case "integer":
    case "number":
      return typeof value === "number" || numeric(value);
    case "string":
      return typeof value === "string";
    case "array":
      return Array.isArray(value);
    case "object":
      return isRecord(value);
    case "boolean":
      return typeof value === "boolean";
    default:
      return true;
  }
}

export function coerce(schema, value) {
  if (value === null || value === undefined || schema === undefined) return value;
  const choices = schema.oneOf ?? schema.anyOf;
  if (choices) {
    for (const member of choices) if (matches(member, value)) return coerce(member, value);
    return value;
  }
  if (isBool01(schema)) return value === 1 || value === "1" ? true : value === 0 || value === "0" || value === "" ? false : value;
  if (isYesNo(schema)) return value === "y" || value === 1 || value === "1" ? true : value === "n" || value === 0 || value === "0" ? false : value;
  switch (schema.type) {
    case "integer":
    case "number":
      return numeric(value) ? Number(value) : value;
    case "array":
      if (Array.isArray(value)) for (let i = 0; i < value.length; i++) value[i] = coerce(schema.items, value[i]);
      return value;
    case "object":
    case undefined:
      if (isRecord(value) && schema.properties) {
        for (const [key, sub] of Object.entries(schema.properties)) if (value[key] !== undefined) value[key] = coerce(sub, value[key]);
      }
      return value;
    default:
      return value;
  }
}

/** The envelope check the generated `decode` does, then the schema walk over `data`. */
export function decodeNaive(dataSchema, raw) {
  if (!isRecord(raw) || !isRecord(raw.metadata)) throw new Error("malformed WHM API 1 answer");
  const r = raw.metadata.result;
  if (r === 1 || r === "1") raw.metadata.result = 1;
  else if (r === 0 || r === "0") raw.metadata.result = 0;
  else throw new Error("malformed WHM API 1 answer");
  if (raw.metadata.result === 1 && raw.data !== undefined) raw.data = coerce(dataSchema, raw.data);
  return raw;
}
