import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { csvwToJsonSchema } from "../../src/standards/csvw.js";
import { tableSchemaToJsonSchema } from "../../src/standards/table-schema.js";
import { runCli, tempDir } from "../support/cli.js";
import { validatorFor } from "../support/validate.js";

/** After the Table Schema specification's own examples (datapackage.org/standard/table-schema). */
const TABLE_SCHEMA = {
  fields: [
    { name: "id", type: "integer", constraints: { required: true, minimum: 1, maximum: 999 } },
    { name: "name", type: "string", title: "Name", description: "Full name", constraints: { minLength: 2, maxLength: 20 } },
    { name: "code", type: "string", constraints: { pattern: "[A-Z]{2}[0-9]" } },
    { name: "band", type: "string", constraints: { enum: ["low", "medium", "high"] } },
    { name: "dob", type: "date" },
    { name: "seen", type: "datetime" },
    { name: "score", type: "number", constraints: { minimum: 0, maximum: 1 } },
    { name: "email", type: "string", format: "email" },
    { name: "active", type: "boolean", constraints: { required: true } },
    { name: "year", type: "year" },
  ],
  primaryKey: "id",
  missingValues: [""],
};

/** After the CSVW primer's countries example (w3.org/TR/tabular-data-primer). */
const CSVW = {
  "@context": "http://www.w3.org/ns/csvw",
  url: "countries.csv",
  "dc:title": "Countries",
  tableSchema: {
    columns: [
      { name: "country", titles: "country", datatype: { base: "string", length: 2 }, required: true },
      { name: "country_group", titles: "country group", datatype: "string", "dc:description": "Economic group" },
      { name: "name_en", titles: { en: "name (en)" }, datatype: "string" },
      { name: "latitude", titles: "latitude", datatype: { base: "decimal", minimum: -90, maximum: 90 } },
      { name: "longitude", titles: "longitude", datatype: { base: "decimal", minInclusive: -180, maxInclusive: 180 } },
      { name: "population", datatype: "nonNegativeInteger" },
      { name: "joined", datatype: "date" },
      { name: "row_url", virtual: true, valueUrl: "http://example.org/{country}" },
    ],
    primaryKey: "country",
  },
};

function generateRecords(schema: object, file: string): unknown[] {
  const dir = tempDir();
  const path = join(dir, file);
  writeFileSync(path, JSON.stringify(schema));
  const run = runCli(["generate", "--schema", path, "--rows", "300", "--format", "jsonl", "--seed", "5"]);
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  return run.stdout.trim().split("\n").map((line) => JSON.parse(line));
}

describe("Frictionless Table Schema, accepted wherever a JSON Schema is", () => {
  const converted = tableSchemaToJsonSchema(TABLE_SCHEMA, "t.json");

  it("converts types, formats, constraints and what may be empty", () => {
    const p = converted.properties as Record<string, Record<string, unknown>>;
    expect(p.id).toEqual({ type: "integer", minimum: 1, maximum: 999 });
    expect(p.name).toMatchObject({ type: ["string", "null"], minLength: 2, maxLength: 20, title: "Name", description: "Full name" });
    expect(p.code!.pattern).toBe("^(?:[A-Z]{2}[0-9])$");
    expect(p.band!.enum).toEqual(["low", "medium", "high", null]);
    expect(p.dob).toEqual({ type: ["string", "null"], format: "date" });
    expect(p.seen!.format).toBe("date-time");
    expect(p.email!.format).toBe("email");
    expect(converted.required).toEqual(["id", "active"]);
  });

  it("generates records valid for the converted schema, with whole-value patterns", () => {
    const validate = validatorFor(converted);
    const records = generateRecords(TABLE_SCHEMA, "table-schema.json") as Array<Record<string, unknown>>;
    for (const record of records) expect(validate(record), JSON.stringify(record)).toBe(true);
    expect(records.some((r) => r.band === "low")).toBe(true);
    for (const r of records) if (typeof r.code === "string") expect(r.code).toMatch(/^[A-Z]{2}[0-9]$/);
  });

  it("refuses a type it has no words for, naming the place", () => {
    const dir = tempDir();
    const path = join(dir, "bad.json");
    writeFileSync(path, JSON.stringify({ fields: [{ name: "a", type: "colour" }] }));
    const run = runCli(["generate", "--schema", path, "--rows", "1"]);
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toMatch(/bad\.json.*\/fields\/0\/type.*"colour"/);
  });
});

describe("CSVW table metadata, accepted wherever a JSON Schema is", () => {
  const converted = csvwToJsonSchema(CSVW, "c.json");

  it("converts columns, datatypes and their ranges; virtual columns are not in the file", () => {
    const p = converted.properties as Record<string, Record<string, unknown>>;
    expect(Object.keys(p)).toEqual(["country", "country_group", "name_en", "latitude", "longitude", "population", "joined"]);
    expect(p.country).toEqual({ type: "string", minLength: 2, maxLength: 2 });
    expect(p.country_group!.description).toBe("Economic group");
    expect(p.name_en!.title).toBe("name (en)");
    expect(p.latitude).toEqual({ type: ["number", "null"], minimum: -90, maximum: 90 });
    expect(p.longitude).toMatchObject({ minimum: -180, maximum: 180 });
    expect(p.population).toEqual({ type: ["integer", "null"], minimum: 0 });
    expect(converted.title).toBe("Countries");
  });

  it("generates records valid for the converted schema", () => {
    const validate = validatorFor(converted);
    for (const record of generateRecords(CSVW, "countries.csv-metadata.json")) expect(validate(record)).toBe(true);
  });
});
