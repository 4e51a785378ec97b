import type { OrderedValues } from "../accumulators/numeric-distribution.js";

/**
 * Quantile points that never publish an extreme.
 *
 * The minimum and maximum of a column often belong to one identifiable person (the oldest patient,
 * the largest salary). So the outermost points taken from the data are the K-th smallest and K-th
 * largest values: each has at least K records at or beyond it. Beyond them, each tail (a share of
 * about K/n of the values) is extrapolated from ranks K, 2K and 4K alone, so changing or removing any
 * of the K-1 most extreme records leaves the published statistics unchanged.
 *
 * The tails follow a generalised Pareto shape whose index comes from those ranks (Pickands'
 * estimator): a short-tailed column (a percentage) gets a straight tail, a long-tailed one (incomes,
 * house prices) a tail that stretches, as the real data's would. A straight line from ranks K and 2K
 * would cut every long tail short, which on small tables cost 3% of KS score.
 *
 * However the tail is shaped, it reaches beyond the K-th value by at least MIN_REACH and at most
 * MAX_REACH of the range between the two K-th values (a lower bound of the real range): the published
 * end is never the real extreme even where K or more records share it (a top score of 20), and
 * dummy values never stray further beyond the real ends than MAX_REACH of the real range, where the
 * extrapolation alone put penguins' bills 86% of the real range beyond the real maximum.
 *
 * Points use the midpoint plotting position, p = (rank - 0.5) / n, so that drawing p uniformly and
 * interpolating reproduces the empirical distribution closely (a Kolmogorov-Smirnov distance of about
 * one grid step at most on discrete data, much less on continuous data).
 */

export type Point = [p: number, value: number];

/**
 * How many of the smallest and of the largest values the rules read (ranks K, 2K and 4K from each
 * end), so a column too big to keep whole must keep at least these exactly: read from a sample, the
 * deepest rank would move with the column's extreme records.
 */
export function exactTailFor(minCount: number): number {
  return 4 * Math.max(1, minCount) + 1;
}

/** Points between the K-safe ends: every 1/steps of probability (100 steps gives 101 points). */
export const QUANTILE_STEPS = 100;

/** Tail shape index bounds: -1 is a straight (uniform) tail, 0.5 a heavy one; beyond is guesswork. */
const SHAPE_MIN = -1;
const SHAPE_MAX = 0.5;
/** Fractions of the tail's share at which tail points are published (the outermost is added apart). */
const TAIL_FRACTIONS = [0.5, 0.25, 0.125];
/** How far a tail reaches beyond the K-th value, as shares of the range between the K-th values. */
export const MIN_REACH = 0.01;
export const MAX_REACH = 0.05;

export function safeQuantiles(order: OrderedValues, minCount: number, steps = QUANTILE_STEPS): Point[] | undefined {
  const n = order.n;
  const k = Math.max(1, minCount);
  if (n < 2 * k) return undefined; // no rank is K from both ends: nothing can be published
  const valueAtP = (p: number) => order.atRank(p * n + 0.5);
  const lowRank = k;
  const highRank = n - k + 1;
  const pLow = (lowRank - 0.5) / n;
  const pHigh = (highRank - 0.5) / n;
  const points: Point[] = [[pLow, order.atRank(lowRank)]];
  for (let j = 1; j < steps; j++) {
    const p = j / steps;
    if (p > pLow && p < pHigh) points.push([p, valueAtP(p)]);
  }
  if (highRank > lowRank) points.push([pHigh, order.atRank(highRank)]);

  // The upper tail as measured from the top; the lower tail is the upper tail of the negated values.
  const fromTop = (i: number) => order.atRank(n + 1 - i);
  const fromBottom = (i: number) => -order.atRank(i);
  const inner = order.atRank(highRank) - order.atRank(lowRank);
  const reach = inner > 0 ? { min: MIN_REACH * inner, max: MAX_REACH * inner } : { min: MIN_REACH * Math.max(1, Math.abs(order.atRank(lowRank))), max: MAX_REACH * Math.max(1, Math.abs(order.atRank(lowRank))) };
  const high = bounded(tail(fromTop, k, n), fromTop(k), reach);
  const low = bounded(tail(fromBottom, k, n), fromBottom(k), reach).map(([t, v]): Point => [t, -v]);
  return [
    ...low.map(([share, value]): Point => [share === 0 ? 0 : pLow * share, value]),
    ...points,
    ...high.reverse().map(([share, value]): Point => [share === 0 ? 1 : 1 - (1 - pHigh) * share, value]),
  ];
}

/**
 * A tail (outermost first) squeezed towards its K-th value `x1` so that its end lies between
 * `reach.min` and `reach.max` beyond it; the points keep their order and relative spacing.
 */
function bounded(points: Point[], x1: number, reach: { min: number; max: number }): Point[] {
  const end = points[0]![1] - x1;
  const target = Math.min(reach.max, Math.max(reach.min, end));
  if (end > 0) return points.map(([t, v]): Point => [t, x1 + ((v - x1) * target) / end]);
  // A flat tail (the outermost values tied): a straight one out to the least reach.
  return points.map(([t]): Point => [t, x1 + target * (1 - t)]);
}

/**
 * Extrapolated points of an upper tail, outermost first, as [share of the tail beyond, value]; share 0
 * stands for the end of the distribution (a share of 0.5/K, where the largest of n values would fall).
 * `top(i)` is the i-th largest value.
 */
function tail(top: (i: number) => number, k: number, n: number): Point[] {
  const x1 = top(k);
  const outermost = 0.5 / k;
  if (n < 8 * k) {
    // Too few values for three well-separated ranks: a straight tail from ranks K and 2K.
    const inner = top(Math.min(2 * k, n - k + 1));
    return [[0, x1 + (x1 - inner) * (1 - outermost)]];
  }
  const x2 = top(2 * k), x4 = top(4 * k);
  const near = x1 - x2, far = x2 - x4;
  if (!(near > 0 && far > 0)) {
    // Ties (discrete values): the tail spreads as the last 3K values do, in a straight line.
    return [[0, x1 + ((x1 - x4) / 3) * (1 - outermost)]];
  }
  const shape = Math.min(SHAPE_MAX, Math.max(SHAPE_MIN, Math.log(near / far) / Math.LN2));
  // Generalised Pareto quantiles through x1 (share 1) and x2 (share 2): Q(t) = x1 + scale * (t^-shape - 1) / shape.
  const grow = (t: number) => (Math.abs(shape) < 1e-9 ? -Math.log(t) : (t ** -shape - 1) / shape);
  const scale = near / -grow(2);
  const at = (t: number) => x1 + scale * grow(t);
  return [[0, at(outermost)], ...TAIL_FRACTIONS.filter((t) => t > outermost).reverse().map((t): Point => [t, at(t)])];
}

/**
 * Tidies points for publication: values rounded (keeping enough places for interpolation between
 * whole numbers to stay smooth), clamped to a sign every value has, and made non-decreasing.
 */
export function tidyPoints(points: Point[], options: { places: number; nonNegative: boolean; nonPositive: boolean }): Point[] {
  const scale = 10 ** Math.min(15, options.places);
  let previous = -Infinity;
  const rounded = points.map(([p, value]): Point => {
    let v = Math.round(value * scale) / scale;
    if (options.nonNegative && v < 0) v = 0;
    if (options.nonPositive && v > 0) v = 0;
    if (v < previous) v = previous;
    previous = v;
    return [Math.round(p * 1e6) / 1e6, v];
  });
  // Over millions of rows the tail points' probabilities round to the same figure: one point per
  // probability, keeping the outer ends (the first at 0, the last at 1), so probabilities rise.
  const kept: Point[] = [];
  rounded.forEach((point, i) => {
    const last = kept[kept.length - 1];
    if (last === undefined || point[0] > last[0]) kept.push(point);
    else if (i === rounded.length - 1) kept[kept.length - 1] = point;
  });
  return kept;
}

/** Ordered values of a small-integer histogram (text lengths), exact. */
export function orderFromCounts(counts: ReadonlyMap<number, number>): OrderedValues {
  const entries = [...counts.entries()].sort((a, b) => a[0] - b[0]);
  const values = Float64Array.from(entries, (e) => e[0]);
  const cumulative = new Float64Array(entries.length);
  let total = 0;
  entries.forEach(([, count], i) => {
    total += count;
    cumulative[i] = total;
  });
  const valueAtIndex = (index: number): number => {
    // index is 0-based rank; find the first value whose cumulative count exceeds it
    let lo = 0, hi = values.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > index) hi = mid;
      else lo = mid + 1;
    }
    return values[lo]!;
  };
  return {
    n: total,
    exact: true,
    atRank(rank: number): number {
      const index = Math.min(Math.max(rank - 1, 0), total - 1);
      const lo = Math.floor(index);
      const t = index - lo;
      const a = valueAtIndex(lo);
      return t === 0 || lo + 1 >= total ? a : a + t * (valueAtIndex(lo + 1) - a);
    },
    countAtOrBelow(value: number): number {
      let count = 0;
      for (let i = 0; i < values.length && values[i]! <= value; i++) count = cumulative[i]!;
      return count;
    },
  };
}

/** Ordered values of a list of numbers, exact (group distributions, gaps). */
export function orderFromValues(values: readonly number[]): OrderedValues {
  const sorted = Float64Array.from(values).sort();
  return {
    n: sorted.length,
    exact: true,
    atRank(rank: number): number {
      const index = Math.min(Math.max(rank - 1, 0), sorted.length - 1);
      const lo = Math.floor(index);
      const t = index - lo;
      return t === 0 || lo + 1 >= sorted.length ? sorted[lo]! : sorted[lo]! + t * (sorted[lo + 1]! - sorted[lo]!);
    },
    countAtOrBelow(value: number): number {
      let a = 0, b = sorted.length;
      while (a < b) {
        const mid = (a + b) >> 1;
        if (sorted[mid]! <= value) a = mid + 1;
        else b = mid;
      }
      return a;
    },
  };
}
