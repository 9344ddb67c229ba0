/**
 * One function, old against new: how it is called (method, body, export, module), its
 * parameters and its answer (`data` and documented `metadata` keys).
 */
import { compareNames } from "../naming.js";
import { isSubshape, renderShape } from "./shape.js";
import type { CatalogFunction, CatalogParam, Change } from "./types.js";
import { added, code, compareFlags, emit, joinPath, removed, walkProperties, walkShape, type WalkContext } from "./walk.js";

/** The changes of a function present on both sides, unsorted. */
export function diffFunction(old: CatalogFunction, next: CatalogFunction): Change[] {
  const changes: Change[] = [];
  const fn: WalkContext = { function: old.name, target: "param", changes };
  callChanges(fn, old, next);
  diffParams(fn, old.params, next.params);
  const field: WalkContext = { function: old.name, target: "field", changes };
  if (old.data && next.data) walkShape(field, "data", old.data, next.data);
  else if (old.data) removed(field, "data");
  else if (next.data) added(field, "data", false);
  walkProperties(field, "metadata", old.metadata, next.metadata);
  return changes;
}

function callChanges(ctx: WalkContext, old: CatalogFunction, next: CatalogFunction): void {
  if (old.deprecated !== next.deprecated) {
    emit(ctx, next.deprecated ? "function-deprecated" : "function-undeprecated", "info", next.deprecated ? "function deprecated" : "function no longer deprecated");
  }
  if (old.method !== next.method) {
    emit(ctx, "method-changed", "breaking", `HTTP method changed from ${old.method} to ${next.method} (request body ${code(old.body)} → ${code(next.body)})`, {
      from: old.method,
      to: next.method,
    });
  } else if (old.body !== next.body) {
    emit(ctx, "body-changed", "breaking", `request body changed from ${code(old.body)} to ${code(next.body)}`, { from: old.body, to: next.body });
  }
  if (old.exportName !== next.exportName) {
    emit(ctx, "export-renamed", "breaking", `exported as ${code(next.exportName)} instead of ${code(old.exportName)}`, { from: old.exportName, to: next.exportName });
  }
  if (old.module !== next.module) {
    emit(ctx, "module-changed", "breaking", `moved from module ${code(old.module)} to ${code(next.module)} (its category import path changes)`, {
      from: old.module,
      to: next.module,
    });
  }
  const wasOpen = old.freeParams || old.partial;
  const isOpen = next.freeParams || next.partial;
  if (wasOpen && !isOpen) emit(ctx, "params-closed", "breaking", "no longer accepts undocumented parameters");
  if (!wasOpen && isOpen) emit(ctx, "params-opened", "compatible", "now accepts undocumented parameters");
}

function diffParams(ctx: WalkContext, old: readonly CatalogParam[], next: readonly CatalogParam[]): void {
  const before = new Map(old.map((p) => [p.name, p]));
  const after = new Map(next.map((p) => [p.name, p]));
  for (const name of [...new Set([...before.keys(), ...after.keys()])].sort(compareNames)) {
    const p = before.get(name);
    const q = after.get(name);
    const path = joinPath("", name);
    if (!q) removed(ctx, path);
    else if (!p) added(ctx, path, q.required);
    else {
      compareFlags(ctx, path, p, q);
      if (p.kind !== q.kind || p.encoding !== q.encoding) kindChanged(ctx, path, p, q);
      else walkShape(ctx, path, p.shape, q.shape);
    }
  }
}

/**
 * A single value sent through `rep` goes out as one `name=value` pair, exactly as `s` sends it;
 * every other change of encoding changes what is on the wire for some old value.
 */
export function wireCompatible(old: string, next: string): boolean {
  return old === next || (old === "s" && next === "rep");
}

/**
 * A parameter whose kind or encoding changed: compatible only when the new shape accepts every
 * old value (`isSubshape`, `in`) and puts it on the wire the same way.
 */
function kindChanged(ctx: WalkContext, path: string, old: CatalogParam, next: CatalogParam): void {
  const compatible = isSubshape(old.shape, next.shape, "in") && wireCompatible(old.encoding, next.encoding);
  const kinds = old.kind !== next.kind;
  const parts = [kinds ? `changed kind from ${code(old.kind)} to ${code(next.kind)}` : `changed wire encoding from ${code(old.encoding)} to ${code(next.encoding)}`];
  const [fromType, toType] = [renderShape(old.shape), renderShape(next.shape)];
  if (fromType !== toType) parts.push(`type ${code(fromType)} → ${code(toType)}`);
  if (kinds && old.encoding !== next.encoding) parts.push(`sent as ${code(next.encoding)} instead of ${code(old.encoding)}`);
  if (compatible) parts.push("widened: old values are still accepted");
  const [head, ...rest] = parts;
  emit(ctx, "param-kind-changed", compatible ? "compatible" : "breaking", `parameter ${code(path)} ${head}${rest.length ? ` (${rest.join("; ")})` : ""}`, {
    path,
    from: kinds ? old.kind : old.encoding,
    to: kinds ? next.kind : next.encoding,
  });
}
