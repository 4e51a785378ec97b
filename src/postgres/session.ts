import type pg from "pg";

/**
 * Settings every synth transaction starts with, so that what COPY reads and writes does not depend on
 * the server's or the role's defaults: date-times at UTC, ISO dates, the shortest exact floats, UTF-8.
 */
export const SESSION_SETTINGS: readonly string[] = ["SET LOCAL TimeZone = 'UTC'", "SET LOCAL DateStyle = 'ISO, YMD'", "SET LOCAL extra_float_digits = 1", "SET LOCAL client_encoding = 'UTF8'"];

/** Opens a transaction (BEGIN, or a stronger form) with synth's session settings. */
export async function beginTransaction(client: pg.Client, begin = "BEGIN"): Promise<void> {
  await client.query(begin);
  for (const statement of SESSION_SETTINGS) await client.query(statement);
}
