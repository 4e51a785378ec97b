import { SynthError } from "../errors/synth-error.js";

/**
 * CSV on the Web (W3C, https://www.w3.org/TR/tabular-metadata/) table metadata to the JSON Schema of
 * one row: the UK government's other open standard for tabular data. Columns become properties,
 * datatypes their types and formats, `required` and `null` what may be empty; keys are read by the
 * package loader in the same words as a Table Schema's.
 */

type Json = Record<string, unknown>;

function fail(message: string, file: string, pointer: string): never {
  throw new SynthError("SCHEMA_UNSUPPORTED", message, { file, pointer });
}

/** True for a CSVW metadata document describing one table (not a group of tables). */
export function isCsvwTable(document: unknown): document is Json {
  if (document === null || typeof document !== "object" || Array.isArray(document)) return false;
  const doc = document as Json;
  const context = JSON.stringify(doc["@context"] ?? "");
  return context.includes("http://www.w3.org/ns/csvw") && doc.tableSchema !== undefined;
}

/** Integer datatypes of XML Schema, with the range each implies. */
const INTEGERS: Record<string, { minimum?: number; maximum?: number }> = {
  integer: {},
  long: {},
  int: { minimum: -2147483648, maximum: 2147483647 },
  short: { minimum: -32768, maximum: 32767 },
  byte: { minimum: -128, maximum: 127 },
  nonNegativeInteger: { minimum: 0 },
  positiveInteger: { minimum: 1 },
  nonPositiveInteger: { maximum: 0 },
  negativeInteger: { maximum: -1 },
  unsignedLong: { minimum: 0 },
  unsignedInt: { minimum: 0, maximum: 4294967295 },
  unsignedShort: { minimum: 0, maximum: 65535 },
  unsignedByte: { minimum: 0, maximum: 255 },
};

const OTHERS: Record<string, Json> = {
  string: { type: "string" },
  normalizedString: { type: "string" },
  token: { type: "string" },
  language: { type: "string" },
  anyURI: { type: "string", format: "uri" },
  decimal: { type: "number" },
  double: { type: "number" },
  float: { type: "number" },
  number: { type: "number" },
  boolean: { type: "boolean" },
  date: { type: "string", format: "date" },
  dateTime: { type: "string", format: "date-time" },
  datetime: { type: "string", format: "date-time" },
  dateTimeStamp: { type: "string", format: "date-time" },
  time: { type: "string", format: "time" },
  duration: { type: "string", format: "duration" },
  gYear: { type: "integer", minimum: 1, maximum: 9999 },
  json: {},
  any: {},
};

function datatypeSchema(datatype: unknown, file: string, pointer: string): Json {
  const spec = (typeof datatype === "string" ? { base: datatype } : datatype ?? { base: "string" }) as Json;
  const base = String(spec.base ?? "string").replace(/^xsd:/, "");
  const integer = INTEGERS[base];
  const schema: Json = integer ? { type: "integer", ...integer } : { ...(OTHERS[base] ?? fail(`datatype "${base}" is not one synth can generate`, file, pointer)) };
  const numeric = schema.type === "integer" || schema.type === "number";
  for (const [key, value] of Object.entries(spec)) {
    if (key === "base" || key === "@id" || key === "@type") continue;
    const at = `${pointer}/${key}`;
    if (key === "format") {
      if (schema.type === "string" && schema.format === undefined) schema.pattern = `^(?:${String(value)})$`;
      else fail(`a "format" for ${base} values is not supported: synth writes ISO 8601 dates and plain numbers`, file, at);
    } else if (key === "length") {
      schema.minLength = value;
      schema.maxLength = value;
    } else if (key === "minLength" || key === "maxLength") schema[key] = value;
    else if (numeric && (key === "minimum" || key === "minInclusive")) schema.minimum = Number(value);
    else if (numeric && (key === "maximum" || key === "maxInclusive")) schema.maximum = Number(value);
    else if (numeric && key === "minExclusive") schema.exclusiveMinimum = Number(value);
    else if (numeric && key === "maxExclusive") schema.exclusiveMaximum = Number(value);
    else if (key === "minimum" || key === "maximum" || key === "minInclusive" || key === "maxInclusive") schema[`x-synth-${key.startsWith("min") ? "minimum" : "maximum"}`] = value;
    else fail(`datatype property "${key}" is not one synth knows`, file, at);
  }
  return schema;
}

function text(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (Array.isArray(value) && typeof value[0] === "string") return value[0];
  if (value !== null && typeof value === "object") {
    const first = Object.values(value as Json)[0];
    return text(first);
  }
  return undefined;
}

/** The JSON Schema of one row of the table a CSVW metadata document describes. */
export function csvwToJsonSchema(document: Json, file: string): Json {
  const tableSchema = document.tableSchema as Json;
  if (tableSchema === null || typeof tableSchema !== "object" || !Array.isArray(tableSchema.columns)) fail("tableSchema needs a list of columns", file, "/tableSchema");
  const properties: Json = {};
  const required: string[] = [];
  const primaryKey = tableSchema.primaryKey === undefined ? [] : Array.isArray(tableSchema.primaryKey) ? tableSchema.primaryKey : [tableSchema.primaryKey];
  (tableSchema.columns as Json[]).forEach((column, i) => {
    const pointer = `/tableSchema/columns/${i}`;
    if (column.virtual === true) return; // not in the CSV file
    const name = typeof column.name === "string" ? column.name : text(column.titles);
    if (name === undefined) fail("a column needs a name or a title", file, pointer);
    const property = datatypeSchema(column.datatype, file, `${pointer}/datatype`);
    const title = text(column.titles);
    if (title !== undefined && title !== name) property.title = title;
    const description = text(column["dc:description"] ?? column["rdfs:comment"]);
    if (description !== undefined) property.description = description;
    const isRequired = column.required === true || primaryKey.includes(name);
    if (isRequired) required.push(name);
    else if (typeof property.type === "string") property.type = [property.type, "null"];
    properties[name] = property;
  });
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    ...(text(document["dc:title"]) ? { title: text(document["dc:title"]) } : {}),
    ...(text(document["dc:description"]) ? { description: text(document["dc:description"]) } : {}),
    type: "object",
    properties,
    ...(required.length > 0 ? { required } : {}),
    additionalProperties: false,
  };
}
