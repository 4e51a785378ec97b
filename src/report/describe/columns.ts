import { joinPointer } from "../../errors/json-pointer.js";
import type { LoadedSchema } from "../../schema/load.js";
import { formatWords, patternWords } from "./plain-words.js";
import { identifierFlag, sensitivityFlags, type Flag, type IdentifierLevel, type SensitiveFlag } from "./flags.js";

/** One labelled code of a column: `oneOf: [{const, title}]`, `enum` (+ `x-codes` labels). */
export interface Code {
  value: string | number | boolean;
  label?: string;
}

/** What a record schema says about one of its columns, read once for describe and request. */
export interface ColumnInfo {
  name: string;
  /** JSON pointer to the column's subschema. */
  pointer: string;
  title?: string;
  description?: string;
  /** JSON types other than null, in schema order; empty when the schema allows any type. */
  types: string[];
  /** The schema lets the value be null. */
  nullable: boolean;
  required: boolean;
  format?: string;
  pattern?: string;
  codes?: Code[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean;
  exclusiveMaximum?: boolean;
  minLength?: number;
  maxLength?: number;
  unique: boolean;
  /** The faker method the schema names (`x-faker`). */
  faker?: string;
  identifier?: Flag<IdentifierLevel>;
  /** An Article 9 special category. */
  specialCategory?: Flag<string>;
  /** Sensitive but not Article 9: criminal offence data, safeguarding, socio-economic. */
  sensitive?: SensitiveFlag;
}

type Node = Record<string, unknown>;

const isObject = (value: unknown): value is Node => value !== null && typeof value === "object" && !Array.isArray(value);

/** The column's own keywords merged over those of a local `$ref` and of `allOf` parts (one level). */
function flatten(loaded: LoadedSchema, node: unknown, pointer: string, depth = 0): Node {
  if (!isObject(node) || depth > 8) return {};
  let merged: Node = {};
  if (typeof node.$ref === "string") {
    try {
      const target = loaded.index.resolve(node.$ref, { node, base: loaded.rootUri, pointer });
      merged = { ...flatten(loaded, target.node, target.pointer, depth + 1) };
    } catch {
      // An unresolvable $ref is reported by generation; the dictionary shows what it can.
    }
  }
  if (Array.isArray(node.allOf)) {
    node.allOf.forEach((part, i) => Object.assign(merged, flatten(loaded, part, joinPointer(pointer, "allOf", i), depth + 1)));
  }
  const own = { ...node };
  delete own.$ref;
  delete own.allOf;
  return { ...merged, ...own };
}

function typesOf(node: Node): { types: string[]; nullable: boolean } {
  const raw = node.type;
  let list: string[] = typeof raw === "string" ? [raw] : Array.isArray(raw) ? raw.filter((t): t is string => typeof t === "string") : [];
  if (list.length === 0 && "const" in node) list = [jsonType(node.const)];
  if (list.length === 0 && Array.isArray(node.enum)) list = [...new Set(node.enum.map(jsonType))];
  const options = (Array.isArray(node.oneOf) ? node.oneOf : Array.isArray(node.anyOf) ? node.anyOf : []) as unknown[];
  const optionNull = options.some((o) => isObject(o) && (o.type === "null" || o.const === null));
  const nullable = list.includes("null") || optionNull || (Array.isArray(node.enum) && node.enum.includes(null));
  return { types: list.filter((t) => t !== "null"), nullable };
}

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function isCodeValue(value: unknown): value is string | number | boolean {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

/** Labelled codes: every non-null branch of oneOf/anyOf is a `const` (the JSON Schema idiom), or an enum. */
function codesOf(node: Node): Code[] | undefined {
  const labels = isObject(node["x-codes"]) ? (node["x-codes"] as Record<string, unknown>) : {};
  for (const key of ["oneOf", "anyOf"]) {
    const options = node[key];
    if (!Array.isArray(options) || options.length === 0) continue;
    const branches = options.filter((o) => !(isObject(o) && (o.type === "null" || o.const === null)));
    if (branches.length > 0 && branches.every((o) => isObject(o) && isCodeValue(o.const))) {
      return branches.map((o) => {
        const branch = o as Node;
        const label = typeof branch.title === "string" ? branch.title : typeof branch.description === "string" ? branch.description : labels[String(branch.const)];
        return { value: branch.const as Code["value"], ...(typeof label === "string" ? { label } : {}) };
      });
    }
  }
  if (Array.isArray(node.enum)) {
    const values = node.enum.filter(isCodeValue);
    if (values.length > 0) {
      return values.map((value) => {
        const label = labels[String(value)];
        return { value, ...(typeof label === "string" ? { label } : {}) };
      });
    }
  }
  if (isCodeValue(node.const)) return [{ value: node.const }];
  return undefined;
}

const num = (value: unknown): number | undefined => (typeof value === "number" && Number.isFinite(value) ? value : undefined);

/** The columns of a record schema (an object with properties), in schema order. */
export function schemaColumns(loaded: LoadedSchema): ColumnInfo[] {
  const root = flatten(loaded, loaded.schema, "");
  const properties = isObject(root.properties) ? root.properties : {};
  const required = new Set(Array.isArray(root.required) ? root.required.filter((r): r is string => typeof r === "string") : []);
  return Object.entries(properties).map(([name, raw]) => {
    const pointer = joinPointer("/properties", name);
    const node = flatten(loaded, raw, pointer);
    const { types, nullable } = typesOf(node);
    const title = typeof node.title === "string" ? node.title : undefined;
    const description = typeof node.description === "string" ? node.description : undefined;
    const codes = codesOf(node);
    const min = num(node.minimum) ?? num(node.exclusiveMinimum);
    const max = num(node.maximum) ?? num(node.exclusiveMaximum);
    const info: ColumnInfo = {
      name,
      pointer,
      types,
      nullable,
      required: required.has(name),
      unique: node["x-unique"] === true,
      ...(title !== undefined ? { title } : {}),
      ...(description !== undefined ? { description } : {}),
      ...(typeof node.format === "string" ? { format: node.format } : typeof node["x-synth-type"] === "string" ? { format: node["x-synth-type"] } : {}),
      ...(typeof node.pattern === "string" ? { pattern: node.pattern } : {}),
      ...(typeof node["x-faker"] === "string" ? { faker: node["x-faker"] } : {}),
      ...(codes ? { codes } : {}),
      ...(min !== undefined ? { minimum: min, exclusiveMinimum: num(node.minimum) === undefined } : {}),
      ...(max !== undefined ? { maximum: max, exclusiveMaximum: num(node.maximum) === undefined } : {}),
      ...(num(node.minLength) !== undefined ? { minLength: num(node.minLength)! } : {}),
      ...(num(node.maxLength) !== undefined ? { maxLength: num(node.maxLength)! } : {}),
    };
    const identifier = identifierFlag(name, title, node["x-identifier"]);
    const { specialCategory, sensitive } = sensitivityFlags(name, title, node["x-special-category"]);
    if (identifier) info.identifier = identifier;
    if (specialCategory) info.specialCategory = specialCategory;
    if (sensitive) info.sensitive = sensitive;
    return info;
  });
}

/** A short type for people: "string (date)", "integer", "code", "boolean". */
export function typeLabel(column: ColumnInfo): string {
  const base = (column.types.length === 0 ? "any" : column.types.join(" or ")) + (column.codes ? ` code (${column.codes.length} values)` : "");
  if (column.format) return `${base} (${column.format})`;
  if (column.pattern && !column.codes) return `${base} (pattern ${column.pattern})`;
  return base;
}

const TYPE_WORDS: Record<string, string> = { integer: "whole number", number: "number", string: "text", boolean: "true or false", array: "list", object: "record" };

/**
 * The type in words for a requester: "whole number", "date", "NHS number", "code (17 values)",
 * "text: a capital letter, then 5 digits". typeLabel is the technical form, for request files.
 */
export function plainType(column: ColumnInfo): string {
  if (column.codes) return `code (${column.codes.length} values)`;
  if (column.format) return formatWords(column.format);
  const base = column.types.length === 0 ? "any value" : column.types.map((t) => TYPE_WORDS[t] ?? t).join(" or ");
  if (column.pattern) {
    const words = patternWords(column.pattern);
    return `${base}: ${words ?? "of a fixed shape"}`;
  }
  return base;
}

export function isTemporal(column: ColumnInfo): "date" | "datetime" | undefined {
  if (column.format === "date") return "date";
  if (column.format === "date-time") return "datetime";
  return undefined;
}

export function isNumeric(column: ColumnInfo): boolean {
  return column.types.length > 0 && column.types.every((t) => t === "integer" || t === "number");
}
