import { describe, expect, it } from "vitest";
import { identifierType } from "../../src/identifiers/index.js";
import { nhsNumber } from "../../src/identifiers/nhs-number.js";
import { expectNthBijective, samples } from "./helpers.js";

/** Plain reference implementation of the modulus 11 rule. */
function referenceCheck(base9: string): number | undefined {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(base9[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return undefined;
  return check === 11 ? 0 : check;
}

/** Every valid number in the 999 test range, in numeric order. */
function allTestRangeNumbers(): string[] {
  const out: string[] = [];
  for (let base = 999000000; base <= 999999999; base++) {
    const text = String(base);
    const check = referenceCheck(text);
    if (check !== undefined) out.push(text + check);
  }
  return out;
}

describe("nhs-number", () => {
  it("is registered under its name", () => {
    expect(identifierType("nhs-number")).toBe(nhsNumber);
    expect(nhsNumber.title).toBe("NHS number");
  });

  it("accepts known-valid numbers", () => {
    // 9434765919: the example NHS Digital publishes. 4010232137: 4*10+0+1*8+0+2*6+3*5+2*4+1*3+3*2 = 92,
    // 92 mod 11 = 4, 11 - 4 = 7. 9990000018: 243 + 1*2 = 245, mod 11 = 3, check 8.
    for (const value of ["9434765919", "4010232137", "9990000018", "9999999999", "0000000000"]) {
      expect(nhsNumber.validate(value), value).toBe(true);
    }
  });

  it("rejects wrong check digits, bases whose check would be 10, and other forms", () => {
    for (const value of [
      "9434765918", // wrong check digit
      "9434765910",
      "4010232138",
      "9990000000", // 999000000 has residue 243 mod 11 = 1, so check 10: never issued
      "9990000001",
      "943 476 5919", // spaces
      "943-476-5919",
      "943476591", // 9 digits
      "94347659190", // 11 digits
      "943476591A",
      "A434765919",
      " 9434765919",
      "9434765919\n",
      "",
    ]) {
      expect(nhsNumber.validate(value), JSON.stringify(value)).toBe(false);
    }
  });

  it("agrees with the reference rule on every base in the test range", () => {
    let accepted = 0;
    for (let base = 999000000; base <= 999999999; base++) {
      const text = String(base);
      const check = referenceCheck(text);
      for (let d = 0; d < 10; d++) {
        const ok = nhsNumber.validate(text + d);
        if (ok !== (check === d)) expect.fail(`${text}${d}: validate says ${ok}`);
        if (ok) accepted++;
      }
    }
    expect(accepted).toBe(909091);
  });

  it("has the right capacity: valid numbers in 999 000 0000 .. 999 999 9999", () => {
    expect(nhsNumber.capacity).toBe(909091);
  });

  it("samples 10,000 valid values, all in the 999 test range", () => {
    const values = samples(nhsNumber, 10_000);
    for (const value of values) {
      expect(value).toMatch(/^999\d{7}$/);
      const n = Number(value);
      expect(n).toBeGreaterThanOrEqual(9990000000);
      expect(n).toBeLessThanOrEqual(9999999999);
      expect(nhsNumber.validate(value), value).toBe(true);
    }
    expect(new Set(values).size).toBeGreaterThan(9_900);
  });

  it("nth enumerates exactly the valid test-range numbers, in numeric order", () => {
    const all = allTestRangeNumbers();
    expect(all.length).toBe(nhsNumber.capacity);
    for (let k = 0; k < all.length; k++) {
      if (nhsNumber.nth(k) !== all[k]) expect.fail(`nth(${k}) = ${nhsNumber.nth(k)}, expected ${all[k]}`);
    }
  });

  it("nth is injective and valid over probes, and rejects bad indices", () => {
    expectNthBijective(nhsNumber);
  });
});
