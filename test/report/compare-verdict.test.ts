import { readFileSync, writeFileSync } from "node:fs";
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

describe("synth compare --format html", () => {
  it("writes one self-contained page: the verdict, each column real against dummy, pair trends, disclosure", () => {
    const dir = tempDir();
    const out = join(dir, "compare.html");
    const run = runCli(["compare", PENGUINS, dummy, "--format", "html", "--output", out, "--fail-under", "0.9"]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toBe("");
    const html = readFileSync(out, "utf8");
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<link\b|<img\b|src=|@import|url\(/i);
    expect(html).toMatch(/<p class="verdict pass">PASS: Column Shapes 0\.\d{3} &gt;= 0\.9/);
    expect(html.match(/<article class="col"/g)).toHaveLength(8);
    expect(html.match(/<ul class="pairs"/g)).toHaveLength(8);
    expect(html).toContain('<table class="heat">');
    expect(html).toContain("Dummy rows equal to a real row");
    const again = runCli(["compare", PENGUINS, dummy, "--format", "html", "--output", out]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/already exists/);
    const self = runCli(["compare", PENGUINS, dummy, "--format", "html", "--output", dummy, "--force"]);
    expect(self.status).toBe(2);
    expect(self.stderr).toMatch(/is one of this run.s inputs/);
  });

  it("shows no real share that rests on fewer than K records", () => {
    const dir = tempDir();
    const real = join(dir, "real.csv");
    // "Rare" is held by 3 real rows, under K = 10: it is neither named nor given a share.
    writeFileSync(real, ["colour,size", ...Array.from({ length: 200 }, (_, i) => `${i < 3 ? "Rare" : i % 2 ? "Red" : "Blue"},${i % 50}`)].join("\n") + "\n");
    const fake = join(dir, "dummy.csv");
    writeFileSync(fake, ["colour,size", ...Array.from({ length: 200 }, (_, i) => `${i % 2 ? "Red" : "Blue"},${(i * 7) % 50}`)].join("\n") + "\n");
    const run = runCli(["compare", real, fake, "--format", "html"]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).not.toContain("Rare");
    expect(run.stdout).toContain('<span class="label">all others</span>');
    expect(run.stdout).toContain("under K");
  });
});
