// npm run bench [-- --quick] [-- --reps 5] [-- --rows 1000000] [-- --big-rows 10000000] [-- --big-reps 2] [-- --json results.json]
//
// Times `synth generate` against json-schema-faker 0.6.3 + csv-stringify, a plain @faker-js/faker loop
// + csv-stringify, and ../shared/bench/hand-specialised.mjs (a generator hand-written for the reference
// schema: the practical ceiling), on the reference schema with and without statistics and on the
// bundled examples. Every figure is a whole process as a user runs it (start-up included), writing CSV
// to a file: one warm-up run, then --reps runs, median quoted (the 10M-row runs: no warm-up, --big-reps runs). Peak RSS comes from the process itself
// (bench/rss-probe.mjs, worker threads included). Also measured: --threads scaling, RSS at 100,000 vs
// 10,000,000 rows (default, one and two threads), and cold start for 10 rows. Runs that are compared
// are interleaved, and two single-threaded processes run at once give the machine's own two-core ceiling.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { measurer } from "./measure.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SHARED = resolve(ROOT, "../shared");
const BIN = join(ROOT, "bin/synth.js");
const REFERENCE = join(SHARED, "bench/reference.schema.json");
const REFERENCE_STATS = join(ROOT, "bench/reference.stats.json");
const REFERENCE_MODEL_STATS = join(ROOT, "bench/reference.model.stats.json");
const HAND = join(SHARED, "bench/hand-specialised.mjs");

const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const value = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const quick = flag("--quick");
// Only the packages section (a quicker look at what it measures).
const packagesOnly = flag("--packages-only");
const REPS = Number(value("--reps", quick ? 3 : 5));
const ROWS = Number(value("--rows", quick ? 300_000 : 1_000_000));
const BIG_ROWS = Number(value("--big-rows", quick ? 2_000_000 : 10_000_000));
const BIG_REPS = Math.max(1, Number(value("--big-reps", quick ? 1 : 2)));
const COLD_RUNS = Number(value("--cold-runs", quick ? 5 : 15));
const jsonOut = value("--json", undefined);

if (!existsSync(join(ROOT, "dist/cli/main.js"))) {
  console.error("bench: build first (npm run build)");
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), "synth-bench-"));

const { run, median, measureGroup, measure, fmt } = measurer({ work, reps: REPS });

const synth = (schema, stats, rows, threads, extra = []) => (out) => [
  BIN, "generate", "--schema", schema, ...(stats ? ["--stats", stats] : []), "--rows", String(rows),
  "--output", out, "--force", "--quiet", ...(threads ? ["--threads", String(threads)] : []), ...extra,
];

/** The machine's own ceiling for two cores: two single-threaded processes, each making half the rows. */
const twoShards = (schema, stats, rows) => (out) => ["1/2", "2/2"].map((shard, i) => synth(schema, stats, rows, 1, ["--shard", shard])(`${out}.${i}`));

const results = { machine: { cores: availableParallelism(), node: process.version, loadBefore: loadavg() }, runs: {}, ratios: {} };
const ratio = (name, a, b) => {
  const r = a.rowsPerSecond / b.rowsPerSecond;
  results.ratios[name] = r;
  console.log(`  ${name.padEnd(60)} ${r.toFixed(2)}×`);
};

console.log(`synth speed bench: ${availableParallelism()} cores, node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
console.log(`${REPS} runs after a warm-up, median quoted; whole processes, start-up included, CSV to a file.\n`);

console.log("Reference schema (../shared/bench/reference.schema.json):");
const r = results.runs;
[r.hand, r.synth1, r.synth2, r.twoShards] = await measureGroup([
  { name: "hand-specialised (ceiling)", rows: ROWS, build: (out) => [HAND, String(ROWS), out] },
  { name: "synth --threads 1", rows: ROWS, build: synth(REFERENCE, undefined, ROWS, 1) },
  { name: "synth --threads 2", rows: ROWS, build: synth(REFERENCE, undefined, ROWS, 2) },
  { name: "two synth processes at once (--shard 1/2, 2/2)", rows: ROWS, build: twoShards(REFERENCE, undefined, ROWS) },
]);
[r.synthStats1, r.synthStats2, r.synthModel1, r.handAgain] = await measureGroup([
  { name: "synth --threads 1, with statistics", rows: ROWS, build: synth(REFERENCE, REFERENCE_STATS, ROWS, 1) },
  { name: "synth --threads 2, with statistics", rows: ROWS, build: synth(REFERENCE, REFERENCE_STATS, ROWS, 2) },
  { name: "synth --threads 1, statistics with a dependence model over every column", rows: ROWS, build: synth(REFERENCE, REFERENCE_MODEL_STATS, ROWS, 1) },
  { name: "hand-specialised (ceiling), again, beside them", rows: ROWS, build: (out) => [HAND, String(ROWS), out] },
]);
const fakerRows = Math.max(20_000, Math.round(ROWS / 5));
r.fakerLoop = await measure("@faker-js/faker loop + csv-stringify", fakerRows, (out) => [join(ROOT, "bench/competitors/faker-loop.mjs"), String(fakerRows), out]);
const jsfRows = Math.max(10_000, Math.round(ROWS / 20));
r.jsf = await measure("json-schema-faker 0.6.3 + csv-stringify", jsfRows, (out) => [join(ROOT, "bench/competitors/json-schema-faker.mjs"), REFERENCE, String(jsfRows), out], Math.min(REPS, 3));

console.log("\nBundled examples (examples/*/schema.json + stats.json):");
const examplesDir = join(ROOT, "examples");
for (const name of existsSync(examplesDir) ? readdirSync(examplesDir).sort() : []) {
  const schema = join(examplesDir, name, "schema.json");
  if (!existsSync(schema)) continue;
  const stats = existsSync(join(examplesDir, name, "stats.json")) ? join(examplesDir, name, "stats.json") : undefined;
  const rows = Math.round(ROWS / 2);
  [r[`${name}-1`], r[`${name}-2`]] = await measureGroup([
    { name: `${name}${stats ? " + stats" : ""} --threads 1`, rows, build: synth(schema, stats, rows, 1) },
    { name: `${name}${stats ? " + stats" : ""} --threads 2`, rows, build: synth(schema, stats, rows, 2) },
  ]);
}

// Peak RSS against output size, at the default thread count (one thread for 100,000 rows, one per
// core for more) and at a fixed one, which isolates growth with the output from the threads' own memory.
console.log("\nMemory (reference schema):");
[r.small, r.small1, r.small2] = await measureGroup([
  { name: "synth, 100,000 rows (default threads)", rows: 100_000, build: synth(REFERENCE, undefined, 100_000, undefined) },
  { name: "synth --threads 1, 100,000 rows", rows: 100_000, build: synth(REFERENCE, undefined, 100_000, 1) },
  { name: "synth --threads 2, 100,000 rows", rows: 100_000, build: synth(REFERENCE, undefined, 100_000, 2) },
], 3);
// Long runs, interleaved too: one run each would leave the ratio to whatever the machine did meanwhile.
[r.big, r.big1, r.big2, r.bigShards] = await measureGroup([
  { name: `synth, ${fmt(BIG_ROWS)} rows (default threads)`, rows: BIG_ROWS, build: synth(REFERENCE, undefined, BIG_ROWS, undefined) },
  { name: `synth --threads 1, ${fmt(BIG_ROWS)} rows`, rows: BIG_ROWS, build: synth(REFERENCE, undefined, BIG_ROWS, 1) },
  { name: `synth --threads 2, ${fmt(BIG_ROWS)} rows`, rows: BIG_ROWS, build: synth(REFERENCE, undefined, BIG_ROWS, 2) },
  { name: `two synth processes at once, ${fmt(BIG_ROWS)} rows`, rows: BIG_ROWS, build: twoShards(REFERENCE, undefined, BIG_ROWS) },
], BIG_REPS, false);

console.log("\nCold start (10 rows to a file, wall time per process):");
const cold = async (label, schema, stats) => {
  const out = join(work, "cold.csv");
  await run(synth(schema, stats, 10, undefined)(out), out);
  const times = [];
  for (let i = 0; i < COLD_RUNS; i++) times.push((await run(synth(schema, stats, 10, undefined)(out), out)).seconds);
  const ms = median(times) * 1000;
  console.log(`  ${label.padEnd(44)} ${ms.toFixed(0).padStart(6)} ms median of ${COLD_RUNS} (min ${(Math.min(...times) * 1000).toFixed(0)} ms)`);
  return ms;
};
results.coldStartMs = {
  nodeAlone: await (async () => {
    const times = [];
    for (let i = 0; i < COLD_RUNS; i++) times.push((await run(["-e", "0"])).seconds);
    const ms = median(times) * 1000;
    console.log(`  ${"node -e 0 (the floor)".padEnd(44)} ${ms.toFixed(0).padStart(6)} ms`);
    return ms;
  })(),
  reference: await cold("reference schema", REFERENCE, undefined),
  ...(existsSync(join(examplesDir, "child-health/schema.json"))
    ? { childHealth: await cold("examples/child-health + stats", join(examplesDir, "child-health/schema.json"), join(examplesDir, "child-health/stats.json")) }
    : {}),
};

console.log("\nRatios (rows/s, this run):");
ratio("synth --threads 1 / hand-specialised (target >= 0.7)", r.synth1, r.hand);
ratio("synth --threads 1 with statistics / hand-specialised (target >= 0.5)", r.synthStats1, r.handAgain);
ratio("synth --threads 1 with a dependence model / hand-specialised (target >= 0.7)", r.synthModel1, r.handAgain);
ratio("synth --threads 1 / json-schema-faker (target >= 20)", r.synth1, r.jsf);
ratio("synth --threads 1 / faker loop (target >= 5)", r.synth1, r.fakerLoop);
ratio(`synth --threads 2 / --threads 1, ${fmt(ROWS)} rows (target >= 1.7 on 2 cores)`, r.synth2, r.synth1);
ratio(`  two processes at once / --threads 1 (what this machine's 2 cores give)`, r.twoShards, r.synth1);
ratio(`synth --threads 2 / --threads 1, ${fmt(ROWS)} rows, with statistics`, r.synthStats2, r.synthStats1);
// Start-up (workers import and compile the plan, ~0.15 s each) weighs on a run of a few seconds;
// over a long run the ratio is what threads give.
ratio(`synth --threads 2 / --threads 1, ${fmt(BIG_ROWS)} rows`, r.big2, r.big1);
ratio(`  two processes at once / --threads 1, ${fmt(BIG_ROWS)} rows`, r.bigShards, r.big1);
const rss = (name, big, small, label) => {
  const growth = big.rssMb / small.rssMb;
  results.ratios[name] = growth;
  console.log(`  ${("peak RSS at " + fmt(BIG_ROWS) + " rows / at 100,000 rows, " + label).padEnd(60)} ${growth.toFixed(2)}× (${big.rssMb.toFixed(0)} MB vs ${small.rssMb.toFixed(0)} MB)`);
};
rss("rssBigOverSmall", r.big, r.small, "default threads (target <= 1.2, < 150 MB)");
rss("rssBigOverSmall1", r.big1, r.small1, "--threads 1");
rss("rssBigOverSmall2", r.big2, r.small2, "--threads 2");
results.machine.loadAfter = loadavg();
console.log(`\nload average after: ${loadavg().map((l) => l.toFixed(2)).join(" ")} (figures from a busy machine are not comparable across runs; ratios within one run are)`);
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(results, null, 2) + "\n");
rmSync(work, { recursive: true, force: true });
