import { describe, expect, it } from "vitest";
import { generate, loadStats } from "../../src/index.js";
import type { CategoricalStats, NumberStats, TemporalStats } from "../../src/index.js";
import { example } from "../support/cli.js";

const ROWS = 100_000;
const schema = example("child-health", "schema.json");
const statsPath = example("child-health", "stats.json");
const stats = loadStats(statsPath);

/** Four standard errors of a proportion at n rows: a bound a correct sampler breaks about once in 16,000 checks. */
const tolerance = (p: number, n: number) => 4 * Math.sqrt((p * (1 - p)) / n) + 1e-9;

function empiricalQuantile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

describe("generation follows the statistics (100k rows, child-health)", async () => {
  const records: Array<Record<string, unknown>> = [];
  for await (const record of generate({ schema, stats: statsPath, rows: ROWS, seed: 11 })) records.push(record as Record<string, unknown>);

  it.each(["sex", "ethnic_category", "gestation_weeks"])("category frequencies of %s", (name) => {
    const published = stats.columns[name] as CategoricalStats;
    const total = published.categories.reduce((sum, c) => sum + c.frequency, 0);
    const counts = new Map<unknown, number>();
    for (const record of records) counts.set(record[name], (counts.get(record[name]) ?? 0) + 1);
    for (const category of published.categories) {
      const expected = category.frequency / total;
      const observed = (counts.get(category.value) ?? 0) / ROWS;
      expect(Math.abs(observed - expected)).toBeLessThan(tolerance(expected, ROWS));
    }
    // nothing outside the published categories (suppressed values are never emitted)
    for (const value of counts.keys()) expect(published.categories.map((c) => c.value)).toContain(value);
  });

  it.each(["birth_weight_grams", "bmi_centile"])("quantiles of %s", (name) => {
    const published = stats.columns[name] as NumberStats;
    const values = records.map((r) => r[name]).filter((v): v is number => typeof v === "number").sort((a, b) => a - b);
    for (const [p, expected] of published.quantiles!) {
      if (p === 0 || p === 1) continue;
      // The empirical CDF at the published value is within sampling error of p (allowing for rounding).
      const below = values.filter((v) => v < expected).length / values.length;
      const atOrBelow = values.filter((v) => v <= expected).length / values.length;
      const slack = tolerance(p, values.length);
      expect(below - slack).toBeLessThanOrEqual(p);
      expect(atOrBelow + slack).toBeGreaterThanOrEqual(p);
    }
    expect(empiricalQuantile(values, 0)).toBeGreaterThanOrEqual(published.quantiles![0]![1]);
    expect(empiricalQuantile(values, 1)).toBeLessThanOrEqual(published.quantiles!.at(-1)![1]);
  });

  it("date quantiles of date_of_birth", () => {
    const published = stats.columns.date_of_birth as TemporalStats;
    const values = records.map((r) => r.date_of_birth as string);
    for (const [p, expected] of published.quantiles!) {
      if (p === 0 || p === 1) continue;
      const below = values.filter((v) => v < expected).length / ROWS;
      expect(Math.abs(below - p)).toBeLessThan(tolerance(p, ROWS) + 1 / 365);
    }
  });

  it.each(["mmr1_date", "bmi_centile"])("null fraction of %s", (name) => {
    const expected = stats.columns[name]!.nullFraction!;
    const observed = records.filter((r) => r[name] === null).length / ROWS;
    expect(Math.abs(observed - expected)).toBeLessThan(tolerance(expected, ROWS));
  });

  it("boolean true fractions", () => {
    const observed = records.filter((r) => r.asthma === true).length / ROWS;
    expect(Math.abs(observed - 0.09)).toBeLessThan(tolerance(0.09, ROWS));
  });

  it("unique columns never repeat", () => {
    expect(new Set(records.map((r) => r.nhs_number)).size).toBe(ROWS);
    expect(new Set(records.map((r) => r.record_id)).size).toBe(ROWS);
  });

  it("rounds to the published decimals", () => {
    const values = records.map((r) => r.bmi_centile).filter((v): v is number => typeof v === "number");
    expect(values.every((v) => Math.abs(v * 10 - Math.round(v * 10)) < 1e-9)).toBe(true);
  });
});
