import { SynthError, type ErrorPlace } from "../errors/synth-error.js";
import type { CatalogColumn, CatalogTable } from "./catalog.js";
import { checkFacts, type CheckFacts } from "./check-constraint.js";

/**
 * A table's definition as a JSON Schema (2020-12) for one row: types and nullability, what CHECK
 * constraints JSON Schema can say, UNIQUE (x-unique), the primary key (x-primary-key) and comments
 * (descriptions). Everything comes from the catalog, nothing from the rows, so the schema publishes
 * no value of the data. Every row the table can hold validates against it.
 */

export const SCHEMA_DRAFT_URI = "https://json-schema.org/draft/2020-12/schema";

type Property = Record<string, unknown>;

const INTEGER_RANGES: Record<string, [number, number]> = {
  int2: [-32768, 32767],
  int4: [-2147483648, 2147483647],
  // int8 reaches beyond what a JSON number holds exactly: the schema keeps to the exact part.
  int8: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

export const SUPPORTED_TYPES = ["smallint", "integer", "bigint", "numeric", "real", "double precision", "text", "varchar", "char", "boolean", "date", "timestamp", "timestamptz", "time", "uuid", "enum types"];

/** The JSON Schema of a column's type alone (before NULL and constraints). */
function typeSchema(column: CatalogColumn, place: ErrorPlace): Property {
  if (column.enumLabels) return { type: "string", enum: [...column.enumLabels] };
  const range = INTEGER_RANGES[column.type];
  if (range) return { type: "integer", minimum: range[0], maximum: range[1] };
  switch (column.type) {
    case "numeric": {
      if (column.precision === undefined) return { type: "number" };
      // numeric(p, s) holds values below 10^(p-s) in magnitude.
      const bound = 10 ** (column.precision - (column.scale ?? 0));
      return column.scale === 0 ? { type: "integer", minimum: -(bound - 1), maximum: bound - 1 } : { type: "number", exclusiveMinimum: -bound, exclusiveMaximum: bound };
    }
    case "float4":
    case "float8":
      return { type: "number" };
    case "text":
    case "name":
    case "citext":
      return { type: "string" };
    case "varchar":
    case "bpchar":
      return column.length !== undefined ? { type: "string", maxLength: column.length } : { type: "string" };
    case "bool":
      return { type: "boolean" };
    case "date":
      return { type: "string", format: "date" };
    case "timestamp":
    case "timestamptz":
      return { type: "string", format: "date-time" };
    case "time":
      return { type: "string", pattern: "^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,6})?$" };
    case "uuid":
      return { type: "string", format: "uuid" };
    default:
      throw new SynthError("DB_UNSUPPORTED", `type ${column.typeText} is not one synth can profile or generate (supported: ${SUPPORTED_TYPES.join(", ")})`, { ...place, column: column.name });
  }
}

/** Tightens a property by a CHECK's facts. */
function applyFacts(property: Property, facts: CheckFacts, integer: boolean): void {
  const tighter = (key: string, value: number | undefined, pick: (a: number, b: number) => number) => {
    if (value === undefined || !Number.isFinite(value)) return;
    property[key] = typeof property[key] === "number" ? pick(property[key] as number, value) : value;
  };
  // An integer's exclusive bound is an inclusive one a step inside, which generation handles exactly.
  const min = integer && facts.exclusiveMinimum !== undefined ? Math.floor(facts.exclusiveMinimum) + 1 : undefined;
  const max = integer && facts.exclusiveMaximum !== undefined ? Math.ceil(facts.exclusiveMaximum) - 1 : undefined;
  tighter("minimum", min !== undefined ? Math.max(min, facts.minimum ?? -Infinity) : facts.minimum, Math.max);
  tighter("maximum", max !== undefined ? Math.min(max, facts.maximum ?? Infinity) : facts.maximum, Math.min);
  if (!integer) {
    tighter("exclusiveMinimum", facts.exclusiveMinimum, Math.max);
    tighter("exclusiveMaximum", facts.exclusiveMaximum, Math.min);
  }
  tighter("minLength", facts.minLength, Math.max);
  tighter("maxLength", facts.maxLength, Math.min);
  if (facts.enum) {
    const current = property.enum as unknown[] | undefined;
    property.enum = current ? current.filter((v) => facts.enum!.includes(v as string | number)) : [...facts.enum];
    for (const key of ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"]) delete property[key];
  }
}

export interface CatalogSchema {
  schema: Record<string, unknown>;
  /** Constraints the schema does not express (the server still enforces them). */
  notes: string[];
}

export function catalogSchema(table: CatalogTable, place: ErrorPlace): CatalogSchema {
  const notes: string[] = [];
  const properties: Record<string, Property> = {};
  const where = { ...place, table: table.name };
  for (const column of table.columns) {
    const property: Property = {};
    if (column.comment) property.description = column.comment;
    Object.assign(property, typeSchema(column, where));
    properties[column.name] = property;
  }
  const primary = table.constraints.find((c) => c.kind === "primary");
  for (const constraint of table.constraints) {
    const [only, ...more] = constraint.columns;
    if (constraint.kind === "check") {
      const property = only !== undefined && more.length === 0 ? properties[only] : undefined;
      const facts = property ? checkFacts(constraint.definition, only!) : undefined;
      if (property && facts) applyFacts(property, facts, property.type === "integer");
      else notes.push(`CHECK constraint "${constraint.name}" (${constraint.definition}) is not expressed in the schema: the server still enforces it`);
    } else if (constraint.kind === "primary" || constraint.kind === "unique") {
      if (only !== undefined && more.length === 0) properties[only]!["x-unique"] = true;
      else if (constraint.kind === "unique") notes.push(`UNIQUE constraint "${constraint.name}" over ${constraint.columns.join(", ")} is not expressed in the schema (only single columns are)`);
    } else if (constraint.kind === "foreign") {
      notes.push(`foreign key "${constraint.name}" (${constraint.columns.join(", ")}) is not expressed in a one-table schema`);
    }
  }
  // A column is nullable unless the catalog says NOT NULL (a primary key's columns always are).
  for (const column of table.columns) {
    const property = properties[column.name]!;
    const notNull = column.notNull || (primary?.columns.includes(column.name) ?? false);
    if (!notNull) {
      property.type = [property.type, "null"];
      if (Array.isArray(property.enum)) property.enum = [...(property.enum as unknown[]), null];
    }
  }
  const schema: Record<string, unknown> = {
    $schema: SCHEMA_DRAFT_URI,
    title: table.name,
    description: table.comment ?? `A row of the table ${table.schema}.${table.name}, from the PostgreSQL catalog (types and constraints, never values).`,
    type: "object",
    properties,
    required: table.columns.map((c) => c.name),
    additionalProperties: false,
    ...(primary ? { "x-primary-key": [...primary.columns] } : {}),
  };
  return { schema, notes };
}
