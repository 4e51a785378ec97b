import { Rng } from "../../random/rng.js";
import type { Canonical } from "./column-values.js";
import { ksComplement } from "./ks.js";
import { meanPairScore, pairTrends, type PairColumn } from "./pair-trends.js";
import { tvComplement } from "./tvd.js";

/**
 * What two samples of the same population score against each other: the real rows split at random
 * into halves, one scored as if it were the dummy data. A table of 189 rows scores well below 1 on
 * pair trends even against itself; this figure says how far a dummy table could sensibly go.
 */

export interface HalvesScore {
  rows: [number, number];
  columnShapes: number | null;
  columnPairTrends: number | null;
}

function shape(column: PairColumn, index: number, a: readonly Canonical[][], b: readonly Canonical[][]): number | null {
  if (column.numeric) {
    const values = (rows: readonly Canonical[][]) => Float64Array.from(rows.map((row) => row[index]).filter((v): v is number => typeof v === "number" && !Number.isNaN(v)));
    const x = values(a), y = values(b);
    return x.length === 0 || y.length === 0 ? null : ksComplement(x, y);
  }
  const counts = (rows: readonly Canonical[][]) => {
    const map = new Map<string, number>();
    for (const row of rows) {
      const value = row[index];
      if (value !== null && value !== undefined) map.set(String(value), (map.get(String(value)) ?? 0) + 1);
    }
    return map;
  };
  const x = counts(a), y = counts(b);
  return x.size === 0 || y.size === 0 ? null : tvComplement(x, y);
}

export function halves(rows: readonly Canonical[][], columns: readonly PairColumn[]): HalvesScore {
  const order = rows.map((_, i) => i);
  const rng = new Rng(0x4a1f, 5);
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.below(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const middle = Math.floor(order.length / 2);
  const first = order.slice(0, middle).map((i) => rows[i]!);
  const second = order.slice(middle).map((i) => rows[i]!);
  const shapes = columns.map((column, i) => shape(column, i, first, second)).filter((s): s is number => s !== null);
  return {
    rows: [first.length, second.length],
    columnShapes: shapes.length > 0 ? shapes.reduce((x, y) => x + y, 0) / shapes.length : null,
    columnPairTrends: meanPairScore(pairTrends(columns, first, second)),
  };
}
