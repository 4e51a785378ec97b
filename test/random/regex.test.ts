import { describe, it, expect } from "vitest";
import { SynthError } from "../../src/errors/synth-error.js";
import { Rng } from "../../src/random/rng.js";
import { compilePattern, patternMatcher, type PatternOptions } from "../../src/random/regex/compile-pattern.js";

const SAMPLES = 500;

function sampleMany(pattern: string, count: number, options?: PatternOptions, seed = 42): string[] {
  const sample = compilePattern(pattern, options);
  const rng = new Rng(seed);
  return Array.from({ length: count }, (_, row) => sample(rng, row));
}

function codePointLength(text: string): number {
  return [...text].length;
}

function errorCodeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof SynthError) return error.code;
    throw error;
  }
  return undefined;
}

const REALISTIC_PATTERNS = [
  "^[A-Z]{1,2}[0-9][0-9A-Z]? [0-9][A-Z]{2}$",
  "^[0-9]{10}$",
  "^\\d{3} \\d{3} \\d{4}$",
  "^[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}$",
  "^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$",
  "^#?[0-9a-fA-F]{6}$",
  "^0x[0-9a-f]+$",
  "^(cat|dog|bird)$",
  "^((ab|cd)+-(x|y(z|w)?))$",
  "^(\\w+)-\\1$",
  "^(?<word>[a-z]{2,4}):\\k<word>$",
  "^(\\d)(\\d)\\2\\1$",
  '^[^,"\\r\\n]+$',
  "^[^aeiou\\d\\s]{3,6}$",
  "^\\p{L}+$",
  "^\\p{Lu}\\p{Ll}{2,8}$",
  "^[\\p{L}\\p{N}_]+$",
  "^\\P{L}{3}$",
  "^\\p{Script=Greek}{3}$",
  "^a.*?b$",
  "^(a|b|c){2,3}?$",
  "^$",
  "abc",
  "\\d+",
  "(foo|bar)baz$",
  "^[A-Z]{3}-\\d{3,5}$",
  "^(?:\\+44|0)7\\d{9}$",
  "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$",
  "^\\S+\\s\\S+$",
  "^\\W\\D$",
  "^(?=.*[A-Z])(?=.*\\d)[A-Za-z\\d]{8,12}$",
  "^(?!test)[a-z]{4}$",
  "\\bword\\b",
  "^a(?<=a)b$",
  "^[\\u00C0-\\u00FF]{3}$",
  "^\\u{1F600}[\\u{1F600}-\\u{1F64F}]$",
  "^.{5}$",
  "^[\\s\\S]{3}$",
  "^[^]{2}$",
  "^(?:[01]\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d)?$",
  "^https?://[a-z0-9-]+(\\.[a-z0-9-]+)+(/[a-z0-9_-]*)*$",
  "^[A-Z]{2}\\d{2}[A-Z0-9]{1,30}$",
  "^\\d+(\\.\\d{1,2})?$",
  "^(?<year>\\d{4})-(?<month>\\d{2})$",
  "^x*$",
  "^[\\w.-]+$",
  "^\\cJ?\\t?x\\0?$",
  "",
];

describe("compilePattern: realistic patterns", () => {
  for (const pattern of REALISTIC_PATTERNS) {
    it(`every sample matches ${JSON.stringify(pattern)}`, () => {
      const regex = new RegExp(pattern, "u");
      for (const text of sampleMany(pattern, SAMPLES)) expect(regex.test(text), text).toBe(true);
    });
  }

  it("re-emits captured text for backreferences", () => {
    for (const text of sampleMany("^(\\w+)-\\1$", 100)) {
      const [left, right] = text.split("-");
      expect(left).toBe(right);
    }
  });

  it("prefers ordinary characters for negated classes and property escapes", () => {
    expect(sampleMany("^[^,]{20}$", 50).join("")).toMatch(/^[\x20-\x7e]+$/);
    expect(sampleMany("^\\p{L}{20}$", 50).join("")).toMatch(/^[A-Za-z]+$/);
  });

  it("falls back to wider ranges when no printable ASCII character qualifies", () => {
    for (const text of sampleMany("^[^\\x00-\\x7F]{4}$", 100)) {
      expect(codePointLength(text)).toBe(4);
      expect(text).toMatch(/^[^\x00-\x7f]+$/u);
    }
  });

  it("samples astral characters from explicit ranges as single code points", () => {
    for (const text of sampleMany("^[\\u{1F600}-\\u{1F64F}]{3}$", 100)) expect(codePointLength(text)).toBe(3);
  });
});

describe("compilePattern: length bounds", () => {
  it("keeps unbounded repetition within maxLength and reaches every length", () => {
    const lengths = new Set(sampleMany("^[a-z]+$", SAMPLES, { maxLength: 5 }).map(codePointLength));
    expect([...lengths].sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it("stretches unbounded repetition to reach minLength", () => {
    for (const text of sampleMany("^[a-z]+$", SAMPLES, { minLength: 20 })) {
      expect(text.length).toBeGreaterThanOrEqual(20);
    }
  });

  const boundedCases: [string, PatternOptions][] = [
    ["^[a-z]*$", { minLength: 3, maxLength: 3 }],
    ["^(ab|c)+$", { minLength: 7, maxLength: 8 }],
    ["^\\d{3}(-\\d{4})?$", { minLength: 8 }],
    ["^[a-z]{2,10}$", { minLength: 4, maxLength: 6 }],
    ["^(\\w+)-\\1$", { maxLength: 9 }],
    ["^[\\u{1F600}-\\u{1F64F}]+$", { minLength: 3, maxLength: 3 }],
    ["^[a-z]+[0-9]+$", { minLength: 12, maxLength: 14 }],
    ["^(?:[a-z]+ )*[a-z]+$", { minLength: 30, maxLength: 40 }],
    ["abc", { minLength: 10 }],
    ["[a-z]+", { minLength: 30 }],
    ["^\\d{2}", { minLength: 6, maxLength: 6 }],
    ["x{1,3}$", { minLength: 5, maxLength: 5 }],
  ];
  for (const [pattern, options] of boundedCases) {
    it(`${JSON.stringify(pattern)} within ${JSON.stringify(options)}`, () => {
      const regex = new RegExp(pattern, "u");
      for (const text of sampleMany(pattern, SAMPLES, options)) {
        expect(regex.test(text), text).toBe(true);
        const length = codePointLength(text);
        expect(length).toBeGreaterThanOrEqual(options.minLength ?? 0);
        expect(length).toBeLessThanOrEqual(options.maxLength ?? Infinity);
      }
    });
  }

  it("fills unanchored patterns from inside the pattern before padding", () => {
    for (const text of sampleMany("[a-z]+", 100, { minLength: 30 })) expect(text).toMatch(/^[a-z]{30,}$/);
  });

  it("leaves out optional text that an anchor forbids", () => {
    expect(new Set(sampleMany("a*^b", 100))).toEqual(new Set(["b"]));
    expect(new Set(sampleMany("^b$c*", 100))).toEqual(new Set(["b"]));
  });

  it("stops optional repetitions of backreferences once the budget is spent", () => {
    for (const text of sampleMany("^(a+)(?:-\\1)*$", SAMPLES, { maxLength: 12 })) {
      expect(codePointLength(text)).toBeLessThanOrEqual(12);
    }
  });

  it("caps unbounded quantifiers at maxRepeat extra repetitions", () => {
    const lengths = sampleMany("^a*$", SAMPLES, { maxRepeat: 3 }).map(codePointLength);
    expect(Math.max(...lengths)).toBe(3);
    expect(Math.min(...lengths)).toBe(0);
  });
});

describe("compilePattern: errors", () => {
  const unsatisfiable: [string, PatternOptions][] = [
    ["^[a-z]{3}$", { minLength: 4 }],
    ["^[a-z]{3}$", { maxLength: 2 }],
    ["\\d{5}", { maxLength: 4 }],
    ["^a+$", { minLength: 5, maxLength: 3 }],
    ["^$", { minLength: 1 }],
    ["^[^\\s\\S]$", {}],
    ["^(?:a|b){2}(?:cd){2}$", { maxLength: 5 }],
  ];
  for (const [pattern, options] of unsatisfiable) {
    it(`${JSON.stringify(pattern)} with ${JSON.stringify(options)} is UNSATISFIABLE`, () => {
      expect(errorCodeOf(() => compilePattern(pattern, options))).toBe("UNSATISFIABLE");
    });
  }

  it("does not call a backreference to a lookahead capture empty", () => {
    expect(errorCodeOf(() => compilePattern("^(?=(abc))\\1$", { minLength: 3 }))).toBeUndefined();
  });

  it("refuses patterns whose shortest match is absurdly long", () => {
    expect(errorCodeOf(() => compilePattern("^a{1000000000}$"))).toBe("SCHEMA_UNSUPPORTED");
    expect(errorCodeOf(() => compilePattern("^[a-z]{2000000}$"))).toBe("SCHEMA_UNSUPPORTED");
    expect(errorCodeOf(() => compilePattern("^[a-z]{2000000}$", { maxLength: 10 }))).toBe("UNSATISFIABLE");
  });

  it("rejects length bounds that are not non-negative integers", () => {
    expect(errorCodeOf(() => compilePattern("a", { minLength: -1 }))).toBe("SCHEMA_INVALID");
    expect(errorCodeOf(() => compilePattern("a", { maxLength: 1.5 }))).toBe("SCHEMA_INVALID");
  });

  it("mentions the pattern in the UNSATISFIABLE message", () => {
    expect(() => compilePattern("^[a-z]{3}$", { minLength: 4 })).toThrow(/\^\[a-z\]\{3\}\$/);
  });

  for (const pattern of ["^[a-z", "(", "a{2,1}", "\\p{NotAProperty}", "(?<n>a)\\k<m>", "\\1", "a**"]) {
    it(`rejects invalid regex ${JSON.stringify(pattern)} as SCHEMA_INVALID`, () => {
      expect(errorCodeOf(() => compilePattern(pattern))).toBe("SCHEMA_INVALID");
      expect(errorCodeOf(() => patternMatcher(pattern))).toBe("SCHEMA_INVALID");
    });
  }

  it("reports GENERATION_FAILED when no attempt matches", () => {
    const sample = compilePattern("a^b");
    expect(errorCodeOf(() => sample(new Rng(1), 0))).toBe("GENERATION_FAILED");
    expect(() => sample(new Rng(1), 0)).toThrow(/"a\^b"/);
  });
});

describe("compilePattern: determinism and distribution", () => {
  it("gives the same strings for the same seed", () => {
    const pattern = "^[A-Z]{1,2}[0-9][0-9A-Z]? [0-9][A-Z]{2}$";
    expect(sampleMany(pattern, 200, {}, 7)).toEqual(sampleMany(pattern, 200, {}, 7));
    expect(sampleMany(pattern, 200, {}, 7)).not.toEqual(sampleMany(pattern, 200, {}, 8));
  });

  it("depends only on the Rng, not on earlier samples from the same compiled pattern", () => {
    const sample = compilePattern("^(\\w{1,5})-(cat|dog)\\1$");
    const rowRng = new Rng();
    const first = Array.from({ length: 20 }, (_, row) => (rowRng.seedRow(3, row), sample(rowRng, row)));
    const reversed = Array.from({ length: 20 }, (_, index) => {
      const row = 19 - index;
      rowRng.seedRow(3, row);
      return sample(rowRng, row);
    }).reverse();
    expect(reversed).toEqual(first);
  });

  it("picks class members uniformly", () => {
    const samples = sampleMany("^[ab]$", 10_000);
    const share = samples.filter((text) => text === "a").length / samples.length;
    expect(share).toBeGreaterThan(0.47);
    expect(share).toBeLessThan(0.53);
  });

  it("picks alternatives uniformly", () => {
    const samples = sampleMany("^(cat|dog|bird)$", 9_000);
    for (const word of ["cat", "dog", "bird"]) {
      const share = samples.filter((text) => text === word).length / samples.length;
      expect(share).toBeGreaterThan(0.3);
      expect(share).toBeLessThan(0.366);
    }
  });
});

describe("patternMatcher", () => {
  it("tests unanchored, with the u flag", () => {
    const matches = patternMatcher("\\p{Lu}\\d");
    expect(matches("xxA1yy")).toBe(true);
    expect(matches("a1")).toBe(false);
  });
});
