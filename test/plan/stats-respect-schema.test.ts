import { describe, expect, it } from "vitest";
import { SynthError } from "../../src/errors/synth-error.js";
import { compile } from "../../src/generate/compile.js";
import { sampleRows } from "../../src/generate/rows.js";
import { createUserAjv } from "../../src/schema/ajv.js";
import type { StatsFile } from "../../src/stats/types.js";

// Found by fuzzing the CLI: values drawn from statistics were taken as valid whatever the schema's
// format, enum or const said, and records that fail the schema were written with exit 0. Now such
// values are checked: valid values, or an error naming the place, never an invalid record.

async function outcome(schema: object, stats: StatsFile): Promise<unknown[] | SynthError> {
  try {
    const { plan } = await compile({ schema, stats, seed: 2, rows: 50 });
    return [...sampleRows(plan, 2, 0, 50)];
  } catch (error) {
    if (error instanceof SynthError) return error;
    throw error;
  }
}

const table = (properties: Record<string, object>) => ({ type: "object", properties, required: Object.keys(properties) });
const stats = (columns: Record<string, unknown>) => ({ format: "synth-stats", version: 1, columns }) as unknown as StatsFile;

describe("statistics never outrank the schema", () => {
  it.each([
    ["a date kind under format time", { t: { type: "string", format: "time" } }, { t: { kind: "date", quantiles: [[0, "2020-01-01"], [1, "2021-01-01"]] } }],
    ["a boolean under const true", { b: { type: "boolean", const: true } }, { b: { kind: "boolean", trueFraction: 0.5 } }],
    ["free text under an enum", { s: { type: "string", enum: ["a", "b"] } }, { s: { kind: "string", length: [[0, 1], [1, 5]] } }],
    ["numbers under const 7", { n: { type: "integer", const: 7 } }, { n: { kind: "number", integer: true, quantiles: [[0, 1], [1, 10]] } }],
    ["numbers under format int32", { n: { type: "number", format: "int32", minimum: 0, maximum: 100 } }, { n: { kind: "number", quantiles: [[0, 1], [1, 90]] } }],
    ["rounding onto an exclusive maximum", { x: { type: "number", exclusiveMaximum: 1 } }, { x: { kind: "number", decimals: 2, quantiles: [[0, 0.999], [1, 0.9999]] } }],
  ])("%s: valid records or an error naming the column", async (_name, properties, columns) => {
    const schema = table(properties);
    const result = await outcome(schema, stats(columns));
    if (result instanceof SynthError) {
      expect(result.place.pointer ?? result.place.column).toBeDefined();
      return;
    }
    const validate = createUserAjv("2020-12").compile(schema);
    for (const record of result) expect(validate(record), JSON.stringify(record)).toBe(true);
  });
});
