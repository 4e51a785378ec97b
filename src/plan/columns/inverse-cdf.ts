import type { Rng } from "../../random/rng.js";
import type { HistogramBin, QuantilePoint } from "../../stats/types.js";

/** A sampler of numbers that follows published quantiles or histogram bins. */
export type NumericDraw = (rng: Rng) => number;

/** Linear interpolation between quantile points: the inverse of a piecewise-linear CDF. */
export function quantileDraw(points: ReadonlyArray<QuantilePoint<number>>): NumericDraw {
  const ps = Float64Array.from(points, (p) => p[0]);
  const vs = Float64Array.from(points, (p) => p[1]);
  const last = points.length - 1;
  const p0 = ps[0]!, pn = ps[last]!;
  return (rng) => {
    const u = p0 + rng.float() * (pn - p0);
    let lo = 0, hi = last;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (ps[mid]! <= u) lo = mid;
      else hi = mid;
    }
    const width = ps[hi]! - ps[lo]!;
    const t = width > 0 ? (u - ps[lo]!) / width : 0;
    return vs[lo]! + t * (vs[hi]! - vs[lo]!);
  };
}

/** A bin chosen by its frequency, then a uniform value within it. */
export function histogramDraw(bins: ReadonlyArray<HistogramBin<number>>): NumericDraw {
  const cumulative = new Float64Array(bins.length);
  let total = 0;
  bins.forEach((bin, i) => {
    total += bin.frequency;
    cumulative[i] = total;
  });
  const from = Float64Array.from(bins, (b) => b.from);
  const to = Float64Array.from(bins, (b) => b.to);
  return (rng) => {
    const u = rng.float() * total;
    let i = 0;
    while (i < cumulative.length - 1 && cumulative[i]! <= u) i++;
    return from[i]! + rng.float() * (to[i]! - from[i]!);
  };
}

/** Picks an index with the given weights (need not sum to 1). */
export function weightedIndex(weights: readonly number[]): (rng: Rng) => number {
  const cumulative = new Float64Array(weights.length);
  let total = 0;
  weights.forEach((w, i) => {
    total += w;
    cumulative[i] = total;
  });
  const last = weights.length - 1;
  return (rng) => {
    const u = rng.float() * total;
    let lo = 0, hi = last;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}
