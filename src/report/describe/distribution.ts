import type { ColumnStats, HistogramBin, QuantilePoint } from "../../stats/types.js";

/** One bar of a chart: a label, an optional meaning, and a share of the non-empty values (0..1). */
export interface Bar {
  label: string;
  meaning?: string;
  fraction: number;
}

export type Chart =
  | { kind: "bars"; bars: Bar[]; source: "statistics" | "sample"; note?: string }
  | { kind: "histogram"; bins: Bar[]; source: "statistics" | "sample"; axis: "number" | "date"; from: string; to: string };

const DAY = 86_400_000;

/** Dates and date-times as milliseconds, numbers as themselves. */
export function toScalar(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value !== "string" || value === "") return undefined;
  if (/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(value)) return Number(value);
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? value + "T00:00:00Z" : value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** A readable number: whole numbers as they are, others to at most three significant decimals. */
export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return value.toFixed(digits).replace(/\.?0+$/, "");
}

export function formatScalar(value: number, axis: "number" | "date", span = 0): string {
  if (axis === "number") return formatNumber(value);
  const iso = new Date(value).toISOString();
  return span > 3 * 365 * DAY ? iso.slice(0, 7) : iso.slice(0, 10);
}

function cdfAt(points: Array<[number, number]>, x: number): number {
  if (x <= points[0]![1]) return points[0]![0];
  for (let i = 1; i < points.length; i++) {
    const [p1, v1] = points[i]!;
    const [p0, v0] = points[i - 1]!;
    if (x <= v1) return v1 === v0 ? p1 : p0 + ((p1 - p0) * (x - v0)) / (v1 - v0);
  }
  return points[points.length - 1]![0];
}

/** Equal-width bins over [lo, hi] with the mass a piecewise-linear CDF puts in each. */
function binsFromCdf(points: Array<[number, number]>, axis: "number" | "date", integer: boolean, count = 12): Chart | undefined {
  if (points.length < 2) return undefined;
  const lo = points[0]![1];
  const hi = points[points.length - 1]![1];
  if (!(hi > lo)) return undefined;
  let n = count;
  if (integer && hi - lo + 1 < n) n = Math.max(1, hi - lo + 1);
  const width = (hi - lo) / n;
  const total = points[points.length - 1]![0] - points[0]![0] || 1;
  const bins: Bar[] = [];
  for (let i = 0; i < n; i++) {
    const a = lo + i * width;
    const b = i === n - 1 ? hi : lo + (i + 1) * width;
    bins.push({ label: formatScalar(a, axis, hi - lo), fraction: (cdfAt(points, b) - cdfAt(points, a)) / total });
  }
  return { kind: "histogram", bins, source: "statistics", axis, from: formatScalar(lo, axis, hi - lo), to: formatScalar(hi, axis, hi - lo) };
}

export function chartFromQuantiles(quantiles: QuantilePoint[], axis: "number" | "date", integer: boolean): Chart | undefined {
  const points = quantiles.map(([p, v]) => [p, toScalar(v)] as [number, number | undefined]).filter((x): x is [number, number] => x[1] !== undefined);
  return binsFromCdf(points, axis, integer);
}

export function chartFromHistogram(histogram: HistogramBin[], axis: "number" | "date"): Chart | undefined {
  if (histogram.length === 0) return undefined;
  const total = histogram.reduce((s, b) => s + b.frequency, 0) || 1;
  const lo = toScalar(histogram[0]!.from) ?? 0;
  const hi = toScalar(histogram[histogram.length - 1]!.to) ?? 0;
  return {
    kind: "histogram",
    bins: histogram.map((b) => ({ label: formatScalar(toScalar(b.from) ?? 0, axis, hi - lo), fraction: b.frequency / total })),
    source: "statistics",
    axis,
    from: formatScalar(lo, axis, hi - lo),
    to: formatScalar(hi, axis, hi - lo),
  };
}

/** A histogram of sample values: the empirical CDF, binned the same way as statistics. */
export function chartFromValues(values: number[], axis: "number" | "date", integer: boolean): Chart | undefined {
  if (values.length < 2) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const lo = sorted[0]!;
  const hi = sorted[sorted.length - 1]!;
  if (!(hi > lo)) return undefined;
  let n = 12;
  if (integer && hi - lo + 1 < n) n = hi - lo + 1;
  const width = (hi - lo) / n;
  const counts = new Array<number>(n).fill(0);
  for (const v of sorted) counts[Math.min(n - 1, Math.floor((v - lo) / width))]!++;
  return {
    kind: "histogram",
    bins: counts.map((c, i) => ({ label: formatScalar(lo + i * width, axis, hi - lo), fraction: c / sorted.length })),
    source: "sample",
    axis,
    from: formatScalar(lo, axis, hi - lo),
    to: formatScalar(hi, axis, hi - lo),
  };
}

/** The chart the statistics alone support for a column, if any. */
export function chartFromStats(stats: ColumnStats): Chart | undefined {
  switch (stats.kind) {
    case "boolean":
      return {
        kind: "bars",
        source: "statistics",
        bars: [
          { label: "true", fraction: stats.trueFraction },
          { label: "false", fraction: 1 - stats.trueFraction },
        ],
      };
    case "number":
      if (stats.histogram) return chartFromHistogram(stats.histogram, "number");
      if (stats.quantiles) return chartFromQuantiles(stats.quantiles, "number", stats.integer === true);
      return undefined;
    case "date":
    case "datetime":
      if (stats.histogram) return chartFromHistogram(stats.histogram, "date");
      if (stats.quantiles) return chartFromQuantiles(stats.quantiles, "date", false);
      return undefined;
    default:
      return undefined;
  }
}
