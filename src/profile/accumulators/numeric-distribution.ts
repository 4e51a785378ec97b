import { SmallestValues } from "../sketch/bounded-heap.js";
import { ReservoirSample } from "../sketch/reservoir.js";

/**
 * The distribution of a column's numeric values (numbers, or dates as seconds since the epoch).
 *
 * Exact up to `exactLimit` values (every shared dataset fits); past that a uniform random sample of
 * `exactLimit` values stands for the middle of the distribution while the `tail` smallest and largest
 * values stay exact, because the disclosure rules read ranks K, 2K and 4K from each end, exactly where a
 * sample knows least (see exactTailFor). Memory is bounded by exactLimit + 2 * tail values, whatever
 * the number of rows.
 */
export class NumericDistribution {
  private exact: Float64Array | null;
  private length = 0;
  private sample: ReservoirSample | null = null;
  private lowest: SmallestValues | null = null;
  /** Holds negated values: the smallest negations are the largest values. */
  private highest: SmallestValues | null = null;
  private minimum = Infinity;
  private maximum = -Infinity;

  constructor(
    private readonly tail: number,
    private readonly exactLimit = 100_000,
  ) {
    this.exact = new Float64Array(Math.min(1024, exactLimit));
  }

  get count(): number {
    return this.exact ? this.length : this.sample!.n;
  }

  /** Smallest and largest values: for internal decisions (sign, ranges in compare), never published. */
  get min(): number {
    return this.minimum;
  }

  get max(): number {
    return this.maximum;
  }

  add(value: number): void {
    if (value < this.minimum) this.minimum = value;
    if (value > this.maximum) this.maximum = value;
    if (this.exact) {
      if (this.length === this.exact.length) {
        if (this.length >= this.exactLimit) {
          this.switchToSample();
          this.addToSample(value);
          return;
        }
        const grown = new Float64Array(Math.min(this.exactLimit, this.exact.length * 2));
        grown.set(this.exact);
        this.exact = grown;
      }
      this.exact[this.length++] = value;
      return;
    }
    this.addToSample(value);
  }

  private addToSample(value: number): void {
    this.sample!.add(value);
    this.lowest!.add(value);
    this.highest!.add(-value);
  }

  private switchToSample(): void {
    this.sample = new ReservoirSample(this.exactLimit);
    this.lowest = new SmallestValues(this.tail);
    this.highest = new SmallestValues(this.tail);
    const values = this.exact!.subarray(0, this.length);
    this.exact = null;
    for (const value of values) this.addToSample(value);
  }

  finish(): OrderedValues {
    if (this.exact) return new ExactOrder(this.exact.slice(0, this.length).sort());
    return new SampledOrder(this.sample!, this.lowest!.sorted(), this.highest!.sorted().map((v) => -v).reverse());
  }
}

/** Order statistics of a finished column: what the disclosure rules and the quantile grid read. */
export interface OrderedValues {
  readonly n: number;
  /** True when every rank is exact (no sample involved). */
  readonly exact: boolean;
  /** The value at 1-based rank r (1 = smallest); fractional ranks interpolate between neighbours. */
  atRank(rank: number): number;
  /** How many values are <= v (estimated in the sampled middle). */
  countAtOrBelow(value: number): number;
}

function interpolate(values: ArrayLike<number>, index: number): number {
  const last = values.length - 1;
  if (index <= 0) return values[0]!;
  if (index >= last) return values[last]!;
  const lo = Math.floor(index);
  const t = index - lo;
  const a = values[lo]!, b = values[lo + 1]!;
  return t === 0 ? a : a + t * (b - a);
}

function upperBound(values: ArrayLike<number>, value: number): number {
  let lo = 0, hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

class ExactOrder implements OrderedValues {
  readonly exact = true;
  constructor(private readonly sorted: Float64Array) {}

  get n(): number {
    return this.sorted.length;
  }

  atRank(rank: number): number {
    return interpolate(this.sorted, rank - 1);
  }

  countAtOrBelow(value: number): number {
    return upperBound(this.sorted, value);
  }
}

class SampledOrder implements OrderedValues {
  readonly exact = false;
  private readonly sample: Float64Array;
  readonly n: number;

  constructor(
    reservoir: ReservoirSample,
    private readonly lowest: Float64Array,
    /** Ascending: highest[highest.length - 1] is the maximum. */
    private readonly highest: Float64Array,
  ) {
    this.sample = reservoir.sorted();
    this.n = reservoir.n;
  }

  atRank(rank: number): number {
    if (rank <= this.lowest.length) return interpolate(this.lowest, rank - 1);
    const fromTop = this.n - rank; // 0 for the maximum
    if (fromTop < this.highest.length - 1) return interpolate(this.highest, this.highest.length - 1 - fromTop);
    // The same midpoint plotting position within the sample as within the whole column.
    return interpolate(this.sample, ((rank - 0.5) / this.n) * this.sample.length - 0.5);
  }

  countAtOrBelow(value: number): number {
    const lowTop = this.lowest[this.lowest.length - 1]!;
    if (value < lowTop) return upperBound(this.lowest, value);
    const highBottom = this.highest[0]!;
    if (value >= highBottom) return this.n - (this.highest.length - upperBound(this.highest, value));
    return Math.round((upperBound(this.sample, value) / this.sample.length) * this.n);
  }
}
