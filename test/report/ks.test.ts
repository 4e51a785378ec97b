import { describe, expect, it } from "vitest";
import { ksComplement, ksStatistic } from "../../src/report/compare/ks.js";

const f = (values: number[]) => Float64Array.from(values);

describe("Kolmogorov-Smirnov statistic (as scipy.stats.ks_2samp and SDMetrics' KSComplement)", () => {
  it("is the largest gap between the empirical CDFs", () => {
    // CDFs at 1..6: a = .25 .5 .75 1 1 1, b = 0 0 .25 .5 .75 1: the gap is .5 from 2 to 5.
    expect(ksStatistic(f([1, 2, 3, 4]), f([3, 4, 5, 6]))).toBe(0.5);
    expect(ksComplement(f([1, 2, 3, 4]), f([3, 4, 5, 6]))).toBe(0.5);
  });

  it("moves through ties in both samples together", () => {
    // At 1: 2/3 against 1/3; at 2: 1 against 1.
    expect(ksStatistic(f([1, 1, 2]), f([1, 2, 2]))).toBeCloseTo(1 / 3, 12);
    expect(ksStatistic(f([5, 5, 5]), f([5]))).toBe(0);
  });

  it("handles samples of different sizes, in any order", () => {
    // At 0.2: 2/3 of a, none of b.
    expect(ksStatistic(f([0.3, 0.1, 0.2]), f([0.25]))).toBeCloseTo(2 / 3, 12);
    expect(ksStatistic(f([0.25]), f([0.3, 0.1, 0.2]))).toBeCloseTo(2 / 3, 12);
  });

  it("is 0 for identical samples and 1 for disjoint ones", () => {
    expect(ksComplement(f([3, 1, 2]), f([1, 2, 3]))).toBe(1);
    expect(ksComplement(f([1, 2]), f([3, 4]))).toBe(0);
  });
});
