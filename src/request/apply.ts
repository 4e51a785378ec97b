import type { Writable } from "node:stream";
import { SynthError } from "../errors/synth-error.js";
import type { Compiled } from "../generate/compile.js";
import { encoderFor, type RangeOutput } from "../generate/output.js";
import { Rng } from "../random/rng.js";
import { sampleRow } from "../generate/rows.js";
import { writeRecords } from "../sinks/write-records.js";
import { assertRequest, checkRequest, type CheckResult, type OutputColumn, type ResolvedFilter } from "./check.js";
import type { Scalar } from "./types.js";

/**
 * A request applied to generated records: the rows its filters keep, cut down to the columns it asks
 * for, each coarsened as asked.
 */
export interface ShapedRequest {
  columns: readonly string[];
  /** True when the record passes every filter. */
  keeps(record: Record<string, unknown>): boolean;
  /** The extract's record. */
  shape(record: Record<string, unknown>): Record<string, unknown>;
}

const empty = (v: unknown) => v === undefined || v === null;

function valueOf(record: Record<string, unknown>, source: string, coarsening: ResolvedFilter["coarsening"] | OutputColumn["coarsening"]): unknown {
  const raw = record[source];
  if (empty(raw)) return null;
  return coarsening ? coarsening.apply(raw) : raw;
}

function compare(a: unknown, b: Scalar): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  const [x, y] = [String(a), String(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

function passes(value: unknown, filter: ResolvedFilter): boolean {
  const v = empty(value) ? null : value;
  switch (filter.op) {
    case "=":
    case "in":
      return filter.values.some((x) => (x === null ? v === null : v !== null && compare(v, x) === 0 && typeof v === typeof x));
    case "!=":
    case "not in":
      return !filter.values.some((x) => (x === null ? v === null : v !== null && compare(v, x) === 0 && typeof v === typeof x));
    case "<":
      return v !== null && compare(v, filter.values[0]!) < 0;
    case "<=":
      return v !== null && compare(v, filter.values[0]!) <= 0;
    case ">":
      return v !== null && compare(v, filter.values[0]!) > 0;
    case ">=":
      return v !== null && compare(v, filter.values[0]!) >= 0;
  }
}

export function shapeRequest(result: CheckResult): ShapedRequest {
  const { output, filters } = result;
  return {
    columns: output.map((o) => o.name),
    keeps: (record) => filters.every((f) => passes(valueOf(record, f.source, f.coarsening), f)),
    shape: (record) => {
      const out: Record<string, unknown> = {};
      for (const o of output) {
        const value = valueOf(record, o.source.name, o.coarsening);
        out[o.name] = empty(value) ? null : value;
      }
      return out;
    },
  };
}

/** The JSON Schema of the extract: the requested columns with their coarsened types. */
export function extractSchema(result: CheckResult, title?: string): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const o of result.output) {
    const base: Record<string, unknown> = o.coarsening ? { ...o.coarsening.schema } : sourceSchema(o);
    const schema: Record<string, unknown> = {
      ...(o.source.title ? { title: o.source.title + (o.coarsening ? ` (${o.coarsening.to})` : "") } : {}),
      description: o.coarsening ? `From "${o.source.name}": ${o.coarsening.summary}.` : (o.source.description ?? `As held in "${o.source.name}".`),
      ...withNull(base, o.nullable),
      ...(o.source.identifier && o.source.identifier.source === "schema" ? { "x-identifier": o.source.identifier.value } : {}),
      ...(o.source.specialCategory && o.source.specialCategory.source === "schema" ? { "x-special-category": o.source.specialCategory.value } : {}),
      ...(o.source.sensitive && o.source.sensitive.source === "schema" ? { "x-special-category": o.source.sensitive.value } : {}),
    };
    properties[o.name] = schema;
  }
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: title ?? `Extract of ${result.dataset.title}`,
    description: `The dummy extract a data request asks for${result.request.requester?.organisation ? ` (${result.request.requester.organisation})` : ""}: ${result.output.length} of ${result.columns.length} columns${result.filters.length ? `, rows where ${result.filters.map((f) => f.text).join(" and ")}` : ""}.`,
    type: "object",
    additionalProperties: false,
    required: result.output.map((o) => o.name),
    properties,
  };
}

function sourceSchema(o: OutputColumn): Record<string, unknown> {
  const c = o.source;
  const types = c.types.length === 1 ? c.types[0] : c.types.length > 1 ? c.types : undefined;
  if (c.codes) return { ...(types ? { type: types } : {}), oneOf: c.codes.map((code) => ({ const: code.value, ...(code.label ? { title: code.label } : {}) })) };
  return {
    ...(types ? { type: types } : {}),
    ...(c.format ? { format: c.format } : {}),
    ...(c.pattern ? { pattern: c.pattern } : {}),
    ...(c.minimum !== undefined ? { [c.exclusiveMinimum ? "exclusiveMinimum" : "minimum"]: c.minimum } : {}),
    ...(c.maximum !== undefined ? { [c.exclusiveMaximum ? "exclusiveMaximum" : "maximum"]: c.maximum } : {}),
    ...(c.minLength !== undefined ? { minLength: c.minLength } : {}),
    ...(c.maxLength !== undefined ? { maxLength: c.maxLength } : {}),
  };
}

function withNull(schema: Record<string, unknown>, nullable: boolean): Record<string, unknown> {
  if (!nullable) return schema;
  if (Array.isArray(schema.oneOf)) return { ...schema, oneOf: [...schema.oneOf, { type: "null" }], ...(schema.type ? { type: [...new Set([...(Array.isArray(schema.type) ? schema.type : [schema.type]), "null"])] } : {}) };
  if (Array.isArray(schema.enum)) return { ...schema, type: [...new Set([...(Array.isArray(schema.type) ? schema.type : [schema.type]), "null"])].filter(Boolean), enum: [...schema.enum, null] };
  if (schema.type !== undefined) return { ...schema, type: [...new Set([...(Array.isArray(schema.type) ? schema.type : [schema.type as string]), "null"])] };
  return { anyOf: [schema, { type: "null" }] };
}

/** How far generation may look for rows the filters keep: draws per row wanted, plus a floor. */
export const DRAWS_PER_ROW = 1000;
export const DRAW_FLOOR = 10_000;

/**
 * Rows from..to-1 of the extract. Extract row j is the j-th underlying row (0, 1, 2, ...) the filters
 * keep, so any range equals the same range of a whole run. Gives up, naming the filters, when they
 * keep too few of the rows drawn.
 */
export function* extractRows(compiled: Compiled, shaped: ShapedRequest, from: number, to: number, filters: readonly string[] = []): Generator<unknown> {
  const rng = new Rng(compiled.seed);
  let kept = 0;
  const limit = DRAW_FLOOR + DRAWS_PER_ROW * to;
  for (let row = 0; kept < to; row++) {
    if (row >= limit) {
      throw new SynthError("UNSATISFIABLE", `the request's filters (${filters.join(" and ") || "none"}) kept only ${kept} of ${row} dummy rows drawn; they reject nearly every row, so ${to} rows cannot be produced`);
    }
    rng.seedRow(compiled.seed, row);
    const record = sampleRow(compiled.plan, rng, row) as Record<string, unknown>;
    if (!shaped.keeps(record)) continue;
    if (kept >= from) yield shaped.shape(record);
    kept++;
  }
}

/** Writes rows from..to of the extract a request shapes, in the chosen format. */
export async function writeExtractRange(compiled: Compiled, result: CheckResult, output: RangeOutput, out: Writable): Promise<number> {
  const shaped = shapeRequest(result);
  const projected: Compiled = { ...compiled, plan: { ...compiled.plan, columns: shaped.columns, nestedColumns: [], minMembers: 0 } };
  const encoder = encoderFor(projected, output);
  return writeRecords(extractRows(compiled, shaped, output.from, output.to, result.filters.map((f) => f.text)), encoder, out, output.from);
}

/** For `generate --request`: the request checked against the compiled schema (and statistics); throws on errors. */
export function requestForGenerate(compiled: Compiled, requestFile: string): CheckResult {
  const result = checkRequest({ schema: compiled.loaded.schema as object, request: requestFile, ...(compiled.stats ? { stats: compiled.stats } : {}) });
  return assertRequest(result);
}
