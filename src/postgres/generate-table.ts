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
import { SESSION_SETTINGS } from "./session.js";
import { createTableStatement } from "./create-table.js";
import { databaseError } from "./errors.js";
import { schemaTable, type SchemaColumn } from "./schema-columns.js";

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

export async function generateTable(options: GenerateTableOptions): Promise<GenerateTableResult> {
  const env = options.env ?? process.env;
  const { compiled } = options;
  const { settings, password } = resolveConnection(options.url, env);
  const connection = describeConnection(settings);
  const place = { file: connection, table: options.table };
  const declared = schemaTable(compiled.loaded, { file: compiled.loaded.file });
  // Columns in the order the CSV encoder writes them.
  const order = compiled.plan.columns ?? declared.columns.map((c) => c.name);
  const byName = new Map(declared.columns.map((c) => [c.name, c]));
  const columns = order.map((name) => byName.get(name)).filter((c): c is SchemaColumn => c !== undefined);
  // The manifest's place is checked before the connection is opened; checked again, and claimed, at the end.
  const rules: OutputRules = { force: options.force === true, inputs: [options.schemaPath, options.statsPath] };
  if (options.manifestPath) checkOutputs([options.manifestPath], rules);
  splitTableName(options.table);

  const client = await connect(settings, password, env);
  let created: string[] | undefined;
  let target: ManifestTarget;
  try {
    await client.query("BEGIN");
    for (const statement of SESSION_SETTINGS) await client.query(statement);
    if (options.create) {
      const exists = await readTable(client, options.table, { file: connection }).then(
        () => true,
        (error: unknown) => (error instanceof SynthError && error.code === "DB_NOT_FOUND" ? false : Promise.reject(error)),
      );
      if (exists) throw new SynthError("DB_MISMATCH", "the table exists already: leave out --create to add rows to it, or drop it first", place);
      const { schema, table } = splitTableName(options.table);
      created = createTableStatement(schema ? `${quoteIdent(schema)}.${quoteIdent(table)}` : quoteIdent(table), { ...declared, columns });
      for (const statement of created) await client.query(statement);
    }
    const table = await readTable(client, options.table, { file: connection });
    if (!options.create) checkTarget({ ...declared, columns }, table, { file: connection, table: options.table });

    const sink = new CopyInSink(client, copyInStatement(qualifiedName(table), columns));
    const hashing = new HashingWritable(sink);
    hashing.on("error", () => {});
    sink.on("error", () => {});
    await writeRange(compiled, partOutput("csv", options.rows, undefined, false), hashing, {
      ...(options.threads ? { threads: options.threads } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    await finish(hashing);
    await finish(sink);
    if (sink.rowCount !== options.rows) throw new SynthError("DB_FAILED", `the server took ${sink.rowCount} rows of ${options.rows}; nothing was written (the transaction was rolled back)`, place);
    await client.query("COMMIT");
    const digest = hashing.digest();
    target = { kind: "postgresql", host: settings.host, port: settings.port, database: settings.database, table: `${table.schema}.${table.name}`, rows: sink.rowCount, ...digest };
  } catch (error) {
    // Not a ROLLBACK: the connection may be in the middle of a COPY. Dropping it rolls back.
    await abandon(client);
    throw databaseError(error, place, settings.sslMode, settings.user);
  }
  await client.end().catch(() => undefined);

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
