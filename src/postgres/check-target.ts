import { SynthError, type ErrorPlace } from "../errors/synth-error.js";
import type { CatalogColumn, CatalogTable } from "./catalog.js";
import type { SchemaColumn, SchemaTable } from "./schema-columns.js";

/**
 * Before the first row is sent: can the existing table take what the schema generates? Each schema
 * column needs a table column of a type that reads its values, NOT NULL only where the schema never
 * leaves the value empty, and room for its longest text; every table column the schema leaves out
 * needs a default or to allow NULL. The first mismatch is an error naming the column.
 */

const ACCEPTS: Record<string, (column: SchemaColumn) => boolean> = {
  int2: (c) => c.type === "integer",
  int4: (c) => c.type === "integer",
  int8: (c) => c.type === "integer",
  numeric: (c) => c.type === "integer" || c.type === "number",
  float4: (c) => c.type === "integer" || c.type === "number",
  float8: (c) => c.type === "integer" || c.type === "number",
  bool: (c) => c.type === "boolean",
  text: (c) => c.type === "string",
  varchar: (c) => c.type === "string",
  bpchar: (c) => c.type === "string",
  citext: (c) => c.type === "string",
  name: (c) => c.type === "string",
  date: (c) => c.type === "string" && c.format === "date",
  timestamp: (c) => c.type === "string" && (c.format === "date-time" || c.format === "date"),
  timestamptz: (c) => c.type === "string" && (c.format === "date-time" || c.format === "date"),
  uuid: (c) => c.type === "string" && c.format === "uuid",
};

const INTEGER_RANGES: Record<string, [number, number]> = { int2: [-32768, 32767], int4: [-2147483648, 2147483647] };

function describeSchemaType(column: SchemaColumn): string {
  return column.format ? `${column.type} (format ${column.format})` : column.type;
}

function checkColumn(column: SchemaColumn, target: CatalogColumn, place: ErrorPlace): void {
  const where = { ...place, column: column.name };
  if (target.generated) throw new SynthError("DB_MISMATCH", "is a generated column of the table: the server computes it, so the schema cannot fill it", where);
  const accepts = target.enumLabels ? (c: SchemaColumn) => c.type === "string" : ACCEPTS[target.type];
  if (!accepts || !accepts(column)) throw new SynthError("DB_MISMATCH", `the schema makes ${describeSchemaType(column)} values, which the table's column of type ${target.typeText} cannot hold`, where);
  if (target.enumLabels && column.enum) {
    const stray = column.enum.find((v) => !target.enumLabels!.includes(String(v)));
    if (stray !== undefined) throw new SynthError("DB_MISMATCH", `the schema allows "${String(stray)}", which is not a label of the column's type ${target.typeText}`, where);
  }
  if (target.notNull && column.nullable) throw new SynthError("DB_MISMATCH", "the column is NOT NULL but the schema lets the value be empty (null, or not required)", where);
  if (target.length !== undefined && (target.type === "varchar" || target.type === "bpchar") && column.maxLength !== undefined && column.maxLength > target.length) {
    throw new SynthError("DB_MISMATCH", `the schema allows ${column.maxLength} characters (maxLength) but the column holds at most ${target.length} (${target.typeText})`, where);
  }
  const range = INTEGER_RANGES[target.type];
  if (range) {
    const high = column.maximum ?? column.exclusiveMaximum;
    const low = column.minimum ?? column.exclusiveMinimum;
    if ((high !== undefined && high > range[1]) || (low !== undefined && low < range[0])) {
      throw new SynthError("DB_MISMATCH", `the schema's range reaches beyond what ${target.typeText} holds (${range[0]} to ${range[1]})`, where);
    }
  }
}

export function checkTarget(schema: SchemaTable, table: CatalogTable, place: ErrorPlace): void {
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  const named = new Set(schema.columns.map((c) => c.name));
  for (const column of schema.columns) {
    const target = byName.get(column.name);
    if (!target) throw new SynthError("DB_MISMATCH", "the schema has this column but the table does not", { ...place, column: column.name });
    checkColumn(column, target, place);
  }
  for (const target of table.columns) {
    if (!named.has(target.name) && target.notNull && !target.hasDefault) {
      throw new SynthError("DB_MISMATCH", "the table's column is NOT NULL with no default, and the schema does not fill it", { ...place, column: target.name });
    }
  }
}
