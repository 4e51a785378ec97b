import { beforeAll, describe, expect, it } from "vitest";
import { profile, type ProfileResult } from "../../src/profile/profile.js";
import { validateStats } from "../../src/stats/load.js";
import { Rng } from "../../src/random/rng.js";
import { PENGUINS } from "../support/cli.js";
import { DATASET_NAMES, HAS_DATASETS, csv, dataset, tempFile, validateTable } from "./helpers.js";

/**
 * A table made here with the traits of the benchmark datasets the project cannot carry (their R
 * packages are GPL): a monthly date (economics), date-times and a half-star rating (ratings), an
 * integer identifier and free-text titles with 5 empty (movies), a class and a decimal age with
 * missing values (titanic).
 */
function mixedTable(): { file: string; rows: number; missingAges: number } {
  const rng = new Rng(11);
  const words = ["the", "night", "of", "a", "river", "long", "road", "home", "winter", "city", "last", "summer"];
  const rows: Array<Array<string | number>> = [];
  let missingAges = 0;
  for (let i = 0; i < 1200; i++) {
    const month = new Date(Date.UTC(1967, 6 + i, 1)).toISOString().slice(0, 10);
    const stamp = new Date(Date.UTC(1996, 0, 1) + rng.below(20 * 365 * 86400) * 1000).toISOString().replace(".000Z", "Z");
    const title = i % 240 === 7 ? "" : Array.from({ length: 1 + rng.below(4) }, () => words[rng.below(words.length)]).join(" ") + ` ${1900 + (i % 120)}`;
    const age = rng.below(5) === 0 ? "" : (rng.below(800) / 10).toFixed(1);
    if (age === "") missingAges++;
    rows.push([month, stamp, [0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5][rng.below(10)]!, 1000 + i * 3, title, ["1st", "2nd", "3rd"][rng.below(3)]!, age]);
  }
  return { file: tempFile("mixed.csv", csv(["date", "timestamp", "rating", "movieId", "title", "pclass", "age"], rows)), rows: rows.length, missingAges };
}

const results = new Map<string, ProfileResult>();
const mixed = mixedTable();

beforeAll(async () => {
  results.set("penguins", await profile({ input: PENGUINS }));
  results.set("mixed", await profile({ input: mixed.file }));
}, 120_000);

function property(name: string, column: string): Record<string, unknown> {
  return (results.get(name)!.schema!.properties as Record<string, Record<string, unknown>>)[column]!;
}

describe("inferring types", () => {
  it("penguins: species categorical, bill length a nullable number, year an integer code", () => {
    const { stats } = results.get("penguins")!;
    expect(stats.columns.species).toMatchObject({ kind: "categorical" });
    expect(property("penguins", "species")).toEqual({ type: "string", enum: ["Adelie", "Gentoo", "Chinstrap"] });
    expect(stats.columns.bill_length_mm).toMatchObject({ kind: "number", decimals: 1 });
    expect(property("penguins", "bill_length_mm")).toEqual({ type: ["number", "null"], minimum: 0 });
    expect(property("penguins", "year")).toEqual({ type: "integer", enum: [2009, 2008, 2007] });
    expect(stats.columns.year).toMatchObject({ kind: "categorical", categories: expect.arrayContaining([{ value: 2007, frequency: expect.any(Number) }]) });
    expect(property("penguins", "body_mass_g").type).toEqual(["integer", "null"]);
    expect(property("penguins", "sex")).toEqual({ type: ["string", "null"], enum: ["male", "female", null] });
  });

  it("a date column, date-times and a rating code, an identifier, titles as free text", () => {
    const { stats, columns } = results.get("mixed")!;
    expect(property("mixed", "date")).toEqual({ type: "string", format: "date" });
    expect(stats.columns.date).toMatchObject({ kind: "date" });
    expect(property("mixed", "timestamp")).toEqual({ type: "string", format: "date-time" });
    expect(stats.columns.timestamp).toMatchObject({ kind: "datetime" });
    expect(stats.columns.rating).toMatchObject({ kind: "categorical" });
    expect(property("mixed", "rating").type).toBe("number");
    expect(columns.find((c) => c.name === "movieId")).toMatchObject({ kind: "identifier", valueType: "integer" });
    expect(stats.columns.movieId).toEqual({ kind: "number", integer: true, unique: true, description: "identifier: values withheld" });
    expect(stats.columns.title).toMatchObject({ kind: "string" });
    expect(stats.columns.title).not.toHaveProperty("nullFraction"); // 5 empty titles: fewer than K
    expect(property("mixed", "title").type).toEqual(["string", "null"]);
  });

  it("text categories and a decimal age with missing values", () => {
    const { stats } = results.get("mixed")!;
    expect(stats.columns.pclass).toMatchObject({ kind: "categorical" });
    expect(stats.columns.age).toMatchObject({ kind: "number", nullFraction: expect.closeTo(mixed.missingAges / mixed.rows, 5) });
  });

  it.each([
    ["penguins", PENGUINS],
    ["mixed", mixed.file],
  ])("%s: the statistics are valid and the real data validates against the inferred schema", async (name, file) => {
    const result = results.get(name)!;
    expect(() => validateStats(result.stats)).not.toThrow();
    expect(result.schema!.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    const { rows, failures } = await validateTable(file, result.schema!);
    expect(failures).toEqual([]);
    expect(rows).toBe(result.stats.rows);
  });
});

describe.skipIf(!HAS_DATASETS)("the benchmark datasets in ../shared/datasets (skipped without them)", () => {
  it.each(DATASET_NAMES)("%s: the statistics are valid and the real data validates against the inferred schema", async (name) => {
    const result = await profile({ input: dataset(name) });
    expect(() => validateStats(result.stats)).not.toThrow();
    const { rows, failures } = await validateTable(dataset(name), result.schema!);
    expect(failures).toEqual([]);
    expect(rows).toBe(result.stats.rows);
  }, 60_000);
});

describe("recognising identifiers", () => {
  it("gives UUIDs the uuid format, and publishes none of them", async () => {
    const { randomUUID } = await import("node:crypto");
    const rows = Array.from({ length: 40 }, (_, i) => [randomUUID(), i % 3]);
    const file = tempFile("uuids.csv", csv(["record", "group"], rows));
    const result = await profile({ input: file });
    expect(result.stats.columns.record).toMatchObject({ kind: "identifier", unique: true, generator: { format: "uuid" } });
    expect((result.schema!.properties as Record<string, unknown>).record).toEqual({ type: "string", format: "uuid" });
    const published = JSON.stringify(result.stats);
    for (const [uuid] of rows) expect(published).not.toContain(String(uuid));
    expect((await validateTable(file, result.schema!)).failures).toEqual([]);
  });
});

describe("with the owner's schema", () => {
  const schema = {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    type: "object",
    properties: {
      id: { type: "string" },
      age: { type: "integer", minimum: 0 },
      visit: { type: "string", format: "date" },
    },
    required: ["id", "age", "visit"],
  };

  it("uses its types and reports the rows that do not match, by line and without values", async () => {
    const rows: Array<Array<string | number>> = [];
    for (let i = 0; i < 50; i++) rows.push([String(1000 + i), i % 90, `2021-03-${String(1 + (i % 28)).padStart(2, "0")}`]);
    rows[9] = ["1009", "forty", "2021-03-10"];
    rows[19] = ["1019", 33, "10/03/2021"];
    const file = tempFile("owner.csv", csv(["id", "age", "visit"], rows));
    const result = await profile({ input: file, schema });
    expect(result.schema).toBeUndefined();
    // The schema says id is text, so the digits are not read as numbers.
    expect(result.columns.find((c) => c.name === "id")).toMatchObject({ valueType: "string" });
    expect(result.stats.columns.visit).toMatchObject({ kind: "date" });
    expect(result.rowCheck).toMatchObject({ rowsChecked: 50, rowsFailed: 2 });
    expect(result.rowCheck!.failures).toEqual([
      { line: 11, pointer: "/age", message: "must be integer" },
      { line: 21, pointer: "/visit", message: 'must match format "date"' },
    ]);
  });
});
