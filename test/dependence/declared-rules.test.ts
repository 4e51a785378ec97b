import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readRecords } from "../../src/index.js";
import { ruleHolds, type Rule } from "../../src/rules/index.js";
import { createUserAjv } from "../../src/schema/ajv.js";
import { runCli, tempDir } from "../support/cli.js";

const RULES: Rule[] = [
  { kind: "order", first: "dob", second: "mmr_date" },
  { kind: "empty", column: "mmr_date", when: "mmr_given", values: [false], exactly: true },
  { kind: "bands", category: "weight_band", number: "birth_weight_g", bands: [{ value: "low", to: 2500 }, { value: "normal", from: 2500 }] },
  { kind: "combinations", columns: ["sex", "test"], never: [["M", "cervical"]] },
];

const schema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object",
  required: ["dob", "mmr_given", "mmr_date", "birth_weight_g", "weight_band", "sex", "test"],
  properties: {
    dob: { type: "string", format: "date", formatMinimum: "2018-01-01", formatMaximum: "2020-12-31" },
    mmr_given: { type: "boolean" },
    mmr_date: { type: ["string", "null"], format: "date", formatMinimum: "2018-01-01", formatMaximum: "2022-12-31" },
    birth_weight_g: { type: "integer", minimum: 1500, maximum: 4500 },
    weight_band: { enum: ["low", "normal"] },
    sex: { enum: ["F", "M"] },
    test: { enum: ["cervical", "hearing", "sight"] },
  },
  "x-synth-rules": RULES,
};

function typed(record: Record<string, unknown>) {
  return (column: string) => {
    const cell = record[column];
    if (cell === "" || cell === null || cell === undefined) return null;
    if (column === "mmr_given") return cell === "true" || cell === true;
    if (column === "birth_weight_g") return Number(cell);
    return cell;
  };
}

describe("rules declared in the schema (x-synth-rules)", () => {
  it("holds in every one of 20,000 rows drawn from the schema alone, and every row validates", async () => {
    const dir = tempDir();
    const file = join(dir, "schema.json");
    writeFileSync(file, JSON.stringify(schema));
    const out = join(dir, "rows.jsonl");
    const run = runCli(["generate", "--schema", file, "--rows", "20000", "--seed", "3", "--format", "jsonl", "--output", out, "--quiet"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const validate = createUserAjv("2020-12").compile(schema);
    let rows = 0, late = 0;
    for await (const { record } of readRecords(out)) {
      rows++;
      expect(validate(record)).toBe(true);
      for (const rule of RULES) expect(ruleHolds(rule, typed(record))).toBe(true);
      if (record.mmr_date !== null) late++;
    }
    expect(rows).toBe(20000);
    // The rules constrain rows; they do not empty the columns they name.
    expect(late).toBeGreaterThan(5000);
  }, 30_000);

  it("refuses a malformed rule with one line naming its place, and writes nothing", () => {
    const dir = tempDir();
    const file = join(dir, "schema.json");
    writeFileSync(file, JSON.stringify({ ...schema, "x-synth-rules": [{ kind: "order", first: "dob" }] }));
    const out = join(dir, "rows.csv");
    const run = runCli(["generate", "--schema", file, "--rows", "5", "--output", out]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/x-synth-rules\/0/);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
  });

  it("stops with an error naming the rule when no row can keep it, and writes nothing", () => {
    const dir = tempDir();
    const file = join(dir, "schema.json");
    const impossible = {
      type: "object",
      required: ["start", "end"],
      properties: { start: { type: "integer", minimum: 10, maximum: 20 }, end: { type: "integer", minimum: 0, maximum: 5 } },
      "x-synth-rules": [{ kind: "order", first: "start", second: "end" }],
    };
    writeFileSync(file, JSON.stringify(impossible));
    const out = join(dir, "rows.csv");
    const run = runCli(["generate", "--schema", file, "--rows", "5", "--output", out]);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/start/);
    expect(run.stderr).toMatch(/x-synth-rules\/0|rule/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  it("refuses a rule that names a column the schema does not have", () => {
    const dir = tempDir();
    const file = join(dir, "schema.json");
    writeFileSync(file, JSON.stringify({ ...schema, "x-synth-rules": [{ kind: "order", first: "dob", second: "nowhere" }] }));
    const run = runCli(["generate", "--schema", file, "--rows", "5"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/nowhere/);
  });

  it("is kept by describe's plain words", () => {
    const dir = tempDir();
    const file = join(dir, "schema.json");
    writeFileSync(file, JSON.stringify(schema));
    const run = runCli(["describe", "--schema", file]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/mmr_date is empty exactly when mmr_given is false/);
    void readFileSync;
  });
});
