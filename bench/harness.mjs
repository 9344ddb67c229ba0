/**
 * Timing of whole processes: wall time measured here (hrtime around spawn → exit), CPU time
 * and peak RSS from GNU time (`/usr/bin/time -f`), which reads the child's rusage. Without GNU
 * time, node children get a preload that reports their own `process.resourceUsage()` on exit.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const GNU_TIME = "/usr/bin/time";
/** GNU time when present (WHMGEN_BENCH_NO_GNU_TIME=1 forces the fallback, to test it). */
const HAVE_GNU_TIME = existsSync(GNU_TIME) && process.env.WHMGEN_BENCH_NO_GNU_TIME !== "1";
const PROBE = path.join(path.dirname(fileURLToPath(import.meta.url)), "rss-probe.mjs");

/** Which way peak memory is read, for the report. */
export const memorySource = HAVE_GNU_TIME ? "GNU time %M (child rusage)" : "process.resourceUsage() of the node child (preload)";

/**
 * Runs `command args` to completion. Returns wall seconds, CPU seconds (user+sys), peak RSS in
 * KiB, the exit code, the tail of stderr and (with `collectStdout`) the whole stdout.
 */
export async function timeProcess(command, args, { cwd, env, collectStdout = false } = {}) {
  const dir = await mkdtemp(path.join(os.tmpdir(), "whmgen-bench-"));
  const report = path.join(dir, "usage");
  const useGnu = HAVE_GNU_TIME;
  const childEnv = { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", ...env };
  let file = command;
  let argv = args;
  if (useGnu) {
    file = GNU_TIME;
    argv = ["-f", "%e %U %S %M", "-o", report, command, ...args];
  } else if (command === process.execPath) {
    childEnv.WHMGEN_BENCH_USAGE = report;
    childEnv.NODE_OPTIONS = `${childEnv.NODE_OPTIONS ?? ""} --import=${pathToFileURL(PROBE).href}`.trim();
  }
  let stderr = "";
  let stdout = "";
  const started = process.hrtime.bigint();
  const code = await new Promise((resolve, reject) => {
    const child = spawn(file, argv, { cwd, env: childEnv, stdio: ["ignore", collectStdout ? "pipe" : "ignore", "pipe"] });
    child.stdout?.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    child.on("error", reject);
    child.on("close", (c) => resolve(c ?? 1));
  });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  let cpu = NaN;
  let rssKiB = NaN;
  try {
    const text = (await readFile(report, "utf8")).trim().split("\n").pop() ?? "";
    if (useGnu) {
      const [, user, sys, rss] = text.split(/\s+/).map(Number);
      cpu = user + sys;
      rssKiB = rss;
    } else {
      const u = JSON.parse(text);
      cpu = (u.userCPUTime + u.systemCPUTime) / 1e6;
      rssKiB = u.maxRSS;
    }
  } catch {
    // no usage report (the process failed early): leave NaN
  }
  await rm(dir, { recursive: true, force: true });
  if (useGnu) stderr = stderr.replace(/^Command exited with non-zero status \d+\n?/m, "");
  return { wall, cpu, rssKiB, code, stderr, stdout };
}

// ---------------------------------------------------------------- statistics

export function median(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

export function summary(values) {
  const v = values.filter((x) => Number.isFinite(x));
  return { median: median(v), min: Math.min(...v), max: Math.max(...v), n: v.length };
}

/** Rotates `list` by `k`: round k starts with a different tool, so no tool always runs first. */
export function rotate(list, k) {
  const i = k % list.length;
  return [...list.slice(i), ...list.slice(0, i)];
}
