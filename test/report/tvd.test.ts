import { describe, expect, it } from "vitest";
import { totalVariation, tvComplement } from "../../src/report/compare/tvd.js";

const counts = (entries: Record<string, number>) => new Map(Object.entries(entries));

describe("total variation distance (SDMetrics' TVComplement)", () => {
  it("is half the sum of the differences in frequency", () => {
    // |0.5 - 0.75| + |0.5 - 0.25| = 0.5, halved.
    expect(totalVariation(counts({ a: 2, b: 2 }), counts({ a: 3, b: 1 }))).toBe(0.25);
    expect(tvComplement(counts({ a: 2, b: 2 }), counts({ a: 3, b: 1 }))).toBe(0.75);
  });

  it("counts values the real data never had fully against the dummy data", () => {
    // a: |1 - 0.5|; c: 0.5 that is not real.
    expect(totalVariation(counts({ a: 1 }), counts({ a: 1, c: 1 }))).toBe(0.5);
  });

  it("compares frequencies, not counts", () => {
    expect(tvComplement(counts({ x: 10, y: 30 }), counts({ x: 1, y: 3 }))).toBe(1);
    expect(tvComplement(counts({ x: 1 }), counts({ y: 1 }))).toBe(0);
  });
});
