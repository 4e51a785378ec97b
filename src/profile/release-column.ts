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
import type { OrderedValues } from "./accumulators/numeric-distribution.js";
import { CHARACTER_CLASSES } from "./accumulators/text-shape.js";
import type { ColumnAccumulator } from "./column-accumulator.js";
import type { PrivacyBudget } from "./disclosure/budget.js";
import type { LaplaceNoise } from "./disclosure/laplace.js";
import type { DisclosureLog } from "./disclosure/log.js";
import { QUANTILE_STEPS, orderFromCounts, safeQuantiles, tidyPoints, type Point } from "./disclosure/safe-quantiles.js";
import { UUID } from "./accumulators/identifier-match.js";
import { identifierPattern } from "./identifier-pattern.js";
import { categoryCounts, type ColumnDecision } from "./infer-kind.js";

/**
 * Turns one column's accumulators into what may be published about it, applying the disclosure rules:
 * the K threshold on every count, K-safe quantiles, values never published for free text and
 * identifiers, and Laplace noise on every count when a privacy budget is given.
 */

export interface ReleaseContext {
  minCount: number;
  log: DisclosureLog;
  privacy?: { noise: LaplaceNoise; budget: PrivacyBudget };
}

export interface ColumnRelease {
  stats: ColumnStats;
  /** The column's row count as published (noisy under differential privacy). */
  rows: number;
  /** Every value the column holds, when all are published (then the schema may list them as an enum). */
  completeValues?: Array<string | number | boolean>;
}

const SECONDS_PER_DAY = 86400;

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/**
 * One column's histogram: the null cell plus value cells. Cells below K are withheld (published as 0)
 * by the caller; under a privacy budget every other cell gets Laplace noise. The column's share of
 * the budget goes to the histogram, except `1 - fraction` of it, which is left for one further
 * release of the caller's (how many values were withheld; character shares of free text).
 */
class Histogram {
  readonly epsilon: number | undefined;
  readonly otherEpsilon: number | undefined;
  constructor(
    private readonly context: ReleaseContext,
    fraction = 1,
  ) {
    const budget = context.privacy?.budget;
    if (!budget) return;
    const share = budget.perColumn;
    this.epsilon = share * fraction;
    this.otherEpsilon = share * (1 - fraction);
    budget.spend(share);
  }

  /** A count as published: exact, or noisy under a privacy budget. */
  count(trueCount: number): number {
    const privacy = this.context.privacy;
    return privacy ? privacy.noise.count(trueCount, this.epsilon!) : trueCount;
  }
}

/** Null cell with the small-count rule: fewer than K empty values are published as none. */
function nullCount(column: ColumnAccumulator, context: ReleaseContext, histogram: Histogram): number {
  const nulls = column.nulls;
  if (nulls === 0) return 0;
  if (nulls < context.minCount) {
    context.log.smallNullCounts.push(column.name);
    return 0;
  }
  return histogram.count(nulls);
}

function withNullFraction<T extends ColumnStats>(stats: T, nulls: number, total: number): T {
  if (total > 0 && nulls > 0) stats.nullFraction = round6(Math.min(1, nulls / total));
  return stats;
}

/** Under a budget, moves quantile probabilities to noisy cumulative counts between the same values. */
function noisyPoints(points: Point[], order: OrderedValues, histogram: Histogram): { points: Point[]; total: number } {
  const cumulative: number[] = [0];
  let previous = 0;
  let running = 0;
  for (let i = 1; i < points.length; i++) {
    const atOrBelow = i === points.length - 1 ? order.n : order.countAtOrBelow(points[i]![1]);
    const binCount = Math.max(0, atOrBelow - previous);
    previous = Math.max(previous, atOrBelow);
    running += histogram.count(binCount);
    cumulative.push(running);
  }
  const total = running;
  if (total === 0) return { points, total };
  const moved: Point[] = points.map(([, v], i) => [cumulative[i]! / total, v]);
  // A bin the noise left empty adds no probability: its upper edge replaces the point before it, so
  // that probabilities rise at every point (as the statistics contract requires).
  return { points: moved.filter((point, i) => i === moved.length - 1 || moved[i + 1]![0] > point[0]), total };
}

/** The distribution part shared by numbers, dates and lengths: K-safe points, noisy under a budget. */
/**
 * How many bins a noisy distribution should have. Every bin gets its own noise, and the CDF at a bin
 * edge sums the noise of every bin below it, so many thin bins drown a small column in noise while a
 * few wide ones only blur its shape. Bins are made wide enough that the noise (standard deviation
 * sqrt(2)/epsilon) is at most about a third of a bin's expected count (a balance found on the shared
 * datasets at epsilon 1: a quarter and a half did no better); a large column keeps every point.
 */
function noisyBinCount(n: number, epsilon: number): number {
  return Math.max(2, Math.min(QUANTILE_STEPS, Math.floor((0.35 * n * epsilon) / Math.SQRT2)));
}

/**
 * About `bins` bins of equal probability: the published point nearest each j/bins, plus the two ends.
 * Tail points are dropped first: with few bins they would waste them on the extremes.
 */
function thinPoints(points: Point[], bins: number): Point[] {
  if (points.length - 1 <= bins) return points;
  const kept: Point[] = [points[0]!];
  for (let j = 1; j < bins; j++) {
    const target = j / bins;
    let best = points[1]!;
    for (const point of points.slice(1, -1)) if (Math.abs(point[0] - target) < Math.abs(best[0] - target)) best = point;
    if (best !== kept[kept.length - 1]) kept.push(best);
  }
  kept.push(points[points.length - 1]!);
  return kept;
}

function distribution(order: OrderedValues, context: ReleaseContext, histogram: Histogram): { points?: Point[]; nonNull: number } {
  const points = safeQuantiles(order, context.minCount);
  if (!points) return { nonNull: histogram.count(order.n) };
  if (!context.privacy) return { points, nonNull: order.n };
  const noisy = noisyPoints(thinPoints(points, noisyBinCount(order.n, histogram.epsilon!)), order, histogram);
  return { points: noisy.points, nonNull: noisy.total };
}

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
    stats.quantiles = tidyPoints(points, {
      places: places + 2,
      nonNegative: column.numbers.min >= 0,
      nonPositive: column.numbers.max <= 0 && column.numbers.min < 0,
    });
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

function freeText(column: ColumnAccumulator, context: ReleaseContext): ColumnRelease {
  // Lengths get most of the budget; character shares (one sum per class) the rest.
  const histogram = new Histogram(context, 0.7);
  const nulls = nullCount(column, context, histogram);
  const { length, nonNull } = lengths(column, context, histogram);
  const stats: StringStats = { kind: "string" };
  if (length) stats.length = length;
  const characters = characterShares(column, context, histogram.otherEpsilon);
  if (characters) stats.characters = characters;
  context.log.freeText.push(column.name);
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
      return freeText(column, context);
  }
}
