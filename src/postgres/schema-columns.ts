import { SynthError, type ErrorPlace } from "../errors/synth-error.js";
import { columnSchemas } from "../profile/declared-schema.js";
import type { LoadedSchema } from "../schema/load.js";

/**
 * What a generating schema says each column holds, in the terms a table needs: a base type, whether
 * it may be NULL, and the bounds, lists and lengths that are CHECK constraints. Used both to create a
 * table and to check that an existing one can take the rows.
 */

export type ValueType = "integer" | "number" | "string" | "boolean";

export interface SchemaColumn {
  name: string;
  type: ValueType;
  format?: string;
  nullable: boolean;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  /** Allowed values, without null. */
  enum?: Array<string | number | boolean>;
  unique: boolean;
  pattern?: string;
  description?: string;
}

export interface SchemaTable {
  columns: SchemaColumn[];
  primaryKey?: string[];
}

function valueTypeOf(property: Record<string, unknown>): { type: ValueType | undefined; nullable: boolean } {
  const declared = property.type;
  const types = declared === undefined ? [] : Array.isArray(declared) ? declared : [declared];
  const values = Array.isArray(property.enum) ? (property.enum as unknown[]) : "const" in property ? [property.const] : undefined;
  let nullable = types.includes("null") || (values?.includes(null) ?? false);
  const named = types.filter((t) => t !== "null") as string[];
  if (named.length === 0 && values) {
    const kinds = new Set(values.filter((v) => v !== null).map((v) => (typeof v === "number" ? (Number.isInteger(v) ? "integer" : "number") : typeof v)));
    if (kinds.size === 1) named.push([...kinds][0]!);
    else if (kinds.size === 2 && kinds.has("integer") && kinds.has("number")) named.push("number");
  }
  if (values && !values.includes(null) && types.includes("null")) nullable = false;
  const first = named[0];
  const known = first === "integer" || first === "number" || first === "string" || first === "boolean";
  return { type: known && named.length === 1 ? (first as ValueType) : named.length === 2 && named.includes("integer") && named.includes("number") ? "number" : undefined, nullable };
}

const num = (v: unknown) => (typeof v === "number" ? v : undefined);

export function schemaTable(loaded: LoadedSchema, place: ErrorPlace): SchemaTable {
  const { root, columns } = columnSchemas(loaded, "a database table");
  const required = new Set(Array.isArray(root.required) ? (root.required as string[]) : []);
  const out: SchemaColumn[] = [];
  for (const [name, property] of columns) {
    const where = { ...place, column: name, pointer: `/properties/${name}` };
    if (!property) throw new SynthError("DB_UNSUPPORTED", "the schema gives this column no type a table can hold", where);
    const { type, nullable } = valueTypeOf(property);
    if (!type) throw new SynthError("DB_UNSUPPORTED", "a table column needs one of the types integer, number, string or boolean (objects and arrays have no column type)", where);
    const values = Array.isArray(property.enum) ? (property.enum as unknown[]) : "const" in property ? [property.const] : undefined;
    const column: SchemaColumn = {
      name,
      type,
      nullable: nullable || !required.has(name),
      unique: property["x-unique"] === true,
      ...(typeof property.format === "string" ? { format: property.format } : {}),
      ...(typeof property.description === "string" ? { description: property.description } : {}),
      ...(typeof property.pattern === "string" ? { pattern: property.pattern } : {}),
      ...(values ? { enum: values.filter((v) => v !== null) as Array<string | number | boolean> } : {}),
    };
    for (const key of ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength"] as const) {
      const value = num(property[key]);
      if (value !== undefined) column[key] = value;
    }
    out.push(column);
  }
  const primaryKey = root["x-primary-key"];
  if (primaryKey !== undefined) {
    if (!Array.isArray(primaryKey) || primaryKey.length === 0 || primaryKey.some((c) => typeof c !== "string" || !columns.has(c))) {
      throw new SynthError("SCHEMA_INVALID", "x-primary-key must list columns of the schema", { ...place, pointer: "/x-primary-key" });
    }
    return { columns: out, primaryKey: primaryKey as string[] };
  }
  return { columns: out };
}
