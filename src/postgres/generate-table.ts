import type pg from "pg";
import { HashingWritable } from "../audit/hash.js";
import { buildManifest, type Manifest, type ManifestTarget } from "../audit/manifest.js";
import { SynthError } from "../errors/synth-error.js";
import type { Compiled } from "../generate/compile.js";
import { partOutput, writeRange } from "../generate/output.js";
import { checkOutputs, writeFileAtomic, type OutputRules } from "../io/atomic-write.js";
import { qualifiedName, quoteIdent, readTable, splitTableName } from "./catalog.js";
import { checkTarget } from "./check-target.js";
import { abandon, connect, describeConnection, resolveConnection } from "./connection.js";
import { CopyInSink, copyInStatement } from "./copy-in.js";
import { beginTransaction } from "./session.js";
import { createTableStatement } from "./create-table.js";
import { databaseError } from "./errors.js";
import { schemaTable, type SchemaColumn, type SchemaTable } from "./schema-columns.js";

/**
 * `synth generate --to postgresql://... --table NAME [--create]`: the run's CSV rows, made by the
 * same encoder and batches as a CSV file, streamed into COPY ... FROM STDIN inside one transaction.
 * Any failure (a refused row, a lost connection, an interrupted run) rolls it back, leaving the
 * database as it was, table included when --create made it.
 */

export interface GenerateTableOptions {
  compiled: Compiled;
  /** The input files as the user named them, for the manifest's hashes. */
  schemaPath: string;
  statsPath?: string;
  url?: string;
  env?: NodeJS.ProcessEnv;
  /** TABLE or SCHEMA.TABLE. */
  table: string;
  /** Create the table from the schema (it must not exist yet). */
  create: boolean;
  rows: number;
  threads?: number;
  onProgress?: (rows: number) => void;
  /** Where to write the manifest; none when absent. */
  manifestPath?: string;
  force?: boolean;
}

export interface GenerateTableResult {
  target: ManifestTarget;
  /** The connection without its password: postgresql://user@host:port/db. */
  connection: string;
  manifest?: Manifest;
  /** The DDL run by --create. */
  created?: string[];
}

async function finish(stream: NodeJS.WritableStream): Promise<void> {
  await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

export interface FillOptions {
  compiled: Compiled;
  /** TABLE or SCHEMA.TABLE. */
  table: string;
  create: boolean;
  rows: number;
  threads?: number;
  onProgress?: (rows: number) => void;
  /** The connection as messages name it (without its password). */
  connection: string;
}

export interface FillResult {
  /** schema.table, as the catalog names it. */
  table: string;
  rows: number;
  /** sha256 and size of the COPY stream. */
  sha256: string;
  bytes: number;
  created?: string[];
}

/** The schema's columns in the order the CSV encoder writes them. */
function columnsInOrder(compiled: Compiled): { declared: SchemaTable; columns: SchemaColumn[] } {
  const declared = schemaTable(compiled.loaded, { file: compiled.loaded.file });
  const order = compiled.plan.columns ?? declared.columns.map((c) => c.name);
  const byName = new Map(declared.columns.map((c) => [c.name, c]));
  return { declared, columns: order.map((name) => byName.get(name)).filter((c): c is SchemaColumn => c !== undefined) };
}

/**
 * One table's rows, inside a transaction the caller holds (and commits or drops): created first with
 * `create`, else checked against the schema, then filled by one COPY. Several tables (a package, in
 * foreign-key order) can be filled in the same transaction.
 */
export async function fillTable(client: pg.Client, options: FillOptions): Promise<FillResult> {
  const place = { file: options.connection, table: options.table };
  const { declared, columns } = columnsInOrder(options.compiled);
  let created: string[] | undefined;
  if (options.create) {
    const exists = await readTable(client, options.table, { file: options.connection }).then(
      () => true,
      (error: unknown) => (error instanceof SynthError && error.code === "DB_NOT_FOUND" ? false : Promise.reject(error)),
    );
    if (exists) throw new SynthError("DB_MISMATCH", "the table exists already: leave out --create to add rows to it, or drop it first", place);
    const { schema, table } = splitTableName(options.table);
    created = createTableStatement(schema ? `${quoteIdent(schema)}.${quoteIdent(table)}` : quoteIdent(table), { ...declared, columns });
    for (const statement of created) await client.query(statement);
  }
  const table = await readTable(client, options.table, { file: options.connection });
  if (!options.create) checkTarget({ ...declared, columns }, table, place);

  const sink = new CopyInSink(client, copyInStatement(qualifiedName(table), columns));
  const hashing = new HashingWritable(sink);
  hashing.on("error", () => {});
  sink.on("error", () => {});
  await writeRange(options.compiled, partOutput("csv", options.rows, undefined, false), hashing, {
    ...(options.threads ? { threads: options.threads } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  await finish(hashing);
  await finish(sink);
  if (sink.rowCount !== options.rows) throw new SynthError("DB_FAILED", `the server took ${sink.rowCount} rows of ${options.rows}; nothing was written (the transaction was rolled back)`, place);
  return { table: `${table.schema}.${table.name}`, rows: sink.rowCount, ...hashing.digest(), ...(created ? { created } : {}) };
}

export async function generateTable(options: GenerateTableOptions): Promise<GenerateTableResult> {
  const env = options.env ?? process.env;
  const { compiled } = options;
  const { settings, password } = resolveConnection(options.url, env);
  const connection = describeConnection(settings);
  const place = { file: connection, table: options.table };
  // Everything that can be refused without the server is refused before connecting.
  columnsInOrder(compiled);
  splitTableName(options.table);
  // The manifest's place is checked before the connection is opened; checked again, and claimed, at the end.
  const rules: OutputRules = { force: options.force === true, inputs: [options.schemaPath, options.statsPath] };
  if (options.manifestPath) checkOutputs([options.manifestPath], rules);

  const client = await connect(settings, password, env);
  let filled: FillResult;
  try {
    await beginTransaction(client);
    filled = await fillTable(client, {
      compiled,
      table: options.table,
      create: options.create,
      rows: options.rows,
      ...(options.threads ? { threads: options.threads } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      connection,
    });
    await client.query("COMMIT");
  } catch (error) {
    // Not a ROLLBACK: the connection may be in the middle of a COPY. Dropping it rolls back.
    await abandon(client);
    throw databaseError(error, place, settings.sslMode, settings.user);
  }
  await client.end().catch(() => undefined);
  const target: ManifestTarget = { kind: "postgresql", host: settings.host, port: settings.port, database: settings.database, table: filled.table, rows: filled.rows, sha256: filled.sha256, bytes: filled.bytes };
  const created = filled.created;

  let manifest: Manifest | undefined;
  if (options.manifestPath) {
    manifest = await buildManifest({
      manifestPath: options.manifestPath,
      schemaPath: options.schemaPath,
      ...(options.statsPath ? { statsPath: options.statsPath } : {}),
      target,
      generation: { seed: compiled.seed, rows: options.rows, format: "csv", header: false },
    });
    writeFileAtomic(options.manifestPath, JSON.stringify(manifest, null, 2) + "\n", { ...rules, checkedAtStart: true });
  }
  return { target, connection, ...(manifest ? { manifest } : {}), ...(created ? { created } : {}) };
}
