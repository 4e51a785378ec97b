import { describe, expect, it } from "vitest";
import { identifierType, identifierTypes } from "../../src/identifiers/index.js";
import { Rng } from "../../src/random/rng.js";
import { createUserAjv } from "../../src/schema/ajv.js";

describe("identifierTypes", () => {
  it("lists the four types with distinct names, titles and descriptions", () => {
    expect(identifierTypes.map((t) => t.name)).toEqual(["nhs-number", "ni-number", "upn", "uk-postcode"]);
    for (const type of identifierTypes) {
      expect(type.title.length).toBeGreaterThan(0);
      expect(type.description).toMatch(/\.$/);
      expect(Number.isSafeInteger(type.capacity)).toBe(true);
      expect(type.capacity).toBeGreaterThan(0);
      expect(identifierType(type.name)).toBe(type);
    }
    expect(identifierType("nope")).toBeUndefined();
  });

  it("samples depend only on the Rng state", () => {
    for (const type of identifierTypes) {
      const a = new Rng(9, 3);
      const b = new Rng(9, 3);
      for (let i = 0; i < 100; i++) expect(type.sample(a, i)).toBe(type.sample(b, 1000 - i));
    }
  });

  it("works as ajv formats", () => {
    const ajv = createUserAjv("2020-12");
    const cases: Record<string, [string, string]> = {
      "nhs-number": ["9434765919", "9434765918"],
      "ni-number": ["AB123456C", "QQ123456C"],
      upn: ["B801200005001", "A801200005001"],
      "uk-postcode": ["SW1A 1AA", "SW1A1AA"],
    };
    for (const [format, [good, bad]] of Object.entries(cases)) {
      const validate = ajv.compile({ type: "string", format });
      expect(validate(good), good).toBe(true);
      expect(validate(bad), bad).toBe(false);
    }
  });
});
