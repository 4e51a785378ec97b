import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { profile, type StatsFile } from "../../src/index.js";
import { ruleHolds, ruleWords, type Rule } from "../../src/rules/index.js";
import { ROOT, runCli, tempDir } from "../support/cli.js";
import { readCsv } from "./support.js";

const packages = ["child-health", "pupils"].filter((name) => existsSync(join(ROOT, "examples", name, "datapackage.json")));

describe.each(packages)("example package %s", (name) => {
  const descriptorFile = join(ROOT, "examples", name, "datapackage.json");
  const descriptor = JSON.parse(readFileSync(descriptorFile, "utf8")) as { resources: Array<{ name: string; schema: { primaryKey?: string | string[]; foreignKeys?: Array<{ fields: string | string[]; reference: { resource: string; fields: string | string[] } }> } }> };
  const out = tempDir();
  const run = runCli(["generate", "--package", descriptorFile, "--output-dir", out, "--scale", "0.05", "--seed", "11", "--quiet"]);
  const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

  it("generates every table, and verifies", () => {
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(runCli(["verify", join(out, "datapackage.json")]).status).toBe(0);
  });

  it("writes rows that validate against each table's schema and keep its rules", async () => {
    let checked = 0;
    for (const resource of descriptor.resources) {
      const csv = join(out, `${resource.name}.csv`);
      const schemaFile = join(out, `${resource.name}.schema.json`);
      const result = await profile({ input: csv, schema: schemaFile, dependence: false });
      expect(result.rowCheck?.rowsFailed, resource.name).toBe(0);
      const stats = JSON.parse(readFileSync(join(out, `${resource.name}.stats.json`), "utf8")) as StatsFile;
      const declared = ((JSON.parse(readFileSync(schemaFile, "utf8")) as { "x-synth-rules"?: Rule[] })["x-synth-rules"] ?? []);
      const rules = [...(stats.rules ?? []), ...declared];
      checked += rules.length;
      const properties = (JSON.parse(readFileSync(schemaFile, "utf8")) as { properties: Record<string, { type?: string | string[] }> }).properties;
      const numeric = new Set(Object.keys(properties).filter((c) => [properties[c]!.type].flat().some((t) => t === "integer" || t === "number")));
      const cell = (row: Record<string, string>, column: string) => (row[column] === "" ? null : numeric.has(column) ? Number(row[column]) : row[column]);
      const broken: string[] = [];
      for (const row of readCsv(readFileSync(csv, "utf8"))) {
        for (const rule of rules) if (!ruleHolds(rule, (column) => cell(row, column))) broken.push(ruleWords(rule));
      }
      expect(broken, resource.name).toEqual([]);
    }
    expect(checked).toBeGreaterThan(0);
  });

  it("has unique primary keys and foreign keys that name existing rows", () => {
    const tables = new Map(descriptor.resources.map((r) => [r.name, readCsv(readFileSync(join(out, `${r.name}.csv`), "utf8"))]));
    for (const resource of descriptor.resources) {
      const rows = tables.get(resource.name)!;
      expect(rows.length, resource.name).toBeGreaterThan(0);
      const key = list(resource.schema.primaryKey);
      expect(new Set(rows.map((row) => key.map((k) => row[k]).join("|"))).size, resource.name).toBe(rows.length);
      for (const fk of resource.schema.foreignKeys ?? []) {
        const parent = tables.get(fk.reference.resource)!;
        const parentKeys = new Set(parent.map((row) => list(fk.reference.fields).map((k) => row[k]).join("|")));
        for (const row of rows) expect(parentKeys.has(list(fk.fields).map((k) => row[k]).join("|"))).toBe(true);
      }
    }
  });
});
