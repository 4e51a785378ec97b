import { describe, expect, it } from "vitest";
import { POSTCODE_DISTRICTS } from "../../src/identifiers/data/postcode-districts.js";
import { identifierType } from "../../src/identifiers/index.js";
import { ukPostcode } from "../../src/identifiers/uk-postcode.js";
import { expectNthBijective, samples } from "./helpers.js";

describe("uk-postcode", () => {
  it("is registered under its name", () => {
    expect(identifierType("uk-postcode")).toBe(ukPostcode);
  });

  it("accepts real postcodes in every outward form", () => {
    for (const value of [
      "SW1A 1AA", // AA9A
      "EC1A 1BB", // AA9A
      "W1A 0AX", // A9A
      "M1 1AE", // A9
      "B33 8TH", // A99
      "CR2 6XH", // AA9
      "DN55 1PT", // AA99
      "GIR 0AA", // Girobank
      "EH1 1YZ",
      "BT9 5AB",
    ]) {
      expect(ukPostcode.validate(value), value).toBe(true);
    }
  });

  it("rejects Royal Mail rule breaches and bad formatting", () => {
    for (const value of [
      "QA1 1AA", // Q never first
      "VA1 1AA", // V never first
      "XA1 1AA", // X never first
      "AI1 1AA", // I never second
      "AJ1 1AA", // J never second
      "AZ1 1AA", // Z never second
      "W1I 1AA", // I not allowed as the A9A letter
      "W1L 1AA", // L not allowed as the A9A letter
      "EC1C 1AA", // C not allowed as the AA9A letter
      "EC1D 1AA",
      "SW1A 1AC", // C never in the inward code
      "SW1A 1IA",
      "SW1A 1KA",
      "SW1A 1MA",
      "SW1A 1OA",
      "SW1A 1VA",
      "SW1A AAA", // inward starts with a digit
      "SW1A 11A",
      "sw1a 1aa", // lowercase
      "SW1A1AA", // no space
      "SW1A  1AA", // two spaces
      " SW1A 1AA",
      "SW1A 1AA ",
      "SW1A 1AA\n",
      "SW123 1AA", // outward too long
      "1W1 1AA",
      "GIR 0AB",
      "",
    ]) {
      expect(ukPostcode.validate(value), JSON.stringify(value)).toBe(false);
    }
  });

  it("embeds a modest list of distinct, valid districts", () => {
    expect(POSTCODE_DISTRICTS.length).toBeGreaterThanOrEqual(100);
    expect(POSTCODE_DISTRICTS.length).toBeLessThanOrEqual(300);
    expect(new Set(POSTCODE_DISTRICTS).size).toBe(POSTCODE_DISTRICTS.length);
    for (const district of POSTCODE_DISTRICTS) expect(ukPostcode.validate(`${district} 1AA`), district).toBe(true);
  });

  it("has capacity districts x 10 digits x 20 x 20 inward letters", () => {
    expect(ukPostcode.capacity).toBe(POSTCODE_DISTRICTS.length * 4000);
  });

  it("samples 10,000 valid postcodes with real districts", () => {
    const districts = new Set(POSTCODE_DISTRICTS);
    for (const value of samples(ukPostcode, 10_000)) {
      expect(ukPostcode.validate(value), value).toBe(true);
      expect(districts.has(value.split(" ")[0]!), value).toBe(true);
    }
  });

  it("nth is injective over probes and every value validates", () => {
    expectNthBijective(ukPostcode);
  });
});
