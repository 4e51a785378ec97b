import { describe, expect, it } from "vitest";
import { identifierType } from "../../src/identifiers/index.js";
import { niNumber } from "../../src/identifiers/ni-number.js";
import { expectNthBijective, samples } from "./helpers.js";

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const ADMINISTRATIVE = ["CR", "FY", "MW", "NC", "OO", "PP", "PY", "PZ"];

/** HMRC's published prefix rules, written out plainly. */
function referencePrefixOk(prefix: string): boolean {
  const [a, b] = [prefix[0]!, prefix[1]!];
  if ("DFIQUV".includes(a) || "DFIQUV".includes(b) || b === "O") return false;
  return !["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"].includes(prefix);
}

describe("ni-number", () => {
  it("is registered under its name", () => {
    expect(identifierType("ni-number")).toBe(niNumber);
  });

  it("accepts well-formed numbers", () => {
    for (const value of ["AB123456C", "CE000000A", "OA999999D", "ZY123456B", "JG103759A", "PP999999A"]) {
      expect(niNumber.validate(value), value).toBe(true);
    }
  });

  it("rejects barred letters and unallocated prefixes", () => {
    for (const value of [
      "QQ123456C", // HMRC's own example: Q is barred, so it is not a valid NINO
      "DA123456A", "FA123456A", "IA123456A", "QA123456A", "UA123456A", "VA123456A",
      "AD123456A", "AF123456A", "AI123456A", "AQ123456A", "AU123456A", "AV123456A",
      "AO123456A", // O barred in second place
      "OO123456A",
      "BG123456A", "GB123456A", "KN123456A", "NK123456A", "NT123456A", "TN123456A", "ZZ123456A",
    ]) {
      expect(niNumber.validate(value), value).toBe(false);
    }
  });

  it("rejects malformed numbers", () => {
    for (const value of [
      "AB123456E", // suffix must be A-D
      "AB123456", // no suffix
      "AB123456 ",
      "AB 12 34 56 C", // spaces
      "ab123456c", // lowercase
      "Ab123456C",
      "AB12345C",
      "AB1234567C",
      "AB12345XC",
      "A1123456C",
      "",
    ]) {
      expect(niNumber.validate(value), JSON.stringify(value)).toBe(false);
    }
  });

  it("applies the prefix rules to all 676 prefixes (373 allowed)", () => {
    let allowed = 0;
    for (const a of LETTERS) {
      for (const b of LETTERS) {
        const prefix = a + b;
        const ok = niNumber.validate(`${prefix}123456A`);
        expect(ok, prefix).toBe(referencePrefixOk(prefix));
        if (ok) allowed++;
      }
    }
    expect(allowed).toBe(373);
  });

  it("has capacity for the ordinary prefixes (373 less 6 administrative) times 10^6 numbers", () => {
    expect(niNumber.capacity).toBe(367 * 1_000_000);
  });

  it("samples 10,000 valid values, never with an administrative prefix", () => {
    const values = samples(niNumber, 10_000);
    const suffixes = new Set<string>();
    for (const value of values) {
      expect(niNumber.validate(value), value).toBe(true);
      expect(ADMINISTRATIVE).not.toContain(value.slice(0, 2));
      suffixes.add(value[8]!);
    }
    expect([...suffixes].sort()).toEqual(["A", "B", "C", "D"]);
    expect(new Set(values.map((v) => v.slice(0, 2))).size).toBeGreaterThan(300);
  });

  it("nth is injective even ignoring the suffix, and every value validates", () => {
    expectNthBijective(niNumber, (value) => value.slice(0, 8));
  });

  it("nth never uses an administrative prefix", () => {
    for (let p = 0; p < 367; p++) {
      const value = niNumber.nth(p * 1_000_000 + 123_456);
      expect(ADMINISTRATIVE).not.toContain(value.slice(0, 2));
      expect(value.slice(2, 8)).toBe("123456");
    }
  });
});
