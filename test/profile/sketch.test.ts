import { describe, expect, it } from "vitest";
import { NumericDistribution } from "../../src/profile/accumulators/numeric-distribution.js";
import { exactTailFor } from "../../src/profile/disclosure/safe-quantiles.js";
import { ValueCounts } from "../../src/profile/accumulators/value-counts.js";
import { SmallestValues } from "../../src/profile/sketch/bounded-heap.js";
import { HyperLogLog } from "../../src/profile/sketch/hyperloglog.js";
import { ReservoirSample } from "../../src/profile/sketch/reservoir.js";
import { Rng } from "../../src/random/rng.js";

describe("bounded memory summaries", () => {
  it("keeps the k smallest values exactly", () => {
    const heap = new SmallestValues(5);
    const rng = new Rng(3);
    const all: number[] = [];
    for (let i = 0; i < 10_000; i++) {
      const v = rng.float();
      all.push(v);
      heap.add(v);
    }
    expect([...heap.sorted()]).toEqual(all.sort((a, b) => a - b).slice(0, 5));
  });

  it("samples uniformly: quantiles of the sample are within 1% of the stream's", () => {
    const sample = new ReservoirSample(20_000);
    for (let i = 0; i < 1_000_000; i++) sample.add(i);
    const sorted = sample.sorted();
    expect(sample.n).toBe(1_000_000);
    for (const p of [0.01, 0.25, 0.5, 0.75, 0.99]) {
      expect(Math.abs(sorted[Math.floor(p * sorted.length)]! / 1_000_000 - p)).toBeLessThan(0.01);
    }
  });

  it("estimates distinct counts within a few percent", () => {
    const hll = new HyperLogLog();
    for (let i = 0; i < 200_000; i++) hll.add(`id-${i}`);
    expect(Math.abs(hll.estimate() / 200_000 - 1)).toBeLessThan(0.05);
  });

  it("counts values exactly up to a limit, then estimates", () => {
    const counts = new ValueCounts(100);
    for (let i = 0; i < 50; i++) counts.add("a");
    counts.add("b");
    expect(counts.exact).toBe(true);
    expect(counts.entries()!.get("a")).toBe(50);
    for (let i = 0; i < 1000; i++) counts.add(`v${i}`);
    expect(counts.exact).toBe(false);
    expect(Math.abs(counts.distinct / 1002 - 1)).toBeLessThan(0.1);
  });

  it("gives exact ranks at the ends once sampling the middle", () => {
    const distribution = new NumericDistribution(21, 1000);
    const rng = new Rng(9);
    const all: number[] = [];
    for (let i = 0; i < 50_000; i++) {
      const v = rng.float() * 100;
      all.push(v);
      distribution.add(v);
    }
    all.sort((a, b) => a - b);
    const order = distribution.finish();
    expect(order.exact).toBe(false);
    expect(order.n).toBe(50_000);
    for (const rank of [1, 10, 20, 21]) expect(order.atRank(rank)).toBe(all[rank - 1]);
    for (const fromTop of [0, 9, 19]) expect(order.atRank(50_000 - fromTop)).toBe(all[50_000 - 1 - fromTop]);
    expect(Math.abs(order.atRank(25_000) - all[24_999]!)).toBeLessThan(5);
    expect(order.countAtOrBelow(all[9]!)).toBe(10);
  });

  it("keeps exactly every rank the disclosure rules read (K, 2K and 4K from each end)", () => {
    // Read from the sample, rank 4K from the top moved with the column's maximum on large tables.
    const k = 10;
    const distribution = new NumericDistribution(exactTailFor(k), 100);
    const rng = new Rng(3);
    const all: number[] = [];
    for (let i = 0; i < 40_000; i++) {
      const v = 20_000 + rng.float() * 40_000;
      all.push(v);
      distribution.add(v);
    }
    all.sort((a, b) => a - b);
    const order = distribution.finish();
    expect(order.exact).toBe(false);
    for (const rank of [k, 2 * k, 4 * k]) {
      expect(order.atRank(rank)).toBe(all[rank - 1]);
      expect(order.atRank(all.length + 1 - rank)).toBe(all[all.length - rank]);
    }
  });
});
