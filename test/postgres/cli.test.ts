import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compile } from "../../src/generate/compile.js";
import { copyOutStatement } from "../../src/postgres/copy-out.js";
import { SESSION_SETTINGS } from "../../src/postgres/session.js";
import { generateTable } from "../../src/postgres/generate-table.js";
import { BIN, example, REFERENCE_SCHEMA, ROOT, runCli, tempDir } from "../support/cli.js";
import { PASSWORD, postgresAvailable, startCluster, SUPERUSER, type Cluster } from "../support/postgres.js";

// Against a real server: a throwaway cluster (test/support/postgres.ts), its own databases. Every
// dummy row goes through the server's own constraints, so a row that broke one would fail the test.

const available = postgresAvailable();
let cluster: Cluster;
let dir: string;

const PEOPLE = `
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE people (
  id integer PRIMARY KEY,
  name varchar(40) NOT NULL,
  age smallint CHECK (age >= 0 AND age <= 120),
  sex text NOT NULL CHECK (sex IN ('F', 'M', 'U')),
  score numeric(6,2) CHECK (score > 0),
  ok boolean,
  born date,
  seen timestamptz,
  m mood,
  note text CHECK (char_length(note) <= 50),
  ratio double precision,
  CHECK (age < 200 OR sex = 'U')
);
COMMENT ON TABLE people IS 'People we know';
COMMENT ON COLUMN people.name IS 'Full name';
INSERT INTO people
SELECT i, 'Person ' || i, i % 90, (ARRAY['F','M','U'])[1 + i % 3],
       CASE WHEN i % 7 = 0 THEN NULL ELSE (i % 500) + 0.25 END, i % 2 = 0, date '2000-01-01' + (i % 3000),
       timestamptz '2024-01-01 00:00:00+00' + (i || ' minutes')::interval, (ARRAY['sad','ok','happy']::mood[])[1 + i % 3],
       CASE WHEN i % 5 = 0 THEN '' WHEN i % 5 = 1 THEN NULL WHEN i % 5 = 2 THEN E'two\\nlines ' || i ELSE 'note, "quoted" ' || i END, i / 7.0
FROM generate_series(1, 1500) i;`;

function ok(args: string[], env?: NodeJS.ProcessEnv): { stdout: string; stderr: string } {
  const result = runCli(args, { cwd: dir, ...(env ? { env } : {}) });
  expect(result.status, result.stderr).toBe(0);
  return result;
}

/** Every error line seen, with this cluster's connection written as the README's example one. */
const errorLines: string[] = [];

function fails(args: string[], env?: NodeJS.ProcessEnv): string {
  const result = runCli(args, { cwd: dir, ...(env ? { env } : {}) });
  expect(result.status, result.stderr).toBe(2);
  const lines = result.stderr.trimEnd().split("\n");
  expect(lines, result.stderr).toHaveLength(1); // one line, no stack trace
  expect(result.stderr).not.toContain(PASSWORD);
  errorLines.push(lines[0]!.replace(/postgresql:\/\/synth_test@\S*?\/(?:source|target|missing_db)(?:\?host=\S*?&port=\d+)?(?=[: ])/, "postgresql://ci@127.0.0.1:5432/test").replace(`user "${SUPERUSER}"`, 'user "ci"'));
  return lines[0]!;
}

/** The statistics without what only says where and when they were made. */
function published(file: string): unknown {
  return publishedText(readFileSync(file, "utf8"));
}

function publishedText(text: string): unknown {
  const stats = JSON.parse(text);
  delete stats.provenance.createdAt;
  delete stats.provenance.source.name;
  return stats;
}

const count = (database: string, table: string) => Number(cluster.psql(database, `SELECT count(*) FROM ${table}`).trim());

describe.skipIf(!available)("PostgreSQL (a real server)", () => {
  beforeAll(async () => {
    cluster = await startCluster();
    dir = tempDir();
    cluster.createDatabase("source");
    cluster.createDatabase("target");
    cluster.psql("source", PEOPLE);
  });
  afterAll(() => cluster?.stop());

  describe("synth profile postgresql://... --table", () => {
    it("publishes exactly the statistics of profiling the table's CSV export, and the catalog's schema", () => {
      ok(["profile", cluster.socketUrl("source"), "--table", "people", "--output", "db.stats.json", "--schema-out", "db.schema.json"]);
      // The export a data owner would make with psql: the same COPY, under the same session settings.
      const exported = join(dir, "people.csv");
      writeFileSync(exported, cluster.psql("source", [...SESSION_SETTINGS.map((s) => s.replace("SET LOCAL", "SET")), copyOutStatementFor(cluster, "source", "people")]));
      ok(["profile", exported, "--schema", "db.schema.json", "--null", "", "--output", "csv.stats.json"]);
      expect(published(join(dir, "db.stats.json"))).toEqual(published(join(dir, "csv.stats.json")));
      const dbStats = JSON.parse(readFileSync(join(dir, "db.stats.json"), "utf8"));
      expect(dbStats.provenance.source.name).toBe("public.people");
      expect(dbStats.provenance.source.sha256).toBe(createHash("sha256").update(readFileSync(exported)).digest("hex"));
      expect(dbStats.table).toBe("people");
      expect(dbStats.rows).toBe(1500);
      // Nothing but the statistics and the schema was written.
      expect(existsSync(join(dir, "db.stats.json")) && existsSync(join(dir, "db.schema.json"))).toBe(true);
    });

    it("follows the output rules of a file: -o - and -q, --json, no output over an input, before connecting", () => {
      const streamed = ok(["profile", cluster.socketUrl("source"), "--table", "people", "-o", "-", "-q"]);
      expect(published(join(dir, "db.stats.json"))).toEqual(publishedText(streamed.stdout));
      expect(streamed.stderr).toBe("");
      const summary = ok(["profile", cluster.socketUrl("source"), "--table", "people", "-o", "json.stats.json", "--json"]);
      expect(JSON.parse(summary.stdout).rows).toBe(1500);
      expect(fails(["profile", cluster.socketUrl("source"), "--table", "people", "--schema", "db.schema.json", "-o", "db.schema.json", "--force"])).toMatch(/is one of this run's inputs/);
      expect(fails(["profile", "postgresql://nobody@127.0.0.1:1/none", "--table", "people", "-o", "db.stats.json"])).toMatch(/db\.stats\.json: already exists \(use --force to replace it\)/);
    });

    it("takes types, NULL, CHECKs, the primary key and comments from the catalog", () => {
      const schema = JSON.parse(readFileSync(join(dir, "db.schema.json"), "utf8"));
      expect(schema.description).toBe("People we know");
      expect(schema["x-primary-key"]).toEqual(["id"]);
      expect(schema.properties.id).toEqual({ type: "integer", minimum: -2147483648, maximum: 2147483647, "x-unique": true });
      expect(schema.properties.name).toEqual({ description: "Full name", type: "string", maxLength: 40 });
      expect(schema.properties.age).toEqual({ type: ["integer", "null"], minimum: 0, maximum: 120 });
      expect(schema.properties.sex).toEqual({ type: "string", enum: ["F", "M", "U"] });
      expect(schema.properties.score).toEqual({ type: ["number", "null"], exclusiveMinimum: 0, exclusiveMaximum: 10000 });
      expect(schema.properties.ok).toEqual({ type: ["boolean", "null"] });
      expect(schema.properties.born).toEqual({ type: ["string", "null"], format: "date" });
      expect(schema.properties.seen).toEqual({ type: ["string", "null"], format: "date-time" });
      expect(schema.properties.m).toEqual({ type: ["string", "null"], enum: ["sad", "ok", "happy", null] });
      expect(schema.properties.note).toEqual({ type: ["string", "null"], maxLength: 50 });
      expect(schema.required).toHaveLength(11);
    });

    it("says which constraints the schema cannot express", () => {
      const { stderr } = ok(["profile", cluster.socketUrl("source"), "--table", "people", "--output", "again.json", "--force", "--no-dependence"]);
      expect(stderr).toMatch(/CHECK constraint "people_check" .* is not expressed in the schema/);
    });

    it("reads quoted and schema-qualified names, and takes the owner's own schema when given", () => {
      cluster.psql("source", 'CREATE SCHEMA census; CREATE TABLE census."Odd Name" ("Year" int NOT NULL, "a,b" text); INSERT INTO census."Odd Name" SELECT 2000 + i % 20, CASE WHEN i % 3 = 0 THEN NULL ELSE \'v\' || (i % 4) END FROM generate_series(1, 400) i');
      ok(["profile", cluster.socketUrl("source"), "--table", 'census."Odd Name"', "--output", "odd.stats.json", "--schema-out", "odd.schema.json"]);
      const schema = JSON.parse(readFileSync(join(dir, "odd.schema.json"), "utf8"));
      expect(Object.keys(schema.properties)).toEqual(["Year", "a,b"]);
      expect(JSON.parse(readFileSync(join(dir, "odd.stats.json"), "utf8")).rows).toBe(400);
      writeFileSync(join(dir, "own.schema.json"), JSON.stringify({ type: "object", properties: { Year: { type: "integer", minimum: 2010 }, "a,b": { type: ["string", "null"] } } }));
      const own = ok(["profile", cluster.socketUrl("source"), "--table", 'census."Odd Name"', "--schema", "own.schema.json", "--output", "own.stats.json"]);
      expect(own.stderr).toMatch(/warning: 200 of 400 rows do not match own\.schema\.json/);
      ok(["generate", "--schema", "odd.schema.json", "--stats", "odd.stats.json", "--rows", "50", "--to", cluster.socketUrl("target"), "--table", '"Odd Copy"', "--create"]);
      expect(count("target", '"Odd Copy"')).toBe(50);
    });

    it("refuses a type the schema cannot hold, a missing table, and --table without a URL", () => {
      cluster.psql("source", "CREATE TABLE docs (id int, body jsonb)");
      expect(fails(["profile", cluster.socketUrl("source"), "--table", "docs", "--output", "docs.json"])).toMatch(/table "docs" column "body": type jsonb is not one synth can profile/);
      expect(fails(["profile", cluster.socketUrl("source"), "--table", "nope", "--output", "nope.json"])).toMatch(/table "nope": no such table/);
      expect(fails(["profile", "people.csv", "--table", "people", "--output", "x.json"])).toMatch(/--table NAME \(without =FILE\) names a table of a database: give a postgresql:\/\/ URL as the data/);
      expect(fails(["profile", cluster.socketUrl("source"), "--table", "people=people.csv", "--output", "x.json"])).toMatch(/--table people=people\.csv names a file; with a postgresql:\/\/ URL, --table NAME names a table of the database/);
      expect(fails(["profile", cluster.socketUrl("source"), "--output", "x.json"])).toMatch(/a postgresql:\/\/ URL needs --table NAME/);
      expect(existsSync(join(dir, "docs.json")) || existsSync(join(dir, "nope.json"))).toBe(false);
    });
  });

  describe("synth generate --to postgresql://... --table", () => {
    it("creates the table and streams the same CSV bytes a file would get, in one COPY", () => {
      // Beside the manifest: verify reads only the manifest's folder.
      copyFileSync(REFERENCE_SCHEMA, join(dir, "reference.schema.json"));
      ok(["generate", "--schema", "reference.schema.json", "--rows", "3000", "--seed", "4", "--to", cluster.tcpUrl("target"), "--table", "reference", "--create", "--manifest", "ref.manifest.json"]);
      expect(count("target", "reference")).toBe(3000);
      const csv = ok(["generate", "--schema", REFERENCE_SCHEMA, "--rows", "3000", "--seed", "4", "--no-header"]).stdout;
      const manifestText = readFileSync(join(dir, "ref.manifest.json"), "utf8");
      expect(manifestText).not.toContain(PASSWORD);
      const manifest = JSON.parse(manifestText);
      expect(manifest.target).toEqual({ kind: "postgresql", host: "127.0.0.1", port: cluster.port, database: "target", table: "public.reference", rows: 3000, sha256: createHash("sha256").update(csv).digest("hex"), bytes: Buffer.byteLength(csv) });
      expect(manifest.output).toBeUndefined();
      expect(ok(["verify", "ref.manifest.json"]).stdout).toMatch(/^ok\s+schema .*\nok\s+settings .*\nnote\s+target\s+3000 rows into public\.reference of target at 127\.0\.0\.1:\d+ \(not re-read: the rows live in the database\)\nall files match the manifest\n$/);
      // The settings are bound to the COPY stream's hash as to a file's: an edited seed is noticed.
      writeFileSync(join(dir, "edited.manifest.json"), JSON.stringify({ ...manifest, generation: { ...manifest.generation, seed: 5 } }));
      const edited = runCli(["verify", "edited.manifest.json"], { cwd: dir });
      expect(edited.status).toBe(1);
      expect(edited.stdout).toMatch(/MISMATCH\s+settings edited\.manifest\.json: the recorded inputs and settings/);
      // --manifest follows the output rules: never over an input, checked before connecting.
      expect(fails(["generate", "--schema", "reference.schema.json", "--rows", "5", "--to", "postgresql://nobody@127.0.0.1:1/none", "--table", "t", "--manifest", "reference.schema.json", "--force"])).toMatch(/reference\.schema\.json: is one of this run's inputs/);
      // What --create made: the schema's types, NOT NULL and checks.
      const columns = cluster.psql("target", "SELECT column_name || ' ' || data_type || ' ' || is_nullable FROM information_schema.columns WHERE table_name = 'reference' ORDER BY ordinal_position");
      expect(columns).toContain("patient_id uuid NO");
      expect(columns).toContain("date_of_birth date NO");
      expect(columns).toContain("admitted_at timestamp with time zone NO");
      expect(columns).toContain("length_of_stay integer NO");
      expect(columns).toContain("ethnicity text YES");
      // The server holds the same values synth wrote (first row, as text).
      const first = csv.split("\n")[0]!.split(",");
      expect(cluster.psql("target", `SELECT count(*) FROM reference WHERE patient_id = '${first[0]}' AND nhs_number = '${first[1]}' AND cost_gbp = ${first[8]}`).trim()).toBe("1");
    });

    it("adds rows to an existing table once its columns fit the schema, and names the column that does not", () => {
      ok(["generate", "--schema", REFERENCE_SCHEMA, "--rows", "100", "--seed", "5", "--to", cluster.socketUrl("target"), "--table", "reference"]);
      expect(count("target", "reference")).toBe(3100);
      cluster.psql("target", "CREATE TABLE narrow (patient_id uuid, nhs_number varchar(10), sex text, date_of_birth date, postcode text, ethnicity text, admitted_at timestamptz, length_of_stay smallint, cost_gbp integer, email text)");
      expect(fails(["generate", "--schema", REFERENCE_SCHEMA, "--rows", "10", "--to", cluster.socketUrl("target"), "--table", "narrow"])).toMatch(/table "narrow" column "cost_gbp": the schema makes number values, which the table's column of type integer cannot hold/);
      cluster.psql("target", "CREATE TABLE short (patient_id uuid)");
      expect(fails(["generate", "--schema", REFERENCE_SCHEMA, "--rows", "10", "--to", cluster.socketUrl("target"), "--table", "short"])).toMatch(/table "short" column "nhs_number": the schema has this column but the table does not/);
      expect(fails(["generate", "--schema", REFERENCE_SCHEMA, "--rows", "10", "--to", cluster.socketUrl("target"), "--table", "reference", "--create"])).toMatch(/table "reference": the table exists already/);
      expect(count("target", "narrow") + count("target", "short")).toBe(0);
    });

    it("rolls everything back when the server refuses a row: the database is as it was", () => {
      cluster.psql("target", "CREATE TABLE strict (LIKE reference INCLUDING ALL); INSERT INTO strict SELECT * FROM reference LIMIT 5; ALTER TABLE strict ADD CONSTRAINT cheap CHECK (cost_gbp < 1000) NOT VALID");
      const line = fails(["generate", "--schema", REFERENCE_SCHEMA, "--rows", "5000", "--to", cluster.socketUrl("target"), "--table", "strict"]);
      expect(line).toMatch(/table "strict": the table refused a row that breaks constraint "cheap" at dummy row \d+; nothing was written \(the transaction was rolled back\)/);
      expect(count("target", "strict")).toBe(5);
      // With --create, the table made in the same transaction goes too.
      const unique = JSON.parse(readFileSync(REFERENCE_SCHEMA, "utf8"));
      unique.properties.sex["x-unique"] = true;
      writeFileSync(join(dir, "unique.schema.json"), JSON.stringify(unique));
      expect(fails(["generate", "--schema", "unique.schema.json", "--rows", "50", "--to", cluster.socketUrl("target"), "--table", "made", "--create"])).toMatch(/table "made": the table refused a row that breaks constraint "made_sex_key"/);
      expect(cluster.psql("target", "SELECT to_regclass('made') IS NULL").trim()).toBe("t");
    });

    it("fills tables made from the bundled examples' schemas, with their statistics", () => {
      for (const name of ["child-health", "pupils"]) {
        const table = name.replace("-", "_");
        ok(["generate", "--schema", example(name, "schema.json"), "--stats", example(name, "stats.json"), "--rows", "2000", "--to", cluster.socketUrl("target"), "--table", table, "--create"]);
        expect(count("target", table)).toBe(2000);
      }
    });

    it("Ctrl-C in the middle of a COPY exits 130 and leaves the table as it was", async () => {
      cluster.psql("target", "CREATE TABLE interrupted (LIKE reference); INSERT INTO interrupted SELECT * FROM reference LIMIT 5");
      const child = spawn(process.execPath, [BIN, "generate", "--schema", REFERENCE_SCHEMA, "--rows", "100000000", "--threads", "1", "--to", cluster.socketUrl("target"), "--table", "interrupted", "--quiet"], { cwd: dir });
      let stderr = "";
      child.stderr.on("data", (d) => (stderr += d));
      const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
      const copying = () => Number(cluster.psql("target", "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'synth' AND query LIKE 'COPY%'").trim());
      for (let i = 0; i < 200 && copying() === 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(copying(), stderr).toBe(1); // the rows are under way
      child.kill("SIGINT");
      expect(await exited, stderr).toBe(130);
      for (let i = 0; i < 100 && copying() > 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(count("target", "interrupted")).toBe(5);
    });

    it("a failure on synth's side in the middle of the COPY rolls back too, without waiting on the server", async () => {
      const rows = 300_000;
      const compiled = await compile({ schema: REFERENCE_SCHEMA, rows });
      const started = Date.now();
      const run = generateTable({ compiled, schemaPath: REFERENCE_SCHEMA, url: cluster.socketUrl("target"), table: "midway", create: true, rows, threads: 1, onProgress: (done) => {
        if (done > 50_000) throw new Error("the progress display failed");
      } });
      await expect(run).rejects.toThrow(/the progress display failed/);
      expect(Date.now() - started).toBeLessThan(20_000);
      expect(cluster.psql("target", "SELECT to_regclass('midway') IS NULL").trim()).toBe("t");
    });

    it("round trip: a profiled table's dummy rows satisfy the table's own constraints", () => {
      cluster.psql("target", "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')");
      cluster.psql("target", cluster.psql("source", "SELECT 'CREATE TABLE people_copy (LIKE people)'").trim().replace("LIKE people", "id integer PRIMARY KEY, name varchar(40) NOT NULL, age smallint CHECK (age >= 0 AND age <= 120), sex text NOT NULL CHECK (sex IN ('F', 'M', 'U')), score numeric(6,2) CHECK (score > 0), ok boolean, born date, seen timestamptz, m mood, note text CHECK (char_length(note) <= 50), ratio double precision"));
      ok(["generate", "--schema", "db.schema.json", "--stats", "db.stats.json", "--rows", "2000", "--to", cluster.socketUrl("target"), "--table", "people_copy"]);
      expect(count("target", "people_copy")).toBe(2000);
      ok(["generate", "--schema", "db.schema.json", "--stats", "db.stats.json", "--rows", "2000", "--to", cluster.socketUrl("target"), "--table", "people_made", "--create"]);
      expect(count("target", "people_made")).toBe(2000);
      expect(Number(cluster.psql("target", "SELECT count(*) FROM people_made WHERE score <= 0 OR age > 120 OR sex NOT IN ('F','M','U')").trim())).toBe(0);
    });
  });

  describe("connections", () => {
    const env = (extra: NodeJS.ProcessEnv) => ({ PGHOST: "", PGPORT: "", PGUSER: "", PGDATABASE: "", PGPASSWORD: "", PGPASSFILE: join(dir, "no-such-pgpass"), ...extra });

    it("takes what the URL leaves out from the PG* variables", () => {
      ok(["generate", "--schema", REFERENCE_SCHEMA, "--rows", "7", "--to", "postgresql://", "--table", "from_env", "--create"], env({ PGHOST: "127.0.0.1", PGPORT: String(cluster.port), PGUSER: SUPERUSER, PGDATABASE: "target", PGPASSWORD: PASSWORD }));
      expect(count("target", "from_env")).toBe(7);
    });

    it("reads the password from the password file, which must be private", () => {
      const pgpass = join(dir, "pgpass");
      writeFileSync(pgpass, `# comment\n127.0.0.1:${cluster.port}:other:${SUPERUSER}:wrong\n127.0.0.1:*:target:${SUPERUSER}:${PASSWORD.replace(/:/g, "\\:")}\n`);
      chmodSync(pgpass, 0o600);
      const args = ["generate", "--schema", REFERENCE_SCHEMA, "--rows", "3", "--to", cluster.tcpUrl("target", { password: false }), "--table", "from_pgpass", "--create"];
      ok(args, env({ PGPASSFILE: pgpass }));
      expect(count("target", "from_pgpass")).toBe(3);
      chmodSync(pgpass, 0o644); // readable by others: ignored, as libpq ignores it
      expect(fails(args.map((a) => (a === "from_pgpass" ? "from_pgpass2" : a)), env({ PGPASSFILE: pgpass }))).toMatch(/authentication failed for user "synth_test"/);
    });

    it("fails in one line, without the password, when authentication fails or the server is unreachable", () => {
      const wrong = cluster.tcpUrl("target", { password: "not-" + PASSWORD });
      const line = fails(["profile", wrong, "--table", "reference", "--output", "w.json"], env({}));
      expect(line).toMatch(/^synth: postgresql:\/\/synth_test@127\.0\.0\.1:\d+\/target: authentication failed for user "synth_test"/);
      expect(line).not.toContain("not-");
      expect(fails(["profile", `postgresql://${SUPERUSER}:${PASSWORD}@127.0.0.1:1/target`, "--table", "t", "--output", "w.json"], env({}))).toMatch(/cannot connect: connection refused/);
      expect(fails(["profile", cluster.socketUrl("missing_db"), "--table", "t", "--output", "w.json"], env({}))).toMatch(/no such database/);
      // A malformed option names nothing secret either.
      const usage = runCli(["profile", cluster.tcpUrl("target"), "--table"], { cwd: dir });
      expect(usage.status).toBe(2);
      expect(usage.stderr).not.toContain(PASSWORD);
    });

    it("sslmode: prefer falls back to a plain connection where the server has no TLS; require does not", () => {
      ok(["profile", cluster.tcpUrl("target") + "?sslmode=prefer", "--table", "reference", "--output", "tls.json", "--no-dependence", "--quiet"], env({}));
      expect(fails(["profile", cluster.tcpUrl("target") + "?sslmode=require", "--table", "reference", "--output", "tls2.json"], env({}))).toMatch(/the server does not offer TLS, which sslmode=require requires/);
      expect(fails(["profile", cluster.tcpUrl("target") + "?sslmode=maybe", "--table", "reference", "--output", "tls3.json"], env({}))).toMatch(/sslmode must be one of/);
    });
  });

  it("the README quotes these errors as synth prints them", () => {
    const quoted = readFileSync(join(ROOT, "README.md"), "utf8").split("\n").filter((line) => line.startsWith("synth: postgresql://ci@"));
    expect(quoted.length).toBeGreaterThanOrEqual(5);
    for (const line of quoted) expect(errorLines, errorLines.join("\n")).toContain(line);
  });
});

/** The COPY that synth runs for a table, as psql can run it to make the export a data owner would. */
function copyOutStatementFor(c: Cluster, database: string, table: string): string {
  const types = c.psql(database, `SELECT a.attname || ':' || COALESCE(bt.typname, t.typname) FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid LEFT JOIN pg_type bt ON t.typtype = 'd' AND bt.oid = t.typbasetype WHERE a.attrelid = '${table}'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`);
  const columns = types.trim().split("\n").map((line) => {
    const [name, type] = line.split(":");
    return { name: name!, type: type!, typeText: type!, notNull: false, hasDefault: false, generated: false };
  });
  return copyOutStatement({ schema: "public", name: table, columns, constraints: [] });
}
