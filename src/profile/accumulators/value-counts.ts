import { mix32 } from "../../random/rng.js";
import { NumericToken, numericToken } from "../parse-value.js";
import { HyperLogLog } from "../sketch/hyperloglog.js";

const FLOAT = new Float64Array(1);
const WORDS = new Uint32Array(FLOAT.buffer);

/** A 32-bit hash of a number's bits: 2.5 and 2.50 are the same value. */
function hashNumber(value: number): number {
  FLOAT[0] = value === 0 ? 0 : value; // -0 and 0 are one value
  return mix32(WORDS[0]! ^ mix32(WORDS[1]! ^ 0x5bd1e995));
}

/**
 * How often each distinct value occurs: exact while a column has at most `limit` distinct values
 * (categories must be counted exactly for the K threshold to mean anything), then only an estimate of
 * how many distinct values there are (HyperLogLog), which is all that is needed to tell that a column
 * with that many values is not categorical. The owner of the counts may also switch to the estimate
 * early, once it knows the column cannot be categorical: exact counting is the costliest step per cell.
 */
export class ValueCounts {
  private counts: Map<string, number> | null = new Map();
  private sketch: HyperLogLog | null = null;
  /** Some value was seen twice: the column is not unique. */
  repeated = false;

  constructor(private readonly limit = 100_000) {}

  add(key: string): void {
    const counts = this.counts;
    if (counts) {
      const seen = counts.get(key);
      if (seen !== undefined) {
        counts.set(key, seen + 1);
        this.repeated = true;
        return;
      }
      if (counts.size < this.limit) {
        counts.set(key, 1);
        return;
      }
      this.stopCounting();
    }
    this.sketch!.add(key);
  }

  /** A numeric value, counted under its text while exact and by its value once estimating. */
  addNumber(value: number, key: string): void {
    if (this.counts) this.add(key);
    else this.sketch!.addHash(hashNumber(value));
  }

  /** From now on, estimate the number of distinct values only. */
  stopCounting(): void {
    if (!this.counts) return;
    this.sketch = new HyperLogLog();
    for (const known of this.counts.keys()) {
      if (numericToken(known) !== NumericToken.None) this.sketch.addHash(hashNumber(Number(known)));
      else this.sketch.add(known);
    }
    this.counts = null;
  }

  /** True while every value's count is known exactly. */
  get exact(): boolean {
    return this.counts !== null;
  }

  /** Number of distinct values: exact, or estimated once counting stopped. */
  get distinct(): number {
    return this.counts ? this.counts.size : Math.round(this.sketch!.estimate());
  }

  /** The exact counts, or undefined once counting stopped. */
  entries(): ReadonlyMap<string, number> | undefined {
    return this.counts ?? undefined;
  }
}
