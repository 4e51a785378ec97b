import { SynthError } from "../errors/synth-error.js";

/**
 * Frictionless Table Schema (https://datapackage.org/standard/table-schema/) to and from the JSON
 * Schema synth generates from. A Table Schema describes a CSV table's columns as typed fields with
 * constraints; synth's row schema says the same of one record. What one standard has no words for is
 * carried as an `x-synth-*` annotation rather than dropped.
 */

type Json = Record<string, unknown>;

/** A foreign key as Table Schema and CSVW say it: columns of this table naming the key of another (or the same) table. */
export interface ForeignKey {
  /** The child table's columns, in order. */
  fields: string[];
  /** The table referred to (the same table for a self-reference). */
  resource: string;
  /** The referenced columns, in the same order. */
  referenceFields: string[];
}

/** Table Schema field types synth reads, with the JSON Schema each becomes (before constraints). */
const FIELD_TYPES: Record<string, (field: Json) => Json> = {
  string: (field) => ({ type: "string", ...stringFormat(field.format) }),
  number: () => ({ type: "number" }),
  integer: () => ({ type: "integer" }),
  boolean: () => ({ type: "boolean" }),
  date: () => ({ type: "string", format: "date" }),
  datetime: () => ({ type: "string", format: "date-time" }),
  time: () => ({ type: "string", format: "time" }),
  year: () => ({ type: "integer", minimum: 0, maximum: 9999 }),
  yearmonth: () => ({ type: "string", pattern: "^[0-9]{4}-(0[1-9]|1[0-2])$" }),
  duration: () => ({ type: "string", format: "duration" }),
  object: () => ({ type: "object" }),
  array: () => ({ type: "array" }),
  any: () => ({}),
};

const STRING_FORMATS: Record<string, Json> = {
  email: { format: "email" },
  uri: { format: "uri" },
  uuid: { format: "uuid" },
  binary: { contentEncoding: "base64" },
};

function stringFormat(format: unknown): Json {
  if (format === undefined || format === "default") return {};
  return STRING_FORMATS[String(format)] ?? {};
}

/** True when a document is a Table Schema (it lists `fields`) rather than a JSON Schema. */
export function isTableSchema(document: unknown): document is Json {
  return document !== null && typeof document === "object" && !Array.isArray(document) && Array.isArray((document as Json).fields);
}

function fail(message: string, file: string, pointer: string): never {
  throw new SynthError("SCHEMA_INVALID", message, { file, pointer });
}

function keyList(value: unknown, file: string, pointer: string): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === "string")) return value as string[];
  return fail("must be a column name or a list of column names", file, pointer);
}

/** The keys a Table Schema declares, checked against its fields. */
export function tableSchemaKeys(schema: Json, file: string, pointer: string, ownName: string): { primaryKey: string[]; foreignKeys: ForeignKey[] } {
  const names = new Set((schema.fields as Json[]).map((f) => f.name as string));
  const known = (list: string[], at: string) => {
    for (const name of list) if (!names.has(name)) fail(`names a column "${name}" the table does not have`, file, at);
    return list;
  };
  const primaryKey = schema.primaryKey === undefined ? [] : known(keyList(schema.primaryKey, file, `${pointer}/primaryKey`), `${pointer}/primaryKey`);
  const raw = schema.foreignKeys ?? [];
  if (!Array.isArray(raw)) fail("must be a list of foreign keys", file, `${pointer}/foreignKeys`);
  const foreignKeys = (raw as unknown[]).map((entry, i): ForeignKey => {
    const at = `${pointer}/foreignKeys/${i}`;
    if (entry === null || typeof entry !== "object") fail("must be an object with fields and reference", file, at);
    const key = entry as Json;
    const fields = known(keyList(key.fields, file, `${at}/fields`), `${at}/fields`);
    const reference = key.reference as Json | undefined;
    if (reference === null || typeof reference !== "object") fail("needs a reference with resource and fields", file, `${at}/reference`);
    // The spec lets an empty (or absent) resource mean "this table": a self-reference.
    const resource = reference.resource === undefined || reference.resource === "" ? ownName : reference.resource;
    if (typeof resource !== "string") fail("must name a resource", file, `${at}/reference/resource`);
    const referenceFields = keyList(reference.fields, file, `${at}/reference/fields`);
    if (referenceFields.length !== fields.length) fail(`has ${fields.length} column(s) but refers to ${referenceFields.length}`, file, `${at}/reference/fields`);
    return { fields, resource, referenceFields };
  });
  return { primaryKey, foreignKeys };
}

function constraintsSchema(type: string, constraints: Json, file: string, pointer: string): Json {
  const out: Json = {};
  const numeric = type === "integer" || type === "number" || type === "year";
  for (const [name, value] of Object.entries(constraints)) {
    if (name === "required" || name === "unique") continue;
    if (name === "minLength" || name === "maxLength") out[name] = value;
    else if (name === "pattern") out.pattern = `^(?:${String(value)})$`; // Table Schema patterns match the whole value
    else if (name === "enum") out.enum = value;
    else if ((name === "minimum" || name === "maximum" || name === "exclusiveMinimum" || name === "exclusiveMaximum") && numeric) out[name] = typeof value === "string" ? Number(value) : value;
    else if (name === "minimum" || name === "maximum") out[`x-synth-${name}`] = value; // dates and times: no JSON Schema keyword
    else fail(`constraint "${name}" is not one synth knows`, file, `${pointer}/constraints/${name}`);
  }
  return out;
}

/**
 * The JSON Schema of one row of a table a Table Schema describes. Every column may be empty unless
 * `required` (the Table Schema default); `missingValues` are what a CSV reader takes for empty.
 */
export function tableSchemaToJsonSchema(schema: Json, file: string, pointer = ""): Json {
  const properties: Json = {};
  const required: string[] = [];
  const fields = schema.fields as unknown[];
  fields.forEach((entry, i) => {
    const at = `${pointer}/fields/${i}`;
    if (entry === null || typeof entry !== "object" || typeof (entry as Json).name !== "string") fail("a field needs a name", file, at);
    const field = entry as Json;
    const type = field.type === undefined ? "string" : String(field.type);
    const make = FIELD_TYPES[type];
    if (!make) fail(`type "${type}" is not a Table Schema type synth can generate (${Object.keys(FIELD_TYPES).join(", ")})`, file, `${at}/type`);
    const constraints = (field.constraints ?? {}) as Json;
    const property: Json = { ...make(field), ...constraintsSchema(type, constraints, file, at) };
    if (Array.isArray(field.categories)) property.enum = field.categories.map((c) => (c !== null && typeof c === "object" ? (c as Json).value : c));
    if (typeof field.title === "string") property.title = field.title;
    if (typeof field.description === "string") property.description = field.description;
    if (constraints.unique === true) property["x-unique"] = true;
    const name = field.name as string;
    if (constraints.required === true) required.push(name);
    else if (property.type !== undefined) property.type = [property.type, "null"];
    if (property.enum && constraints.required !== true) property.enum = [...(property.enum as unknown[]), null];
    properties[name] = property;
  });
  const keys = new Set(schema.primaryKey === undefined ? [] : keyList(schema.primaryKey, file, `${pointer}/primaryKey`));
  // Primary-key columns are never empty (Table Schema: they are implicitly required).
  for (const name of keys) {
    if (required.includes(name)) continue;
    required.push(name);
    const property = properties[name] as Json;
    if (Array.isArray(property.type)) property.type = (property.type as unknown[])[0];
    if (Array.isArray(property.enum)) property.enum = (property.enum as unknown[]).filter((v) => v !== null);
  }
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    type: "object",
    properties,
    ...(required.length > 0 ? { required } : {}),
    additionalProperties: false,
  };
}

/** Table Schema type and format of a JSON Schema property, for a published package that any Frictionless tool can read. */
function fieldOf(name: string, property: Json, required: boolean): Json {
  const types = (Array.isArray(property.type) ? property.type : property.type === undefined ? [] : [property.type]).filter((t) => t !== "null") as string[];
  const format = property.format;
  let type = types.length === 1 ? types[0]! : "any";
  let fieldFormat: string | undefined;
  if (type === "string" && format === "date") type = "date";
  else if (type === "string" && format === "date-time") type = "datetime";
  else if (type === "string" && format === "time") type = "time";
  else if (type === "string" && typeof format === "string" && format in STRING_FORMATS) fieldFormat = format;
  const constraints: Json = {};
  if (required) constraints.required = true;
  if (property["x-unique"] === true) constraints.unique = true;
  for (const key of ["minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"]) if (typeof property[key] === "number") constraints[key] = property[key];
  if (Array.isArray(property.enum)) {
    const values = (property.enum as unknown[]).filter((v) => v !== null);
    if (values.length > 0) constraints.enum = values;
  }
  return {
    name,
    type,
    ...(fieldFormat ? { format: fieldFormat } : {}),
    ...(typeof property.title === "string" ? { title: property.title } : {}),
    ...(typeof property.description === "string" ? { description: property.description } : {}),
    ...(Object.keys(constraints).length > 0 ? { constraints } : {}),
  };
}

/** A Table Schema for a row JSON Schema and its keys (what the published package says of each table). */
export function jsonSchemaToTableSchema(schema: Json, primaryKey: string[], foreignKeys: ForeignKey[]): Json {
  const properties = (schema.properties ?? {}) as Record<string, Json>;
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  return {
    fields: Object.entries(properties).map(([name, property]) => fieldOf(name, property !== null && typeof property === "object" ? property : {}, required.has(name))),
    missingValues: [""],
    ...(primaryKey.length > 0 ? { primaryKey: primaryKey.length === 1 ? primaryKey[0] : primaryKey } : {}),
    ...(foreignKeys.length > 0
      ? { foreignKeys: foreignKeys.map((key) => ({ fields: key.fields.length === 1 ? key.fields[0] : key.fields, reference: { resource: key.resource, fields: key.referenceFields.length === 1 ? key.referenceFields[0] : key.referenceFields } })) }
      : {}),
  };
}
