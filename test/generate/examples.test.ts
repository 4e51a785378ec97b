import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generate, type StatsFile } from "../../src/index.js";
import { ruleHolds, ruleWords, type Rule } from "../../src/rules/index.js";
import { FEMALE_FORENAMES, MALE_FORENAMES } from "../../src/plan/strings/locales/en-gb-people.js";
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

  it.runIf(hasStats)("every record of 20,000 validates against the schema and keeps every published and declared rule (with statistics)", async () => {
    const declared = ((JSON.parse(readFileSync(schema, "utf8")) as { "x-synth-rules"?: Rule[] })["x-synth-rules"] ?? []);
    const rules = [...((JSON.parse(readFileSync(stats, "utf8")) as StatsFile).rules ?? []), ...declared];
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

describe("child-health reads as real records (20,000 rows)", async () => {
  const schema = join(ROOT, "examples/child-health/schema.json");
  const stats = join(ROOT, "examples/child-health/stats.json");
  const rows: Array<Record<string, unknown>> = [];
  for await (const record of generate({ schema, stats, rows: 20000, seed: 5 })) rows.push(record as Record<string, unknown>);
  const female = new Set<string>(FEMALE_FORENAMES);
  const male = new Set<string>(MALE_FORENAMES);

  it("forenames are British and agree with the sex code (1 male, 2 female, others either)", () => {
    const counts: Record<string, number> = {};
    for (const row of rows) {
      const forename = row.forename as string;
      const list = female.has(forename) ? "female" : male.has(forename) ? "male" : "neither";
      counts[`${String(row.sex)} ${list}`] = (counts[`${String(row.sex)} ${list}`] ?? 0) + 1;
    }
    expect(Object.keys(counts).filter((k) => k.endsWith("neither"))).toEqual([]);
    expect(counts["1 female"]).toBeUndefined();
    expect(counts["2 male"]).toBeUndefined();
    expect(counts["1 male"]).toBeGreaterThan(9000);
    expect(counts["2 female"]).toBeGreaterThan(9000);
    // "0" (not known) draws from both lists.
    expect(counts["0 female"]).toBeGreaterThan(20);
    expect(counts["0 male"]).toBeGreaterThan(20);
  });

  /** The start year (September) of a child's school-year cohort: born September to August. */
  const cohort = (dob: string) => {
    const [year, month] = dob.split("-").map(Number) as [number, number];
    return month >= 9 ? year : year - 1;
  };

  /** Age in whole years on a date. */
  const ageOn = (dob: string, date: string) => {
    const [y, m, d] = dob.split("-").map(Number) as [number, number, number];
    const [Y, M, D] = date.split("-").map(Number) as [number, number, number];
    return Y - y - (M < m || (M === m && D < d) ? 1 : 0);
  };

  it("BMI centiles only for children measured in Reception (age 4-5) or Year 6 (age 10-11) by the 2024/25 round", () => {
    let measured = 0, tooYoung = 0;
    for (const row of rows) {
      const start = cohort(row.date_of_birth as string);
      // A cohort born from September of year S starts Reception in September of S + 5, Year 6 six years later.
      const reception = start + 5, year6 = start + 11;
      if (reception > 2024) {
        tooYoung++;
        expect(row.bmi_centile, JSON.stringify(row)).toBeNull();
        expect(["N", null]).toContain(row.bmi_school_year);
        continue;
      }
      if (row.bmi_centile === null) {
        // Old enough, but no measurement recorded.
        expect(row.bmi_school_year, JSON.stringify(row)).toBeNull();
        continue;
      }
      measured++;
      // The latest measurement: Year 6 once the child has reached it, else Reception.
      expect(row.bmi_school_year, JSON.stringify(row)).toBe(year6 <= 2024 ? "6" : "R");
      // The age at the measurement, on any day of the school year measured: 4-5 in Reception, 10-11 in Year 6.
      const from = row.bmi_school_year === "R" ? reception : year6;
      const [low, high] = row.bmi_school_year === "R" ? [4, 5] : [10, 11];
      expect(ageOn(row.date_of_birth as string, `${from}-09-01`)).toBeGreaterThanOrEqual(low);
      expect(ageOn(row.date_of_birth as string, `${from + 1}-08-31`)).toBeLessThanOrEqual(high);
    }
    expect(tooYoung).toBeGreaterThan(2000);
    expect(measured).toBeGreaterThan(14000);
  });
});
