import { describe, expect, it } from "vitest";
import { compile } from "../../src/generate/compile.js";
import { isPlain, isPlainText, isPlainValue } from "../../src/plan/plain-text.js";
import { OMIT } from "../../src/plan/types/object.js";
import { patternCharacterRanges } from "../../src/random/regex/compile-pattern.js";
import { Rng } from "../../src/random/rng.js";
import { example } from "../support/cli.js";

const DRAWS = 3000;

/** Columns and whether the writer may emit them without quoting or escaping. */
const columns: Record<string, [schema: object, plain: boolean]> = {
  count: [{ type: "integer", minimum: -5, maximum: 5 }, true],
  price: [{ type: "number", minimum: 0, maximum: 1e6 }, true],
  tiny: [{ type: "number", minimum: 0, maximum: 1e-9 }, true],
  flag: [{ type: "boolean" }, true],
  code: [{ enum: ["A", "B", null, 3] }, true],
  quoted: [{ enum: ["plain", 'say "hi"'] }, false],
  comma: [{ enum: ["a,b"] }, false],
  born: [{ type: "string", format: "date" }, true],
  seen: [{ type: "string", format: "date-time" }, true],
  mail: [{ type: "string", format: "email" }, true],
  id: [{ type: "string", format: "uuid" }, true],
  nhs: [{ type: "string", format: "nhs-number" }, true],
  postcode: [{ type: "string", "x-synth-type": "uk-postcode" }, true],
  pattern: [{ type: "string", pattern: "^[A-Z]{2}[0-9]{3}\\w?$" }, true],
  padded: [{ type: "string", pattern: "[0-9]", minLength: 6 }, true],
  patternComma: [{ type: "string", pattern: "^[a-z,]{3}$" }, false],
  patternRange: [{ type: "string", pattern: "^[ -~]{4}$" }, false],
  patternDot: [{ type: "string", pattern: "^.{3}$" }, false],
  patternNegated: [{ type: "string", pattern: "^[^a]{3}$" }, false],
  patternSpace: [{ type: "string", pattern: "^\\s$" }, false],
  regex: [{ type: "string", format: "regex" }, false],
  letters: [{ type: "string", maxLength: 5 }, true],
  optional: [{ type: "string", format: "date" }, true],
  nullable: [{ type: ["integer", "null"], minimum: 0, maximum: 9 }, true],
};

const schema = {
  type: "object",
  required: Object.keys(columns).filter((name) => name !== "optional"),
  properties: Object.fromEntries(Object.entries(columns).map(([name, [column]]) => [name, column])),
};

describe("plain samplers", () => {
  it("are marked exactly where no value can need quoting or escaping", async () => {
    const compiled = await compile({ schema, seed: 3, rows: DRAWS });
    const fields = compiled.plan.fields!;
    expect(fields.map((f) => f.name)).toEqual(Object.keys(columns));
    for (const field of fields) expect(isPlain(field.draw), field.name).toBe(columns[field.name]![1]);
  });

  it("only ever return plain values", async () => {
    const compiled = await compile({ schema, seed: 3, rows: DRAWS });
    const rng = new Rng(3);
    for (const field of compiled.plan.fields!.filter((f) => isPlain(f.draw))) {
      for (let row = 0; row < DRAWS; row++) {
        rng.seedRow(3, row);
        const value = field.draw(rng, row);
        if (value !== OMIT) expect(isPlainValue(value), `${field.name}: ${JSON.stringify(value)}`).toBe(true);
      }
    }
  });

  it("cover the bundled examples' columns that statistics describe", async () => {
    const compiled = await compile({ schema: example("child-health", "schema.json"), stats: example("child-health", "stats.json"), seed: 1, rows: 1000 });
    const fields = compiled.plan.fields!;
    // Codes, dates, counts and identifiers: nothing in this table needs quoting.
    const careful = fields.filter((f) => !isPlain(f.draw)).map((f) => f.name);
    expect(careful).toEqual([]);
  });
});

describe("text plainness", () => {
  it("rejects what CSV quotes or JSON escapes, and accepts the rest", () => {
    // Astral characters (surrogate pairs) are left to the careful path too: rare, and never wrong there.
    for (const text of ['"', ",", "\\", "\n", "\r", "\t", "\u0000", "\u007f", "\ud800", "a\udc00", "😀"]) expect(isPlainText(text), JSON.stringify(text)).toBe(false);
    for (const text of ["", "plain words", "é ü ß", "O'Brien", "a-b/c;d:e"]) expect(isPlainText(text), text).toBe(true);
  });

  it("reads the characters a pattern spells out", () => {
    expect(patternCharacterRanges("^[0-9]{10}$")).toContainEqual([0x30, 0x39]);
    expect(patternCharacterRanges("^.$")).toBeUndefined();
    expect(patternCharacterRanges("^[^x]$")).toBeUndefined();
    expect(patternCharacterRanges("^\\S$")).toBeUndefined();
    expect(patternCharacterRanges("^\\p{L}$")).toBeUndefined();
  });
});
