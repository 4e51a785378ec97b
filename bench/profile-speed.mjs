#!/usr/bin/env node
/**
 * Profiling speed and memory on a large CSV, side by side with csv-parse reading the same file alone.
 * Run `npm run build` first.
 *
 *   node bench/profile-speed.mjs [--size-mb 1024] [--rounds 2] [--out .bench-out/profile-speed]
 *
 * Makes (once) a CSV of the given size with a mix of column types (identifier, categories, integers,
 * decimals, dates, date-times, short free text, some empty cells), plus a copy of its first eighth.
 * Then, alternating to share out the machine's noise, runs in child processes:
 *   - csv-parse alone: the file streamed through csv-parse, records counted;
 *   - `synth profile` (the CLI's own main()), writing statistics and schema.
 * Reports the best wall time of each, throughput, and each process's peak RSS. Targets (issue 3):
 * profile at no less than half the speed of csv-parse alone, and constant memory: the peak RSS on the
 * whole file no larger than on its first eighth (within 25%).
 */
import { spawnSync } from "node:child_process";
import { createReadStream, createWriteStream, existsSync, mkdirSync, statSync } from "node:fs";
import { once } from "node:events";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const ROOT = resolve(fileURLToPath(import.meta.url), "../..");
const { values: flags } = parseArgs({
  options: {
    "size-mb": { type: "string", default: "1024" },
    rounds: { type: "string", default: "2" },
    out: { type: "string", default: join(ROOT, ".bench-out/profile-speed") },
  },
});
const sizeBytes = Number(flags["size-mb"]) * 1024 * 1024;
const rounds = Number(flags.rounds);
mkdirSync(flags.out, { recursive: true });

/** A small seeded generator (mulberry32): the file is the same on every machine. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REGIONS = ["North East", "North West", "Yorkshire", "East Midlands", "West Midlands", "East", "London", "South East", "South West"];
const STATUS = ["active", "closed", "pending", "referred"];
const WORDS = ["seen", "by", "nurse", "follow", "up", "in", "clinic", "no", "concerns", "referred", "to", "GP", "reviewed", "letter", "sent", "patient", "declined"];

async function makeTable(file, bytes) {
  const next = random(20240601);
  const out = createWriteStream(file);
  out.write("record_id,region,age,score,visit_date,updated_at,status,note\n");
  let written = 0;
  let id = 1;
  const day = 86400000;
  const start = Date.UTC(2000, 0, 1);
  while (written < bytes) {
    let chunk = "";
    for (let i = 0; i < 5000; i++, id++) {
      const age = Math.floor(next() * next() * 100);
      const score = next() < 0.03 ? "" : (20 + 60 * (next() + next() + next()) / 3).toFixed(2);
      const visit = new Date(start + Math.floor(next() * 8766) * day).toISOString().slice(0, 10);
      const updated = new Date(start + Math.floor(next() * 8766 * day)).toISOString().slice(0, 19) + "Z";
      const words = 1 + Math.floor(next() * 6);
      let note = "";
      for (let w = 0; w < words; w++) note += (w ? " " : "") + WORDS[Math.floor(next() * WORDS.length)];
      chunk += `${id},${REGIONS[Math.floor(next() * next() * REGIONS.length)]},${age},${score},${visit},${updated},${STATUS[Math.floor(next() * STATUS.length)]},"${note}"\n`;
    }
    written += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
}

/** The first `bytes` of a table, cut at a line end. */
async function headOf(source, file, bytes) {
  const out = createWriteStream(file);
  let written = 0;
  for await (const chunk of createReadStream(source, { highWaterMark: 1 << 20 })) {
    if (written + chunk.length < bytes) {
      out.write(chunk);
      written += chunk.length;
      continue;
    }
    const cut = chunk.indexOf(10, bytes - written);
    out.write(chunk.subarray(0, cut + 1));
    break;
  }
  out.end();
  await once(out, "finish");
}

/** Runs a script in a fresh node process; it prints its result as JSON, with its peak RSS. */
function child(script) {
  const started = performance.now();
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", maxBuffer: 1 << 24 });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`child failed (${result.status}):\n${result.stderr}`);
  const report = JSON.parse(result.stdout.trim().split("\n").pop());
  return { seconds, ...report };
}

const csvParseAlone = (file) =>
  child(`
import { createReadStream } from "node:fs";
import { parse } from ${JSON.stringify(import.meta.resolve("csv-parse"))};
let records = 0;
for await (const record of createReadStream(${JSON.stringify(file)}).pipe(parse({ bom: true }))) records++;
console.log(JSON.stringify({ records, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
`);

const synthProfile = (file) =>
  child(`
import { main } from ${JSON.stringify(join(ROOT, "dist/cli/main.js"))};
const code = await main(["node", "synth", "profile", ${JSON.stringify(file)}, "--output", ${JSON.stringify(join(flags.out, "stats.json"))}, "--schema-out", ${JSON.stringify(join(flags.out, "schema.json"))}, "--force", "--quiet"]);
if (code !== 0) process.exit(code);
console.log(JSON.stringify({ maxRssMb: process.resourceUsage().maxRSS / 1024 }));
`);

const big = join(flags.out, `table-${flags["size-mb"]}mb.csv`);
const small = join(flags.out, `table-${flags["size-mb"]}mb-first-eighth.csv`);
if (!existsSync(big)) {
  process.stderr.write(`making ${big}...\n`);
  await makeTable(big, sizeBytes);
}
if (!existsSync(small)) await headOf(big, small, Math.floor(statSync(big).size / 8));

const best = { parse: undefined, profile: undefined, profileSmall: undefined };
const keepBest = (key, run) => {
  if (!best[key] || run.seconds < best[key].seconds) best[key] = { ...run, maxRssMb: Math.max(run.maxRssMb, best[key]?.maxRssMb ?? 0) };
  else best[key].maxRssMb = Math.max(best[key].maxRssMb, run.maxRssMb);
};
for (let round = 1; round <= rounds; round++) {
  process.stderr.write(`round ${round}/${rounds}: csv-parse...\n`);
  keepBest("parse", csvParseAlone(big));
  process.stderr.write(`round ${round}/${rounds}: synth profile...\n`);
  keepBest("profile", synthProfile(big));
}
keepBest("profileSmall", synthProfile(small));

const mb = statSync(big).size / 1024 / 1024;
const smallMb = statSync(small).size / 1024 / 1024;
const ratio = best.profile.seconds / best.parse.seconds;
const rows = [
  ["run", "file MB", "records", "best seconds", "MB/s", "peak RSS MB"],
  ["csv-parse alone", mb.toFixed(0), best.parse.records, best.parse.seconds.toFixed(1), (mb / best.parse.seconds).toFixed(1), best.parse.maxRssMb.toFixed(0)],
  ["synth profile", mb.toFixed(0), best.parse.records, best.profile.seconds.toFixed(1), (mb / best.profile.seconds).toFixed(1), best.profile.maxRssMb.toFixed(0)],
  ["synth profile, first eighth", smallMb.toFixed(0), "", best.profileSmall.seconds.toFixed(1), (smallMb / best.profileSmall.seconds).toFixed(1), best.profileSmall.maxRssMb.toFixed(0)],
];
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
process.stdout.write(rows.map((r) => r.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join("  ")).join("\n") + "\n\n");
const speedOk = ratio <= 2;
const memoryOk = best.profile.maxRssMb <= best.profileSmall.maxRssMb * 1.25;
process.stdout.write(`profile takes ${ratio.toFixed(2)}x the time of csv-parse alone (${(100 / ratio).toFixed(0)}% of its speed; target at least 50%): ${speedOk ? "met" : "MISSED"}\n`);
process.stdout.write(`peak RSS ${best.profile.maxRssMb.toFixed(0)} MB on the whole file, ${best.profileSmall.maxRssMb.toFixed(0)} MB on its first eighth (target: constant): ${memoryOk ? "met" : "MISSED"}\n`);
if (!speedOk || !memoryOk) process.exitCode = 1;
