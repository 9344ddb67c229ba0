/**
 * One category module: per function its Params and Data types and its value, all as one
 * SourceFileStructure. The value is `fromDescription(name, json, decoder)` under a
 * `WhmFunction<Params, Data>` annotation: the description (method, body, parameter table,
 * secrets) is JSON text, and the decoders are JavaScript in the module's `decode/` companion
 * (with a one-line declaration each), so the compiler of the code that imports the SDK has
 * neither object literals nor function bodies to check (issue 13).
 */
import type { ImportDeclarationStructure, InterfaceDeclarationStructure, StatementStructures, TypeAliasDeclarationStructure, VariableStatementStructure } from "ts-morph";
import { StructureKind, VariableDeclarationKind } from "./tsmorph.js";
import { isSecretName } from "../ir/params.js";
import type { IrFunction, IrParam, IrShape } from "../ir/types.js";
import { dataTypeName, memberTypeHint, paramsTypeName, propertyKey, type TypeNames } from "../naming.js";
import { converter, newDecoderSet } from "./decoder.js";
import type { PlannedFunction, PlannedModule } from "./plan.js";
import { newHoist, typeText, type Hoist } from "./shape/index.js";
import { tsDocs, tsLiteral, tsSingleQuoted } from "./ts.js";

/** A module's statements, and its decoders' companion files (`decode/NAME.js` and `.d.ts`), if any. */
export interface ModuleOutput {
  statements: StatementStructures[];
  decoders?: { js: string; dts: string };
}

export function moduleStructure(mod: PlannedModule, names: TypeNames, banner: string): ModuleOutput {
  const body: StatementStructures[] = [];
  const typeImports = new Set<string>(["WhmFunction"]);
  const decoders: Decoders = { names: [], helpers: [], uses: new Set() };
  for (const planned of mod.functions) body.push(...functionStatements(planned, typeImports, names, decoders));
  const imports: ImportDeclarationStructure[] = [
    {
      kind: StructureKind.ImportDeclaration,
      moduleSpecifier: "./runtime/index.js",
      namedImports: ["fromDescription", ...[...typeImports].sort().map((n) => ({ name: n, isTypeOnly: true }))],
    },
  ];
  if (decoders.names.length === 0) return { statements: [...imports, ...body] };
  imports.push({ kind: StructureKind.ImportDeclaration, moduleSpecifier: `./decode/${mod.name}.js`, namedImports: decoders.names.map((d) => d.name) });
  return { statements: [...imports, ...body], decoders: decoderFiles(mod.name, decoders, banner) };
}

/** The decoders of one module: exported names (with their function and top converter) and helper functions. */
interface Decoders {
  names: { name: string; fn: string; top: string }[];
  helpers: { name: string; statements: string[] }[];
  uses: Set<string>;
}

function decoderFiles(moduleName: string, decoders: Decoders, banner: string): { js: string; dts: string } {
  const head = `// ${banner}\n// The decoders of ../${moduleName}.ts: JavaScript with a declaration each, so that the code using the SDK has no function bodies to type-check.\n\n`;
  const helpers = decoders.helpers.map((h) => `function ${h.name}(v) {\n${h.statements.map((st) => `  ${st}\n`).join("")}}\n`);
  const js =
    head +
    `import { ${[...decoders.uses].sort().join(", ")} } from "../runtime/decode.js";\n\n` +
    helpers.join("\n") +
    "\n" +
    decoders.names.map((d) => `export const ${d.name} = ${d.top};\n`).join("");
  const dts = head + decoders.names.map((d) => `/** Converts the \`data\` of \`${d.fn}\`'s answer in place: 0/1 and y/n flags to Booleans, quoted numbers to numbers. */\nexport declare const ${d.name}: (data: unknown) => unknown;\n`).join("");
  return { js, dts };
}

function functionStatements(planned: PlannedFunction, typeImports: Set<string>, names: TypeNames, decoders: Decoders): StatementStructures[] {
  const { fn, typeStem: stem, exportName } = planned;
  const out: StatementStructures[] = [];
  const hoist = newHoist(names);
  let paramsType = "WhmFreeParams";
  let dataType = "unknown";
  let decoder: string | undefined;
  if (fn.freeParams) typeImports.add("WhmFreeParams");
  else {
    paramsType = paramsTypeName(stem);
    out.push(paramsInterface(fn, paramsType, hoist));
    if (fn.params.some((p) => p.shape.kind === "file" || hasFile(p.shape))) typeImports.add("WhmFile");
  }
  if (!fn.seeded) {
    dataType = dataTypeName(stem);
    out.push(dataTypeAlias(fn, dataType, hoist));
    if (fn.data) {
      const set = newDecoderSet(dataType);
      const top = converter(fn.data, set);
      if (top) {
        for (const use of set.uses) decoders.uses.add(use);
        decoders.helpers.push(...set.helpers);
        decoder = `decode${stem}`;
        decoders.names.push({ name: decoder, fn: fn.name, top });
      }
    }
  }
  out.push(...hoist.declarations);
  out.push(functionValue(fn, exportName, paramsType, dataType, decoder));
  return out;
}

function hasFile(shape: IrShape): boolean {
  if (shape.kind === "file") return true;
  if (shape.kind === "array") return hasFile(shape.items);
  if (shape.kind === "union") return shape.members.some(hasFile);
  return false;
}

function paramDocs(p: IrParam): ReturnType<typeof tsDocs> {
  const tags: [string, string | undefined][] = [];
  if (p.default !== undefined) tags.push(["defaultValue", "`" + JSON.stringify(p.default) + "`"]);
  if (p.encoding === "idx") {
    const { base, separator } = p.index ?? { base: 1, separator: "-" };
    tags.push(["remarks", `One value is sent as \`${p.name}\`, several as \`${p.name}${separator}${base}\`, \`${p.name}${separator}${base + 1}\`, …`]);
  }
  if (p.encoding === "json") tags.push(["remarks", "Sent JSON-encoded."]);
  if (p.deprecated) tags.push(["deprecated", undefined]);
  return tsDocs({ summary: p.description, tags });
}

function paramsInterface(fn: IrFunction, name: string, hoist: Hoist): InterfaceDeclarationStructure | TypeAliasDeclarationStructure {
  if (fn.params.length === 0 && !fn.partial) {
    return { kind: StructureKind.TypeAlias, name, isExported: true, docs: tsDocs({ summary: `\`${fn.name}\` takes no parameters.` }), type: "Record<string, never>" };
  }
  const open: Pick<InterfaceDeclarationStructure, "indexSignatures"> = fn.partial
    ? { indexSignatures: [{ kind: StructureKind.IndexSignature, keyName: "param", keyType: "string", returnType: "unknown", docs: tsDocs({ summary: "The documented parameters are incomplete: others are accepted and sent as they are." }) }] }
    : {};
  return {
    ...open,
    kind: StructureKind.Interface,
    name,
    isExported: true,
    docs: tsDocs({ summary: `Parameters of \`${fn.name}\`.` }),
    properties: fn.params.map((p) => ({
      kind: StructureKind.PropertySignature,
      name: propertyKey(p.name),
      type: paramType(p, hoist, memberTypeHint(name, p.name)),
      hasQuestionToken: !p.required,
      docs: paramDocs(p),
    })),
  };
}

function paramType(p: IrParam, hoist: Hoist, hint: string): string {
  // JSON-encoded values are sent as they are: their inner fields keep wire types.
  return typeText(p.shape, p.encoding === "json" ? "raw" : "param", hoist, hint);
}

function dataTypeAlias(fn: IrFunction, name: string, hoist: Hoist): TypeAliasDeclarationStructure | InterfaceDeclarationStructure {
  const docs = tsDocs({ summary: `The \`data\` of a \`${fn.name}\` answer, decoded.` });
  if (fn.data === undefined) {
    return { kind: StructureKind.TypeAlias, name, isExported: true, docs: tsDocs({ summary: `\`${fn.name}\` documents no \`data\`.` }), type: "Record<string, unknown> | undefined" };
  }
  if (fn.data.kind === "object" && fn.data.properties.length > 0 && !fn.data.additional) {
    return {
      kind: StructureKind.Interface,
      name,
      isExported: true,
      docs,
      properties: fn.data.properties.map((p) => ({
        kind: StructureKind.PropertySignature,
        name: propertyKey(p.name),
        type: typeText(p.shape, "data", hoist, memberTypeHint(name, p.name)),
        hasQuestionToken: !p.required,
        docs: tsDocs({ summary: p.description, tags: p.deprecated ? [["deprecated", undefined]] : [] }),
      })),
    };
  }
  return { kind: StructureKind.TypeAlias, name, isExported: true, docs, type: typeText(fn.data, "data", hoist, name) };
}

/** The TSDoc tags every function carries, on its export and on its client method: since, deprecated, docs link. */
export function functionTags(fn: IrFunction): [string, string | undefined][] {
  const tags: [string, string | undefined][] = [];
  if (fn.since) tags.push(["since", fn.since]);
  if (fn.seeded) tags.push(["remarks", "Seeded from `applist`: not described yet, so it takes free-form parameters and returns untyped data."]);
  if (fn.deprecated) tags.push(["deprecated", "cPanel deprecates this function; see its documentation for what replaces it."]);
  tags.push(["see", `{@link ${fn.docsUrl} | cPanel documentation}`]);
  return tags;
}

/** The one-line summary of a function (its name when the specs give none). */
export function functionSummary(fn: IrFunction): string {
  return fn.summary ?? `WHM API 1 \`${fn.name}\`.`;
}

/** The names of a generated function's Params and Data types (WhmFreeParams / unknown when not described). */
export function functionTypes(planned: PlannedFunction): { params: string; data: string } {
  return { params: planned.fn.freeParams ? "WhmFreeParams" : paramsTypeName(planned.typeStem), data: planned.fn.seeded ? "unknown" : dataTypeName(planned.typeStem) };
}

/** The JSON description `fromDescription` reads (templates/runtime/define.ts `WhmFunctionDescription`). */
function functionDescription(fn: IrFunction): Record<string, unknown> {
  // Built without a prototype, so that a parameter named `__proto__` is a key like any other.
  const table: Record<string, unknown[]> = Object.create(null) as Record<string, unknown[]>;
  for (const p of fn.params) if (p.encoding !== "s") table[p.name] = [p.name, p.encoding, ...(p.index ? [p.index.base, p.index.separator] : [])];
  const secret = fn.params.filter((p) => p.secret).map((p) => p.name);
  // Names the runtime's name rules would take for secrets, which the description says are not.
  const notSecret = fn.params.filter((p) => !p.secret && isSecretName(p.name)).map((p) => p.name);
  return {
    method: fn.method,
    body: fn.body,
    readOnly: fn.readOnly,
    ...(Object.keys(table).length ? { params: table } : {}),
    // Every body kind: the runtime keeps secrets out of URLs, whmapi1's arguments and what it shows.
    ...(secret.length ? { secret } : {}),
    ...(notSecret.length ? { notSecret } : {}),
  };
}

function functionValue(fn: IrFunction, exportName: string, paramsType: string, dataType: string, decoder: string | undefined): VariableStatementStructure {
  return {
    kind: StructureKind.VariableStatement,
    declarationKind: VariableDeclarationKind.Const,
    isExported: true,
    docs: tsDocs({ summary: functionSummary(fn), description: fn.description, tags: functionTags(fn) }),
    declarations: [
      {
        kind: StructureKind.VariableDeclaration,
        name: exportName,
        type: `WhmFunction<${paramsType}, ${dataType}>`,
        initializer: `fromDescription(${tsLiteral(fn.name)}, ${tsSingleQuoted(JSON.stringify(functionDescription(fn)))}${decoder ? `, ${decoder}` : ""})`,
      },
    ],
  };
}
