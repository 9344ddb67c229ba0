/**
 * One category module: per function its Params and Data types, its generated decoder and the
 * `defineFunction` value, all as one SourceFileStructure.
 */
import type { FunctionDeclarationStructure, ImportDeclarationStructure, InterfaceDeclarationStructure, StatementStructures, TypeAliasDeclarationStructure, VariableStatementStructure } from "ts-morph";
import { StructureKind, VariableDeclarationKind } from "./tsmorph.js";
import { isSecretName } from "../ir/params.js";
import type { IrFunction, IrParam, IrShape } from "../ir/types.js";
import { dataTypeName, literalKey, memberTypeHint, paramsTypeName, propertyKey, type TypeNames } from "../naming.js";
import { converter, newDecoderSet } from "./decoder.js";
import type { PlannedFunction, PlannedModule } from "./plan.js";
import { newHoist, typeText, type Hoist } from "./shape/index.js";
import { tsDocs, tsLiteral } from "./ts.js";

export function moduleStructure(mod: PlannedModule, names: TypeNames): StatementStructures[] {
  const body: StatementStructures[] = [];
  const typeImports = new Set<string>(["WhmFunction"]);
  const valueImports = new Set<string>(["defineFunction"]);
  for (const planned of mod.functions) body.push(...functionStatements(planned, typeImports, valueImports, names));
  const imports: ImportDeclarationStructure[] = [];
  const decodeNames = [...valueImports].filter((n) => n !== "defineFunction").sort();
  imports.push({
    kind: StructureKind.ImportDeclaration,
    moduleSpecifier: "./runtime/index.js",
    namedImports: ["defineFunction", ...[...typeImports].sort().map((n) => ({ name: n, isTypeOnly: true }))],
  });
  if (decodeNames.length) imports.push({ kind: StructureKind.ImportDeclaration, moduleSpecifier: "./runtime/decode.js", namedImports: decodeNames });
  return [...imports, ...body];
}

function functionStatements(planned: PlannedFunction, typeImports: Set<string>, valueImports: Set<string>, names: TypeNames): StatementStructures[] {
  const { fn, typeStem: stem, exportName } = planned;
  const out: StatementStructures[] = [];
  const hoist = newHoist(names);
  let paramsType = "WhmFreeParams";
  let dataType = "unknown";
  let decodeName: string | undefined;
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
      const set = newDecoderSet(dataTypeName(stem));
      const top = converter(fn.data, set);
      for (const use of set.uses) valueImports.add(use);
      out.push(...set.helpers.map((h) => helperFunction(h.name, h.statements)));
      decodeName = top;
    }
  }
  out.push(...hoist.declarations);
  out.push(functionValue(fn, exportName, paramsType, dataType, decodeName));
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

function helperFunction(name: string, statements: string[]): FunctionDeclarationStructure {
  return {
    kind: StructureKind.Function,
    name,
    parameters: [{ name: "v", type: "any" }],
    returnType: "any",
    statements,
  };
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

function functionValue(fn: IrFunction, exportName: string, paramsType: string, dataType: string, decodeName: string | undefined): VariableStatementStructure {
  const table = fn.params
    .filter((p) => p.encoding !== "s")
    .map((p) => `${literalKey(p.name)}: [${[tsLiteral(p.name), tsLiteral(p.encoding), ...(p.index ? [String(p.index.base), tsLiteral(p.index.separator)] : [])].join(", ")}]`);
  const secret = fn.params.filter((p) => p.secret);
  // Names the runtime's name rules would take for secrets, which the description says are not.
  const notSecret = fn.params.filter((p) => !p.secret && isSecretName(p.name));
  const fields = [
    `name: ${tsLiteral(fn.name)}`,
    `method: ${tsLiteral(fn.method)}`,
    `body: ${tsLiteral(fn.body)}`,
    `readOnly: ${fn.readOnly}`,
    ...(table.length ? [`params: { ${table.join(", ")} }`] : []),
    // Every body kind: the runtime keeps secrets out of URLs, whmapi1's arguments and what it shows.
    ...(secret.length ? [`secret: [${secret.map((p) => tsLiteral(p.name)).join(", ")}]`] : []),
    ...(notSecret.length ? [`notSecret: [${notSecret.map((p) => tsLiteral(p.name)).join(", ")}]`] : []),
    ...(decodeName ? [`decode: ${decodeName}`] : []),
  ];
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
        initializer: `defineFunction({ ${fields.join(", ")} })`,
      },
    ],
  };
}
