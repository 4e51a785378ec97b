import { Rng } from "../../random/rng.js";

/**
 * A uniform random sample of at most `size` items from a stream (Vitter's Algorithm R), with a fixed
 * seed so that comparing the same files twice gives the same report. The caller asks for a slot first
 * and builds the item only when one is given, so skipped rows cost nothing.
 */
export class RowSample<T> {
  readonly items: T[] = [];
  private seen = 0;
  private readonly rng: Rng;

  constructor(
    readonly size: number,
    seed: number,
  ) {
    this.rng = new Rng(seed, 0x7a3b1e);
  }

  /** The slot the next item goes in, or -1 when it is not sampled. */
  nextSlot(): number {
    const seen = ++this.seen;
    if (this.items.length < this.size) return this.items.length;
    const slot = this.rng.below(seen);
    return slot < this.size ? slot : -1;
  }

  put(slot: number, item: T): void {
    this.items[slot] = item;
  }

  /** Items offered (not kept). */
  get offered(): number {
    return this.seen;
  }
}
