import { csvwToJsonSchema, isCsvwTable } from "./csvw.js";
import { isTableSchema, tableSchemaToJsonSchema } from "./table-schema.js";

/**
 * A schema document in any standard synth reads, as the JSON Schema of one row: a Frictionless Table
 * Schema (it lists `fields`) or CSVW table metadata (its context is CSVW) is converted, anything else
 * is taken to be JSON Schema already.
 */
export function asJsonSchema(document: unknown, file: string): unknown {
  if (isTableSchema(document)) return tableSchemaToJsonSchema(document, file);
  if (isCsvwTable(document)) return csvwToJsonSchema(document, file);
  return document;
}
