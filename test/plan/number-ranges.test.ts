import { describe, expect, it } from "vitest";
import { SynthError } from "../../src/errors/synth-error.js";
import { compile } from "../../src/generate/compile.js";
import { sampleRows } from "../../src/generate/rows.js";
import { createUserAjv } from "../../src/schema/ajv.js";

// Before: a range with no finite width (format double, maximum 1e308) or no double strictly inside
// it drew for ever, and a SIGTERM could not stop the process (found by fuzzing the CLI).

async function values(schema: object, rows = 200): Promise<unknown[]> {
  const { plan } = await compile({ schema, seed: 3, rows });
  return [...sampleRows(plan, 3, 0, rows)];
}

describe("number ranges", () => {
  it.each([
    [{ type: "number", format: "double" }],
    [{ type: "number", minimum: -1e308, maximum: 1e308 }],
    [{ type: "number", minimum: 0, maximum: 1e308 }],
    [{ type: "number", minimum: 1e307, maximum: 1.5e307 }],
    [{ type: "number", exclusiveMinimum: 0.9999999999999999, maximum: 1 }],
    [{ type: "number", maximum: -1e308 }],
  ])("huge or near-empty ranges give valid values: %j", async (schema) => {
    const validate = createUserAjv("2020-12").compile(schema);
    const drawn = await values(schema);
    expect(drawn).toHaveLength(200);
    for (const value of drawn) expect(validate(value), JSON.stringify(value)).toBe(true);
  });

  it("draws values of a realistic size from a huge range", async () => {
    const drawn = (await values({ type: "number", format: "double" })) as number[];
    expect(Math.max(...drawn.map(Math.abs))).toBeLessThanOrEqual(1e6);
    expect(new Set(drawn).size).toBeGreaterThan(150);
  });

  it("refuses a range with no double strictly inside it, naming the place", async () => {
    await expect(values({ type: "number", exclusiveMinimum: 1, exclusiveMaximum: 1.0000000000000002 })).rejects.toSatisfy(
      (error: unknown) => error instanceof SynthError && error.code === "UNSATISFIABLE" && error.place.pointer === "",
    );
  });
});
