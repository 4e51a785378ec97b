// npm run bench:postgres [-- --rows 1000000] [-- --reps 3]   (after npm run build)
//
// PostgreSQL against files, in one run on a throwaway local cluster (initdb in a temporary folder, a
// private socket; as root the cluster belongs to the postgres or nobody user):
//   1. `synth generate` of the reference schema into a table with --to --create, against the same
//      command writing the same rows to a CSV file (target: at least 0.5 times its rows/s, peak RSS
//      of the synth process under 150 MB);
//   2. `synth profile` of a table of that many rows from the server, against profiling its CSV export
//      (made by psql with the same COPY) with the same schema (target: at least 0.7 times its speed).
// Whole processes, start-up included; one warm-up, then --reps rounds, the pair alternating within
// each round; medians. Peak RSS is synth's own (bench/rss-probe.mjs), not the server's.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const BIN = join(ROOT, "bin/synth.js");
const PROBE = join(ROOT, "bench/rss-probe.mjs");
const REFERENCE = join(ROOT, "test/fixtures/reference.schema.json");
const args = process.argv.slice(2);
const value = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const ROWS = Number(value("--rows", 1_000_000));
const REPS = Number(value("--reps", 3));

if (!existsSync(join(ROOT, "dist/cli/main.js"))) {
  console.error("bench: build first (npm run build)");
  process.exit(2);
}

function binaries() {
  const dirs = [...(process.env.PATH ?? "").split(":"), "/usr/local/bin"];
  if (existsSync("/usr/lib/postgresql")) for (const v of readdirSync("/usr/lib/postgresql").sort((a, b) => b - a)) dirs.push(`/usr/lib/postgresql/${v}/bin`);
  return dirs.find((d) => d && existsSync(join(d, "initdb")) && existsSync(join(d, "pg_ctl")));
}

const bin = binaries();
if (!bin) {
  console.error("bench: PostgreSQL server binaries (initdb, pg_ctl) not found");
  process.exit(2);
}
const work = mkdtempSync(join(tmpdir(), "synth-bench-pg-"));
const data = join(work, "data");
const socket = join(work, "socket");
mkdirSync(data);
mkdirSync(socket);
chmodSync(work, 0o755);
let as = {};
if (process.getuid?.() === 0) {
  const user = ["postgres", "nobody"].find((u) => spawnSync("id", ["-u", u]).status === 0);
  as = { uid: Number(execFileSync("id", ["-u", user], { encoding: "utf8" })), gid: Number(execFileSync("id", ["-g", user], { encoding: "utf8" })) };
  for (const p of [work, data, socket]) chownSync(p, as.uid, as.gid);
}
chmodSync(data, 0o700);
const PORT = 5432;
execFileSync(join(bin, "initdb"), ["-D", data, "-U", "bench", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"], { ...as, stdio: "pipe" });
execFileSync(join(bin, "pg_ctl"), ["-D", data, "-o", `-c listen_addresses='' -c port=${PORT} -c unix_socket_directories=${socket} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`, "-l", join(work, "server.log"), "-w", "start"], { ...as, stdio: "pipe" });
const stop = () => {
  spawnSync(join(bin, "pg_ctl"), ["-D", data, "-m", "fast", "-w", "stop"], { ...as, stdio: "pipe" });
  rmSync(work, { recursive: true, force: true });
};
process.on("exit", stop);
const psqlBin = existsSync(join(bin, "psql")) ? join(bin, "psql") : "psql";
const psql = (sql, db = "bench") => execFileSync(psqlBin, ["-X", "-q", "-A", "-t", "-h", socket, "-p", String(PORT), "-U", "bench", "-d", db, ...[sql].flat().flatMap((s) => ["-c", s])], { encoding: "utf8", maxBuffer: 1 << 30 });
psql("CREATE DATABASE bench", "postgres");
const URL_ = `postgresql://bench@/bench?host=${encodeURIComponent(socket)}&port=${PORT}`;

function run(command) {
  const probe = join(work, "probe.jsonl");
  rmSync(probe, { force: true });
  const started = performance.now();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ["--import", PROBE, BIN, ...command], { cwd: work, env: { ...process.env, SYNTH_BENCH_PROBE: probe }, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`synth ${command.join(" ")} exited ${code}: ${stderr}`));
      const usage = JSON.parse(readFileSync(probe, "utf8").trim().split("\n").pop());
      resolvePromise({ seconds: (performance.now() - started) / 1000, rssMb: usage.maxRssKb / 1024 });
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Warm-up, then REPS rounds with the pair alternating; medians. `before` runs ahead of each, untimed. */
async function pair(entries) {
  const samples = entries.map(() => []);
  for (let round = -1; round < REPS; round++) {
    const order = round % 2 === 0 ? [1, 0] : [0, 1];
    for (const k of order) {
      entries[k].before?.();
      const result = await run(entries[k].command);
      if (round >= 0) samples[k].push(result);
    }
  }
  return entries.map((e, k) => ({ name: e.name, seconds: median(samples[k].map((s) => s.seconds)), rssMb: median(samples[k].map((s) => s.rssMb)) }));
}

const csvOut = join(work, "reference.csv");
const [toFile, toTable] = await pair([
  { name: "generate --output reference.csv", command: ["generate", "--schema", REFERENCE, "--rows", String(ROWS), "--output", csvOut, "--force"] },
  { name: "generate --to ... --create", before: () => psql("DROP TABLE IF EXISTS generated"), command: ["generate", "--schema", REFERENCE, "--rows", String(ROWS), "--to", URL_, "--table", "generated", "--create"] },
]);

// A table of ROWS rows to profile, and its CSV export made by psql with the COPY synth runs.
psql("DROP TABLE IF EXISTS generated");
await run(["generate", "--schema", REFERENCE, "--rows", String(ROWS), "--seed", "7", "--to", URL_, "--table", "profiled", "--create"]);
psql("VACUUM ANALYZE profiled");
await run(["profile", URL_, "--table", "profiled", "--output", join(work, "warm.json"), "--schema-out", join(work, "profiled.schema.json"), "--force", "--quiet"]);
const { copyOutStatement } = await import(join(ROOT, "dist/postgres/copy-out.js"));
const { SESSION_SETTINGS } = await import(join(ROOT, "dist/postgres/session.js"));
const { readTable } = await import(join(ROOT, "dist/postgres/catalog.js"));
const pg = (await import("pg")).default;
const client = new pg.Client({ host: socket, port: PORT, user: "bench", database: "bench" });
await client.connect();
const table = await readTable(client, "profiled", {});
await client.end();
const exportFile = join(work, "profiled.csv");
writeFileSync(exportFile, psql([...SESSION_SETTINGS.map((s) => s.replace("SET LOCAL", "SET")), copyOutStatement(table)]));
const schema = join(work, "profiled.schema.json");
const [fromFile, fromServer] = await pair([
  { name: "profile profiled.csv --schema", command: ["profile", exportFile, "--schema", schema, "--null", "", "--output", join(work, "file.stats.json"), "--force", "--quiet"] },
  { name: "profile postgresql://... --table", command: ["profile", URL_, "--table", "profiled", "--output", join(work, "db.stats.json"), "--force", "--quiet"] },
]);
const strip = (f) => {
  const s = JSON.parse(readFileSync(f, "utf8"));
  delete s.provenance.createdAt;
  delete s.provenance.source.name;
  return JSON.stringify(s);
};
const identical = strip(join(work, "file.stats.json")) === strip(join(work, "db.stats.json"));

const line = (r, base) => `| ${r.name} | ${Math.round(ROWS / r.seconds).toLocaleString("en-GB")} | ${r.seconds.toFixed(2)} s | ${Math.round(r.rssMb)} MB | ${(base.seconds / r.seconds).toFixed(2)} |`;
console.log(`PostgreSQL bench: ${ROWS.toLocaleString("en-GB")} rows of the reference schema, ${REPS} rounds after a warm-up, medians; load average ${loadavg()[0].toFixed(2)}; ${execFileSync(join(bin, "postgres"), ["--version"], { encoding: "utf8" }).trim()}`);
console.log("| run | rows/s | time | peak RSS (synth) | ratio |\n|---|---|---|---|---|");
console.log(line(toFile, toFile));
console.log(line(toTable, toFile));
console.log(line(fromFile, fromFile));
console.log(line(fromServer, fromFile));
console.log(`generate --to: ${(toFile.seconds / toTable.seconds).toFixed(2)}x the CSV file's rows/s (target >= 0.5), peak RSS ${Math.round(toTable.rssMb)} MB (target < 150)`);
console.log(`profile from the server: ${(fromFile.seconds / fromServer.seconds).toFixed(2)}x the CSV export's speed (target >= 0.7); statistics identical apart from provenance: ${identical ? "yes" : "NO"}`);
