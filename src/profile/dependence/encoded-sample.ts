import type { Rng } from "../../random/rng.js";
import type { EncodedCell } from "./encode.js";

/**
 * A uniform sample of the table's rows, each kept only as its columns' states, positions and values
 * (a few bytes per cell, never the cell's text): the dependence model is learned from it and its
 * tables count it. Every row is kept when the table has no more rows than the capacity, so the
 * counts are then exact; beyond, reservoir sampling keeps a uniform sample in fixed memory.
 */
export class EncodedSample {
  readonly states: Int16Array;
  readonly positions: Float32Array;
  readonly values: Float64Array;
  /** Rows held (at most the capacity). */
  size = 0;
  /** Rows offered. */
  seen = 0;

  constructor(
    readonly columns: number,
    readonly capacity: number,
    private readonly rng: Rng,
  ) {
    this.states = new Int16Array(columns * capacity);
    this.positions = new Float32Array(columns * capacity);
    this.values = new Float64Array(columns * capacity);
  }

  /** The slot the next row goes to, or -1 when the reservoir passes it over. */
  slotForNext(): number {
    const i = this.seen++;
    if (i < this.capacity) {
      this.size++;
      return i;
    }
    const j = this.rng.below(i + 1);
    return j < this.capacity ? j : -1;
  }

  set(slot: number, column: number, cell: EncodedCell): void {
    const at = slot * this.columns + column;
    this.states[at] = cell.state;
    this.positions[at] = cell.position;
    this.values[at] = cell.value;
  }

  state(row: number, column: number): number {
    return this.states[row * this.columns + column]!;
  }

  position(row: number, column: number): number {
    return this.positions[row * this.columns + column]!;
  }

  value(row: number, column: number): number {
    return this.values[row * this.columns + column]!;
  }

  get sampled(): boolean {
    return this.seen > this.capacity;
  }
}
