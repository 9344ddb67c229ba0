/**
 * Prints ts-morph statement structures as source text.
 *
 * The structures are ts-morph's (`StatementStructures`), one list per file (never per-node
 * edits, which re-parse the file each time), but they are printed here rather than by
 * ts-morph's `printStructure`: loading ts-morph (and
 * the TypeScript bundle it carries) and its character-by-character writer took about half of a
 * cold run on a cPanel-sized document. This printer covers the structure kinds whmgen emits
 * (imports, exports, interfaces with `extends`, index signatures, properties and method
 * signatures, type aliases, functions, variable statements, doc comments) and fails loudly on
 * anything else, including interface members it does not print (call, construct or accessor
 * signatures). test/generator/print.test.ts checks that it prints the
 * same code as ts-morph's printer for every generated file (compared without whitespace).
 */
import type {
  ExportDeclarationStructure,
  FunctionDeclarationStructure,
  ImportDeclarationStructure,
  InterfaceDeclarationStructure,
  JSDocStructure,
  JSDocTagStructure,
  OptionalKind,
  ParameterDeclarationStructure,
  StatementStructures,
  TypeAliasDeclarationStructure,
  TypeParameterDeclarationStructure,
  VariableStatementStructure,
} from "ts-morph";

import { StructureKind as KIND } from "./tsmorph.js";

type Text = string | ((...args: never[]) => unknown) | undefined;

function text(value: Text | unknown, what: string): string {
  if (value === undefined || value === null) return "";
  if (typeof value !== "string") throw new Error(`whmgen's printer takes text, not a writer function (${what})`);
  return value;
}

class Out {
  private parts: string[] = [];
  private last = "";
  /** The output ends with an empty line (tracked, not searched: the text is only joined once). */
  private blankAtEnd = false;
  line(indent: string, content: string): void {
    // Continuation lines of multi-line text keep their own relative indentation.
    const s = indent === "" || !content.includes("\n") ? indent + content : indent + content.split("\n").join("\n" + indent);
    this.parts.push(s, "\n");
    this.last = s;
    this.blankAtEnd = false;
  }
  /** A blank line, unless there is one already. */
  blank(): void {
    if (this.blankAtEnd || this.parts.length === 0) return;
    this.parts.push("\n");
    this.blankAtEnd = true;
  }
  get empty(): boolean {
    return this.parts.length === 0;
  }
  endsWithBrace(): boolean {
    return this.last.trimEnd().endsWith("}");
  }
  toString(): string {
    return this.parts.join("");
  }
}

function docs(out: Out, indent: string, list: readonly (OptionalKind<JSDocStructure> | string)[] | undefined): void {
  for (const doc of list ?? []) {
    const body = typeof doc === "string" ? doc : docText(doc);
    const lines = body.split(/\r?\n/);
    const start = lines[0] === "" ? 1 : 0;
    if (lines.length <= 1) out.line(indent, `/** ${lines[0] ?? ""} */`);
    else out.line(indent, ["/**", ...lines.slice(start).map((l) => (l ? ` * ${l}` : " *")), " */"].join("\n"));
  }
}

function docText(doc: OptionalKind<JSDocStructure>): string {
  const tags = (doc.tags ?? []).map((t: OptionalKind<JSDocTagStructure>) => {
    const body = text(t.text, "tag");
    return `@${t.tagName}${body && !body.startsWith("\n") ? " " : ""}${body}`;
  });
  const description = text(doc.description, "doc");
  return [description, ...tags].filter((p, i) => p !== "" || i > 0).join("\n");
}

function modifiers(s: { isExported?: boolean; isDefaultExport?: boolean; hasDeclareKeyword?: boolean }): string {
  return (s.isDefaultExport ? "export default " : s.isExported ? "export " : "") + (s.hasDeclareKeyword ? "declare " : "");
}

function typeParams(list: readonly (OptionalKind<TypeParameterDeclarationStructure> | string)[] | undefined): string {
  if (!list || list.length === 0) return "";
  const each = list.map((p) =>
    typeof p === "string" ? p : `${p.name}${p.constraint ? ` extends ${text(p.constraint, "constraint")}` : ""}${p.default ? ` = ${text(p.default, "default")}` : ""}`,
  );
  return `<${each.join(", ")}>`;
}

function parameters(list: readonly OptionalKind<ParameterDeclarationStructure>[] | undefined): string {
  return (list ?? [])
    .map((p) => `${p.isRestParameter ? "..." : ""}${p.name}${p.hasQuestionToken ? "?" : ""}${p.type ? `: ${text(p.type, "type")}` : ""}${p.initializer ? ` = ${text(p.initializer, "initializer")}` : ""}`)
    .join(", ");
}

function printImport(out: Out, s: ImportDeclarationStructure): void {
  const names = (Array.isArray(s.namedImports) ? s.namedImports : []).map((n) => {
    if (typeof n === "string") return n;
    if (typeof n === "function") throw new Error("whmgen's printer takes import names, not writer functions");
    return `${n.isTypeOnly ? "type " : ""}${n.name}${n.alias ? ` as ${n.alias}` : ""}`;
  });
  const clause = [s.defaultImport, s.namespaceImport ? `* as ${s.namespaceImport}` : undefined, names.length ? `{ ${names.join(", ")} }` : undefined].filter(Boolean).join(", ");
  out.line("", `import ${s.isTypeOnly ? "type " : ""}${clause} from ${JSON.stringify(s.moduleSpecifier)};`);
}

function printExport(out: Out, s: ExportDeclarationStructure): void {
  const names = Array.isArray(s.namedExports)
    ? s.namedExports.map((n) => {
        if (typeof n === "string") return n;
        if (typeof n === "function") throw new Error("whmgen's printer takes export names, not writer functions");
        return `${n.name}${n.alias ? ` as ${n.alias}` : ""}`;
      })
    : [];
  const what = names.length ? `{ ${names.join(", ")} }` : "*";
  out.line("", `export ${s.isTypeOnly ? "type " : ""}${what}${s.moduleSpecifier ? ` from ${JSON.stringify(s.moduleSpecifier)}` : ""};`);
}

function printInterface(out: Out, s: InterfaceDeclarationStructure): void {
  for (const unsupported of ["callSignatures", "constructSignatures", "getAccessors", "setAccessors"] as const) {
    if ((s[unsupported] ?? []).length) throw new Error(`whmgen's printer does not print interface ${unsupported} (${s.name})`);
  }
  docs(out, "", s.docs);
  const members = (s.indexSignatures ?? []).length + (s.properties ?? []).length + (s.methods ?? []).length;
  const bases = (Array.isArray(s.extends) ? s.extends : s.extends === undefined ? [] : [s.extends]).map((e) => text(e, "extends"));
  const head = `${modifiers(s)}interface ${s.name}${typeParams(s.typeParameters)}${bases.length ? ` extends ${bases.join(", ")}` : ""} {`;
  if (members === 0) {
    out.line("", `${head}\n}`);
    return;
  }
  out.line("", head);
  for (const sig of s.indexSignatures ?? []) {
    docs(out, "  ", sig.docs);
    out.line("  ", `[${sig.keyName ?? "key"}: ${sig.keyType ?? "string"}]${sig.returnType ? `: ${text(sig.returnType, "type")}` : ""};`);
  }
  for (const p of s.properties ?? []) {
    docs(out, "  ", p.docs);
    out.line("  ", `${p.isReadonly ? "readonly " : ""}${p.name}${p.hasQuestionToken ? "?" : ""}${p.type ? `: ${text(p.type, "type")}` : ""};`);
  }
  for (const m of s.methods ?? []) {
    docs(out, "  ", m.docs);
    out.line("  ", `${m.name}${m.hasQuestionToken ? "?" : ""}${typeParams(m.typeParameters)}(${parameters(m.parameters)})${m.returnType ? `: ${text(m.returnType, "type")}` : ""};`);
  }
  out.line("", "}");
}

function printTypeAlias(out: Out, s: TypeAliasDeclarationStructure): void {
  docs(out, "", s.docs);
  out.line("", `${modifiers(s)}type ${s.name}${typeParams(s.typeParameters)} = ${text(s.type, "type")};`);
}

function printVariables(out: Out, s: VariableStatementStructure): void {
  docs(out, "", s.docs);
  const declarations = s.declarations.map(
    (d) => `${d.name}${d.hasExclamationToken ? "!" : ""}${d.type ? `: ${text(d.type, "type")}` : ""}${d.initializer ? ` = ${text(d.initializer, "initializer")}` : ""}`,
  );
  out.line("", `${modifiers(s)}${s.declarationKind ?? "let"} ${declarations.join(", ")};`);
}

function printFunction(out: Out, s: FunctionDeclarationStructure): void {
  docs(out, "", s.docs);
  const head = `${modifiers(s)}${s.isAsync ? "async " : ""}function${s.isGenerator ? "*" : ""} ${s.name ?? ""}${typeParams(s.typeParameters)}(${parameters(s.parameters)})${s.returnType ? `: ${text(s.returnType, "type")}` : ""}`;
  if (s.hasDeclareKeyword) {
    out.line("", `${head};`);
    return;
  }
  const statements = Array.isArray(s.statements) ? s.statements.map((st) => text(st, "statement")) : [text(s.statements, "statement")];
  out.line("", `${head} {`);
  for (const st of statements) if (st !== "") out.line("  ", st);
  out.line("", "}");
}

/** The text of a file made of `statements`, laid out like ts-morph lays out a source file. */
export function printStatements(statements: readonly StatementStructures[]): string {
  const out = new Out();
  for (const s of statements) {
    const blockLike = s.kind === KIND.Interface || (s.kind === KIND.Function && !(s as FunctionDeclarationStructure).hasDeclareKeyword);
    if (!out.empty && (out.endsWithBrace() || blockLike)) out.blank();
    switch (s.kind) {
      case KIND.ImportDeclaration:
        printImport(out, s as ImportDeclarationStructure);
        break;
      case KIND.ExportDeclaration:
        printExport(out, s as ExportDeclarationStructure);
        break;
      case KIND.Interface:
        printInterface(out, s as InterfaceDeclarationStructure);
        break;
      case KIND.TypeAlias:
        printTypeAlias(out, s as TypeAliasDeclarationStructure);
        break;
      case KIND.VariableStatement:
        printVariables(out, s as VariableStatementStructure);
        break;
      case KIND.Function:
        printFunction(out, s as FunctionDeclarationStructure);
        break;
      default:
        throw new Error(`whmgen's printer does not print structure kind ${String(s.kind)}`);
    }
  }
  return out.toString();
}
