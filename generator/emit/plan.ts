/**
 * Naming decisions for one run, made once from the sorted IR: export names, type stems and
 * category modules. Emitters read the plan and never invent names themselves.
 */
import type { IrApi, IrFunction } from "../ir/types.js";
import { compareNames, dataTypeName, functionExportName, moduleStem, paramsTypeName, typeStem, TypeNames, uniqueNames } from "../naming.js";

export interface PlannedFunction {
  fn: IrFunction;
  exportName: string;
  typeStem: string;
  module: string;
}

export interface PlannedModule {
  /** File stem in generated/ (`account-creation`). */
  name: string;
  category: string;
  group?: string;
  functions: PlannedFunction[];
}

export interface EmitPlan {
  api: IrApi;
  functions: PlannedFunction[];
  modules: PlannedModule[];
  /** The run's namespace for hoisted type names (every function's Params and Data reserved). */
  typeNames: TypeNames;
}

export function planApi(api: IrApi): EmitPlan {
  const fns = [...api.functions].sort((a, b) => compareNames(a.name, b.name));
  const exportNames = uniqueNames(fns, (f) => functionExportName(f.name), "_", (f) => f.name);
  const stems = uniqueNames(fns, (f) => typeStem(f.name));
  const categories = [...new Set(fns.map((f) => f.category))].sort(compareNames);
  const moduleNames = uniqueNames(categories, moduleStem, "-", undefined, true);
  const modules = new Map<string, PlannedModule>();
  for (const category of categories) modules.set(category, { name: moduleNames.get(category)!, category, functions: [] });
  const functions = fns.map((fn) => {
    const mod = modules.get(fn.category)!;
    const planned: PlannedFunction = { fn, exportName: exportNames.get(fn)!, typeStem: stems.get(fn)!, module: mod.name };
    mod.functions.push(planned);
    if (fn.group !== undefined && mod.group === undefined) mod.group = fn.group;
    return planned;
  });
  const typeNames = new TypeNames(functions.flatMap((f) => [paramsTypeName(f.typeStem), dataTypeName(f.typeStem)]));
  return { api, functions, modules: [...modules.values()].sort((a, b) => compareNames(a.name, b.name)), typeNames };
}
