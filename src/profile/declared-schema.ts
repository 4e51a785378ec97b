import type { ErrorObject } from "ajv";
import { SynthError } from "../errors/synth-error.js";
import { cellTypeOf, type CellType } from "../io/typed-cells.js";
import { loadSchema, prepareSchema, type LoadedSchema } from "../schema/load.js";
import type { Located } from "../schema/ref-index.js";

/** What the data owner's schema says about one column: enough to choose the statistics' kind. */
export interface DeclaredColumn {
  cellType: CellType;
  /** "date", "date-time", "nhs-number", ... */
  format?: string;
  /** The schema lists the allowed values: the column is categorical. */
  hasEnum: boolean;
  /** Marked as an identifier (x-identifier, or a synth identifier format). */
  identifier: boolean;
  /**
   * Marked `"x-identifier": "direct"` (or `true`): it names a person, so no value of it is ever
   * published, however many records share one (a surname held by 40 pupils is still a surname).
   */
  direct: boolean;
  /** The schema's range for numbers: published distributions stay inside it. */
  bounds?: NumberBounds;
}

export interface NumberBounds {
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

function boundsOf(schema: Record<string, unknown>): NumberBounds | undefined {
  const bounds: NumberBounds = {};
  for (const key of ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"] as const) {
    if (typeof schema[key] === "number") bounds[key] = schema[key] as number;
  }
  return Object.keys(bounds).length > 0 ? bounds : undefined;
}

export interface DeclaredSchema {
  loaded: LoadedSchema;
  columns: Map<string, DeclaredColumn>;
}

const MAX_REF_HOPS = 32;

/** Follows $ref (and a lone allOf member) to the subschema that carries a property's type. */
function resolveProperty(loaded: LoadedSchema, located: Located): Record<string, unknown> | undefined {
  let current = located;
  for (let hop = 0; hop < MAX_REF_HOPS; hop++) {
    const node = current.node;
    if (node === null || typeof node !== "object") return undefined;
    const schema = node as Record<string, unknown>;
    if (typeof schema.$ref === "string" && schema.type === undefined) {
      current = loaded.index.resolve(schema.$ref, current);
      continue;
    }
    if (Array.isArray(schema.allOf) && schema.allOf.length === 1 && schema.type === undefined) {
      current = { node: schema.allOf[0], base: current.base, pointer: `${current.pointer}/allOf/0` };
      continue;
    }
    return schema;
  }
  return undefined;
}

const IDENTIFIER_FORMATS = new Set(["nhs-number", "ni-number", "upn", "uuid"]);

function describeColumn(schema: Record<string, unknown> | undefined): DeclaredColumn {
  if (!schema) return { cellType: "any", hasEnum: false, identifier: false, direct: false };
  const format = typeof schema.format === "string" ? schema.format : undefined;
  const direct = schema["x-identifier"] === true || schema["x-identifier"] === "direct";
  const bounds = boundsOf(schema);
  return {
    ...(bounds ? { bounds } : {}),
    cellType: cellTypeOf(schema),
    ...(format !== undefined ? { format } : {}),
    hasEnum: Array.isArray(schema.enum),
    identifier: direct || (format !== undefined && IDENTIFIER_FORMATS.has(format)),
    direct,
  };
}

/**
 * Each top-level property's own subschema (its $refs followed), in order, plus the root: what a
 * table's columns are. A schema that is not one of an object with properties is an error.
 */
export function columnSchemas(loaded: LoadedSchema, what = "profile"): { root: Record<string, unknown>; columns: Map<string, Record<string, unknown> | undefined> } {
  const root = resolveProperty(loaded, { node: loaded.schema, base: loaded.rootUri, pointer: "" });
  const properties = root?.properties;
  if (!root || !properties || typeof properties !== "object") {
    throw new SynthError("SCHEMA_UNSUPPORTED", `${what} needs a schema for a table row: an object with properties`, { file: loaded.file, pointer: "/properties" });
  }
  const columns = new Map<string, Record<string, unknown> | undefined>();
  for (const [name, node] of Object.entries(properties as Record<string, unknown>)) {
    const located: Located = { node, base: loaded.rootUri, pointer: `/properties/${name.replace(/~/g, "~0").replace(/\//g, "~1")}` };
    columns.set(name, resolveProperty(loaded, located));
  }
  return { root, columns };
}

/** Loads the owner's schema (a file or the document itself) and reads each top-level property's type. */
export function loadDeclaredSchema(schema: string | object): DeclaredSchema {
  const loaded = typeof schema === "string" ? loadSchema(schema) : prepareSchema(schema);
  const columns = new Map<string, DeclaredColumn>();
  for (const [name, property] of columnSchemas(loaded).columns) columns.set(name, describeColumn(property));
  return { loaded, columns };
}

/** One line per failing row, without the value itself: the report may be read outside the secure setting. */
export function describeRowError(errors: ErrorObject[] | null | undefined): { pointer: string; message: string } {
  const error = errors?.[0];
  if (!error) return { pointer: "", message: "does not match the schema" };
  const params = error.params as Record<string, unknown>;
  const pointer = error.keyword === "required" ? `/${String(params.missingProperty)}` : error.keyword === "additionalProperties" ? `/${String(params.additionalProperty)}` : error.instancePath;
  return { pointer, message: error.message ?? "does not match the schema" };
}
