#!/usr/bin/env node
/**
 * Round trip on every CSV in ../shared/datasets: profile the real file, generate as many dummy rows as
 * it has, compare the two, and check the dummy rows (and the real ones) against the inferred schema.
 * Then the same with differential privacy (--epsilon 1). Runs the built CLI as a user would, so run
 * `npm run build` first.
 *
 *   npm run bench:fidelity [-- --datasets penguins,slid] [--out .bench-out/fidelity] [--data-dir DIR]
 *
 * Targets (issue 3): Column Shapes >= 0.95 on every dataset (>= 0.90 with epsilon 1); missing-value
 * fractions within 0.01 of the real ones; every generated row, and every real row, valid against the
 * inferred schema. Exits 1 when a target is missed.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const ROOT = resolve(fileURLToPath(import.meta.url), "../..");
const BIN = join(ROOT, "bin/synth.js");
const { values: flags } = parseArgs({
  options: {
    datasets: { type: "string" },
    "data-dir": { type: "string", default: resolve(ROOT, "../shared/datasets") },
    out: { type: "string", default: join(ROOT, ".bench-out/fidelity") },
    seed: { type: "string", default: "0" },
  },
});

const { createUserAjv } = await import(join(ROOT, "dist/schema/ajv.js"));
const { readRecords } = await import(join(ROOT, "dist/io/read-table.js"));
const { cellTypeOf, typedCell } = await import(join(ROOT, "dist/io/typed-cells.js"));

const TARGET_SHAPES = 0.95;
const TARGET_SHAPES_DP = 0.9;
const TARGET_MISSING = 0.01;

function synth(args) {
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" }, maxBuffer: 1 << 28 });
  if (result.status !== 0) throw new Error(`synth ${args.join(" ")} failed (${result.status}):\n${result.stderr}`);
  return result.stdout;
}

/** Rows of a CSV file that fail the schema, reading cells as synth does (typed by the schema). */
async function invalidRows(file, schemaFile) {
  const schema = JSON.parse(readFileSync(schemaFile, "utf8"));
  const validate = createUserAjv("2020-12").compile(schema);
  let rows = 0;
  let invalid = 0;
  let first;
  for await (const { line, record } of readRecords(file)) {
    rows++;
    const typed = {};
    for (const [key, value] of Object.entries(record)) typed[key] = typedCell(value, cellTypeOf(schema.properties[key]));
    if (!validate(typed)) {
      invalid++;
      first ??= `line ${line}: ${validate.errors?.[0]?.instancePath} ${validate.errors?.[0]?.message}`;
    }
  }
  return { rows, invalid, first };
}

async function roundTrip(name, real, epsilon) {
  const tag = epsilon === undefined ? name : `${name}.eps${epsilon}`;
  const stats = join(flags.out, `${tag}.stats.json`);
  const schema = join(flags.out, `${tag}.schema.json`);
  const dummy = join(flags.out, `${tag}.dummy.csv`);
  const started = performance.now();
  synth(["profile", real, "--output", stats, "--schema-out", schema, "--force", "--quiet", ...(epsilon === undefined ? [] : ["--epsilon", String(epsilon), "--seed", flags.seed])]);
  const profiled = performance.now();
  const rows = JSON.parse(readFileSync(stats, "utf8")).rows;
  synth(["generate", "--schema", schema, "--stats", stats, "--rows", String(rows), "--seed", flags.seed, "--format", "csv", "--output", dummy, "--force", "--quiet"]);
  const generated = performance.now();
  const report = JSON.parse(synth(["compare", real, dummy, "--json"]));
  const compared = performance.now();
  const missingGap = Math.max(0, ...report.columns.map((c) => Math.abs(c.missing.real - c.missing.dummy)));
  const scored = report.columns.filter((c) => c.score !== null);
  const worst = scored.reduce((a, b) => (b.score < a.score ? b : a), scored[0]);
  return {
    report,
    missingGap,
    worst,
    validDummy: await invalidRows(dummy, schema),
    validReal: epsilon === undefined ? await invalidRows(real, schema) : undefined,
    seconds: { profile: (profiled - started) / 1000, generate: (generated - profiled) / 1000, compare: (compared - generated) / 1000 },
  };
}

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r) => r.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i]))).join("  ")).join("\n");
}

const SHARED = resolve(flags["data-dir"]);
mkdirSync(flags.out, { recursive: true });
const names = flags.datasets
  ? flags.datasets.split(",").map((n) => `${n.trim()}.csv`)
  : readdirSync(SHARED).filter((f) => f.endsWith(".csv")).sort();

const header = ["dataset", "rows", "shapes", "worst column", "max Δmissing", "dummy valid", "real valid", "copies", "of unique", "DCR median", "shapes ε=1", "seconds p/g/c"];
const lines = [header];
const misses = [];
for (const file of names) {
  const name = basename(file, ".csv");
  const real = join(SHARED, file);
  process.stderr.write(`${name}...\n`);
  const plain = await roundTrip(name, real, undefined);
  const private1 = await roundTrip(name, real, 1);
  const r = plain.report;
  lines.push([
    name,
    r.real.rows,
    r.columnShapes.toFixed(3),
    plain.worst ? `${plain.worst.column} ${plain.worst.score.toFixed(3)}` : "-",
    plain.missingGap.toFixed(4),
    `${plain.validDummy.rows - plain.validDummy.invalid}/${plain.validDummy.rows}`,
    `${plain.validReal.rows - plain.validReal.invalid}/${plain.validReal.rows}`,
    r.disclosure.exactMatches,
    r.disclosure.uniqueMatches,
    r.disclosure.distanceToClosestRecord.median.toFixed(3),
    private1.report.columnShapes.toFixed(3),
    `${plain.seconds.profile.toFixed(1)}/${plain.seconds.generate.toFixed(1)}/${plain.seconds.compare.toFixed(1)}`,
  ]);
  if (r.columnShapes < TARGET_SHAPES) misses.push(`${name}: Column Shapes ${r.columnShapes} < ${TARGET_SHAPES}`);
  if (private1.report.columnShapes < TARGET_SHAPES_DP) misses.push(`${name}: Column Shapes with epsilon 1 ${private1.report.columnShapes} < ${TARGET_SHAPES_DP}`);
  if (plain.missingGap > TARGET_MISSING) {
    const column = r.columns.find((c) => Math.abs(c.missing.real - c.missing.dummy) === plain.missingGap);
    misses.push(`${name}: missing fraction of ${column.column} is ${column.missing.dummy} against ${column.missing.real} (gap > ${TARGET_MISSING})`);
  }
  if (plain.validDummy.invalid > 0) misses.push(`${name}: ${plain.validDummy.invalid} generated rows fail the inferred schema (${plain.validDummy.first})`);
  if (plain.validReal.invalid > 0) misses.push(`${name}: ${plain.validReal.invalid} real rows fail the inferred schema (${plain.validReal.first})`);
  if (private1.validDummy.invalid > 0) misses.push(`${name}: ${private1.validDummy.invalid} rows generated with epsilon 1 fail the schema (${private1.validDummy.first})`);
}

process.stdout.write(table(lines) + "\n\n");
process.stdout.write(
  "shapes: SDMetrics Column Shapes (mean KSComplement / TVComplement over scored columns); copies: dummy rows equal to a real row\n" +
    "(of unique: to a real row unique in the real data); DCR: distance to closest real row (0 = copy, 1 = different in every column).\n\n",
);
if (misses.length === 0) process.stdout.write("All targets met.\n");
else {
  process.stdout.write(`Targets missed:\n${misses.map((m) => `  - ${m}`).join("\n")}\n`);
  process.exitCode = 1;
}
