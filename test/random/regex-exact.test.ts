import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Rng } from "../../src/random/rng.js";
import { compilePattern } from "../../src/random/regex/compile-pattern.js";
import { exactByConstruction } from "../../src/random/regex/exactness.js";
import { parsePattern } from "../../src/random/regex/parse-pattern.js";
import { SynthError } from "../../src/errors/synth-error.js";

/**
 * Patterns that exactByConstruction accepts are sampled without the check against the real RegExp
 * (and, without length bounds, straight from the compiled tree). These tests hold the generator to
 * that: every string it makes for such a pattern must match, with and without length bounds.
 */

/** Bounded patterns that must give strings (184 of the 200 do at the property's fixed seed). */
const SAMPLED_FLOOR = 150;

const exact = (pattern: string): boolean => exactByConstruction(parsePattern(pattern, {}));

function samples(pattern: string, count: number, options: { minLength?: number; maxLength?: number } = {}, seed = 7): string[] {
  const sample = compilePattern(pattern, options);
  const rng = new Rng(seed);
  const out: string[] = [];
  for (let row = 0; row < count; row++) {
    rng.seedRow(seed, row);
    out.push(sample(rng, row));
  }
  return out;
}

describe("exactByConstruction", () => {
  it.each([
    "^[0-9]{10}$",
    "^[A-Z]{1,2}[0-9][0-9A-Z]? [0-9][A-Z]{2}$",
    "abc",
    "\\d+",
    "^(cat|dog|bird)$",
    "^((ab|cd)+-(x|y(z|w)?))$",
    "^[^,\"\\r\\n]+$",
    "^\\p{Lu}\\p{Ll}{2,8}$",
    "^a.*?b$",
    "^$",
    "",
    "^a$|^b$",
    "(?:x|y){2}$",
    "^(?<year>\\d{4})-(?<month>\\d{2})$",
  ])("accepts %j", (pattern) => expect(exact(pattern)).toBe(true));

  it.each([
    "^(\\w+)-\\1$",
    "^(?<w>[a-z]):\\k<w>$",
    "\\bword\\b",
    "^(?=.*[A-Z])[A-Za-z]{8}$",
    "^(?!test)[a-z]{4}$",
    "^a(?<=a)b$",
    "a^b",
    "a$b",
    "(^a)",
    "(a$)",
    "x\\B",
    "^(a|^b)$",
  ])("refuses %j", (pattern) => expect(exact(pattern)).toBe(false));
});

/** Random patterns from the exact part of the language: classes, groups, alternation, quantifiers. */
const atom: fc.Arbitrary<string> = fc.constantFrom(
  "a", "b", "Z", "7", "-", " ", "\\.", "\\d", "\\w", "\\s", "\\S", "\\D", "\\W", ".", "[a-c]", "[^a-y]", "[A-Z0-9]",
  "[^,\\r\\n]", "\\p{Lu}", "\\p{L}", "[\\u00e0-\\u00e5]", "[\\u{1F600}-\\u{1F602}]", "\\u{1F600}", "[\\s\\S]", "[^]", "\\t",
);
const quantifier = fc.constantFrom("", "", "?", "*", "+", "{2}", "{0,3}", "{1,}", "{3}", "*?", "{2,4}?");
// Unbounded quantifiers on groups make the real engine backtrack for seconds: groups get bounded ones.
const groupQuantifier = fc.constantFrom("", "", "?", "{2}", "{0,3}", "{2,4}?");
const { pattern: piece } = fc.letrec<{ pattern: string; term: string; group: string }>((tie) => ({
  term: fc.oneof(
    { maxDepth: 1, depthIdentifier: "group" },
    fc.tuple(atom, quantifier).map(([a, q]) => a + q),
    fc.tuple(tie("group"), groupQuantifier).map(([g, q]) => g + q),
  ),
  group: fc
    .tuple(fc.constantFrom("(", "(?:", "(?<g>"), fc.array(fc.array(tie("term"), { minLength: 0, maxLength: 3 }), { minLength: 1, maxLength: 3, depthIdentifier: "group" }))
    .map(([open, branches]) => open + branches.map((b) => b.join("")).join("|") + ")"),
  pattern: fc.array(tie("term"), { minLength: 0, maxLength: 4 }).map((terms) => terms.join("")),
}));
const exactPattern = fc
  .tuple(fc.boolean(), fc.array(piece, { minLength: 1, maxLength: 2 }), fc.boolean())
  .map(([start, branches, end]) => branches.map((b) => (start ? "^" : "") + b + (end ? "$" : "")).join("|"))
  .filter((pattern) => {
    try {
      new RegExp(pattern, "u");
      return !pattern.includes("(?<g>") || pattern.split("(?<g>").length === 2; // one group named g at most
    } catch {
      return false;
    }
  });

describe("exact patterns: every sample matches the real RegExp", () => {
  it("without length bounds", () => {
    fc.assert(
      fc.property(exactPattern, fc.integer({ min: 0, max: 1000 }), (pattern, seed) => {
        expect(exact(pattern)).toBe(true);
        const regex = new RegExp(pattern, "u");
        for (const text of samples(pattern, 40, {}, seed)) expect(regex.test(text), `${pattern} -> ${JSON.stringify(text)}`).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("with length bounds", () => {
    let sampled = 0;
    fc.assert(
      fc.property(exactPattern, fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 12 }), (pattern, minLength, extra) => {
        const regex = new RegExp(pattern, "u");
        let sample: ReturnType<typeof samples>;
        try {
          sample = samples(pattern, 20, { minLength, maxLength: minLength + extra });
        } catch (error) {
          // Refusing (no string of those lengths, or none found) is allowed; a wrong string, or any
          // other failure, is not.
          if (error instanceof SynthError && (error.code === "UNSATISFIABLE" || error.code === "GENERATION_FAILED")) return;
          throw error;
        }
        sampled++;
        for (const text of sample) {
          expect(regex.test(text), `${pattern} -> ${JSON.stringify(text)}`).toBe(true);
          const length = [...text].length;
          expect(length).toBeGreaterThanOrEqual(minLength);
          expect(length).toBeLessThanOrEqual(minLength + extra);
        }
      }),
      { numRuns: 200, seed: 4242 },
    );
    // A sampler that refused every bounded pattern would pass the property.
    expect(sampled).toBeGreaterThanOrEqual(SAMPLED_FLOOR);
  });

  it("the realistic patterns of the benchmark", () => {
    for (const pattern of ["^[0-9]{10}$", "^[A-Z]{1,2}[0-9][0-9A-Z]? [0-9][A-Z]{2}$"]) {
      const regex = new RegExp(pattern, "u");
      for (const text of samples(pattern, 20000)) expect(regex.test(text), text).toBe(true);
    }
  });
});
