import { beforeAll, describe, expect, it } from "vitest";
import { profile, type ProfileResult } from "../../src/profile/profile.js";
import { validateStats } from "../../src/stats/load.js";
import { DATASET_NAMES, csv, dataset, tempFile, validateTable } from "./helpers.js";

const results = new Map<string, ProfileResult>();

beforeAll(async () => {
  for (const name of DATASET_NAMES) results.set(name, await profile({ input: dataset(name) }));
}, 120_000);

function property(name: string, column: string): Record<string, unknown> {
  return (results.get(name)!.schema!.properties as Record<string, Record<string, unknown>>)[column]!;
}

describe("inferring types from the shared datasets", () => {
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

  it("economics: a date column; ratings: date-times and a rating code; movies: an identifier, titles as free text", () => {
    expect(property("economics", "date")).toEqual({ type: "string", format: "date" });
    expect(results.get("economics")!.stats.columns.date).toMatchObject({ kind: "date" });
    expect(property("ratings", "timestamp")).toEqual({ type: "string", format: "date-time" });
    expect(results.get("ratings")!.stats.columns.timestamp).toMatchObject({ kind: "datetime" });
    expect(results.get("ratings")!.stats.columns.rating).toMatchObject({ kind: "categorical" });
    expect(property("ratings", "rating").type).toBe("number");
    const movies = results.get("movies")!;
    expect(movies.columns.find((c) => c.name === "movieId")).toMatchObject({ kind: "identifier", valueType: "integer" });
    expect(movies.stats.columns.movieId).toEqual({ kind: "number", integer: true, unique: true, description: "identifier: values withheld" });
    expect(movies.stats.columns.title).toMatchObject({ kind: "string" });
    expect(movies.stats.columns.title).not.toHaveProperty("nullFraction"); // 5 empty titles: fewer than K
    expect(property("movies", "title").type).toEqual(["string", "null"]);
  });

  it("titanic: text categories and a decimal age with missing values", () => {
    const { stats } = results.get("titanic")!;
    expect(stats.columns.survived).toMatchObject({ kind: "categorical" });
    expect(stats.columns.age).toMatchObject({ kind: "number", nullFraction: expect.closeTo(263 / 1309, 5) });
  });

  it.each(DATASET_NAMES)("%s: the statistics are valid and the real data validates against the inferred schema", async (name) => {
    const result = results.get(name)!;
    expect(() => validateStats(result.stats)).not.toThrow();
    expect(result.schema!.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    const { rows, failures } = await validateTable(dataset(name), result.schema!);
    expect(failures).toEqual([]);
    expect(rows).toBe(result.stats.rows);
  });
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
