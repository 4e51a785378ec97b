import type { HistogramBin, QuantilePoint } from "../../stats/types.js";

/**
 * A published numeric distribution (numbers, or dates as seconds) as two maps between values and
 * probabilities: `at(u)`, its inverse CDF, turns a uniform u in [0, 1) into a value; `cdf(x)` is the
 * share of values below x. Independent columns feed `at` a fresh uniform draw; columns of the
 * dependence model feed it a position the model chose, which is what keeps every column's own
 * distribution exactly as published whatever the model does.
 */
export interface NumericShape {
  at(u: number): number;
  /**
   * The probability at x. Where the distribution holds x with a positive probability (a flat run of
   * quantile points, a value shared by many records), `split` in [0, 1) picks a point within that run.
   */
  cdf(x: number, split?: number): number;
}

/** Linear interpolation between quantile points: the inverse of a piecewise-linear CDF. */
export function quantileShape(points: ReadonlyArray<QuantilePoint<number>>): NumericShape {
  const ps = Float64Array.from(points, (p) => p[0]);
  const vs = Float64Array.from(points, (p) => p[1]);
  const last = points.length - 1;
  const p0 = ps[0]!, span = ps[last]! - p0;
  return {
    at(u) {
      const p = p0 + u * span;
      let lo = 0, hi = last;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (ps[mid]! <= p) lo = mid;
        else hi = mid;
      }
      const width = ps[hi]! - ps[lo]!;
      const t = width > 0 ? (p - ps[lo]!) / width : 0;
      return vs[lo]! + t * (vs[hi]! - vs[lo]!);
    },
    cdf(x, split = 0.5) {
      if (!(span > 0)) return split;
      if (x < vs[0]!) return 0;
      if (x > vs[last]!) return 1;
      // The inverse CDF gives x on the probabilities from `low` to `high` (one point unless x is held
      // by a run of equal quantile values).
      let a = 0, b = last;
      while (a < b) {
        const mid = (a + b) >> 1;
        if (vs[mid]! >= x) b = mid;
        else a = mid + 1;
      }
      const first = a; // the first point at or above x
      const low = first === 0 || vs[first]! === x ? ps[first]! : interpolate(first - 1, x);
      a = 0;
      b = last;
      while (a < b) {
        const mid = (a + b + 1) >> 1;
        if (vs[mid]! <= x) a = mid;
        else b = mid - 1;
      }
      const lastAt = a; // the last point at or below x
      const high = lastAt === last || vs[lastAt]! === x ? ps[lastAt]! : interpolate(lastAt, x);
      return Math.min(1, Math.max(0, (low + split * (high - low) - p0) / span));
    },
  };

  function interpolate(i: number, x: number): number {
    const v0 = vs[i]!, v1 = vs[i + 1]!;
    return ps[i]! + ((x - v0) / (v1 - v0)) * (ps[i + 1]! - ps[i]!);
  }
}

/** Bins of values chosen by their frequency, values uniform within a bin. */
export function histogramShape(bins: ReadonlyArray<HistogramBin<number>>): NumericShape {
  const total = bins.reduce((sum, bin) => sum + bin.frequency, 0);
  const edges: Array<QuantilePoint<number>> = [];
  let running = 0;
  for (const bin of bins) {
    if (bin.frequency <= 0) continue;
    if (edges.length === 0 || edges[edges.length - 1]![1] !== bin.from) edges.push([running / total, bin.from]);
    running += bin.frequency;
    edges.push([running / total, bin.to]);
  }
  return quantileShape(edges);
}

/** Picks an index for a u in [0, 1), with the given weights (need not sum to 1). */
export function weightedIndexAt(weights: readonly number[]): (u: number) => number {
  const cumulative = new Float64Array(weights.length);
  let total = 0;
  weights.forEach((w, i) => {
    total += w;
    cumulative[i] = total;
  });
  const last = weights.length - 1;
  return (u) => {
    const target = u * total;
    let lo = 0, hi = last;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}
