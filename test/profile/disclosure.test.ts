import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generate } from "../../src/generate/generate.js";
import { nhsNumber } from "../../src/identifiers/index.js";
import { profile } from "../../src/profile/profile.js";
import { Rng } from "../../src/random/rng.js";
import type { NumberStats } from "../../src/stats/types.js";
import { csv, tempFile, validateTable } from "./helpers.js";

let fileCounter = 0;
function table(header: string[], rows: Array<Array<string | number>>): string {
  return tempFile(`table-${++fileCounter}.csv`, csv(header, rows));
}

/** Rows in a shuffled order (a fixed seed), so that rare values are not all at the end. */
function shuffled<T>(items: T[], seed: number): T[] {
  const rng = new Rng(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.below(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe("rare values are never published", () => {
  it("withholds every category seen fewer than K times, from the statistics, the schema and generated data", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 15 }),
        fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 2, maxLength: 5 }),
        fc.array(fc.integer({ min: 1, max: 14 }), { minLength: 1, maxLength: 6 }),
        async (k, extra, rareCounts) => {
          const rows: Array<[string, number]> = [];
          extra.forEach((e, i) => {
            // Common values hold well over 90% of rows, so the column stays categorical.
            for (let n = 0; n < 30 * k + e; n++) rows.push([`common${i}`, i % 2]);
          });
          const planted = rareCounts.map((c) => Math.min(c, k - 1));
          planted.forEach((count, i) => {
            for (let n = 0; n < count; n++) rows.push([`RARESECRET${i}X`, 7000 + i]);
          });
          const file = table(["code", "number"], shuffled(rows, k));
          const result = await profile({ input: file, minCount: k });
          const published = JSON.stringify(result.stats) + JSON.stringify(result.schema);
          expect(published).not.toMatch(/RARESECRET/);
          expect(published).not.toMatch(/\b700\d\b/);
          const code = result.stats.columns.code!;
          expect(code.kind).toBe("categorical");
          if (code.kind === "categorical") {
            expect(code.suppressed?.categories).toBe(planted.length);
            const withheld = planted.reduce((a, b) => a + b, 0);
            expect(code.suppressed?.frequency).toBeCloseTo(withheld / rows.length, 5);
          }
          // A withheld value would reject real rows in an enum: the schema has none for this column.
          expect((result.schema!.properties as Record<string, { enum?: unknown }>).code!.enum).toBeUndefined();
        },
      ),
      { numRuns: 25 },
    );
  });

  it("never generates a withheld value, even under differential privacy", async () => {
    const rows: Array<[string]> = [];
    for (let i = 0; i < 300; i++) rows.push([["north", "south", "east"][i % 3]!]);
    for (let i = 0; i < 4; i++) rows.push(["PLANTEDRARE"]);
    const file = table(["region"], shuffled(rows, 1));
    for (const epsilon of [undefined, 1]) {
      const result = await profile({ input: file, ...(epsilon ? { epsilon, seed: 5 } : {}) });
      const values = new Set<unknown>();
      for await (const record of generate({ schema: result.schema!, stats: result.stats, rows: 2000, seed: 3 })) values.add((record as { region: unknown }).region);
      expect(values.has("PLANTEDRARE")).toBe(false);
      expect([...values].sort()).toEqual(["east", "north", "south"]);
    }
  });

  it("publishes fewer than K empty values as none, and a rare true/false side as absent", async () => {
    const rows: Array<[string, string]> = [];
    for (let i = 0; i < 100; i++) rows.push([i < 3 ? "" : String(i % 7), i < 4 ? "true" : "false"]);
    const result = await profile({ input: table(["score", "flag"], rows) });
    expect(result.stats.columns.score!.nullFraction).toBeUndefined();
    expect(result.stats.columns.flag).toMatchObject({ kind: "boolean", trueFraction: 0 });
    // The schema still lets the real rows through: the column allows null.
    expect((result.schema!.properties as Record<string, { type: unknown }>).score!.type).toEqual(["integer", "null"]);
  });
});

describe("numeric extremes are never published", () => {
  function measurements(outlier: number): Array<[number]> {
    const rng = new Rng(11);
    const rows: Array<[number]> = [];
    for (let i = 0; i < 199; i++) rows.push([Math.round(1000 * (50 + 10 * (rng.float() + rng.float() + rng.float() - 1.5))) / 1000]);
    rows.push([outlier]);
    return rows;
  }

  it("takes points from the data only where K records lie beyond them; ends are no record's value", async () => {
    const k = 10;
    const rows = measurements(987654.321);
    const values = rows.map((r) => r[0]).sort((a, b) => a - b);
    const result = await profile({ input: table(["weight"], rows), minCount: k });
    const stats = result.stats.columns.weight as NumberStats;
    const points = stats.quantiles!;
    expect(points[0]![0]).toBe(0);
    expect(points[points.length - 1]![0]).toBe(1);
    // Between the K-th smallest and K-th largest (p from (K - 0.5)/n to 1 - (K - 0.5)/n) the points
    // are the data's quantiles; beyond, the tails are extrapolated (next test: from ranks K and up).
    const pLow = (k - 0.5) / values.length - 1e-6;
    const inner = points.filter(([p]) => p >= pLow && p <= 1 - pLow);
    expect(inner.length).toBeGreaterThan(90);
    for (const [, value] of inner) {
      expect(values.filter((v) => v <= value).length).toBeGreaterThanOrEqual(k);
      expect(values.filter((v) => v >= value).length).toBeGreaterThanOrEqual(k);
    }
    const [low, high] = [points[0]![1], points[points.length - 1]![1]];
    expect(low).not.toBe(values[0]);
    expect(high).not.toBe(values[values.length - 1]);
    expect(high).toBeLessThan(1000); // the outlier shows nowhere
    expect(JSON.stringify(result.schema)).not.toMatch(/987654|maximum/);
    // The note a reviewer reads names the ranks the tails really come from.
    expect(result.stats.disclosure!.notes!.join(" ")).toMatch(/extrapolated from ranks 10, 20 and 40 \(10 and 20 in columns of fewer than 80 values\)/);
  });

  it("is unchanged when the K-1 most extreme records change (K-anonymous ends)", async () => {
    const k = 10;
    const base = measurements(120);
    const sorted = [...base].sort((a, b) => a[0] - b[0]);
    const changed = base.map(([v]): [number] => {
      const rank = sorted.findIndex((r) => r[0] === v);
      if (rank >= sorted.length - (k - 1)) return [v + 500 + rank];
      if (rank < k - 1) return [v - 40 - rank / 10];
      return [v];
    });
    const first = await profile({ input: table(["weight"], base), minCount: k });
    const second = await profile({ input: table(["weight"], changed), minCount: k });
    expect(second.stats.columns.weight).toEqual(first.stats.columns.weight);
  });

  it("publishes nothing of a distribution with fewer than 2K values", async () => {
    const rows: Array<[number | string]> = [];
    for (let i = 0; i < 60; i++) rows.push([i < 25 ? i * 1.5 : ""]);
    const result = await profile({ input: table(["rare_measure"], rows), minCount: 15 });
    expect(result.stats.columns.rare_measure).toMatchObject({ kind: "number" });
    expect((result.stats.columns.rare_measure as NumberStats).quantiles).toBeUndefined();
  });
});

describe("text and identifiers publish their shape only", () => {
  it("publishes no free-text value and no identifier value", async () => {
    const rng = new Rng(4);
    const words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"];
    const rows: Array<[string, string, string]> = [];
    for (let i = 0; i < 300; i++) {
      const sentence = Array.from({ length: 3 + rng.below(6) }, () => words[rng.below(words.length)]).join(" ") + ` ${i}`;
      rows.push([`AB${String(100000 + i * 7)}`, sentence, nhsNumber.nth(i * 13)]);
    }
    const file = table(["case_ref", "comment", "nhs_number"], rows);
    const result = await profile({ input: file });
    const published = JSON.stringify(result.stats) + JSON.stringify(result.schema);
    for (const [ref, comment, nhs] of rows) {
      expect(published).not.toContain(ref);
      expect(published).not.toContain(comment);
      expect(published).not.toContain(nhs);
    }
    expect(result.stats.columns.case_ref).toMatchObject({ kind: "identifier", unique: true, generator: { pattern: "^[A-Z]{2}[0-9]{6}$" } });
    expect(result.stats.columns.comment).toMatchObject({ kind: "string" });
    // Sentences of words publish their words' shape (how many, how long), never a word.
    expect(result.stats.columns.comment).toHaveProperty("words.count");
    expect(published).not.toContain("alpha");
    expect(result.stats.columns.nhs_number).toMatchObject({ kind: "identifier", unique: true, generator: { type: "nhs-number" } });
    expect((result.schema!.properties as Record<string, unknown>).nhs_number).toEqual({ type: "string", format: "nhs-number" });
    expect((await validateTable(file, result.schema!)).failures).toEqual([]);
  });
});

describe("differential privacy", () => {
  const rows: Array<[string, number, string]> = [];
  for (let i = 0; i < 500; i++) rows.push([["a", "b", "c", "d"][i % 4]!, (i * 37) % 101, i % 9 === 0 ? "" : `2020-01-${String(1 + (i % 28)).padStart(2, "0")}`]);
  const file = () => table(["group", "score", "seen"], rows);

  it("records the budget asked for and spent, the mechanism, and how the noise was seeded", async () => {
    // Seeded: which bins the noisy histograms give decides whether the weak link between score and
    // seen earns a table; under this seed it does not, so the share kept for the model is not spent.
    const result = await profile({ input: file(), epsilon: 1, seed: 1 });
    expect(result.stats.model).toBeUndefined();
    expect(result.stats.disclosure).toMatchObject({ minCount: 10, epsilon: 1, epsilonSpent: 0.7, mechanism: "laplace" });
    expect(result.stats.disclosure!.notes!.join(" ")).toMatch(/0\.3 was kept for the dependence model and not spent/);
    expect(result.stats.disclosure!.notes!.join(" ")).toMatch(/Laplace noise .* epsilon 1 in total/);
    expect(result.stats.disclosure!.notes!.join(" ")).toMatch(/seed given by the user/);
    const unseeded = await profile({ input: file(), epsilon: 1 });
    expect(unseeded.stats.disclosure!.notes!.join(" ")).toMatch(/secure random source/);
    const none = await profile({ input: file() });
    expect(none.stats.disclosure).toEqual(expect.objectContaining({ epsilon: null }));
    expect(none.stats.disclosure).not.toHaveProperty("epsilonSpent");
  });

  it("is reproducible with a seed, which is never written down, and unpredictable without one", async () => {
    const input = file();
    const a = await profile({ input, epsilon: 0.5, seed: 42 });
    const b = await profile({ input, epsilon: 0.5, seed: 42 });
    const c = await profile({ input, epsilon: 0.5, seed: 43 });
    expect(a.stats.columns).toEqual(b.stats.columns);
    expect(a.stats.columns).not.toEqual(c.stats.columns);
    expect(JSON.stringify(a.stats)).not.toMatch(/"seed"/);
    const d = await profile({ input, epsilon: 0.5 });
    const e = await profile({ input, epsilon: 0.5 });
    expect(d.stats.columns).not.toEqual(e.stats.columns);
  });

  it("keeps the statistics close to the truth at epsilon 1", async () => {
    const result = await profile({ input: file(), epsilon: 1, seed: 7 });
    const group = result.stats.columns.group!;
    if (group.kind !== "categorical") throw new Error("expected categorical");
    for (const category of group.categories) expect(category.frequency).toBeCloseTo(0.25, 1);
    expect(result.stats.rows).toBeGreaterThan(480);
    expect(result.stats.rows).toBeLessThan(520);
  });
});

describe("quantile points over many rows", () => {
  it("rise in probability at every point even where the tails' probabilities round to the same figure", async () => {
    const { tidyPoints } = await import("../../src/profile/disclosure/safe-quantiles.js");
    const points: Array<[number, number]> = [[0, 1], [2e-7, 2], [4e-7, 3], [0.5, 10], [1 - 3e-7, 19], [1, 20]];
    const tidy = tidyPoints(points, { places: 0, nonNegative: true, nonPositive: false });
    expect(tidy).toEqual([[0, 1], [0.5, 10], [1, 20]]);
  });
});
