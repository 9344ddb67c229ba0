/**
 * `client.ts`: `createClient` and `WhmApi`, the client's type spelled out as one method per
 * function. Spelled out rather than mapped over the registry (`{ [K in keyof M]: … }`) so that an
 * editor shows each method's own documentation (summary, description, `@since`, `@deprecated`,
 * `@see`) and its parameter and option types on hover, and so that the type checker reads plain
 * signatures instead of instantiating a mapped type per use.
 */
import type { MethodSignatureStructure, OptionalKind, StatementStructures } from "ts-morph";
import type { IrFunction, IrShape } from "../ir/types.js";
import { compareNames, propertyKey } from "../naming.js";
import { functionSummary, functionTags, functionTypes } from "./module.js";
import type { EmitPlan, PlannedFunction } from "./plan.js";
import { tsDocs, tsLiteral } from "./ts.js";
import { StructureKind } from "./tsmorph.js";

/** The client's own method names: a WHM function of that name is reached through `whm.call`. */
const RESERVED = new Set(["call", "batch", "paginate", "close"]);

/** The rows of a list answer: the array itself, or the arrays among the object's fields. */
function rowsOf(data: IrShape | undefined): IrShape[] {
  if (!data) return [];
  if (data.kind === "array") return [data.items];
  if (data.kind === "object") return data.properties.flatMap((p) => (p.shape.kind === "array" ? [p.shape.items] : []));
  return [];
}

/**
 * Field names usable in `filter`, `sort` and `columns`: the keys of the answer's rows when the
 * specs describe them (a closed object), else any string.
 */
export function metaFieldType(data: IrShape | undefined): string {
  const rows = rowsOf(data);
  if (rows.length === 0 || rows.some((r) => r.kind !== "object" || r.additional !== undefined || r.properties.length === 0)) return "string";
  const names = [...new Set(rows.flatMap((r) => (r.kind === "object" ? r.properties.map((p) => p.name) : [])))].sort(compareNames);
  return names.map((n) => tsLiteral(n)).join(" | ");
}

function requiredNames(fn: IrFunction): string[] {
  return fn.params.filter((p) => p.required).map((p) => `\`${p.name}\``);
}

function method(planned: PlannedFunction): OptionalKind<MethodSignatureStructure> {
  const { fn } = planned;
  const { params, data } = functionTypes(planned);
  const fields = fn.seeded ? "string" : metaFieldType(fn.data);
  const options = `WhmCallOptions<${fields}>`;
  const required = requiredNames(fn);
  const paramsDoc = fn.freeParams
    ? "free-form parameters (wire names), sent as they are."
    : fn.params.length === 0
      ? `\`${fn.name}\` takes no parameters.`
      : `see {@link ${params}}${required.length ? `; required: ${required.join(", ")}` : "; all optional"}.`;
  const tags: [string, string | undefined][] = [
    ["param", `params - ${paramsDoc}`],
    ["param", `options - timeout, signal, throwOnError, flatten, and the meta-parameters filter, sort, chunk and columns${fields === "string" ? "" : ` (on the fields of the answer's rows)`}.`],
    ...functionTags(fn),
  ];
  return {
    name: propertyKey(fn.name),
    // One constraint for every method (its check against the default `{}` is made once, not per
    // method: issue 13); the fields are restricted by the parameter's intersection below.
    typeParameters: [{ name: "O", constraint: "WhmCallOptions", default: "{}" }],
    parameters: [
      { name: "params", type: params, hasQuestionToken: required.length === 0 },
      { name: "options", type: `O & ${options}`, hasQuestionToken: true },
    ],
    returnType: `Promise<WhmCallReturn<${data}, O, Throw>>`,
    docs: tsDocs({ summary: functionSummary(fn), description: fn.description, tags }),
  };
}

export function clientStatements(plan: EmitPlan): StatementStructures[] {
  const callable = plan.functions.filter((f) => !RESERVED.has(f.fn.name));
  const typeImports = plan.modules
    .map((mod): StatementStructures | undefined => {
      const names = callable
        .filter((f) => f.module === mod.name)
        .flatMap((f) => Object.values(functionTypes(f)))
        .filter((n) => n !== "WhmFreeParams" && n !== "unknown");
      return names.length ? { kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: `./${mod.name}.js`, namedImports: [...new Set(names)].sort(compareNames) } : undefined;
    })
    .filter((s): s is StatementStructures => s !== undefined);
  return [
    {
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: "./runtime/index.js",
      namedImports: [
        "createRuntimeClient",
        ...["ClientOptions", "WhmCallOptions", "WhmCallReturn", "WhmClientCore", ...(callable.some((f) => f.fn.freeParams) ? ["WhmFreeParams"] : [])].map((name) => ({ name, isTypeOnly: true })),
      ],
    },
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: "./registry.js", namedImports: ["registry", { name: "WhmFunctionMap", isTypeOnly: true }] },
    ...typeImports,
    {
      kind: StructureKind.Interface,
      isExported: true,
      name: "WhmApi",
      typeParameters: [{ name: "Throw", constraint: "boolean", default: "true" }],
      extends: ["WhmClientCore<WhmFunctionMap, Throw>"],
      docs: tsDocs({
        summary: "The client `createClient` returns: one method per WHM function, plus `call`, `batch`, `paginate` and `close`.",
        description:
          "Each method takes the function's parameters and call options and resolves with the decoded answer " +
          "(or, with `throwOnError: false`, with `{ ok, result | error }`).",
      }),
      methods: callable.map(method),
    },
    {
      kind: StructureKind.Function,
      isExported: true,
      name: "createClient",
      typeParameters: [{ name: "Throw", constraint: "boolean", default: "true" }],
      parameters: [{ name: "options", type: "ClientOptions<Throw>" }],
      returnType: "WhmApi<Throw>",
      statements: ["return createRuntimeClient(options, registry);"],
      docs: [
        {
          kind: StructureKind.JSDoc,
          description:
            "A client with one method per WHM function, over the runtime's `fetch` unless `transport` names another.\n" +
            "On Node, `whmapi1` resolves to `whmapi1/node`, whose `createClient` uses node:https by default.\n\n" + EXAMPLE,
        },
      ],
    },
  ];
}

const EXAMPLE =
  "```ts\nconst whm = createClient({ host: \"server.example.com\", auth: tokenAuth(\"root\", token) });\n" +
  "const { data } = await whm.listaccts({ searchtype: \"user\", search: \"bob\" });\n```";

/**
 * `node.ts` (`whmapi1/node`, and "whmapi1" under Node's `node` export condition): everything in
 * index.ts, the Node-only transports and sessions, and a `createClient` that uses HTTPS by default
 * on Node (`nodeTransportMakers`, the runtime's wiring for it, stays behind `whmapi1/runtime/node`).
 * Its own `createClient` shadows the one `export *` brings from index.js.
 */
export function nodeStatements(): StatementStructures[] {
  return [
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: "./runtime/index.js", namedImports: ["createRuntimeClient", { name: "ClientOptions", isTypeOnly: true }] },
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: "./runtime/node.js", namedImports: ["nodeTransportMakers"] },
    { kind: StructureKind.ImportDeclaration, moduleSpecifier: "./registry.js", namedImports: ["registry"] },
    { kind: StructureKind.ImportDeclaration, isTypeOnly: true, moduleSpecifier: "./client.js", namedImports: ["WhmApi"] },
    { kind: StructureKind.ExportDeclaration, moduleSpecifier: "./index.js" },
    {
      kind: StructureKind.ExportDeclaration,
      moduleSpecifier: "./runtime/node.js",
      namedExports: ["httpsTransport", "cliTransport", "createSession"],
    },
    {
      kind: StructureKind.ExportDeclaration,
      isTypeOnly: true,
      moduleSpecifier: "./runtime/node.js",
      namedExports: ["HttpsTransport", "CliTransportOptions", "CreateSessionOptions"],
    },
    {
      kind: StructureKind.Function,
      isExported: true,
      name: "createClient",
      typeParameters: [{ name: "Throw", constraint: "boolean", default: "true" }],
      parameters: [{ name: "options", type: "ClientOptions<Throw>" }],
      returnType: "WhmApi<Throw>",
      statements: ["return createRuntimeClient(options, registry, nodeTransportMakers);"],
      docs: [
        {
          kind: StructureKind.JSDoc,
          description:
            "A client with one method per WHM function, over node:https on Node (keep-alive, `ca`, `insecure`);\n" +
            "`transport: \"fetch\"` asks for the runtime's fetch instead. On Bun and Deno the default stays fetch.\n\n" + EXAMPLE,
        },
      ],
    },
  ];
}
