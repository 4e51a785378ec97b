import type { ColumnStats } from "../stats/types.js";
import type { OrderedValues } from "./accumulators/numeric-distribution.js";
import type { ColumnAccumulator } from "./column-accumulator.js";
import { QUANTILE_STEPS, safeQuantiles, type Point } from "./disclosure/safe-quantiles.js";
import type { PrivacyBudget } from "./disclosure/budget.js";
import type { LaplaceNoise } from "./disclosure/laplace.js";
import type { DisclosureLog } from "./disclosure/log.js";

/**
 * The parts every column's release is made of: its histogram's share of a privacy budget, the null
 * count under the small-count rule, and K-safe distributions (noisy under a budget).
 */

export interface ReleaseContext {
  minCount: number;
  log: DisclosureLog;
  privacy?: { noise: LaplaceNoise; budget: PrivacyBudget };
}

export function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/**
 * One column's histogram: the null cell plus value cells. Cells below K are withheld (published as 0)
 * by the caller; under a privacy budget every other cell gets Laplace noise. The column's share of
 * the budget goes to the histogram, except `1 - fraction` of it, which is left for one further
 * release of the caller's (how many values were withheld; character shares of free text).
 * Given `within`, a budget already spent (part of another histogram's `otherEpsilon`), it spends
 * nothing more: a further release of the same column.
 */
export class Histogram {
  readonly epsilon: number | undefined;
  readonly otherEpsilon: number | undefined;
  constructor(
    private readonly context: ReleaseContext,
    fraction = 1,
    within?: number,
  ) {
    const budget = context.privacy?.budget;
    if (!budget) return;
    const share = within ?? budget.perColumn;
    this.epsilon = share * fraction;
    this.otherEpsilon = share * (1 - fraction);
    if (within === undefined) budget.spend(share);
  }

  /** A count as published: exact, or noisy under a privacy budget. */
  count(trueCount: number): number {
    const privacy = this.context.privacy;
    return privacy ? privacy.noise.count(trueCount, this.epsilon!) : trueCount;
  }
}

/** Null cell with the small-count rule: fewer than K empty values are published as none. */
export function nullCount(column: ColumnAccumulator, context: ReleaseContext, histogram: Histogram): number {
  const nulls = column.nulls;
  if (nulls === 0) return 0;
  if (nulls < context.minCount) {
    context.log.smallNullCounts.push(column.name);
    return 0;
  }
  return histogram.count(nulls);
}

export function withNullFraction<T extends ColumnStats>(stats: T, nulls: number, total: number): T {
  if (total > 0 && nulls > 0) stats.nullFraction = round6(Math.min(1, nulls / total));
  return stats;
}

/** Under a budget, moves quantile probabilities to noisy cumulative counts between the same values. */
export function noisyPoints(points: Point[], order: OrderedValues, histogram: Histogram): { points: Point[]; total: number } {
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
export function noisyBinCount(n: number, epsilon: number): number {
  return Math.max(2, Math.min(QUANTILE_STEPS, Math.floor((0.35 * n * epsilon) / Math.SQRT2)));
}

/**
 * About `bins` bins of equal probability: the published point nearest each j/bins, plus the two ends.
 * Tail points are dropped first: with few bins they would waste them on the extremes.
 */
export function thinPoints(points: Point[], bins: number): Point[] {
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

export function distribution(order: OrderedValues, context: ReleaseContext, histogram: Histogram): { points?: Point[]; nonNull: number } {
  const points = safeQuantiles(order, context.minCount);
  if (!points) return { nonNull: histogram.count(order.n) };
  if (!context.privacy) return { points, nonNull: order.n };
  const noisy = noisyPoints(thinPoints(points, noisyBinCount(order.n, histogram.epsilon!)), order, histogram);
  return { points: noisy.points, nonNull: noisy.total };
}

