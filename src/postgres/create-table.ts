import { quoteIdent } from "./catalog.js";
import type { SchemaColumn, SchemaTable } from "./schema-columns.js";

/**
 * CREATE TABLE for `generate --create`: the schema's types, NOT NULL, primary key, UNIQUE and the
 * CHECKs JSON Schema's keywords mean (ranges, enum lists, lengths). A `pattern` is not made a CHECK:
 * PostgreSQL's regular expressions are not JavaScript's, and a CHECK that reads one differently would
 * refuse valid rows; the schema keeps patterns in the rows by construction.
 */

const INT4: [number, number] = [-2147483648, 2147483647];

function literal(value: string | number | boolean): string {
  if (typeof value === "string") return `'${value.replace(/'/g, "''")}'`;
  return String(value);
}

function lowHigh(column: SchemaColumn): [number | undefined, number | undefined] {
  const low = column.minimum ?? (column.exclusiveMinimum !== undefined ? Math.floor(column.exclusiveMinimum) + 1 : undefined);
  const high = column.maximum ?? (column.exclusiveMaximum !== undefined ? Math.ceil(column.exclusiveMaximum) - 1 : undefined);
  return [low, high];
}

export function columnType(column: SchemaColumn): string {
  switch (column.type) {
    case "integer": {
      const [low, high] = lowHigh(column);
      const values = column.enum as number[] | undefined;
      const lo = values ? Math.min(...values) : low;
      const hi = values ? Math.max(...values) : high;
      return lo !== undefined && hi !== undefined && lo >= INT4[0] && hi <= INT4[1] ? "integer" : "bigint";
    }
    case "number":
      return "double precision";
    case "boolean":
      return "boolean";
    case "string":
      if (column.format === "date") return "date";
      if (column.format === "date-time") return "timestamptz";
      if (column.format === "uuid") return "uuid";
      return column.maxLength !== undefined ? `varchar(${column.maxLength})` : "text";
  }
}

function checks(column: SchemaColumn): string[] {
  const name = quoteIdent(column.name);
  const out: string[] = [];
  if (column.enum && column.enum.length > 0) out.push(`${name} IN (${column.enum.map(literal).join(", ")})`);
  if (column.type === "integer" || column.type === "number") {
    if (column.minimum !== undefined) out.push(`${name} >= ${column.minimum}`);
    if (column.maximum !== undefined) out.push(`${name} <= ${column.maximum}`);
    if (column.exclusiveMinimum !== undefined) out.push(`${name} > ${column.exclusiveMinimum}`);
    if (column.exclusiveMaximum !== undefined) out.push(`${name} < ${column.exclusiveMaximum}`);
  }
  const text = column.type === "string" && column.format !== "date" && column.format !== "date-time" && column.format !== "uuid";
  if (text && column.minLength !== undefined && column.minLength > 0) out.push(`char_length(${name}) >= ${column.minLength}`);
  return out;
}

export function createTableStatement(qualified: string, table: SchemaTable): string[] {
  const lines = table.columns.map((column) => {
    const parts = [quoteIdent(column.name), columnType(column)];
    if (!column.nullable) parts.push("NOT NULL");
    if (column.unique && !(table.primaryKey?.length === 1 && table.primaryKey[0] === column.name)) parts.push("UNIQUE");
    for (const check of checks(column)) parts.push(`CHECK (${check})`);
    return "  " + parts.join(" ");
  });
  if (table.primaryKey) lines.push(`  PRIMARY KEY (${table.primaryKey.map(quoteIdent).join(", ")})`);
  const statements = [`CREATE TABLE ${qualified} (\n${lines.join(",\n")}\n)`];
  for (const column of table.columns) {
    if (column.description) statements.push(`COMMENT ON COLUMN ${qualified}.${quoteIdent(column.name)} IS ${literal(column.description)}`);
  }
  return statements;
}
