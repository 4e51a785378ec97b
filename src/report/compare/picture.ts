import { formatNumber } from "../describe/distribution.js";

/**
 * Real against dummy for one column, as aggregates that each rest on at least K real records: shares
 * of the categories at least K real rows hold (the rest together, when they are K or more), or shares
 * of equal-width bins between the K-th smallest and K-th largest real value (a bin with fewer than K
 * real values shows no real share). Dummy values outside that range count in the end bins.
 */

export interface PictureBar {
  label: string;
  /** Share of the real values present, or null when it would rest on fewer than K records. */
  real: number | null;
  dummy: number;
}

export interface ColumnPicture {
  kind: "categories" | "bins";
  bars: PictureBar[];
  /** For bins: the range drawn. */
  from?: string;
  to?: string;
}

const MAX_CATEGORIES = 24;
const BINS = 12;

const round = (x: number) => Math.round(x * 1e4) / 1e4;

export function categoryPicture(real: ReadonlyMap<string, number>, dummy: ReadonlyMap<string, number>, k: number): ColumnPicture | undefined {
  const realTotal = [...real.values()].reduce((a, b) => a + b, 0);
  const dummyTotal = [...dummy.values()].reduce((a, b) => a + b, 0);
  if (realTotal === 0) return undefined;
  const shown = [...real.entries()].filter(([, n]) => n >= k).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, MAX_CATEGORIES);
  const names = new Set(shown.map(([name]) => name));
  const bars: PictureBar[] = shown.map(([label, n]) => ({ label, real: round(n / realTotal), dummy: round(dummyTotal > 0 ? (dummy.get(label) ?? 0) / dummyTotal : 0) }));
  const otherReal = realTotal - shown.reduce((s, [, n]) => s + n, 0);
  const otherDummy = dummyTotal - [...dummy.entries()].filter(([name]) => names.has(name)).reduce((s, [, n]) => s + n, 0);
  if (otherReal > 0 || otherDummy > 0) bars.push({ label: "all others", real: otherReal >= k ? round(otherReal / realTotal) : otherReal === 0 ? 0 : null, dummy: round(dummyTotal > 0 ? otherDummy / dummyTotal : 0) });
  return { kind: "categories", bars };
}

export function binPicture(real: Float64Array, dummy: Float64Array, k: number, temporal: boolean): ColumnPicture | undefined {
  if (real.length < 2 * k) return undefined;
  const lo = real[k - 1]!;
  const hi = real[real.length - k]!;
  if (!(hi > lo)) return undefined;
  const width = (hi - lo) / BINS;
  const bin = (v: number) => Math.min(BINS - 1, Math.max(0, Math.floor((v - lo) / width)));
  const realCounts = new Array<number>(BINS).fill(0);
  const dummyCounts = new Array<number>(BINS).fill(0);
  for (const v of real) realCounts[bin(v)]!++;
  for (const v of dummy) dummyCounts[bin(v)]!++;
  const label = (v: number) => (temporal ? new Date(v * 1000).toISOString().slice(0, hi - lo > 3 * 365 * 86400 ? 7 : 10) : formatNumber(v));
  return {
    kind: "bins",
    from: label(lo),
    to: label(hi),
    bars: realCounts.map((n, i) => ({ label: label(lo + i * width), real: n >= k || n === 0 ? round(n / real.length) : null, dummy: round(dummy.length > 0 ? dummyCounts[i]! / dummy.length : 0) })),
  };
}
