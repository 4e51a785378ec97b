import type pg from "pg";
import { profile, type ProfileOptions, type ProfileResult } from "../profile/profile.js";
import { readTable } from "./catalog.js";
import { abandon, connect, describeConnection, resolveConnection } from "./connection.js";
import { copyOutSource } from "./copy-out.js";
import { beginTransaction } from "./session.js";
import { databaseError } from "./errors.js";
import { catalogSchema } from "./to-json-schema.js";

/**
 * `synth profile postgresql://... --table NAME`: the table's schema from the catalog, its values
 * through the same profiler as a CSV file, streamed by COPY inside one read-only REPEATABLE READ
 * transaction (so the profiler's two passes see the same rows). Nothing is written anywhere.
 */

export interface ProfileTableOptions extends Omit<ProfileOptions, "input" | "format" | "table"> {
  /** postgresql:// URL; what it leaves out comes from the PG* variables and ~/.pgpass. */
  url?: string;
  /** TABLE or SCHEMA.TABLE. */
  table: string;
  env?: NodeJS.ProcessEnv;
}

export interface ProfileTableResult extends ProfileResult {
  /** The table's JSON Schema from the catalog (also the schema its rows were profiled with, unless one was given). */
  schema: Record<string, unknown>;
  /** Constraints the schema could not express. */
  catalogNotes: string[];
  /** The database profiled, without its password. */
  source: string;
}

/** Empty cells are NULL (COPY writes NULL as nothing); "NA" in a database is text. */
export const DATABASE_NULL_TOKENS: readonly string[] = Object.freeze([""]);

/**
 * One table, inside a transaction the caller holds (REPEATABLE READ, so that the profiler's two passes
 * see the same rows; several tables of one package would share its snapshot).
 */
export async function profileTableOn(client: pg.Client, options: ProfileTableOptions, connection: string): Promise<Omit<ProfileTableResult, "source">> {
  const table = await readTable(client, options.table, { file: connection });
  const { schema, notes } = catalogSchema(table, { file: connection });
  const { url: _url, table: _table, env: _env, ...rest } = options;
  const result = await profile({
    ...rest,
    input: copyOutSource(client, table, `${table.schema}.${table.name}`),
    table: table.name,
    schema: options.schema ?? schema,
    nullTokens: options.nullTokens ?? DATABASE_NULL_TOKENS,
  });
  return { ...result, schema, catalogNotes: notes };
}

export async function profileTable(options: ProfileTableOptions): Promise<ProfileTableResult> {
  const env = options.env ?? process.env;
  const { settings, password } = resolveConnection(options.url, env);
  const source = describeConnection(settings);
  const place = { file: source, table: options.table };
  const client = await connect(settings, password, env);
  let profiled: ProfileTableResult;
  try {
    // One snapshot: both of the profiler's passes (and, later, every table of a package) see the same rows.
    await beginTransaction(client, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const result = await profileTableOn(client, options, source);
    await client.query("COMMIT");
    profiled = { ...result, source };
  } catch (error) {
    // Not a ROLLBACK: the connection may be in the middle of a COPY. Dropping it rolls back.
    await abandon(client);
    throw databaseError(error, place, settings.sslMode, settings.user);
  }
  await client.end().catch(() => undefined);
  return profiled;
}
