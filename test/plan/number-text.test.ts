import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scaledIntegerText } from "../../src/plan/formats/number-text.js";

describe("scaled integer text", () => {
  it.each([0, 1, 2, 3, 4])("equals String(n / 10^%i) for any integer", (decimals) => {
    const text = scaledIntegerText(decimals);
    const scale = 10 ** decimals;
    fc.assert(fc.property(fc.oneof(fc.integer(), fc.integer({ min: -1000, max: 1000 }), fc.maxSafeInteger()), (n) => text(n) === String(n / scale)), { numRuns: 20000 });
    for (const n of [0, -0, 1, -1, 10, 100, 2147483647, -2147483647, 2147483648, -2147483648, 99, 101, 1000]) expect(text(n), String(n)).toBe(String(n / scale));
  });
});
