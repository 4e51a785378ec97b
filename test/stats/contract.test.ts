import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/generate/compile.js";
import { sampleRows } from "../../src/generate/rows.js";
import { createUserAjv } from "../../src/schema/ajv.js";
import { SynthError, validateStats } from "../../src/index.js";
import { example, runCli, tempDir } from "../support/cli.js";

/**
 * The statistics contract is one check that every command makes: each malformed file below is
 * refused by the library with the pointer of what is wrong, and by generate and describe alike with
 * exit 2 and one line naming the statistics file, never the schema.
 */

const valid = () => JSON.parse(readFileSync(example("child-health", "stats.json"), "utf8")) as { columns: Record<string, Record<string, unknown>> };

type Mutation = [string, (stats: ReturnType<typeof valid>) => void, string];

const MUTATIONS: Mutation[] = [
  ["frequencies all zero", (s) => ((s.columns.ethnic_category!.categories as Array<{ frequency: number }>).forEach((c) => (c.frequency = 0))), "/columns/ethnic_category/categories"],
  ["frequencies not summing to 1", (s) => ((s.columns.ethnic_category!.categories as Array<{ frequency: number }>)[1]!.frequency += 0.3), "/columns/ethnic_category/categories"],
  ["no categories at all", (s) => ((s.columns.ethnic_category!.categories = []), delete s.columns.ethnic_category!.suppressed), "/columns/ethnic_category/categories"],
  ["a category listed twice", (s) => {
    const categories = s.columns.ethnic_category!.categories as Array<{ value: unknown; frequency: number }>;
    categories[1]!.value = categories[0]!.value;
  }, "/columns/ethnic_category/categories/1/value"],
  ["quantile probabilities not starting at 0", (s) => ((s.columns.birth_weight_grams!.quantiles as number[][])[0]![0] = 0.1), "/columns/birth_weight_grams/quantiles/0/0"],
  ["quantile probabilities not ending at 1", (s) => {
    const q = s.columns.birth_weight_grams!.quantiles as number[][];
    q[q.length - 1]![0] = 0.9;
  }, `/columns/birth_weight_grams/quantiles/${(valid().columns.birth_weight_grams!.quantiles as unknown[]).length - 1}/0`],
  ["a repeated quantile probability", (s) => {
    const q = s.columns.birth_weight_grams!.quantiles as number[][];
    q[2]![0] = q[1]![0]!;
  }, "/columns/birth_weight_grams/quantiles/2/0"],
  ["an impossible date (29 February 2021)", (s) => ((s.columns.date_of_birth!.quantiles as unknown[][])[1]![1] = "2021-02-29"), "/columns/date_of_birth/quantiles/1/1"],
  ["an impossible date (month 13)", (s) => ((s.columns.date_of_birth!.quantiles as unknown[][])[1]![1] = "2021-13-45"), "/columns/date_of_birth/quantiles/1/1"],
  ["integer: true with decimals", (s) => (s.columns.birth_weight_grams!.decimals = 2), "/columns/birth_weight_grams/decimals"],
  ["histogram bins reversed", (s) => (s.columns.birth_weight_grams = { kind: "number", histogram: [{ from: 4000, to: 2000, frequency: 1 }] }), "/columns/birth_weight_grams/histogram/0"],
  ["histogram bins overlapping", (s) => (s.columns.birth_weight_grams = { kind: "number", histogram: [{ from: 2000, to: 3000, frequency: 0.5 }, { from: 2500, to: 4000, frequency: 0.5 }] }), "/columns/birth_weight_grams/histogram/1/from"],
  ["an empty histogram bin", (s) => (s.columns.birth_weight_grams = { kind: "number", histogram: [{ from: 2000, to: 2000, frequency: 1 }] }), "/columns/birth_weight_grams/histogram/0"],
];

describe("the statistics contract", () => {
  it("keeps the bundled examples valid", () => {
    for (const name of ["child-health", "pupils"]) expect(() => validateStats(JSON.parse(readFileSync(example(name, "stats.json"), "utf8")))).not.toThrow();
  });

  it.each(MUTATIONS)("refuses %s, naming the place", (_, mutate, pointer) => {
    const stats = valid();
    mutate(stats);
    let caught: unknown;
    try {
      validateStats(stats, "stats.json");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SynthError);
    expect((caught as SynthError).code).toBe("STATS_INVALID");
    expect((caught as SynthError).place.pointer).toBe(pointer);
  });

  it.each(MUTATIONS.slice(0, 4).concat(MUTATIONS.slice(7, 10)))("generate and describe both refuse %s with exit 2, naming the statistics file", (_, mutate) => {
    const dir = tempDir();
    const stats = join(dir, "broken.stats.json");
    const document = valid();
    mutate(document);
    writeFileSync(stats, JSON.stringify(document));
    const schema = example("child-health", "schema.json");
    for (const args of [
      ["generate", "--schema", schema, "--stats", stats, "--rows", "5", "--output", join(dir, "out.csv")],
      ["describe", "--schema", schema, "--stats", stats],
    ]) {
      const run = runCli(args);
      expect(run.status).toBe(2);
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
      expect(run.stderr).toMatch(/^synth: .*broken\.stats\.json/);
      expect(run.stderr).not.toMatch(/schema\.json/);
    }
  });
});

describe("statistics mutations (property)", () => {
  const schema = JSON.parse(readFileSync(example("child-health", "schema.json"), "utf8")) as object;
  const validate = createUserAjv("2020-12").compile(schema);
  const probability = fc.oneof(fc.constantFrom(0, 0.25, 0.5, 1), fc.double({ min: -0.2, max: 1.2, noNaN: true }));
  const point = fc.tuple(probability, fc.integer({ min: 300, max: 6000 }));
  const category = fc.record({ value: fc.constantFrom("A", "B", "C", "D"), frequency: fc.double({ min: 0, max: 1, noNaN: true }) });

  it("either refuses the file naming the mutated column, or generates only valid rows from it", async () => {
    const outcomes = { refused: 0, generated: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(point, { minLength: 2, maxLength: 6 }), fc.array(category, { minLength: 0, maxLength: 4 }), fc.boolean(), async (quantiles, categories, tidy) => {
        const stats = valid();
        if (tidy) {
          // Half the files are put in order, so that many pass and their rows are checked.
          quantiles = quantiles.map(([, v], i) => [i / (quantiles.length - 1), v] as [number, number]).sort((a, b) => a[0] - b[0]);
          quantiles.forEach((q, i) => (q[1] = Math.max(q[1], quantiles[i - 1]?.[1] ?? 0)));
          const total = categories.reduce((sum, c) => sum + c.frequency, 0);
          categories = [...new Map(categories.map((c) => [c.value, { ...c, frequency: total > 0 ? c.frequency / total : 0.25 }])).values()];
          const kept = categories.reduce((sum, c) => sum + c.frequency, 0);
          if (categories.length > 0 && kept > 0) categories.forEach((c) => (c.frequency = Math.round((c.frequency / kept) * 1e6) / 1e6));
        }
        stats.columns.birth_weight_grams!.quantiles = quantiles;
        stats.columns.ethnic_category = { kind: "categorical", categories };
        let compiled;
        try {
          compiled = await compile({ schema, stats: stats as never, seed: 1, rows: 30 });
        } catch (error) {
          expect(error).toBeInstanceOf(SynthError);
          expect((error as SynthError).place.pointer ?? "").toMatch(/^\/columns\/(birth_weight_grams|ethnic_category)|^\/model|^\/rules/);
          outcomes.refused++;
          return;
        }
        for (const row of sampleRows(compiled.plan, compiled.seed, 0, 30)) expect(validate(row), JSON.stringify(validate.errors)).toBe(true);
        outcomes.generated++;
      }),
      { numRuns: 200, seed: 20261204 },
    );
    // Both sides of the contract were exercised.
    expect(outcomes.refused).toBeGreaterThan(10);
    expect(outcomes.generated).toBeGreaterThan(10);
  }, 60_000);
});
