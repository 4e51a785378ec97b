import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generate, type StatsFile } from "../../src/index.js";
import { ruleHolds, ruleWords } from "../../src/rules/index.js";
import { ROOT } from "../support/cli.js";
import { validatorFor } from "../support/validate.js";

const examples = readdirSync(join(ROOT, "examples"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .filter((name) => readdirSync(join(ROOT, "examples", name)).includes("schema.json"));

describe.each(examples)("example %s", (name) => {
  const schema = join(ROOT, "examples", name, "schema.json");
  const stats = join(ROOT, "examples", name, "stats.json");
  const validate = validatorFor(schema);
  const hasStats = readdirSync(join(ROOT, "examples", name)).includes("stats.json");

  it("every record of 5,000 validates against the schema (schema alone)", async () => {
    let count = 0;
    for await (const record of generate({ schema, rows: 5000, seed: 7 })) {
      expect(validate(record)).toBe(true);
      count++;
    }
    expect(count).toBe(5000);
  });

  it.runIf(hasStats)("every record of 20,000 validates against the schema and keeps every published rule (with statistics)", async () => {
    const rules = (JSON.parse(readFileSync(stats, "utf8")) as StatsFile).rules ?? [];
    const broken = new Map<string, number>();
    let count = 0;
    for await (const record of generate({ schema, stats, rows: 20000, seed: 3 })) {
      expect(validate(record)).toBe(true);
      const row = record as Record<string, unknown>;
      for (const rule of rules) if (!ruleHolds(rule, (column) => row[column])) broken.set(ruleWords(rule), (broken.get(ruleWords(rule)) ?? 0) + 1);
      count++;
    }
    expect(count).toBe(20000);
    expect(Object.fromEntries(broken)).toEqual({});
  });
});

it("the bundled examples publish rules and a model (format version 2)", () => {
  for (const name of ["child-health", "pupils"]) {
    const stats = JSON.parse(readFileSync(join(ROOT, "examples", name, "stats.json"), "utf8")) as StatsFile;
    expect(stats.version).toBe(2);
    expect(stats.rules?.length).toBeGreaterThan(0);
    expect(stats.model?.nodes.length).toBeGreaterThan(0);
  }
});

it("finds the bundled examples", () => {
  expect(examples).toEqual(expect.arrayContaining(["child-health", "pupils"]));
});
