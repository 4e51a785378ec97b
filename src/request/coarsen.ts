import { isNumeric, isTemporal, type Code, type ColumnInfo } from "../report/describe/columns.js";
import type { CoarsenSpec, SimpleCoarsening } from "./types.js";

/**
 * Coarsenings: one definition per kind, registered in COARSENINGS. Each turns a column's value
 * into a coarser one and says what the extract's column then looks like.
 */

/** What a (possibly coarsened) column's values are, for typing and checking filters. */
export type ValueKind =
  | { type: "number"; integer: boolean; min?: number; max?: number }
  | { type: "boolean" }
  | { type: "codes"; codes: Code[] }
  | { type: "ordered"; pattern: RegExp; example: string }
  | { type: "text" };

export interface Coarsening {
  to: string;
  /** Appended to the column's name in the extract unless the request names it with `as`. */
  suffix: string;
  /** For summaries: "age in whole years at 2025-08-31". */
  summary: string;
  /** The coarser value of a non-empty source value. */
  apply(value: unknown): unknown;
  /** The extract column's JSON Schema, without null (added when the column can be empty). */
  schema: Record<string, unknown>;
  kind: ValueKind;
  /** Values of coarsened codes may be empty even when the source is not. */
  introducesNull?: boolean;
  /** Whether the coarsening preserves ("up") or reverses ("down") the order of values. */
  monotone?: "up" | "down";
}

export interface CoarsenContext {
  referenceDate?: string;
}

/** A coarsening that cannot apply, with the sub-pointer under /columns/<name>/coarsen it concerns. */
export class CoarsenError extends Error {
  constructor(
    message: string,
    readonly at = "",
  ) {
    super(message);
  }
}

type Definition = (spec: Exclude<CoarsenSpec, SimpleCoarsening>, column: ColumnInfo, context: CoarsenContext) => Coarsening;

const DATE = /^\d{4}-\d{2}-\d{2}/;

function needsTemporal(column: ColumnInfo, to: string, datetimeOnly = false): void {
  const temporal = isTemporal(column);
  if (!temporal || (datetimeOnly && temporal !== "datetime")) {
    throw new CoarsenError(`"${to}" applies to ${datetimeOnly ? "date-time" : "date or date-time"} columns; "${column.name}" is ${column.format ? `${column.types.join("/")} (${column.format})` : column.types.join("/") || "untyped"}`);
  }
}

function needsReferenceDate(context: CoarsenContext, to: string): string {
  if (!context.referenceDate) throw new CoarsenError(`"${to}" needs the request's "referenceDate" (the date ages are computed at)`);
  return context.referenceDate;
}

function isPostcode(column: ColumnInfo): boolean {
  return column.format === "uk-postcode" || /post ?code/i.test(column.name.replace(/_/g, " "));
}

/** Whole years between a date of birth and a reference date (both ISO). */
export function ageInYears(birth: string, at: string): number {
  const [by, bm, bd] = [Number(birth.slice(0, 4)), Number(birth.slice(5, 7)), Number(birth.slice(8, 10))];
  const [ay, am, ad] = [Number(at.slice(0, 4)), Number(at.slice(5, 7)), Number(at.slice(8, 10))];
  return ay - by - (am < bm || (am === bm && ad < bd) ? 1 : 0);
}

export function outwardCode(postcode: string): string {
  const compact = postcode.trim().toUpperCase();
  const space = compact.indexOf(" ");
  return space > 0 ? compact.slice(0, space) : compact.replace(/\s+/g, "").slice(0, -3);
}

function codeMatching(column: ColumnInfo, value: unknown): Code | undefined {
  return column.codes?.find((c) => c.value === value) ?? column.codes?.find((c) => String(c.value) === String(value));
}

function listCodes(column: ColumnInfo): string {
  const codes = column.codes ?? [];
  const shown = codes.slice(0, 12).map((c) => String(c.value));
  return shown.join(", ") + (codes.length > 12 ? `, … (${codes.length} in all)` : "");
}

function simple(to: SimpleCoarsening, column: ColumnInfo, context: CoarsenContext): Coarsening {
  switch (to) {
    case "year":
      needsTemporal(column, to);
      return { to, suffix: "year", summary: "year only", apply: (v) => Number(String(v).slice(0, 4)), schema: { type: "integer" }, kind: { type: "number", integer: true }, monotone: "up" };
    case "month":
      needsTemporal(column, to);
      return { to, suffix: "month", summary: "year and month only (YYYY-MM)", apply: (v) => String(v).slice(0, 7), schema: { type: "string", pattern: "^[0-9]{4}-(0[1-9]|1[0-2])$" }, kind: { type: "ordered", pattern: /^\d{4}-\d{2}$/, example: "2015-09" }, monotone: "up" };
    case "date":
      needsTemporal(column, to, true);
      return { to, suffix: "date", summary: "date only, without the time", apply: (v) => String(v).slice(0, 10), schema: { type: "string", format: "date" }, kind: { type: "ordered", pattern: /^\d{4}-\d{2}-\d{2}$/, example: "2015-09-01" }, monotone: "up" };
    case "age-years": {
      needsTemporal(column, to);
      const at = needsReferenceDate(context, to);
      return { to, suffix: "age", summary: `age in whole years at ${at}`, apply: (v) => (DATE.test(String(v)) ? ageInYears(String(v), at) : null), schema: { type: "integer" }, kind: { type: "number", integer: true }, monotone: "down" };
    }
    case "postcode-outward":
      if (!isPostcode(column)) throw new CoarsenError(`"${to}" applies to postcode columns; "${column.name}" is not one`);
      return { to, suffix: "outward", summary: 'outward code only (e.g. "DE1" of "DE1 3WZ")', apply: (v) => outwardCode(String(v)), schema: { type: "string", pattern: "^[A-Z]{1,2}[0-9][A-Z0-9]?$" }, kind: { type: "text" } };
    case "postcode-area":
      if (!isPostcode(column)) throw new CoarsenError(`"${to}" applies to postcode columns; "${column.name}" is not one`);
      return { to, suffix: "area", summary: 'postcode area only (e.g. "DE" of "DE1 3WZ")', apply: (v) => /^[A-Z]+/i.exec(String(v).trim())?.[0]?.toUpperCase() ?? null, schema: { type: "string", pattern: "^[A-Z]{1,2}$" }, kind: { type: "text" } };
  }
}

const DEFINITIONS: Record<string, Definition> = {
  "age-band": (spec, column, context) => {
    const { bands } = spec as { bands: number[] };
    needsTemporal(column, "age-band");
    const at = needsReferenceDate(context, "age-band");
    bands.forEach((b, i) => {
      if (i > 0 && b <= bands[i - 1]!) throw new CoarsenError(`bands must ascend: ${b} follows ${bands[i - 1]}`, `/bands/${i}`);
    });
    const labels = bands.map((b, i) => (i + 1 < bands.length ? (bands[i + 1]! - 1 === b ? `${b}` : `${b}-${bands[i + 1]! - 1}`) : `${b}+`));
    const under = bands[0]! > 0 ? [`under ${bands[0]}`] : [];
    const all = [...under, ...labels];
    return {
      to: "age-band",
      suffix: "age_band",
      summary: `age band at ${at} (${all.join(", ")})`,
      apply: (v) => {
        if (!DATE.test(String(v))) return null;
        const age = ageInYears(String(v), at);
        let index = -1;
        for (let i = 0; i < bands.length; i++) if (age >= bands[i]!) index = i;
        return index < 0 ? (under[0] ?? null) : labels[index]!;
      },
      schema: { type: "string", enum: all },
      kind: { type: "codes", codes: all.map((value) => ({ value })) },
    };
  },
  band: (spec, column) => {
    const { width } = spec as { width: number };
    if (!isNumeric(column)) throw new CoarsenError(`"band" applies to number columns; "${column.name}" is ${column.types.join("/") || "untyped"}`);
    const integer = column.types.every((t) => t === "integer") && Number.isInteger(width);
    return {
      to: "band",
      suffix: "band",
      summary: `bands ${width} wide (e.g. ${integer ? `"3000-${3000 + width - 1}"` : `"0 to <${width}"`})`,
      apply: (v) => {
        const lo = Math.floor(Number(v) / width) * width;
        return integer ? `${lo}-${lo + width - 1}` : `${+lo.toFixed(10)} to <${+(lo + width).toFixed(10)}`;
      },
      schema: { type: "string", pattern: integer ? "^-?[0-9]+--?[0-9]+$" : "^-?[0-9.e+-]+ to <-?[0-9.e+-]+$" },
      kind: { type: "text" },
    };
  },
  codes: (spec, column) => {
    const { keep } = spec as { keep: Array<string | number | boolean> };
    if (!column.codes) throw new CoarsenError(`"codes" applies to columns with codes; "${column.name}" has none`);
    const kept: Code[] = keep.map((value, i) => {
      const code = codeMatching(column, value);
      if (!code) throw new CoarsenError(`code ${JSON.stringify(value)} does not exist in column "${column.name}" (its codes: ${listCodes(column)})`, `/keep/${i}`);
      return code;
    });
    const values = new Set(kept.map((c) => c.value));
    return {
      to: "codes",
      suffix: "",
      summary: `only codes ${kept.map((c) => String(c.value)).join(", ")} (${kept.length} of ${column.codes.length}); any other value left empty`,
      apply: (v) => (values.has(v as never) ? v : null),
      schema: { oneOf: kept.map((c) => ({ const: c.value, ...(c.label ? { title: c.label } : {}) })) },
      kind: { type: "codes", codes: kept },
      introducesNull: kept.length < column.codes.length,
    };
  },
  groups: (spec, column) => {
    const { groups } = spec as { groups: Record<string, Array<string | number | boolean>> };
    if (!column.codes) throw new CoarsenError(`"groups" applies to columns with codes; "${column.name}" has none`);
    const groupOf = new Map<unknown, string>();
    for (const [group, members] of Object.entries(groups)) {
      members.forEach((value, i) => {
        const code = codeMatching(column, value);
        const at = `/groups/${group.replace(/~/g, "~0").replace(/\//g, "~1")}/${i}`;
        if (!code) throw new CoarsenError(`code ${JSON.stringify(value)} does not exist in column "${column.name}" (its codes: ${listCodes(column)})`, at);
        if (groupOf.has(code.value)) throw new CoarsenError(`code ${JSON.stringify(value)} is already in group "${groupOf.get(code.value)}"`, at);
        groupOf.set(code.value, group);
      });
    }
    const names = Object.keys(groups);
    return {
      to: "groups",
      suffix: "group",
      summary: `${column.codes.length} codes merged into ${names.length} groups (${names.join(", ")})${groupOf.size < column.codes.length ? "; codes in no group left empty" : ""}`,
      apply: (v) => groupOf.get(v) ?? null,
      schema: { type: "string", enum: names },
      kind: { type: "codes", codes: names.map((value) => ({ value })) },
      introducesNull: groupOf.size < column.codes.length,
    };
  },
};

/** Builds the coarsening a request asks for, or throws CoarsenError saying why it cannot apply. */
export function buildCoarsening(spec: CoarsenSpec, column: ColumnInfo, context: CoarsenContext): Coarsening {
  if (typeof spec === "string") return simple(spec, column, context);
  if (!(spec.to in DEFINITIONS)) return simple(spec.to as SimpleCoarsening, column, context);
  return DEFINITIONS[spec.to]!(spec as Exclude<CoarsenSpec, SimpleCoarsening>, column, context);
}
