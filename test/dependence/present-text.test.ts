import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import type { StatsFile } from "../../src/index.js";
import { ruleHolds } from "../../src/rules/index.js";
import { runCli, tempDir } from "../support/cli.js";

/**
 * Wards and their overflow wards: every third ward has none, so free text (overflow_site, published as
 * shape only) is empty exactly when the ward is one of those and exactly when overflow_ward is empty.
 * The `beds` column before it matters: the column's place in the table sets its own sequence of empty
 * rows, which once disagreed with the model's choice of a present value in the same row.
 */
function writeWards(dir: string): string {
  const lines = ["site,ward,beds,overflow_site,overflow_ward"];
  for (let s = 0; s < 10; s++) {
    for (let w = 0; w < 12; w++) {
      const overflow = w % 3 === 0 ? "," : `S${s},W${(w + 1) % 12}`;
      lines.push(`S${s},W${w},${10 + ((s * 7 + w * 3) % 20)},${overflow}`);
    }
  }
  const file = join(dir, "wards.csv");
  writeFileSync(file, lines.join("\n") + "\n");
  return file;
}

describe("a present state of free text in the row model", () => {
  it("gets a non-empty value in every row the model marks present, keeping every rule", () => {
    const dir = tempDir();
    const input = writeWards(dir);
    const stats = join(dir, "stats.json");
    const schema = join(dir, "schema.json");
    expect(runCli(["profile", input, "--output", stats, "--schema-out", schema, "--quiet"]).status).toBe(0);
    const published = JSON.parse(readFileSync(stats, "utf8")) as StatsFile;
    expect(published.columns.overflow_site?.kind).toBe("string");
    expect(published.model?.nodes.map((n) => n.column)).toContain("overflow_site");
    const rules = published.rules ?? [];
    expect(rules.filter((r) => r.kind === "empty" && r.column === "overflow_site")).toHaveLength(2);

    const out = join(dir, "dummy.jsonl");
    const rows = 3000;
    const run = runCli(["generate", "--schema", schema, "--stats", stats, "--rows", String(rows), "--seed", "3", "--format", "jsonl", "--output", out, "--quiet"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);

    const validate = new Ajv2020({ strict: false }).compile(JSON.parse(readFileSync(schema, "utf8")));
    const records = readFileSync(out, "utf8").trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records).toHaveLength(rows);
    let empty = 0;
    for (const record of records) {
      expect(validate(record)).toBe(true);
      for (const rule of rules) expect(ruleHolds(rule, (column) => record[column] ?? null)).toBe(true);
      if (record.overflow_site === null) empty++;
      else expect(record.overflow_site).toMatch(/^.+$/);
    }
    expect(Math.abs(empty / rows - 1 / 3)).toBeLessThan(0.03);
  }, 60_000);
});
