import { SynthError } from "../../errors/synth-error.js";
import { DEFAULT_NULL_WEIGHT } from "../compile.js";
import type { Rng } from "../../random/rng.js";
import type { ColumnStats, ModelState } from "../../stats/types.js";
import type { CompileContext } from "../context.js";
import { directAcceptor, type Facts } from "../facts.js";
import type { Sample } from "../sampler.js";
import type { NodePlan } from "../types/node-plan.js";
import { OMIT } from "../types/object.js";
import { numberScale, type NumberScale } from "../columns/numeric.js";
import { scaledIntegerText } from "../formats/number-text.js";
import { temporalScale, type TemporalScale } from "../columns/temporal.js";

/**
 * One column drawn by the row model (a node of the dependence model, or a column a rule names): the
 * states it can be in, how often each occurs in its own published distribution, and how a state
 * becomes a value. Numbers and dates map a position in their distribution to a value through the same
 * scale independent draws use, so the model changes which values go together, never a column's own
 * distribution.
 */
export interface ColumnUnit {
  name: string;
  states: ModelState[];
  /** Each state's probability in the column's own published distribution (sums to 1). */
  target: Float64Array;
  /** Index of the empty state, or -1 when the column cannot be empty. */
  emptyState: number;
  /** What an empty value is written as: null, or OMIT (the property left out). */
  empty: null | typeof OMIT;
  /** For numbers and dates: the scale between positions in [0, 1) of the non-empty values and values. */
  scale?: UnitScale;
  /** A column of the row this one's values depend on (x-synth-sex): drawn before it. */
  reads?: string;
  /**
   * The value for a state: `t` is the position within a bin (numbers and dates), ignored otherwise;
   * `read` gives the values already drawn in the row, by column.
   */
  value(state: number, t: number, rng: Rng, row: number, read?: (column: string) => unknown): unknown;
  /** The state a value is in (for values a rule derived rather than the model drew), or -1. */
  stateOf(value: unknown): number;
  /** Whether the schema accepts a non-empty value (always true where values are valid by construction). */
  accepts(value: unknown): boolean;
}

/** Positions of non-empty values in a number or date column's distribution, and back. */
export interface UnitScale {
  /** The value at position u of the non-empty values. */
  valueAt(u: number): number | string;
  /** The value at u as a number (dates as seconds): what rules compare. */
  numberAt(u: number): number;
  /** A number from numberAt as the column writes it. */
  write(x: number): number | string;
  /**
   * For rounded numbers: the value at u in whole units of the last decimal, and the text of such a
   * count, written from digit tables (formats/number-text.ts) rather than by converting a double.
   */
  units?: { at(u: number): number; scale: number; text(units: number): string };
  /** The position of a value: `side` -1 gives the lowest position that yields it, 1 the highest. */
  positionOf(value: number | string, side: -1 | 0 | 1): number;
  /** The value as a number (dates as seconds), for comparisons and gaps. */
  numeric(value: unknown): number | undefined;
  /** A number (dates: seconds) back as a value, rounded and written as the column writes values. */
  fromNumeric(x: number): number | string;
  /** The unit a value stands for (a day, 1 for integers, 0 for unrounded numbers). */
  unit: number;
  isDate: boolean;
  /** Every value is plain text (no CSV quoting or JSON escaping). */
  plain: boolean;
}

export interface UnitRequest {
  name: string;
  stats: ColumnStats | undefined;
  facts: Facts;
  /** The column's own plan (statistics or schema), used where a state needs a fresh value (text). */
  plan: NodePlan;
  /** States the dependence model uses for this column, when it is a node of the model. */
  modelStates?: ModelState[];
  empty: null | typeof OMIT | undefined;
  /** The values statistics give are valid for the schema by construction: no check needed. */
  exact: boolean;
  /** Present values drawn from another column's value in the row instead of the column's own plan. */
  given?: { column: string; sample: (value: unknown, rng: Rng, row: number) => unknown };
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === "number" && typeof b === "number" && a === b);
}

/**
 * States of a column that is not a node of the model: what its statistics give, or without statistics
 * what its schema allows (its enum values, true and false, empty where it may be), so that rules can
 * restrict a column drawn from the schema alone as they restrict one drawn from statistics.
 */
function defaultStates(stats: ColumnStats | undefined, canBeEmpty: boolean, facts: Facts): ModelState[] {
  if (!stats) {
    const states: ModelState[] = canBeEmpty ? [{ empty: true }] : [];
    const codes = facts.enumValues?.filter((v): v is string | number | boolean => v !== null && typeof v !== "object");
    if (codes && codes.length > 0 && codes.length === facts.enumValues!.filter((v) => v !== null).length) for (const value of codes) states.push({ value });
    else if (facts.types !== undefined && [...facts.types].every((t) => t === "boolean" || t === "null") && facts.types.has("boolean")) states.push({ value: true }, { value: false });
    else states.push({ present: true });
    return states;
  }
  const states: ModelState[] = canBeEmpty && (stats.nullFraction ?? 0) > 0 ? [{ empty: true }] : [];
  switch (stats.kind) {
    case "categorical":
      for (const c of stats.categories) states.push({ value: c.value });
      break;
    case "boolean":
      states.push({ value: true }, { value: false });
      break;
    case "number":
    case "date":
    case "datetime":
      if (stats.kind === "number" ? stats.quantiles || stats.histogram : stats.quantiles || stats.histogram) states.push({ from: 0, to: 1 });
      else states.push({ present: true });
      break;
    default:
      states.push({ present: true });
  }
  return states;
}

function numberUnitScale(scale: NumberScale): UnitScale {
  return {
    valueAt: scale.value,
    numberAt: scale.value,
    write: (x) => x,
    ...(scale.decimals !== undefined ? { units: { at: scale.units, scale: 10 ** scale.decimals, text: scaledIntegerText(scale.decimals) } } : {}),
    positionOf: (value, side) => {
      const x = Number(value);
      const h = scale.halfUnit;
      if (side < 0) return scale.shape.cdf(x - h, 0);
      if (side > 0) return scale.shape.cdf(x + h, 1);
      return scale.shape.cdf(x);
    },
    numeric: (value) => (typeof value === "number" ? value : undefined),
    fromNumeric: (x) => {
      if (scale.decimals === undefined) return x;
      const f = 10 ** scale.decimals;
      return Math.round(x * f) / f;
    },
    unit: scale.halfUnit * 2,
    isDate: false,
    plain: true,
  };
}

function temporalUnitScale(scale: TemporalScale, isoToSeconds: (text: string) => number | undefined): UnitScale {
  return {
    valueAt: (u) => scale.text(scale.seconds(u)),
    numberAt: (u) => scale.seconds(u),
    write: (x) => scale.text(x),
    positionOf: (value, side) => {
      const x = typeof value === "number" ? value : (isoToSeconds(value) ?? NaN);
      if (side < 0) return scale.shape.cdf(x, 0);
      if (side > 0) return scale.shape.cdf(x + scale.unit - 1e-6, 1);
      return scale.shape.cdf(x);
    },
    numeric: (value) => (typeof value === "string" ? isoToSeconds(value) : undefined),
    fromNumeric: (x) => scale.text(scale.unit > 1 ? Math.floor(x / scale.unit) * scale.unit : Math.floor(x)),
    unit: scale.unit,
    isDate: true,
    plain: scale.plain,
  };
}

export interface UnitContext {
  ctx: CompileContext;
  isoToSeconds: (text: string) => number | undefined;
  /** Checks a value against the column's own schema where facts.ts cannot. */
  validatorFor: (facts: Facts) => (value: unknown) => boolean;
}

/**
 * Builds the unit. The column's own plan has already been compiled (and so checked against its
 * statistics), so what is left is mapping states to values.
 */
export function columnUnit(request: UnitRequest, env: UnitContext): ColumnUnit {
  const { name, stats, facts } = request;
  const canBeEmpty = request.empty !== undefined;
  const states = request.modelStates ?? defaultStates(stats, canBeEmpty, facts);
  const emptyState = states.findIndex((s) => "empty" in s);
  if (emptyState >= 0 && !canBeEmpty) {
    throw new SynthError("STATS_CONTRADICTS_SCHEMA", "the dependence model has an empty state for a column the schema requires", { column: name, pointer: "/model" });
  }
  const nullFraction = stats ? (stats.nullFraction ?? 0) : emptyState >= 0 ? DEFAULT_NULL_WEIGHT : 0;
  const nonEmpty = emptyState >= 0 ? 1 - nullFraction : 1;
  const target = new Float64Array(states.length);
  let scale: UnitScale | undefined;
  const asDateTime = facts.formats.includes("date-time") || (!facts.formats.includes("date") && stats?.kind === "datetime");
  if (stats?.kind === "number") {
    const s = numberScale(name, stats, facts, !(facts.types === undefined || facts.types.has("number")) && (facts.types?.has("integer") ?? false));
    if (s) scale = numberUnitScale(s);
  } else if (stats?.kind === "date" || stats?.kind === "datetime") {
    const s = temporalScale(name, stats, asDateTime);
    if (s) scale = temporalUnitScale(s, env.isoToSeconds);
  }
  const frequencyOf = (value: unknown): number => {
    if (stats?.kind === "categorical") return stats.categories.find((c) => sameValue(c.value, value))?.frequency ?? 0;
    if (stats?.kind === "boolean") return value === true ? stats.trueFraction : value === false ? 1 - stats.trueFraction : 0;
    return stats ? 0 : 1;
  };
  const categoryTotal = stats?.kind === "categorical" ? stats.categories.reduce((sum, c) => sum + c.frequency, 0) || 1 : stats ? 1 : Math.max(1, states.filter((s) => "value" in s).length);
  states.forEach((state, i) => {
    if ("empty" in state) target[i] = nullFraction;
    else if ("value" in state) target[i] = (nonEmpty * frequencyOf(state.value)) / categoryTotal;
    else if ("from" in state) target[i] = nonEmpty * (state.to - state.from);
    else target[i] = nonEmpty;
  });
  const total = target.reduce((a, b) => a + b, 0);
  if (total > 0) for (let i = 0; i < target.length; i++) target[i]! /= total;

  const accepts = request.exact ? () => true : (directAcceptor(facts, env.ctx) ?? env.validatorFor(facts));
  const ownSample: Sample<unknown> = request.plan.sample;
  const empty = request.empty === undefined ? null : request.empty;
  const stateValues = states.map((s) => ("value" in s ? s.value : undefined));
  const given = request.given;
  const bins = states.map((s) => ("from" in s ? s : undefined));

  return {
    name,
    states,
    target,
    emptyState,
    empty,
    ...(scale ? { scale } : {}),
    ...(given ? { reads: given.column } : {}),
    value(state, t, rng, row, read) {
      if (state === emptyState) return empty;
      const bin = bins[state];
      if (bin && scale) return scale.valueAt(bin.from + t * (bin.to - bin.from));
      const fixed = stateValues[state];
      if (fixed !== undefined) return fixed;
      if (given && read) return given.sample(read(given.column), rng, row);
      // A present text or identifier value, or a number without a distribution: the column's own
      // plan draws it (drawing again while it comes out empty).
      for (let attempt = 0; attempt < 100; attempt++) {
        const value = ownSample(rng, row);
        if (value !== null && value !== OMIT) return value;
      }
      throw new SynthError("GENERATION_FAILED", "could not draw a non-empty value", { column: name });
    },
    stateOf(value) {
      if (value === null || value === OMIT || value === undefined) return emptyState;
      const fixed = stateValues.findIndex((v) => v !== undefined && sameValue(v, value));
      if (fixed >= 0) return fixed;
      if (scale) {
        const u = scale.positionOf(value as number | string, 0);
        const index = bins.findIndex((b) => b !== undefined && u >= b.from && u < b.to);
        if (index >= 0) return index;
        const lastBin = bins.map((b, i) => (b ? i : -1)).filter((i) => i >= 0);
        if (lastBin.length > 0) return u >= 1 ? lastBin[lastBin.length - 1]! : lastBin[0]!;
      }
      return states.findIndex((s) => "present" in s);
    },
    accepts,
  };
}
