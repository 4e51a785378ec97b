import type { ColumnStats, HistogramBin, QuantilePoint } from "../../stats/types.js";

/** One bar of a chart: a label, an optional meaning, and a share of the non-empty values (0..1). */
export interface Bar {
  label: string;
  meaning?: string;
  fraction: number;
  /** Held back by disclosure control (fewer than K records): no share is published. */
  heldBack?: boolean;
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

/**
 * A readable number: whole numbers as they are; others to two decimals under 10, one under 100,
 * none from 100 (269.58 is "270"), and three significant digits below 1 (0.00123). Only zeros after
 * a decimal point are dropped.
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value) || Number.isInteger(value)) return String(value);
  const abs = Math.abs(value);
  if (abs < 1) return String(Number(value.toPrecision(3)));
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  const fixed = value.toFixed(digits);
  return digits === 0 ? fixed : fixed.replace(/0+$/, "").replace(/\.$/, "");
}

export function formatScalar(value: number, axis: "number" | "date", span = 0): string {
  if (axis === "number") return formatNumber(value);
  const iso = new Date(value).toISOString();
  return span > 3 * 365 * DAY ? iso.slice(0, 7) : iso.slice(0, 10);
}

/** Bins of a date axis: calendar years (or 2, 5, 10 years) for long spans, months for shorter ones. */
interface Edges {
  edges: number[];
  labels: string[];
}

const YEAR_STEPS = [1, 2, 5, 10, 20, 50, 100];

function calendarEdges(lo: number, hi: number): Edges | undefined {
  const start = new Date(lo);
  const end = new Date(hi);
  const years = end.getUTCFullYear() - start.getUTCFullYear();
  if (years >= 4) {
    const step = YEAR_STEPS.find((s) => years / s <= 16) ?? 100;
    const first = Math.floor(start.getUTCFullYear() / step) * step;
    const edges: number[] = [];
    const labels: string[] = [];
    for (let y = first; y <= end.getUTCFullYear(); y += step) {
      edges.push(Math.max(lo, Date.UTC(y, 0, 1)));
      labels.push(step === 1 ? String(y) : `${y}–${y + step - 1}`);
    }
    edges.push(hi);
    return { edges, labels };
  }
  const months = years * 12 + end.getUTCMonth() - start.getUTCMonth();
  if (months >= 3) {
    const step = months <= 18 ? 1 : 3;
    const edges: number[] = [];
    const labels: string[] = [];
    for (let m = Math.floor(start.getUTCMonth() / step) * step, y = start.getUTCFullYear(); Date.UTC(y, m, 1) <= hi; m += step) {
      edges.push(Math.max(lo, Date.UTC(y, m, 1)));
      labels.push(new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 7));
    }
    edges.push(hi);
    return { edges, labels };
  }
  return undefined;
}

/** Equal-width bins over [lo, hi] (whole numbers: no more bins than values). */
function equalEdges(lo: number, hi: number, axis: "number" | "date", integer: boolean, count = 12): Edges {
  let n = count;
  if (integer && hi - lo + 1 < n) n = Math.max(1, hi - lo + 1);
  const width = (hi - lo) / n;
  const edges = Array.from({ length: n + 1 }, (_, i) => (i === n ? hi : lo + i * width));
  return { edges, labels: edges.slice(0, n).map((e) => formatScalar(e, axis, hi - lo)) };
}

function edgesFor(lo: number, hi: number, axis: "number" | "date", integer: boolean): Edges {
  return (axis === "date" ? calendarEdges(lo, hi) : undefined) ?? equalEdges(lo, hi, axis, integer);
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

/** Bins over [lo, hi] (calendar years for dates) with the mass a piecewise-linear CDF puts in each. */
/** What one bar of a histogram stands for, in words: "calendar year", "month", "equal range". */
export function binWord(chart: Extract<Chart, { kind: "histogram" }>): string {
  const first = chart.bins[0]?.label ?? "";
  if (chart.axis !== "date") return "equal range";
  if (/^\d{4}$/.test(first)) return "calendar year";
  if (/^\d{4}–\d{4}$/.test(first)) return `span of ${Number(first.slice(5)) - Number(first.slice(0, 4)) + 1} calendar years`;
  if (/^\d{4}-\d{2}$/.test(first) && chart.bins.length > 1) {
    const [a, b] = [chart.bins[0]!.label, chart.bins[1]!.label];
    const months = (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5)) - Number(a.slice(5));
    return months === 3 ? "quarter" : "month";
  }
  return "equal range";
}

function binsFromCdf(points: Array<[number, number]>, axis: "number" | "date", integer: boolean): Chart | undefined {
  if (points.length < 2) return undefined;
  const lo = points[0]![1];
  const hi = points[points.length - 1]![1];
  if (!(hi > lo)) return undefined;
  const { edges, labels } = edgesFor(lo, hi, axis, integer);
  const total = points[points.length - 1]![0] - points[0]![0] || 1;
  const bins: Bar[] = labels.map((label, i) => ({ label, fraction: (cdfAt(points, edges[i + 1]!) - cdfAt(points, edges[i]!)) / total }));
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

/** A histogram of sample values, binned the same way as statistics. */
export function chartFromValues(values: number[], axis: "number" | "date", integer: boolean): Chart | undefined {
  if (values.length < 2) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const lo = sorted[0]!;
  const hi = sorted[sorted.length - 1]!;
  if (!(hi > lo)) return undefined;
  const { edges, labels } = edgesFor(lo, hi, axis, integer);
  const counts = new Array<number>(labels.length).fill(0);
  let bin = 0;
  for (const v of sorted) {
    while (bin < labels.length - 1 && v >= edges[bin + 1]!) bin++;
    counts[bin]!++;
  }
  return {
    kind: "histogram",
    bins: counts.map((c, i) => ({ label: labels[i]!, fraction: c / sorted.length })),
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
