import type { Canonical } from "./column-values.js";

/**
 * SDMetrics' Column Pair Trends: for every pair of scored columns, how alike the two tables' joint
 * behaviour is. Two numeric columns (numbers, dates) score CorrelationSimilarity,
 * 1 - |r_real - r_dummy| / 2 with Pearson's r over the rows where both have a value; any other pair
 * scores ContingencySimilarity, 1 - the total variation distance between the two-way tables, with
 * numeric columns cut into 10 equal-width bins over the real range (a dummy value outside it falls in
 * no bin and counts, as an empty cell does, as its own cell of the table).
 */

export type PairMetric = "CorrelationSimilarity" | "ContingencySimilarity";

export interface PairColumn {
  name: string;
  numeric: boolean;
}

export interface PairScore {
  columns: [string, string];
  metric: PairMetric;
  /** Null when a correlation is undefined (a column constant or empty on one side). */
  score: number | null;
  /** Pearson's r, for correlation pairs. */
  real?: number;
  dummy?: number;
}

const BINS = 10;
// Cells of a two-way table are small integers: 0 for empty, 1 for outside the real range, then bins
// or categories. A pair's cell is a * CELL_SPAN + b, so tables are keyed by numbers, not strings.
const EMPTY = 0;
const OUTSIDE = 1;
const CELL_SPAN = 2 ** 21;

function pearson(rows: readonly Canonical[][], a: number, b: number): number | undefined {
  let n = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
  for (const row of rows) {
    const x = row[a], y = row[b];
    if (typeof x !== "number" || typeof y !== "number" || Number.isNaN(x) || Number.isNaN(y)) continue;
    n++;
    sx += x;
    sy += y;
    sxx += x * x;
    syy += y * y;
    sxy += x * y;
  }
  if (n < 2) return undefined;
  const vx = sxx - (sx * sx) / n, vy = syy - (sy * sy) / n;
  if (!(vx > 0) || !(vy > 0)) return undefined;
  const r = (sxy - (sx * sy) / n) / Math.sqrt(vx * vy);
  return Math.max(-1, Math.min(1, r));
}

/** The cell a value falls in: its bin for numeric columns, its category otherwise. */
type Cutter = (value: Canonical) => number;

function cutterFor(column: PairColumn, index: number, realRows: readonly Canonical[][]): Cutter {
  if (!column.numeric) {
    const codes = new Map<Canonical, number>();
    return (value) => {
      if (value === null) return EMPTY;
      let code = codes.get(value);
      if (code === undefined) codes.set(value, (code = OUTSIDE + 1 + codes.size));
      return code;
    };
  }
  let low = Infinity, high = -Infinity;
  for (const row of realRows) {
    const value = row[index];
    if (typeof value === "number" && !Number.isNaN(value)) {
      if (value < low) low = value;
      if (value > high) high = value;
    }
  }
  const width = high > low ? (high - low) / BINS : 0;
  return (value) => {
    if (value === null) return EMPTY;
    if (typeof value !== "number" || Number.isNaN(value) || !(value >= low && value <= high)) return OUTSIDE;
    if (width === 0) return OUTSIDE + 1;
    return OUTSIDE + 1 + Math.min(BINS - 1, Math.floor((value - low) / width));
  };
}

function contingency(rows: readonly Canonical[][], a: number, b: number, cutA: Cutter, cutB: Cutter): Map<number, number> {
  const counts = new Map<number, number>();
  for (const row of rows) {
    const key = cutA(row[a]!) * CELL_SPAN + cutB(row[b]!);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

function contingencySimilarity(real: Map<number, number>, realRows: number, dummy: Map<number, number>, dummyRows: number): number {
  if (realRows === 0 || dummyRows === 0) return realRows === dummyRows ? 1 : 0;
  let distance = 0;
  for (const [key, count] of real) distance += Math.abs(count / realRows - (dummy.get(key) ?? 0) / dummyRows);
  for (const [key, count] of dummy) if (!real.has(key)) distance += count / dummyRows;
  return 1 - distance / 2;
}

/**
 * Every pair of `columns`, scored from rows of canonical values (one entry per column, in order).
 * Bins come from `realRows`, so scoring a real half against the other half uses that half's range.
 */
export function pairTrends(columns: readonly PairColumn[], realRows: readonly Canonical[][], dummyRows: readonly Canonical[][]): PairScore[] {
  const cutters = columns.map((column, i) => cutterFor(column, i, realRows));
  const scores: PairScore[] = [];
  for (let a = 0; a < columns.length; a++) {
    for (let b = a + 1; b < columns.length; b++) {
      const names: [string, string] = [columns[a]!.name, columns[b]!.name];
      if (columns[a]!.numeric && columns[b]!.numeric) {
        const real = pearson(realRows, a, b), dummy = pearson(dummyRows, a, b);
        const score = real === undefined || dummy === undefined ? null : 1 - Math.abs(real - dummy) / 2;
        scores.push({ columns: names, metric: "CorrelationSimilarity", score, ...(real !== undefined ? { real } : {}), ...(dummy !== undefined ? { dummy } : {}) });
      } else {
        const real = contingency(realRows, a, b, cutters[a]!, cutters[b]!);
        const dummy = contingency(dummyRows, a, b, cutters[a]!, cutters[b]!);
        scores.push({ columns: names, metric: "ContingencySimilarity", score: contingencySimilarity(real, realRows.length, dummy, dummyRows.length) });
      }
    }
  }
  return scores;
}

/** The mean score over the pairs that have one (SDMetrics' Column Pair Trends), or null. */
export function meanPairScore(scores: readonly PairScore[]): number | null {
  const scored = scores.filter((s) => s.score !== null).map((s) => s.score!);
  return scored.length > 0 ? scored.reduce((x, y) => x + y, 0) / scored.length : null;
}
