import type { Canonical } from "./column-values.js";

/**
 * Disclosure measures: dummy rows that copy a real row, and how close each dummy row comes to its
 * closest real row (distance to closest record, DCR).
 */

/** A 52-bit hash of a row's canonical cells: two independent 32-bit FNV-1a hashes, combined. */
export function rowKey(cells: readonly Canonical[]): number {
  let a = 0x811c9dc5, b = 0x01000193 ^ 0x5bd1e995;
  for (const cell of cells) {
    const text = cell === null ? "\u0000" : typeof cell === "number" ? (Number.isNaN(cell) ? "\u0001" : String(cell)) : cell;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x050c5d1f);
    }
    a = Math.imul(a ^ 0x1f, 0x01000193); // cell separator
    b = Math.imul(b ^ 0x1f, 0x050c5d1f);
  }
  return (a >>> 0) * 0x100000 + ((b >>> 12) & 0xfffff);
}

/** Counts of real rows by key, to look dummy rows up in. */
export class RealRowIndex {
  private readonly counts = new Map<number, number>();

  add(key: number): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** How many real rows have this key (0 when none). */
  count(key: number): number {
    return this.counts.get(key) ?? 0;
  }
}

export interface DistanceColumn {
  numeric: boolean;
  /** The real column's range (max - min), to put numeric distances on [0, 1]. */
  range: number;
}

/**
 * Rows as column-major feature arrays: numbers as themselves (NaN = empty), other values as codes
 * shared between real and dummy rows (0 = empty; a dummy value the real sample lacks gets -1, equal
 * to nothing real).
 */
function encode(rows: Canonical[][], columns: DistanceColumn[], codes: Array<Map<string, number>>, grow: boolean): Float64Array {
  const n = rows.length;
  const features = new Float64Array(n * columns.length);
  columns.forEach((column, c) => {
    const table = codes[c]!;
    for (let r = 0; r < n; r++) {
      const cell = rows[r]![c] ?? null;
      let value: number;
      if (column.numeric) value = cell === null ? Number.NaN : (cell as number);
      else if (cell === null) value = 0;
      else {
        const key = String(cell);
        let code = table.get(key);
        if (code === undefined && grow) table.set(key, (code = table.size + 1));
        value = code ?? -1;
      }
      features[c * n + r] = value;
    }
  });
  return features;
}

/**
 * For each probe row, the distance to the closest row of `reference`: the mean over columns of
 * |a - b| / range for numbers (capped at 1) and 0 or 1 for other values (Gower's distance, as
 * SDMetrics' DCR metrics use); an empty cell is 0 from another empty cell and 1 from anything else.
 * With `excludeSelf`, probe row i is reference row i and is not its own neighbour.
 */
export function closestDistances(probe: Canonical[][], reference: Canonical[][], columns: DistanceColumn[], excludeSelf = false): Float64Array {
  const codes = columns.map(() => new Map<string, number>());
  const ref = encode(reference, columns, codes, true);
  const pro = encode(probe, columns, codes, false);
  const nRef = reference.length, nPro = probe.length, width = columns.length;
  const numeric = columns.map((c) => c.numeric);
  const scale = columns.map((c) => (c.range > 0 ? 1 / c.range : 0));
  const result = new Float64Array(nPro);
  for (let p = 0; p < nPro; p++) {
    let best = Infinity;
    for (let r = 0; r < nRef; r++) {
      if (excludeSelf && r === p) continue;
      let total = 0;
      for (let c = 0; c < width && total < best; c++) {
        const a = pro[c * nPro + p]!, b = ref[c * nRef + r]!;
        if (numeric[c]) {
          if (Number.isNaN(a) || Number.isNaN(b)) total += Number.isNaN(a) && Number.isNaN(b) ? 0 : 1;
          else if (a !== b) total += scale[c]! === 0 ? 1 : Math.min(1, Math.abs(a - b) * scale[c]!);
        } else if (a !== b) total += 1;
      }
      if (total < best) best = total;
      if (best === 0) break;
    }
    result[p] = width > 0 ? best / width : 0;
  }
  return result;
}

/** The q-quantile (0..1) of values, interpolating linearly between order statistics. */
export function percentile(values: Float64Array, q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = values.slice().sort();
  const index = q * (sorted.length - 1);
  const lo = Math.floor(index);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (index - lo) * (sorted[hi]! - sorted[lo]!);
}
