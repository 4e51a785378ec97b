import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { PENGUINS, ROOT, runCli, tempDir } from "../support/cli.js";

/** `compare --fail-under`: a verdict line at the top, and exit 1 under the bar, for CI. */
let dummy: string;

beforeAll(() => {
  const dir = tempDir();
  const stats = join(dir, "stats.json");
  const schema = join(dir, "schema.json");
  expect(runCli(["profile", PENGUINS, "--output", stats, "--schema-out", schema, "--quiet"]).status).toBe(0);
  dummy = join(dir, "penguins-dummy.csv");
  expect(runCli(["generate", "--schema", schema, "--stats", stats, "--rows", "344", "--seed", "0", "--output", dummy]).status).toBe(0);
});

describe("synth compare --fail-under", () => {
  it("passes (exit 0) above the bars, with the verdict first", () => {
    const run = runCli(["compare", PENGUINS, dummy, "--fail-under", "0.9,0.85"]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.split("\n")[0]).toMatch(/^PASS: Column Shapes 0\.\d{3} >= 0\.9, Column Pair Trends 0\.\d{3} >= 0\.85; no dummy row copies a real row that is unique$/);
  });

  it("fails (exit 1) under a bar, saying which", () => {
    const run = runCli(["compare", PENGUINS, dummy, "--fail-under", "0.9,0.99"]);
    expect(run.status).toBe(1);
    expect(run.stdout.split("\n")[0]).toMatch(/^FAIL: Column Shapes 0\.\d{3} >= 0\.9, Column Pair Trends 0\.\d{3} < 0\.99;/);
    const shapesOnly = runCli(["compare", PENGUINS, dummy, "--fail-under", "1"]);
    expect(shapesOnly.status).toBe(1);
    expect(shapesOnly.stdout.split("\n")[0]).toMatch(/^FAIL: Column Shapes 0\.\d{3} < 1, Column Pair Trends 0\.\d{3} \(real halves: 0\.\d{3}\);/);
  });

  it("puts the verdict in --json too", () => {
    const run = runCli(["compare", PENGUINS, dummy, "--fail-under", "0.99", "--json"]);
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.verdict).toMatchObject({ pass: false, failures: [expect.stringMatching(/^Column Shapes 0\.\d{3} is under 0\.99$/)] });
  });

  it("without a bar, still opens with the scores against the real halves (exit 0)", () => {
    const run = runCli(["compare", PENGUINS, dummy]);
    expect(run.status).toBe(0);
    expect(run.stdout.split("\n")[0]).toMatch(/^Scores: Column Shapes 0\.\d{3} \(real halves: 0\.\d{3}\), Column Pair Trends 0\.\d{3} \(real halves: 0\.\d{3}\); no dummy row copies/);
  });

  it.each(["x", "0.9,", "1.5", "0.9,0.8,0.7", "-0.1"])("refuses a bar of %j with exit 2", (raw) => {
    const run = runCli(["compare", PENGUINS, dummy, "--fail-under", raw]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--fail-under.*expected SHAPES or SHAPES,PAIRS/);
  });

  it("the README shows the verdicts as compare prints them", () => {
    const plain = runCli(["compare", PENGUINS, dummy]);
    expect(readFileSync(join(ROOT, "README.md"), "utf8")).toContain("```text\n" + plain.stdout.split("\n")[0] + "\n...\n");
    const run = runCli(["compare", PENGUINS, dummy, "--fail-under", "0.9,0.95"]);
    expect(readFileSync(join(ROOT, "README.md"), "utf8")).toContain("$ npx synth compare penguins.csv penguins-dummy.csv --fail-under 0.9,0.95\n" + run.stdout.split("\n")[0] + "\n");
  });
});
