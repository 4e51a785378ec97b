import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import { beforeAll, describe, expect, it } from "vitest";
import { profile, readRecords, type ProfileResult, type StatsFile } from "../../src/index.js";
import { ruleHolds, type Rule } from "../../src/rules/index.js";
import { validateTable } from "../profile/helpers.js";
import { runCli, tempDir } from "../support/cli.js";
import { RARE_PAIR, writeColony } from "../support/dependent-table.js";

const K = 10;
let dir: string;
let input: string;
let result: ProfileResult;

beforeAll(async () => {
  dir = tempDir();
  input = writeColony(dir);
  result = await profile({ input, minCount: K });
});

const rulesOf = (stats: StatsFile, kind: Rule["kind"]) => (stats.rules ?? []).filter((rule) => rule.kind === kind);

describe("profile learns a dependence model", () => {
  it("publishes format version 2 with a network over the modelled columns", () => {
    const { stats } = result;
    expect(stats.version).toBe(2);
    expect(stats.model?.method).toBe("network");
    const island = stats.model!.nodes.find((node) => node.column === "island")!;
    expect(island.parents).toContain("species");
  });

  it("publishes no count under K, and withholds the planted rare pair", () => {
    const model = result.stats.model!;
    for (const node of model.nodes) {
      for (const row of [...(node.table ?? []), ...(node.emptiness ?? [])]) for (const count of row.counts) if (count !== null) expect(count).toBeGreaterThanOrEqual(K);
      for (const group of node.groups ?? []) expect(group.rows).toBeGreaterThanOrEqual(2 * K);
    }
    const species = model.nodes.find((node) => node.column === "species")!;
    const island = model.nodes.find((node) => node.column === "island")!;
    const b = species.states.findIndex((s) => "value" in s && s.value === RARE_PAIR.species);
    const south = island.states.findIndex((s) => "value" in s && s.value === RARE_PAIR.island);
    const row = island.table!.find((r) => r.given[island.parents.indexOf("species")] === b)!;
    expect(row.counts[south]).toBeNull();
  });

  it("says what the model publishes, column by column, in the disclosure notes", () => {
    const notes = result.stats.disclosure!.notes!.join("\n");
    expect(notes).toMatch(/Dependence model/);
    for (const node of result.stats.model!.nodes) expect(notes).toContain(`Model, "${node.column}"`);
  });
});

describe("profile finds the rules that hold in every real row", () => {
  it("finds the order of two dates, with the gap distribution", () => {
    const order = rulesOf(result.stats, "order").find((r) => r.kind === "order" && r.first === "born" && r.second === "seen");
    expect(order).toBeDefined();
    expect(order!.kind === "order" && order!.gap).toBeTruthy();
  });

  it("finds a column empty exactly when a flag is false", () => {
    const empty = rulesOf(result.stats, "empty").find((r) => r.kind === "empty" && r.column === "tag_date" && r.when === "tagged");
    expect(empty).toMatchObject({ values: [false], exactly: true });
  });

  it("finds the threshold flag as bands of the number", () => {
    const bands = rulesOf(result.stats, "bands").find((r) => r.kind === "bands" && r.category === "heavy");
    expect(bands).toMatchObject({ number: "weight_g", bands: [{ value: 0, to: 5000 }, { value: 1, from: 5000 }] });
  });

  it("finds the combination that never occurs", () => {
    const never = rulesOf(result.stats, "combinations").flatMap((r) => (r.kind === "combinations" ? r.never.map((pair) => `${r.columns.join("×")}:${pair.join("/")}`) : []));
    expect(never).toContain("species×heavy:A/1");
  });

  it("publishes no combination rule for a pair of columns with a rare combination, so that it cannot be told apart", () => {
    const pairs = rulesOf(result.stats, "combinations").map((r) => (r.kind === "combinations" ? [...r.columns].sort().join("×") : ""));
    expect(pairs).not.toContain("island×species");
    expect(JSON.stringify(result.stats)).not.toContain(`"${RARE_PAIR.species}","${RARE_PAIR.island}"`);
  });

  it("publishes rules that every real row keeps", async () => {
    const rules = result.stats.rules!;
    for await (const { record } of readRecords(input)) {
      const typed = (column: string) => {
        const cell = record[column];
        if (cell === "" || cell === null || cell === undefined) return null;
        if (column === "tagged") return cell === "true";
        return /^-?\d/.test(String(cell)) && !/^\d{4}-/.test(String(cell)) ? Number(cell) : cell;
      };
      for (const rule of rules) expect(ruleHolds(rule, typed)).toBe(true);
    }
  });
});

describe("generation from the published model", () => {
  it("writes 100,000 rows that break no rule and never hold the withheld pair", async () => {
    const stats = join(dir, "stats.json");
    const schema = join(dir, "schema.json");
    expect(runCli(["profile", input, "--output", stats, "--schema-out", schema, "--quiet"]).status).toBe(0);
    const out = join(dir, "dummy.csv");
    const run = runCli(["generate", "--schema", schema, "--stats", stats, "--rows", "100000", "--seed", "7", "--format", "csv", "--output", out, "--quiet"]);
    expect(run.stderr).toBe("");
    const published = JSON.parse(readFileSync(stats, "utf8")) as StatsFile;
    const report = JSON.parse(runCli(["compare", input, out, "--json"]).stdout) as { rules: Array<{ words: string; broken: number }>; columnPairTrends: number; columnShapes: number };
    expect(report.rules.length).toBeGreaterThanOrEqual(published.rules!.length);
    for (const rule of report.rules) expect({ rule: rule.words, broken: rule.broken }).toEqual({ rule: rule.words, broken: 0 });
    let rare = 0;
    for await (const { record } of readRecords(out)) if (record.species === RARE_PAIR.species && record.island === RARE_PAIR.island) rare++;
    expect(rare).toBe(0);
    expect(report.columnPairTrends).toBeGreaterThan(0.95);
    expect(report.columnShapes).toBeGreaterThan(0.95);
  }, 60_000);

  it("writes the rules into the inferred schema, where a standard validator checks those it can say", async () => {
    const schema = result.schema!;
    expect(schema["x-synth-rules"]).toEqual(result.stats.rules);
    expect((await validateTable(input, schema)).failures).toEqual([]);
    const validate = new Ajv2020({ strict: false }).compile(schema);
    const keeps = (row: Record<string, unknown>) => validate(row);
    const row = { species: "A", island: "North", born: "2017-04-10", seen: "2017-05-01", tagged: true, tag_date: "2017-05-05", length_cm: 60.1, weight_g: 3000, heavy: 0 };
    expect(keeps(row)).toBe(true);
    expect(keeps({ ...row, tag_date: null })).toBe(false);
    expect(keeps({ ...row, weight_g: 5200 })).toBe(false);
    const never = rulesOf(result.stats, "combinations")[0] as Extract<Rule, { kind: "combinations" }>;
    const [x, y] = never.never[0]!;
    expect(keeps({ ...row, [never.columns[0]]: x, [never.columns[1]]: y })).toBe(false);
  });

  it("draws columns independently with --no-dependence, and the pairs show it", () => {
    const stats = join(dir, "marginal.json");
    const schema = join(dir, "marginal.schema.json");
    expect(runCli(["profile", input, "--output", stats, "--schema-out", schema, "--quiet", "--no-dependence"]).status).toBe(0);
    const published = JSON.parse(readFileSync(stats, "utf8")) as StatsFile;
    expect(published.model).toBeUndefined();
    expect(published.rules).toBeUndefined();
    const out = join(dir, "marginal.csv");
    expect(runCli(["generate", "--schema", schema, "--stats", stats, "--rows", "2000", "--seed", "7", "--format", "csv", "--output", out, "--quiet"]).status).toBe(0);
    const report = JSON.parse(runCli(["compare", input, out, "--json"]).stdout) as { rules: Array<{ broken: number }> };
    expect(report.rules.some((rule) => rule.broken > 0)).toBe(true);
  }, 30_000);
});
