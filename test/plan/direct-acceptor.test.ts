import Ajv2020 from "ajv/dist/2020.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/generate/compile.js";
import { collectFacts, directScalarAcceptor } from "../../src/plan/facts.js";
import type { CompileContext } from "../../src/plan/context.js";
import { prepareSchema } from "../../src/schema/load.js";
import { nhsNumber } from "../../src/identifiers/index.js";
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

const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });

/** A scalar schema of the keywords the direct test handles, with any of them left out. */
const scalarSchema = fc.record(
  {
    type: fc.subarray([...TYPES], { minLength: 1 }),
    enum: fc.uniqueArray(scalar, { minLength: 1, maxLength: 6, selector: (v) => JSON.stringify(v) }),
    minimum: fc.integer({ min: -3, max: 3 }),
    maximum: fc.integer({ min: -3, max: 3 }),
    exclusiveMinimum: fc.constantFrom(-2.5, 0, 1),
    exclusiveMaximum: fc.constantFrom(-1, 0, 2.5),
    minLength: fc.integer({ min: 0, max: 2 }),
    maxLength: fc.integer({ min: 0, max: 2 }),
    pattern: fc.constantFrom("^[A-Z]$", "[0-9]", "^n", "é"),
  },
  { requiredKeys: [] },
);

describe("the direct test of a scalar", () => {
  it("agrees with ajv on any schema of types, codes, bounds, lengths and patterns", () => {
    const ajv = new Ajv2020({ strict: false });
    fc.assert(
      fc.property(scalarSchema, fc.array(fc.oneof(scalar, fc.constantFrom("é", "éé", "AB", "n1", "😀", "A😀")), { minLength: 1, maxLength: 8 }), (schema, values) => {
        const loaded = prepareSchema(schema);
        const facts = collectFacts([{ node: schema, base: loaded.rootUri, pointer: "" }], { loaded } as unknown as CompileContext);
        const direct = directScalarAcceptor(facts);
        expect(direct, "these keywords are all handled directly").toBeDefined();
        const validate = ajv.compile(schema);
        for (const value of values) expect(direct!(value), `${JSON.stringify(value)} against ${JSON.stringify(schema)}`).toBe(validate(value));
      }),
      { numRuns: 400 },
    );
  });

  it("counts a string's length in code points, as JSON Schema does", () => {
    const accepts = (schema: object) => {
      const loaded = prepareSchema(schema);
      return directScalarAcceptor(collectFacts([{ node: schema, base: loaded.rootUri, pointer: "" }], { loaded } as unknown as CompileContext))!;
    };
    expect(accepts({ type: "string", maxLength: 1 })("😀")).toBe(true);
    expect(accepts({ type: "string", minLength: 2 })("😀")).toBe(false);
  });

  it("checks UK identifier formats with the identifiers' own validators, as ajv does", () => {
    const schema = { type: "string", format: "nhs-number" };
    const loaded = prepareSchema(schema);
    const direct = directScalarAcceptor(collectFacts([{ node: schema, base: loaded.rootUri, pointer: "" }], { loaded } as unknown as CompileContext))!;
    const validate = loaded.validate;
    for (const value of [nhsNumber.nth(0), nhsNumber.nth(12345), "9990000000", "1234567890", "999 000 0000", 42]) {
      expect(direct(value), JSON.stringify(value)).toBe(validate(value));
    }
  });

  it("is not offered where the schema needs a validator", () => {
    for (const schema of [{ type: "string", format: "date" }, { type: "number", multipleOf: 0.1 }, { not: { const: 1 } }, { anyOf: [{ type: "string" }, { minimum: 3 }] }]) {
      const loaded = prepareSchema(schema);
      const facts = collectFacts([{ node: schema, base: loaded.rootUri, pointer: "" }], { loaded } as unknown as CompileContext);
      expect(directScalarAcceptor(facts), JSON.stringify(schema)).toBeUndefined();
    }
  });
});

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
