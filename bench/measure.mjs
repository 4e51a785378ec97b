// Whole-process timing for the benches: each command runs as a user runs it, under bench/rss-probe.mjs
// for its peak RSS and CPU time; entries of a group are interleaved round by round, medians quoted.
import { spawn } from "node:child_process";
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const PROBE = join(ROOT, "bench/rss-probe.mjs");

export function measurer({ work, reps: REPS }) {
  /** Bytes of a file, or of the files in a folder (a package's output). */
  const sizeOf = (path) => (statSync(path).isDirectory() ? readdirSync(path).reduce((sum, name) => sum + statSync(join(path, name)).size, 0) : statSync(path).size);

  /** Runs processes at the same time; resolves when all have exited, to wall seconds, total output bytes, summed peak RSS (MB) and CPU seconds. */
  function run(commands, outs) {
    const many = Array.isArray(commands[0]) ? commands : [commands];
    const files = Array.isArray(outs) ? outs : [outs];
    const started = performance.now();
    return Promise.all(many.map((command, i) => new Promise((resolvePromise, reject) => {
      const probe = join(work, `probe-${i}.jsonl`);
      rmSync(probe, { force: true });
      const child = spawn(process.execPath, ["--import", PROBE, ...command], {
        cwd: ROOT,
        env: { ...process.env, SYNTH_BENCH_PROBE: probe },
        stdio: ["ignore", "ignore", "pipe"],
      });
      let stderr = "";
      child.stderr.on("data", (d) => (stderr += d));
      child.on("error", reject);
      child.on("exit", (code) => {
        if (code !== 0) return reject(new Error(`${command.join(" ")} exited ${code}: ${stderr}`));
        const usage = JSON.parse(readFileSync(probe, "utf8").trim().split("\n").pop());
        const out = files?.[i];
        const bytes = out && existsSync(out) ? sizeOf(out) : 0;
        if (out) rmSync(out, { force: true, recursive: true });
        resolvePromise({ bytes, rssMb: usage.maxRssKb / 1024, cpuSeconds: usage.cpuUs / 1e6 });
      });
    }))).then((each) => ({
      seconds: (performance.now() - started) / 1000,
      bytes: each.reduce((sum, e) => sum + e.bytes, 0),
      rssMb: each.reduce((sum, e) => sum + e.rssMb, 0),
      cpuSeconds: each.reduce((sum, e) => sum + e.cpuSeconds, 0),
    }));
  }

  const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  };

  /**
   * Warm-up, then `reps` rounds; medians. The entries of a group run in turn within each round, so
   * that what the shared machine does meanwhile falls on all of them alike: their ratios are the
   * figures to trust. An entry's `build(out)` gives one command, or several to run at the same time (writing out.0, out.1, ...).
   */
  async function measureGroup(entries, reps = REPS, warmUp = true) {
    // Several commands at once write to out.0, out.1, ... (see twoShards).
    const outsFor = (entry, k) => {
      const out = join(work, `out-${k}.csv`);
      const commands = entry.build(out);
      return { commands, outs: Array.isArray(commands[0]) ? commands.map((_, i) => `${out}.${i}`) : out };
    };
    const samples = entries.map(() => []);
    for (let round = warmUp ? -1 : 0; round < reps; round++) {
      // Alternate rounds run the entries in reverse, so a drift in the machine's load evens out.
      const order = [...entries.keys()];
      if (round % 2 !== 0) order.reverse();
      for (const k of order) {
        const entry = entries[k];
        const { commands, outs } = outsFor(entry, k);
        const result = await run(commands, outs);
        if (round >= 0) samples[k].push(result);
      }
    }
    return entries.map((entry, k) => {
      const results = samples[k];
      const seconds = median(results.map((r) => r.seconds));
      const row = {
        name: entry.name,
        rows: entry.rows,
        seconds,
        rowsPerSecond: entry.rows / seconds,
        mbPerSecond: median(results.map((r) => r.bytes / r.seconds / 1e6)),
        rssMb: median(results.map((r) => r.rssMb)),
        cpuSeconds: median(results.map((r) => r.cpuSeconds)),
      };
      console.log(
        `  ${entry.name.padEnd(52)} ${fmt(row.rowsPerSecond).padStart(10)} rows/s ${row.mbPerSecond.toFixed(1).padStart(7)} MB/s ${row.rssMb.toFixed(0).padStart(5)} MB RSS ${row.seconds.toFixed(2).padStart(7)} s wall ${row.cpuSeconds.toFixed(2).padStart(7)} s CPU  (${fmt(entry.rows)} rows)`,
      );
      return row;
    });
  }

  const measure = async (name, rows, build, reps = REPS, warmUp = true) => (await measureGroup([{ name, rows, build }], reps, warmUp))[0];

  const fmt = (n) => Math.round(n).toLocaleString("en-GB");

  return { run, median, measureGroup, measure, fmt };
}
