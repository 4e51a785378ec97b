import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { integerText, scaledIntegerText } from "../../src/plan/formats/number-text.js";

const EDGES = [0, -0, 1, -1, 9, 10, 99, 100, 101, 999, 1000, 1001, 9999, 10000, 99999, 100000, 999999, 1000000, 1000001, 999999999, 1000000000, 1000000001, 2147483647, -2147483647, 2147483648, -2147483648, -1000, -1000000];

describe("number text", () => {
  it.each([0, 1, 2, 3, 4])("equals String(n / 10^%i) for any integer", (decimals) => {
    const text = scaledIntegerText(decimals);
    const scale = 10 ** decimals;
    fc.assert(fc.property(fc.oneof(fc.integer(), fc.integer({ min: -1000, max: 1000 }), fc.maxSafeInteger()), (n) => text(n) === String(n / scale)), { numRuns: 20000 });
    for (const n of EDGES) expect(text(n), String(n)).toBe(String(n / scale));
  });

  it("gives integers as String does, across every group boundary", () => {
    fc.assert(fc.property(fc.oneof(fc.integer(), fc.maxSafeInteger()), (n) => integerText(n) === String(n)), { numRuns: 20000 });
    for (const n of EDGES) expect(integerText(n), String(n)).toBe(String(n));
  });
});
