import type { ColumnEncoder, EncodedCell } from "../dependence/encode.js";

/**
 * What the second pass counts, over every row, to find the rules that hold in all of them: for each
 * pair of numbers or dates, whether one was ever above the other; for each column with empty values
 * and each category column, how often it is empty under each category; for each category column and
 * number, the range of the number under each category; for each pair of category columns, their
 * two-way counts. Exact, and in memory that depends on the columns, not the rows.
 */
export class RuleEvidence {
  readonly m: number;
  /** [a * m + b]: rows where both are present; rows where a > b; rows where a >= b. */
  readonly bothPresent: Float64Array;
  readonly above: Float64Array;
  readonly atOrAbove: Float64Array;
  /** Per (column x with an empty state, category column w): counts by w's state (+1; 0 for "none"), x empty or not. */
  readonly emptiness: Array<{ x: number; w: number; empty: Float64Array; present: Float64Array }> = [];
  /** Per (category column a, ordered column b): min, max and count of b by a's state (+1). */
  readonly ranges: Array<{ a: number; b: number; min: Float64Array; max: Float64Array; count: Float64Array }> = [];
  /** Per pair of category columns (a < b): counts by (state of a, state of b). */
  readonly pairs: Array<{ a: number; b: number; counts: Float64Array }> = [];
  private readonly ordered: number[];
  private readonly categories: number[];
  private readonly nullable: number[];

  constructor(
    readonly encoders: ColumnEncoder[],
    readonly maxPairCells = 4096,
  ) {
    const m = (this.m = encoders.length);
    this.bothPresent = new Float64Array(m * m);
    this.above = new Float64Array(m * m);
    this.atOrAbove = new Float64Array(m * m);
    this.ordered = encoders.flatMap((e, i) => (e.ordered ? [i] : []));
    this.categories = encoders.flatMap((e, i) => (e.categorical ? [i] : []));
    this.nullable = encoders.flatMap((e, i) => (e.emptyState >= 0 ? [i] : []));
    for (const x of this.nullable) {
      for (const w of this.categories) {
        if (w === x) continue;
        const size = encoders[w]!.states.length + 1;
        this.emptiness.push({ x, w, empty: new Float64Array(size), present: new Float64Array(size) });
      }
    }
    for (const a of this.categories) {
      for (const b of this.ordered) {
        if (a === b) continue;
        const size = encoders[a]!.states.length + 1;
        this.ranges.push({ a, b, min: new Float64Array(size).fill(Infinity), max: new Float64Array(size).fill(-Infinity), count: new Float64Array(size) });
      }
    }
    for (const a of this.categories) {
      for (const b of this.categories) {
        if (b <= a) continue;
        const cells = encoders[a]!.states.length * encoders[b]!.states.length;
        if (cells <= maxPairCells) this.pairs.push({ a, b, counts: new Float64Array(cells) });
      }
    }
  }

  add(cells: readonly EncodedCell[]): void {
    const m = this.m;
    const ordered = this.ordered;
    for (let i = 0; i < ordered.length; i++) {
      const a = ordered[i]!;
      const x = cells[a]!.value;
      if (Number.isNaN(x)) continue;
      for (let j = 0; j < ordered.length; j++) {
        if (i === j) continue;
        const b = ordered[j]!;
        const y = cells[b]!.value;
        if (Number.isNaN(y)) continue;
        const k = a * m + b;
        this.bothPresent[k]!++;
        if (x > y) this.above[k]!++;
        if (x >= y) this.atOrAbove[k]!++;
      }
    }
    for (const counts of this.emptiness) {
      const cellX = cells[counts.x]!;
      if (cellX.state === -1) continue;
      const slot = cells[counts.w]!.state + 1;
      if (cellX.state === this.encoders[counts.x]!.emptyState) counts.empty[slot]!++;
      else counts.present[slot]!++;
    }
    for (const range of this.ranges) {
      const y = cells[range.b]!.value;
      if (Number.isNaN(y)) continue;
      const slot = cells[range.a]!.state + 1;
      if (y < range.min[slot]!) range.min[slot] = y;
      if (y > range.max[slot]!) range.max[slot] = y;
      range.count[slot]!++;
    }
    for (const pair of this.pairs) {
      const sa = cells[pair.a]!.state, sb = cells[pair.b]!.state;
      if (sa < 0 || sb < 0) continue;
      pair.counts[sa * this.encoders[pair.b]!.states.length + sb]!++;
    }
  }
}
