import { describe, expect, it } from "vitest";
import { batchText, batchWriter, fastRowText } from "../../src/generate/batch.js";
import { compile, type CompileInput } from "../../src/generate/compile.js";
import { encoderFor } from "../../src/generate/output.js";
import { Rng } from "../../src/random/rng.js";
import type { OutputFormat } from "../../src/sinks/encoders.js";
import { REFERENCE_SCHEMA, example } from "../support/cli.js";

const ROWS = 400;

const inline = {
  type: "object",
  required: ["id", "name"],
  properties: {
    id: { type: "integer", minimum: 1, maximum: 1000 },
    name: { type: "string", enum: ['a "quoted", name', "line\nbreak", "plain", "tab\there", "é", "\ud800"] },
    maybe: { type: "string", format: "date" },
    gone: false,
    flag: { type: "boolean" },
    score: { type: ["number", "null"], minimum: 0, maximum: 1 },
  },
};

const cases: Array<[string, CompileInput]> = [
  ["reference schema", { schema: REFERENCE_SCHEMA }],
  ["child-health with statistics", { schema: example("child-health", "schema.json"), stats: example("child-health", "stats.json") }],
  ["child-health without statistics", { schema: example("child-health", "schema.json") }],
  ["pupils with statistics", { schema: example("pupils", "schema.json"), stats: example("pupils", "stats.json") }],
  ["optional, false and awkward properties", { schema: inline }],
];

describe("the fast row writer", () => {
  it.each(cases)("writes exactly what encoding the sampled record gives: %s", async (_, input) => {
    const compiled = await compile({ ...input, seed: 7, rows: ROWS });
    expect(compiled.plan.fields, "this plan should take the fast path").toBeDefined();
    for (const format of ["csv", "jsonl", "json"] as OutputFormat[]) {
      if (format === "csv" && compiled.plan.nestedColumns.length > 0) continue;
      const encoder = encoderFor(compiled, { format, from: 0, to: ROWS, total: ROWS });
      const fast = fastRowText(compiled.plan, format);
      expect(fast).toBeDefined();
      const a = new Rng(7), b = new Rng(7);
      for (let row = 0; row < ROWS; row++) {
        a.seedRow(7, row);
        b.seedRow(7, row);
        expect(fast!(a, row)).toBe(encoder.row(compiled.plan.sample(b, row), row));
      }
    }
  });

  it.each(cases)("writes the same batches as row by row, wherever a batch starts: %s", async (_, input) => {
    const compiled = await compile({ ...input, seed: 7, rows: ROWS });
    const encoder = encoderFor(compiled, { format: "csv", from: 0, to: ROWS, total: ROWS });
    const fast = fastRowText(compiled.plan, "csv")!;
    const rng = new Rng(7);
    let expected = "";
    for (let row = 0; row < ROWS; row++) {
      rng.seedRow(7, row);
      expected += encoder.row(compiled.plan.sample(rng, row), row);
    }
    const batch = batchText(batchWriter(fast, encoder, 7));
    // Output is UTF-8, in which a lone surrogate (one of the awkward values) can only be U+FFFD.
    expect(batch(0, 100) + batch(100, 250) + batch(250, ROWS)).toBe(Buffer.from(expected).toString());
  });

  it("is not used for property names a JS object would reorder", async () => {
    const compiled = await compile({ schema: { type: "object", required: ["b", "10", "2"], properties: { b: { type: "integer" }, "10": { type: "integer" }, "2": { type: "integer" } } } });
    expect(fastRowText(compiled.plan, "jsonl")).toBeUndefined();
  });
});
