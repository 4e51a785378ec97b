// npm run bench:conformance — synth against the official JSON Schema Test Suite (run `npm run build` first).
import { compile } from "../dist/generate/compile.js";
import { sampleRows } from "../dist/generate/rows.js";
import { SynthError } from "../dist/errors/synth-error.js";
import { runConformance } from "./conformance-core.mjs";

const verbose = process.argv.includes("--verbose");
const started = Date.now();
const { tallies, failures } = await runConformance(
  { compile, sampleRows, SynthError },
  { onGroup: verbose ? (g, r, ms) => console.log(`${r.status.padEnd(12)} ${ms}ms ${g.draft}/${g.file} #${g.index} ${g.description}`) : undefined },
);

console.log("JSON Schema Test Suite conformance (20 values per group, checked with ajv)\n");
console.log("draft          considered  ajv-compiles  passed        errors  invalid  crashes");
for (const [draft, t] of Object.entries(tallies)) {
  const pct = t.compilable ? ((100 * t.pass) / t.compilable).toFixed(1) : "-";
  console.log(
    `${draft.padEnd(14)} ${String(t.considered).padStart(10)}  ${String(t.compilable).padStart(12)}  ${`${t.pass} (${pct}%)`.padEnd(12)}  ${String(t.error).padStart(6)}  ${String(t.invalid).padStart(7)}  ${String(t.crash).padStart(7)}`,
  );
}
const shown = failures.filter((f) => f.status !== "uncompilable");
if (shown.length > 0) {
  console.log("\nGroups not passed:");
  for (const f of shown) console.log(`  [${f.status}] ${f.draft}/${f.file} #${f.index} "${f.description}": ${f.reason}`);
}
const excluded = failures.filter((f) => f.status === "uncompilable");
if (excluded.length > 0) {
  console.log("\nExcluded (ajv cannot compile the schema):");
  for (const f of excluded) console.log(`  ${f.draft}/${f.file} #${f.index} "${f.description}": ${f.reason}`);
}
console.log(`\n${((Date.now() - started) / 1000).toFixed(1)} s`);
const bad = Object.values(tallies).reduce((n, t) => n + t.invalid + t.crash, 0);
process.exitCode = bad > 0 ? 1 : 0;
