// npm run bench:package [-- --quick] [-- --reps 3] [-- --children 1000000] [-- --big-children 10000000]
//
// A package of two tables against the same two tables generated alone. The package is movies +
// ratings profiled from ../shared/datasets with `synth profile --package`, its children per parent
// then set to 5 to 15 (10 ratings per movie on average). Timed: `synth generate --package` for P
// movies and their ~10·P ratings, against `synth generate` of P movies plus, separately, the same
// number of ratings; whole processes, interleaved, medians. Then peak RSS of a package with
// --big-children ratings.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { measurer } from "./measure.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const DATASETS = resolve(ROOT, "../shared/datasets");
const BIN = join(ROOT, "bin/synth.js");
const args = process.argv.slice(2);
const value = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
};
const quick = args.includes("--quick");
const REPS = Number(value("--reps", quick ? 2 : 3));
const CHILDREN = Number(value("--children", quick ? 300_000 : 1_000_000));
const BIG_CHILDREN = Number(value("--big-children", quick ? 2_000_000 : 10_000_000));

if (!existsSync(join(DATASETS, "movies.csv"))) {
  console.error("bench:package needs ../shared/datasets (movies.csv, ratings.csv)");
  process.exit(2);
}
const work = mkdtempSync(join(tmpdir(), "synth-bench-package-"));
const { run, measureGroup, fmt } = measurer({ work, reps: REPS });

// The real package: the two files and a descriptor naming their keys.
const real = join(work, "real");
mkdirSync(real);
for (const name of ["movies.csv", "ratings.csv"]) writeFileSync(join(real, name), readFileSync(join(DATASETS, name)));
writeFileSync(join(real, "datapackage.json"), JSON.stringify({
  name: "movielens",
  resources: [
    { name: "movies", path: "movies.csv", schema: { fields: [{ name: "movieId", type: "integer" }, { name: "title", type: "string" }, { name: "year", type: "integer" }, { name: "genres", type: "string" }], primaryKey: "movieId" } },
    { name: "ratings", path: "ratings.csv", schema: { fields: [{ name: "userId", type: "integer" }, { name: "movieId", type: "integer" }, { name: "rating", type: "number" }, { name: "timestamp", type: "datetime" }], foreignKeys: [{ fields: "movieId", reference: { resource: "movies", fields: "movieId" } }] } },
  ],
}));
const published = join(work, "published");
execFileSync(process.execPath, [BIN, "profile", "--package", join(real, "datapackage.json"), "--output-dir", published, "--quiet"]);
const descriptorPath = join(published, "datapackage.json");
const descriptor = JSON.parse(readFileSync(descriptorPath, "utf8"));
descriptor["x-synth"].relationships[0].childrenPerParent.bins = [{ from: 0, to: 4, share: 0 }, { from: 5, to: 15, share: 1 }, { from: 16, mean: 16, share: 0 }];
writeFileSync(descriptorPath, JSON.stringify(descriptor, null, 2));

const parentsFor = (children) => Math.round(children / 10);
const packageRun = (parents) => (out) => [BIN, "generate", "--package", descriptorPath, "--output-dir", out, "--force", "--quiet", "--table-rows", `movies=${parents}`];
const alone = (table, rows) => (out) => [BIN, "generate", "--schema", join(published, `${table}.schema.json`), "--stats", join(published, `${table}.stats.json`), "--rows", String(rows), "--output", out, "--force", "--quiet"];
const childrenOf = (parents) => {
  const out = join(work, "count");
  execFileSync(process.execPath, packageRun(parents)(out));
  const rows = JSON.parse(readFileSync(join(out, "datapackage.json"), "utf8")).resources.find((r) => r.name === "ratings")["x-synth"].rows;
  rmSync(out, { recursive: true, force: true });
  return rows;
};

console.log(`synth package bench: ${availableParallelism()} cores, node ${process.version}, load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
const parents = parentsFor(CHILDREN);
const children = childrenOf(parents);
console.log(`movies + ratings, ${fmt(parents)} movies and ${fmt(children)} ratings (10 per movie on average); ${REPS} runs after a warm-up, medians:`);
const [pkg, movies, ratings] = await measureGroup([
  { name: "synth generate --package (both tables, keys joined)", rows: parents + children, build: packageRun(parents) },
  { name: "synth generate movies alone", rows: parents, build: alone("movies", parents) },
  { name: "synth generate ratings alone", rows: children, build: alone("ratings", children) },
]);
const separately = (parents + children) / (movies.seconds + ratings.seconds);
console.log(`  package ${fmt(pkg.rowsPerSecond)} rows/s; the two tables separately ${fmt(separately)} rows/s (their times summed)`);
console.log(`  ratio package / separately: ${(pkg.rowsPerSecond / separately).toFixed(2)}× (target >= 0.8)`);

const bigParents = parentsFor(BIG_CHILDREN);
const [big] = await measureGroup([{ name: `synth generate --package, ~${fmt(BIG_CHILDREN)} ratings`, rows: bigParents + BIG_CHILDREN, build: packageRun(bigParents) }], 1, false);
console.log(`  peak RSS with ~${fmt(BIG_CHILDREN)} child rows: ${big.rssMb.toFixed(0)} MB (target < 150 MB)`);
console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
rmSync(work, { recursive: true, force: true });
void run;
