import { describe, expect, it } from "vitest";
import { Permutation } from "../../src/random/permutation.js";

describe("Permutation", () => {
  it.each([1, 2, 3, 10, 1000, 4097, 65536, 100_003])("is a bijection on [0, %i)", (size) => {
    const permutation = new Permutation(size, 12345);
    const seen = new Set<number>();
    let outOfRange = 0;
    for (let i = 0; i < size; i++) {
      const value = permutation.at(i);
      if (!Number.isInteger(value) || value < 0 || value >= size) outOfRange++;
      seen.add(value);
    }
    expect(outOfRange).toBe(0);
    expect(seen.size).toBe(size);
  });

  it("depends on its key", () => {
    const a = new Permutation(1000, 1);
    const b = new Permutation(1000, 2);
    const differing = Array.from({ length: 1000 }, (_, i) => a.at(i) !== b.at(i)).filter(Boolean).length;
    expect(differing).toBeGreaterThan(900);
  });

  it("does not leave consecutive rows in order", () => {
    const permutation = new Permutation(1_000_000, 7);
    let ascending = 0;
    for (let i = 0; i < 10_000; i++) if (permutation.at(i + 1) > permutation.at(i)) ascending++;
    expect(ascending / 10_000).toBeGreaterThan(0.45);
    expect(ascending / 10_000).toBeLessThan(0.55);
  });
});
