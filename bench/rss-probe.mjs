// Preloaded into every benchmarked process (node --import): on exit, appends the process's peak RSS
// and CPU time to the file named by SYNTH_BENCH_PROBE. Worker threads are included (process-wide).
import { appendFileSync } from "node:fs";
import { isMainThread } from "node:worker_threads";

const file = process.env.SYNTH_BENCH_PROBE;
if (file && isMainThread) {
  process.on("exit", () => {
    const usage = process.resourceUsage();
    appendFileSync(file, JSON.stringify({ maxRssKb: usage.maxRSS, cpuUs: usage.userCPUTime + usage.systemCPUTime }) + "\n");
  });
}
