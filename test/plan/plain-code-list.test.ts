import Ajv2020 from "ajv/dist/2020.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/generate/compile.js";
import { Rng } from "../../src/random/rng.js";

const TYPES = ["null", "boolean", "integer", "number", "string"] as const;
const scalar = fc.oneof(fc.constant(null), fc.boolean(), fc.integer({ min: -5, max: 5 }), fc.constantFrom(0.5, -2.25, 1e21), fc.constantFrom("", "A", "1", "null"));

/** Every value a plan draws, over enough rows to see each of a handful of codes. */
async function drawn(schema: object): Promise<Set<string>> {
  const compiled = await compile({ schema, seed: 1, rows: 400 });
  const rng = new Rng(1);
  const seen = new Set<string>();
  for (let row = 0; row < 400; row++) {
    rng.seedRow(1, row);
    seen.add(JSON.stringify(compiled.plan.sample(rng, row)));
  }
  return seen;
}

describe("code lists checked without a validator", () => {
  it("keep exactly the codes ajv accepts, for any types", async () => {
    const ajv = new Ajv2020({ strict: false });
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(scalar, { minLength: 1, maxLength: 6, selector: (v) => JSON.stringify(v) }), fc.subarray([...TYPES], { minLength: 1 }), async (codes, types) => {
        const schema = { type: types, enum: codes };
        const validate = ajv.compile(schema);
        const accepted = codes.filter((code) => validate(code)).map((code) => JSON.stringify(code));
        if (accepted.length === 0) {
          await expect(compile({ schema, seed: 1, rows: 10 })).rejects.toThrow(/no enum or const value/);
          return;
        }
        expect([...(await drawn(schema))].sort()).toEqual(accepted.sort());
      }),
      { numRuns: 150 },
    );
  });
});
