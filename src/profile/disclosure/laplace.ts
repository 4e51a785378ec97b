import { randomBytes } from "node:crypto";
import { Rng } from "../../random/rng.js";

/**
 * The Laplace mechanism for counts. Every published count changes by at most 1 when one record is
 * added or removed (each record falls in exactly one cell of a column's histogram, null included),
 * so Laplace noise of scale 1/epsilon gives epsilon-differential privacy for that histogram.
 *
 * Noisy counts are rounded to whole numbers and floored at 0: publishing the raw double would expose
 * the floating-point structure of the noise (Mironov 2012), and rounding is free post-processing.
 *
 * The noise must be unpredictable: by default the Rng is seeded from the operating system's secure
 * random source. A seed may be given for reproducible runs, but anyone who learns it can subtract the
 * noise, so it is never written to the statistics file.
 */
export class LaplaceNoise {
  private readonly rng: Rng;

  constructor(seed?: number) {
    this.rng = new Rng(seed ?? secureSeed(), 0x1a91ace);
  }

  /** A draw from Laplace(0, scale). */
  sample(scale: number): number {
    // Inverse CDF; u in (-0.5, 0.5), excluding the endpoint where the logarithm diverges.
    let u = this.rng.float53() - 0.5;
    while (u === -0.5) u = this.rng.float53() - 0.5;
    return -scale * Math.sign(u) * Math.log(1 - 2 * Math.abs(u));
  }

  /** A count with noise for a budget of epsilon (sensitivity 1), rounded and never negative. */
  count(trueCount: number, epsilon: number): number {
    return Math.max(0, Math.round(trueCount + this.sample(1 / epsilon)));
  }

  /** A sum whose L1 sensitivity is 1 (e.g. per-record shares that sum to 1), not rounded. */
  sum(trueSum: number, epsilon: number): number {
    return Math.max(0, trueSum + this.sample(1 / epsilon));
  }
}

/** 53 bits from the operating system's cryptographic random source. */
export function secureSeed(): number {
  const bytes = randomBytes(8);
  return (bytes.readUInt32BE(0) & 0x1fffff) * 2 ** 32 + bytes.readUInt32BE(4);
}
