// Preloaded (NODE_OPTIONS=--import) into node children when GNU time is missing: writes the
// process's own CPU time and peak RSS where the harness asked (WHMGEN_BENCH_USAGE).
import { writeFileSync } from "node:fs";

const target = process.env.WHMGEN_BENCH_USAGE;
if (target) {
  delete process.env.WHMGEN_BENCH_USAGE; // not for grandchildren
  process.on("exit", () => {
    const u = process.resourceUsage();
    writeFileSync(target, JSON.stringify({ userCPUTime: u.userCPUTime, systemCPUTime: u.systemCPUTime, maxRSS: u.maxRSS }) + "\n");
  });
}
