import type { Readable } from "node:stream";
import type pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import type { TableSource } from "../io/read-table.js";
import { qualifiedName, quoteIdent, type CatalogColumn, type CatalogTable } from "./catalog.js";

/**
 * A table's rows as the CSV bytes a file export would hold, streamed from the server with
 * `COPY (SELECT ...) TO STDOUT` and never written to disk. The SELECT writes each column in the form
 * synth reads from a CSV file (true/false, RFC 3339 date-times in UTC); the session settings fix the
 * rest (ISO dates, shortest exact floats, UTF-8), so the bytes do not depend on the server's defaults.
 */

function columnExpression(column: CatalogColumn): string {
  const name = quoteIdent(column.name);
  switch (column.type) {
    case "bool":
      return `${name}::text AS ${name}`; // 'true'/'false', where COPY itself writes t/f
    case "timestamptz":
      return `to_json(${name}) #>> '{}' AS ${name}`; // 2024-05-01T10:00:00+00:00
    case "timestamp":
      return `to_json(${name} AT TIME ZONE 'UTC') #>> '{}' AS ${name}`; // read as UTC, written with its offset
    default:
      return name;
  }
}

/** The statement that streams the table; also what to run (with psql's \copy) for the identical CSV export. */
export function copyOutStatement(table: CatalogTable): string {
  return `COPY (SELECT ${table.columns.map(columnExpression).join(", ")} FROM ${qualifiedName(table)}) TO STDOUT WITH (FORMAT csv, HEADER true)`;
}

/**
 * A source the profiler reads like a file. Call it inside a REPEATABLE READ transaction: both of
 * profile's passes then see the same rows, as they would a file.
 */
export function copyOutSource(client: pg.Client, table: CatalogTable, name: string): TableSource {
  const statement = copyOutStatement(table);
  return {
    name,
    format: "csv",
    rereadable: true,
    open(): Readable {
      return client.query(copyTo(statement));
    },
  };
}
