import { SynthError } from "../../errors/synth-error.js";
import { identifierType } from "../../identifiers/index.js";
import { Permutation } from "../../random/permutation.js";
import { hashString, mix32 } from "../../random/rng.js";
import type { StatsFile } from "../../stats/types.js";
import { capacityOf, fixedPositions, nthString } from "./pattern-keys.js";

type Json = Record<string, unknown>;

/** The value of a key column for a row number: distinct rows, distinct values, with nothing remembered. */
export type KeyColumn = (row: number) => unknown;

function typesOf(property: Json): string[] {
  const type = property.type;
  return (Array.isArray(type) ? type : type === undefined ? [] : [type]).filter((t) => t !== "null") as string[];
}

function numericRange(property: Json, stats: StatsFile | undefined, column: string, shape: ReadonlyArray<readonly [number, number]> | undefined): { low?: number; high?: number } {
  const own = stats?.columns[column];
  const quantiles = (own?.kind === "number" ? own.quantiles : undefined) ?? shape;
  const low = typeof property.minimum === "number" ? property.minimum : quantiles?.[0]?.[1];
  const high = typeof property.maximum === "number" ? property.maximum : quantiles?.at(-1)?.[1];
  return { ...(low !== undefined ? { low } : {}), ...(high !== undefined ? { high } : {}) };
}

/**
 * Makes the values of one key column for `rows` rows. Integer keys spread evenly and in order over
 * the published range (as a real table's ids run), UK identifiers walk a keyed permutation of their
 * dummy ranges, and plain strings are zero-padded row numbers; a key the schema constrains in a way
 * none of these meets is refused, naming the column, rather than made invalid.
 */
export function keyColumn(table: string, column: string, property: Json, stats: StatsFile | undefined, rows: number, seed: number, shape?: ReadonlyArray<readonly [number, number]>): KeyColumn {
  const types = typesOf(property);
  const place = { column, pointer: `/properties/${column}` };
  const synthType = typeof property["x-synth-type"] === "string" ? property["x-synth-type"] : typeof property.format === "string" ? property.format : undefined;
  const identifier = synthType ? identifierType(synthType) : undefined;
  if (identifier) {
    if (rows > identifier.capacity) throw new SynthError("UNSATISFIABLE", `is a key, but ${identifier.title} has only ${identifier.capacity} dummy values for ${rows} rows of "${table}"`, place);
    const permutation = new Permutation(identifier.capacity, hashString(`${table}.${column}`) ^ seed);
    return (row) => identifier.nth(permutation.at(row));
  }
  if (types.length === 1 && types[0] === "string" && property.format === "uuid") {
    // The first 12 hex digits are a keyed permutation of the row number (distinct by construction);
    // the rest is a keyed hash, with the version-4 and variant digits a validator expects.
    const permutation = new Permutation(2 ** 48, hashString(`${table}.${column}`) ^ seed);
    const hex = (value: number, digits: number) => value.toString(16).padStart(digits, "0");
    return (row) => {
      const head = hex(permutation.at(row), 12);
      const tail = hex(mix32(row ^ seed) >>> 0, 8) + hex(mix32(row + 0x9e37 + seed) >>> 0, 8);
      return `${head.slice(0, 8)}-${head.slice(8, 12)}-4${tail.slice(0, 3)}-${"89ab"[parseInt(tail[3]!, 16) & 3]}${tail.slice(4, 7)}-${tail.slice(7, 16)}${hex(mix32(row * 3 + 1) >>> 0, 8).slice(0, 3)}`;
    };
  }
  if (types.includes("integer") || (types.length === 1 && types[0] === "number")) {
    const { low: rawLow, high: rawHigh } = numericRange(property, stats, column, shape);
    const low = Math.ceil(rawLow ?? 1);
    // Only the schema's maximum binds; a published range is what the real table spanned, and a run
    // scaled beyond it runs on past its end.
    const bound = typeof property.maximum === "number";
    const high = Math.max(Math.floor(rawHigh ?? low + Math.max(rows, 1) - 1), bound ? -Infinity : low + rows - 1);
    const size = high - low + 1;
    if (size < rows) throw new SynthError("UNSATISFIABLE", `is a key, but its range ${low} to ${high} holds only ${Math.max(0, size)} whole numbers for ${rows} rows of "${table}"`, place);
    const spaced = shape ? quantileSpaced(shape, low, high, rows) : undefined;
    if (spaced) return spaced;
    // Evenly spread: ids keep the real table's span and order without any real id.
    const step = rows > 0 ? size / rows : 1;
    return (row) => low + Math.floor(row * step);
  }
  const positions = types.length === 1 && types[0] === "string" && typeof property.pattern === "string" && property.format === undefined ? fixedPositions(property.pattern) : undefined;
  if (positions) {
    const capacity = capacityOf(positions);
    if (capacity < rows) throw new SynthError("UNSATISFIABLE", `is a key, but its pattern spells only ${capacity} values for ${rows} rows of "${table}"`, place);
    // Spread evenly and in order over what the pattern allows, as with whole numbers.
    const step = rows > 0 ? capacity / rows : 1;
    return (row) => nthString(positions, Math.floor(row * step));
  }
  if (types.length === 1 && types[0] === "string" && property.pattern === undefined && property.format === undefined && property.enum === undefined) {
    const width = Math.max(typeof property.minLength === "number" ? property.minLength : 1, String(Math.max(rows, 1)).length);
    if (typeof property.maxLength === "number" && property.maxLength < width) throw new SynthError("UNSATISFIABLE", `is a key, but ${rows} distinct values need ${width} characters and maxLength is ${property.maxLength}`, place);
    return (row) => String(row + 1).padStart(width, "0");
  }
  throw new SynthError("SCHEMA_UNSUPPORTED", `is a key, and synth makes keys only for whole numbers, UK identifiers and unconstrained strings (this column: ${types.join(" or ") || "any type"}${property.pattern !== undefined ? " with a pattern" : ""}${property.format !== undefined ? ` of format ${String(property.format)}` : ""})`, place);
}

/** Points of the lift on a grid: enough to follow any published quantile curve closely. */
const GRID = 1024;

/**
 * Keys spaced as a published distribution of the key's values (a foreign key's quantiles, when the
 * parent withholds its own): key(row) = low + row + lift(p), with lift the running maximum of
 * Q(p) - low - p·(rows - 1), so keys rise by at least 1 from row to row (distinct, in order) and follow
 * Q wherever it rises faster than that. Undefined when the last key would pass `high`.
 */
function quantileSpaced(shape: ReadonlyArray<readonly [number, number]>, low: number, high: number, rows: number): KeyColumn | undefined {
  if (shape.length < 2 || rows < 2) return undefined;
  const quantile = (p: number): number => {
    let i = 1;
    while (i < shape.length - 1 && shape[i]![0] < p) i++;
    const [p0, v0] = shape[i - 1]!;
    const [p1, v1] = shape[i]!;
    return p1 > p0 ? v0 + ((p - p0) / (p1 - p0)) * (v1 - v0) : v1;
  };
  const lift: number[] = [];
  let running = 0;
  for (let g = 0; g <= GRID; g++) {
    const p = g / GRID;
    running = Math.max(running, quantile(p) - low - p * (rows - 1));
    lift.push(running);
  }
  const liftAt = (p: number): number => {
    const x = p * GRID;
    const g = Math.min(GRID - 1, Math.floor(x));
    return lift[g]! + (x - g) * (lift[g + 1]! - lift[g]!);
  };
  if (low + rows - 1 + Math.floor(liftAt(1)) > high) return undefined;
  return (row) => low + row + Math.floor(liftAt(row / (rows - 1)));
}
