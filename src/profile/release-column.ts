import { daysToIsoDate, secondsToIsoDateTime } from "../plan/formats/calendar.js";
import type {
  BooleanStats,
  CategoricalStats,
  CharacterClasses,
  ColumnStats,
  IdentifierStats,
  NumberStats,
  QuantilePoint,
  StringStats,
  TemporalStats,
} from "../stats/types.js";
import { CHARACTER_CLASSES } from "./accumulators/text-shape.js";
import type { ColumnAccumulator } from "./column-accumulator.js";
import type { NumberBounds } from "./declared-schema.js";
import { orderFromCounts, tidyPoints, type Point } from "./disclosure/safe-quantiles.js";
import { distribution, Histogram, nullCount, round6, withNullFraction, type ReleaseContext } from "./release-parts.js";

export type { ReleaseContext };
import { UUID } from "./accumulators/identifier-match.js";
import { identifierPattern } from "./identifier-pattern.js";
import { categoryCounts, type ColumnDecision } from "./infer-kind.js";
import { codeListRelease, WORD_LENGTHS_SHARE, wordsRelease } from "./release-text.js";

/**
 * Turns one column's accumulators into what may be published about it, applying the disclosure rules:
 * the K threshold on every count, K-safe quantiles, values never published for free text and
 * identifiers, and Laplace noise on every count when a privacy budget is given.
 */

export interface ColumnRelease {
  stats: ColumnStats;
  /** The column's row count as published (noisy under differential privacy). */
  rows: number;
  /** Every value the column holds, when all are published (then the schema may list them as an enum). */
  completeValues?: Array<string | number | boolean>;
}

const SECONDS_PER_DAY = 86400;
function categorical(column: ColumnAccumulator, decision: ColumnDecision, context: ReleaseContext): ColumnRelease {
  const categories = categoryCounts(column, decision.valueType) ?? [];
  const k = context.minCount;
  const published = categories.filter((c) => c.count >= k);
  const withheld = categories.filter((c) => c.count < k);
  const withheldCount = withheld.reduce((sum, c) => sum + c.count, 0);
  // When values were withheld, a small part of the budget goes to how many distinct values were:
  // a count few readers need, not worth taking half of the histogram's accuracy.
  const histogram = new Histogram(context, withheld.length > 0 ? 0.9 : 1);
  const nulls = nullCount(column, context, histogram);
  const counts = published.map((c) => histogram.count(c.count));
  const suppressedCount = withheld.length > 0 ? histogram.count(withheldCount) : 0;
  const nonNull = counts.reduce((a, b) => a + b, 0) + suppressedCount;
  const stats: CategoricalStats = {
    kind: "categorical",
    categories: published.map((c, i) => ({ value: c.value, frequency: nonNull > 0 ? round6(counts[i]! / nonNull) : 0 })),
  };
  if (withheld.length > 0) {
    const distinct = context.privacy ? context.privacy.noise.count(withheld.length, histogram.otherEpsilon!) : withheld.length;
    stats.suppressed = { categories: distinct, frequency: nonNull > 0 ? round6(suppressedCount / nonNull) : 0 };
    context.log.suppressed.set(column.name, { categories: withheld.length, values: withheldCount });
  }
  withNullFraction(stats, nulls, nonNull + nulls);
  return {
    stats,
    rows: nonNull + nulls,
    ...(withheld.length === 0 ? { completeValues: published.map((c) => c.value) } : {}),
  };
}

function boolean(column: ColumnAccumulator, context: ReleaseContext): ColumnRelease {
  const histogram = new Histogram(context);
  const nulls = nullCount(column, context, histogram);
  const k = context.minCount;
  const trueCount = column.evidence.trues;
  // Only values that read as true or false count: with the owner's schema a boolean column may hold
  // other text, which the row check reports.
  const falseCount = column.evidence.booleans - trueCount;
  const rare = (count: number) => count > 0 && count < k;
  if (rare(trueCount) || rare(falseCount)) context.log.smallBooleanSides.push(column.name);
  const trues = rare(trueCount) ? 0 : histogram.count(trueCount);
  const falses = rare(falseCount) ? 0 : histogram.count(falseCount);
  const nonNull = trues + falses;
  const stats: BooleanStats = { kind: "boolean", trueFraction: nonNull > 0 ? round6(trues / nonNull) : 0.5 };
  withNullFraction(stats, nulls, nonNull + nulls);
  return { stats, rows: nonNull + nulls };
}

/** Decimal places to round generated numbers to: the most that at least K values were written with. */
function publishedPlaces(column: ColumnAccumulator, minCount: number): number {
  const places = column.evidence.places;
  let atLeast = 0;
  for (let d = places.length - 1; d >= 0; d--) {
    atLeast += places[d]!;
    if (atLeast >= minCount) return Math.min(d, 15);
  }
  return 0;
}

/**
 * Extrapolated tails may reach past a range the owner's schema declares (a CHECK (x > 0) from a
 * database): clamped inside it, an exclusive bound by one step of the published rounding, so every
 * value drawn keeps to the schema. Clamping keeps the points in order.
 */
function withinBounds(points: Array<[number, number]>, bounds: NumberBounds | undefined, step: number): Array<[number, number]> {
  if (!bounds) return points;
  const low = Math.max(bounds.minimum ?? -Infinity, bounds.exclusiveMinimum !== undefined ? bounds.exclusiveMinimum + step : -Infinity);
  const high = Math.min(bounds.maximum ?? Infinity, bounds.exclusiveMaximum !== undefined ? bounds.exclusiveMaximum - step : Infinity);
  if (low > high) return points;
  return points.map(([p, v]) => [p, Math.min(high, Math.max(low, v))]);
}

function numeric(column: ColumnAccumulator, decision: ColumnDecision, context: ReleaseContext): ColumnRelease {
  const histogram = new Histogram(context);
  const nulls = nullCount(column, context, histogram);
  const order = column.numbers.finish();
  const integer = decision.valueType === "integer";
  const stats: NumberStats = { kind: "number" };
  if (integer) stats.integer = true;
  const places = integer ? 0 : publishedPlaces(column, context.minCount);
  if (!integer) stats.decimals = places;
  const { points, nonNull } = distribution(order, context, histogram);
  if (points) {
    stats.quantiles = withinBounds(
      tidyPoints(points, {
        places: places + 2,
        nonNegative: column.numbers.min >= 0,
        nonPositive: column.numbers.max <= 0 && column.numbers.min < 0,
      }),
      decision.bounds,
      integer ? 1 : 10 ** -places,
    );
    context.log.rangesFromQuantiles.push(column.name);
  } else if (order.n > 0) context.log.tooFewValues.push(column.name);
  withNullFraction(stats, nulls, nonNull + nulls);
  return { stats, rows: nonNull + nulls };
}

function temporal(column: ColumnAccumulator, decision: ColumnDecision, context: ReleaseContext): ColumnRelease {
  const histogram = new Histogram(context);
  const nulls = nullCount(column, context, histogram);
  const order = column.instants.finish();
  const kind = decision.kind === "date" ? "date" : "datetime";
  const stats: TemporalStats = { kind };
  const { points, nonNull } = distribution(order, context, histogram);
  if (points) {
    const tidy = tidyPoints(points, { places: 0, nonNegative: false, nonPositive: false });
    stats.quantiles = tidy.map(([p, seconds]): QuantilePoint<string> => [
      p,
      kind === "date" ? daysToIsoDate(Math.round(seconds / SECONDS_PER_DAY)) : secondsToIsoDateTime(Math.round(seconds)),
    ]);
    context.log.rangesFromQuantiles.push(column.name);
  } else if (order.n > 0) context.log.tooFewValues.push(column.name);
  withNullFraction(stats, nulls, nonNull + nulls);
  return { stats, rows: nonNull + nulls };
}

/** Text lengths as K-safe quantiles (shared by free text and identifiers). */
function lengths(column: ColumnAccumulator, context: ReleaseContext, histogram: Histogram): { length?: Point[]; nonNull: number } {
  const order = orderFromCounts(column.text.lengths);
  const { points, nonNull } = distribution(order, context, histogram);
  if (!points) {
    if (order.n > 0) context.log.tooFewValues.push(column.name);
    return { nonNull };
  }
  return { length: tidyPoints(points, { places: 2, nonNegative: true, nonPositive: false }), nonNull };
}

function characterShares(column: ColumnAccumulator, context: ReleaseContext, epsilon: number | undefined): CharacterClasses | undefined {
  const text = column.text;
  const k = context.minCount;
  const shares: number[] = CHARACTER_CLASSES.map((_, c) => {
    if (text.classPresence[c]! < k) return 0;
    // Without a budget: the share of all characters. With one: the mean per-value share, whose sum
    // changes by at most 1 when a record is added or removed, however long its text.
    return context.privacy ? context.privacy.noise.sum(text.classShares[c]!, epsilon!) : text.classTotals[c]!;
  });
  if (CHARACTER_CLASSES.some((_, c) => text.classPresence[c]! > 0 && text.classPresence[c]! < k)) context.log.rareCharacterClasses.push(column.name);
  const total = shares.reduce((a, b) => a + b, 0);
  if (total === 0) return undefined;
  const classes: CharacterClasses = {};
  CHARACTER_CLASSES.forEach((name, c) => {
    const share = Math.round((shares[c]! / total) * 1e4) / 1e4;
    if (share > 0) classes[name] = share;
  });
  return classes;
}

function freeText(column: ColumnAccumulator, decision: ColumnDecision, context: ReleaseContext): ColumnRelease {
  if (decision.codeList) {
    const list = codeListRelease(column, decision, context);
    if (list) return list;
  }
  // Lengths get most of the budget; character shares (one sum per class), or the shape of words, the rest.
  const histogram = new Histogram(context, decision.words ? WORD_LENGTHS_SHARE : 0.7);
  const nulls = nullCount(column, context, histogram);
  const { length, nonNull } = lengths(column, context, histogram);
  const stats: StringStats = { kind: "string" };
  if (length) stats.length = length;
  const words = decision.words ? wordsRelease(column, context, histogram.otherEpsilon) : undefined;
  if (words) stats.words = words;
  else {
    const characters = characterShares(column, context, histogram.otherEpsilon);
    if (characters) stats.characters = characters;
    context.log.freeText.push(column.name);
  }
  withNullFraction(stats, nulls, nonNull + nulls);
  return { stats, rows: nonNull + nulls };
}

function identifier(column: ColumnAccumulator, decision: ColumnDecision, context: ReleaseContext): ColumnRelease {
  const histogram = new Histogram(context);
  const nulls = nullCount(column, context, histogram);
  context.log.identifiers.push(column.name);
  const unique = column.values.exact && column.values.distinct === column.nonNull && column.nonNull > 0;
  if (decision.valueType === "integer") {
    // Whole-number identifiers: no values, no range; generation draws distinct integers. (The
    // "identifier" kind is for text; see the report on the format.)
    const nonNull = histogram.count(column.nonNull);
    const stats: NumberStats = { kind: "number", integer: true, description: "identifier: values withheld" };
    if (unique) stats.unique = true;
    withNullFraction(stats, nulls, nonNull + nulls);
    return { stats, rows: nonNull + nulls };
  }
  const { length, nonNull } = lengths(column, context, histogram);
  const stats: IdentifierStats = { kind: "identifier" };
  if (unique) stats.unique = true;
  if (length) stats.length = length;
  if (decision.identifierType === UUID) stats.generator = { format: UUID };
  else if (decision.identifierType) stats.generator = { type: decision.identifierType };
  else {
    const pattern = identifierPattern(column.text.shapes(), column.nonNull, context.minCount);
    if (pattern) stats.generator = { pattern };
  }
  withNullFraction(stats, nulls, nonNull + nulls);
  return { stats, rows: nonNull + nulls };
}

export function releaseColumn(column: ColumnAccumulator, decision: ColumnDecision, context: ReleaseContext): ColumnRelease {
  switch (decision.kind) {
    case "categorical":
      return categorical(column, decision, context);
    case "boolean":
      return boolean(column, context);
    case "number":
      return numeric(column, decision, context);
    case "date":
    case "datetime":
      return temporal(column, decision, context);
    case "identifier":
      return identifier(column, decision, context);
    case "string":
      return freeText(column, decision, context);
  }
}
