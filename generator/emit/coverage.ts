/**
 * The coverage report: how much of the `applist` function list the specs describe.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { compareNames } from "../naming.js";
import type { EmitPlan } from "./plan.js";
import { loadTemplate } from "./templates.js";

export interface Coverage {
  applist: number | null;
  functions: number;
  described: number;
  partial: number;
  seeded: number;
  /** In applist, but neither described nor seeded: not callable by name from typed code. */
  missing: string[];
  /** Described but not in applist (newer or older than the list, or misspelt). */
  notInApplist: string[];
}

export function coverageOf(plan: EmitPlan): Coverage {
  const names = new Set(plan.functions.map((f) => f.fn.name));
  const applist = plan.api.applist;
  const described = plan.functions.filter((f) => !f.fn.seeded);
  return {
    applist: applist ? applist.length : null,
    functions: plan.functions.length,
    described: described.length,
    partial: described.filter((f) => f.fn.partial).length,
    seeded: plan.functions.length - described.length,
    missing: applist ? applist.filter((n) => !names.has(n)) : [],
    notInApplist: applist ? described.map((f) => f.fn.name).filter((n) => !applist.includes(n)).sort(compareNames) : [],
  };
}

/** One line for the generate summary. */
export function coverageLine(c: Coverage): string {
  if (c.applist === null) return `${c.described} described, ${c.seeded} seeded (no applist.json to compare with)`;
  const callable = c.applist - c.missing.length;
  return `coverage: ${callable} of ${c.applist} applist functions callable, ${c.described} described (${c.partial} partly), ${c.seeded} seeded`;
}

export async function renderCoverage(plan: EmitPlan, templatesDir: string, banner: string): Promise<string> {
  const c = coverageOf(plan);
  const template = await loadTemplate(templatesDir, "coverage.md.hbs");
  const categories = plan.modules.map((m) => {
    const described = m.functions.filter((f) => !f.fn.seeded);
    return { category: m.category, group: m.group ?? "", module: m.name, total: m.functions.length, described: described.length, partial: described.filter((f) => f.fn.partial).length, seeded: m.functions.length - described.length };
  });
  const percent = c.applist ? ((100 * c.described) / c.applist).toFixed(1) : null;
  return template({ banner, version: plan.api.version, ...c, percent, categories, hasMissing: c.missing.length > 0, hasExtra: c.notInApplist.length > 0 });
}
