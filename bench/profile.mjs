/**
 * Summarises a V8 `.cpuprofile` (from `node --cpu-prof`): self time per function and per module
 * (a package under node_modules, a project file, or a V8 pseudo-node such as "(garbage
 * collector)"), and inclusive time of the project's own functions (the phases of a run).
 *
 *   node bench/profile.mjs FILE.cpuprofile [ROOT]     prints the tables as markdown
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

function place(url, root) {
  if (!url) return "";
  let p = url.startsWith("file://") ? fileURLToPath(url) : url;
  if (root && p.startsWith(root + path.sep)) p = p.slice(root.length + 1);
  const nm = p.indexOf(`${path.sep}node_modules${path.sep}`);
  if (nm !== -1) p = p.slice(nm + 1);
  return p;
}

/** `node_modules/a/b/c.js` → `a`, `node_modules/@s/a/x.js` → `@s/a`; project files stay files. */
function moduleOf(file, functionName) {
  if (!file) return functionName.startsWith("(") ? functionName : "(native / V8 builtins)";
  const nm = file.lastIndexOf("node_modules/");
  if (nm !== -1) {
    const parts = file.slice(nm + "node_modules/".length).split("/");
    return parts[0].startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  if (file.startsWith("node:")) return "node core";
  return file;
}

export async function summarizeProfile(file, root) {
  const profile = JSON.parse(await readFile(file, "utf8"));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfMs = new Map();
  // timeDeltas[i] is the time before sample i; attribute it to that sample's node.
  profile.samples.forEach((id, i) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const total = [...selfMs.values()].reduce((a, b) => a + b, 0);

  const fnKey = (n) => {
    const f = place(n.callFrame.url, root);
    const name = n.callFrame.functionName || "(anonymous)";
    return { key: `${name}\u0000${f}\u0000${n.callFrame.lineNumber}`, name, file: f, line: n.callFrame.lineNumber + 1 };
  };
  const functions = new Map();
  const modules = new Map();
  for (const [id, ms] of selfMs) {
    const n = byId.get(id);
    const k = fnKey(n);
    const entry = functions.get(k.key) ?? { name: k.name, file: k.file, line: k.line, ms: 0 };
    entry.ms += ms;
    functions.set(k.key, entry);
    const mod = moduleOf(k.file, k.name);
    modules.set(mod, (modules.get(mod) ?? 0) + ms);
  }

  // Inclusive time of project functions (outside node_modules): each sample counts once per
  // function on its stack, so recursion is not double-counted.
  const inclusive = new Map();
  for (const [id, ms] of selfMs) {
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const k = fnKey(byId.get(cur));
      if (!k.file || k.file.includes("node_modules") || k.file.startsWith("node:") || !k.file.includes("generator")) continue;
      if (seen.has(k.key)) continue;
      seen.add(k.key);
      const entry = inclusive.get(k.key) ?? { name: k.name, file: k.file, line: k.line, ms: 0 };
      entry.ms += ms;
      inclusive.set(k.key, entry);
    }
  }
  const sortDesc = (list) => list.sort((a, b) => b.ms - a.ms || (a.name < b.name ? -1 : 1));
  return {
    totalMs: total,
    functions: sortDesc([...functions.values()]),
    modules: sortDesc([...modules].map(([name, ms]) => ({ name, ms }))),
    inclusive: sortDesc([...inclusive.values()]),
  };
}

const pct = (ms, total) => `${((100 * ms) / total).toFixed(1)} %`;
const where = (e) => (e.file ? `${e.file}:${e.line}` : "");

export function profileMarkdown(s, top = 15) {
  const lines = [];
  lines.push(`Sampled time: ${(s.totalMs / 1000).toFixed(2)} s.`, "");
  lines.push("Self time by module (package, project file or V8 pseudo-node):", "", "| module | self | share |", "|---|--:|--:|");
  for (const m of s.modules.slice(0, top)) lines.push(`| ${m.name} | ${m.ms.toFixed(0)} ms | ${pct(m.ms, s.totalMs)} |`);
  lines.push("", "Self time by function:", "", "| function | where | self | share |", "|---|---|--:|--:|");
  for (const f of s.functions.slice(0, top)) lines.push(`| \`${f.name}\` | ${where(f)} | ${f.ms.toFixed(0)} ms | ${pct(f.ms, s.totalMs)} |`);
  lines.push("", "Inclusive time of whmgen's own functions (the phases):", "", "| function | where | inclusive | share |", "|---|---|--:|--:|");
  for (const f of s.inclusive.slice(0, top + 5)) lines.push(`| \`${f.name}\` | ${where(f)} | ${f.ms.toFixed(0)} ms | ${pct(f.ms, s.totalMs)} |`);
  return lines.join("\n");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const [file, root = process.cwd()] = process.argv.slice(2);
  if (!file) {
    process.stderr.write("usage: node bench/profile.mjs FILE.cpuprofile [ROOT]\n");
    process.exit(2);
  }
  process.stdout.write(profileMarkdown(await summarizeProfile(file, path.resolve(root))) + "\n");
}
