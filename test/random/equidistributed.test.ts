import { describe, expect, it } from "vitest";
import { equidistributedSequence } from "../../src/random/equidistributed.js";

describe("equidistributed sequences for empty values", () => {
  it("hits [0, p) within a couple of rows of p*n on any contiguous run", () => {
    const u = equidistributedSequence(0, "sex", 3);
    for (const [start, n] of [[0, 344], [1000, 189], [123456789, 5000], [2 ** 40, 1000]] as const) {
      for (const p of [0.032, 0.1, 0.5, 0.62]) {
        let hits = 0;
        for (let i = start; i < start + n; i++) if (u(i) < p) hits++;
        expect(Math.abs(hits - p * n)).toBeLessThan(3);
      }
    }
  });

  it("depends only on (seed, column, row)", () => {
    const a = equidistributedSequence(7, "bmi", 2);
    const b = equidistributedSequence(7, "bmi", 2);
    expect([5, 9, 2 ** 33].map(a)).toEqual([5, 9, 2 ** 33].map(b));
    expect(equidistributedSequence(8, "bmi", 2)(5)).not.toBe(a(5));
  });

  it("keeps two columns' empty values independent", () => {
    const x = equidistributedSequence(0, "a", 0);
    const y = equidistributedSequence(0, "b", 1);
    const n = 100_000;
    let both = 0;
    for (let i = 0; i < n; i++) if (x(i) < 0.3 && y(i) < 0.2) both++;
    expect(both / n).toBeCloseTo(0.06, 2);
  });
});
