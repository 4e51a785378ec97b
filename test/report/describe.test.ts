import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { beforeAll, describe as group, expect, it } from "vitest";
import { buildDictionary, describe } from "../../src/report/describe/index.js";
import { example, runCli, tempDir } from "../support/cli.js";

const ANSI = /\u001b\[/;
const childSchema = example("child-health", "schema.json");
const childStats = example("child-health", "stats.json");

let dir: string;
let samplePath: string;
let sample: Array<Record<string, string>>;

beforeAll(() => {
  dir = tempDir();
  samplePath = join(dir, "dummy.csv");
  const run = runCli(["generate", "--schema", childSchema, "--stats", childStats, "--rows", "40", "--seed", "7", "--output", samplePath]);
  expect(run.status, run.stderr).toBe(0);
  sample = parse(readFileSync(samplePath, "utf8"), { columns: true }) as Array<Record<string, string>>;
});

group("describe: the dictionary model", () => {
  it("lists every column with its title, type, codes and meanings, flags and emptiness", async () => {
    const d = await buildDictionary({ schema: childSchema, stats: childStats, sample: samplePath });
    expect(d.title).toBe("Child health record");
    expect(d.columns.map((c) => c.name)).toEqual(Object.keys((JSON.parse(readFileSync(childSchema, "utf8")) as { properties: object }).properties));
    const sex = d.columns.find((c) => c.name === "sex")!;
    expect(sex.codeRows).toEqual([
      { value: "1", meaning: "Male", fraction: 0.508 },
      { value: "2", meaning: "Female", fraction: 0.487 },
      // Not published while some code was held back: it may be that one, so it is not "0%".
      { value: "9", meaning: "Indeterminate (unable to be classified as either male or female)", heldBack: true },
      { value: "0", meaning: "Not known", fraction: 0.005 },
    ]);
    expect(sex.suppressed).toEqual({ categories: 1, fraction: 0.0002 });
    const nhs = d.columns.find((c) => c.name === "nhs_number")!;
    expect(nhs.identifier).toEqual({ value: "direct", source: "schema" });
    expect(d.columns.find((c) => c.name === "ethnic_category")!.specialCategory).toEqual({ value: "ethnicity", source: "schema" });
    const bmi = d.columns.find((c) => c.name === "bmi_centile")!;
    expect(bmi.empty).toEqual({ fraction: 0.2087, source: "statistics" });
    expect(bmi.allowed).toMatchObject({ min: "0", max: "100" });
    expect(bmi.chart?.kind).toBe("histogram");
    const dob = d.columns.find((c) => c.name === "date_of_birth")!;
    expect(dob.observed).toMatchObject({ min: "2009-09-01", max: "2024-08-31", median: "2016-03-02" });
    const weights = (dob.chart as { bins: Array<{ fraction: number }> }).bins.map((b) => b.fraction);
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });

  it("takes example values from the dummy sample, and only from it", async () => {
    const d = await buildDictionary({ schema: childSchema, stats: childStats, sample: samplePath });
    for (const column of d.columns) {
      const values = new Set(sample.map((r) => r[column.name]));
      expect(column.examples.length, column.name).toBeGreaterThan(0);
      for (const value of column.examples) expect(values.has(value), `${column.name}: ${value}`).toBe(true);
    }
    expect(d.sample).toEqual({ source: `${samplePath} (dummy data, checked against its synth manifest)`, rows: 40 });
  });

  it("guesses identifiers and special categories from names when the schema does not say, and marks the guess", async () => {
    const schema = {
      type: "object",
      properties: {
        nhs_no: { type: "string" },
        ethnicity: { type: "string", enum: ["A", "B"] },
        religion: { type: "string" },
        home_postcode: { type: "string" },
        shoe_size: { type: "integer" },
        marked_safe: { type: "string", "x-identifier": "none", title: "NHS number (hashed)" },
      },
    };
    const d = await buildDictionary({ schema, sample: [] });
    const by = Object.fromEntries(d.columns.map((c) => [c.name, c]));
    expect(by.nhs_no!.identifier).toEqual({ value: "direct", source: "guess" });
    expect(by.ethnicity!.specialCategory).toEqual({ value: "ethnicity", source: "guess" });
    expect(by.religion!.specialCategory).toEqual({ value: "religion", source: "guess" });
    expect(by.home_postcode!.identifier).toEqual({ value: "indirect", source: "guess" });
    expect(by.shoe_size!.identifier).toBeUndefined();
    expect(by.shoe_size!.specialCategory).toBeUndefined();
    expect(by.marked_safe!.identifier).toBeUndefined();
    const text = await describe({ schema, sample: [] });
    expect(text).toContain("[direct identifier (guess from name)]");
    expect(text).toContain("[special category: religion (guess from name)]");
  });
});

group("describe: text", () => {
  it("fits 80 columns, has no colour unless asked, and shows codes with meanings and flags", async () => {
    const text = await describe({ schema: childSchema, stats: childStats, sample: samplePath }, { format: "text" });
    expect(text).not.toMatch(ANSI);
    // Commands to paste are the one exception: they stay whole on one line.
    for (const line of text.split("\n")) if (!line.startsWith("  $ ")) expect([...line].length, line).toBeLessThanOrEqual(80);
    expect(text).toContain("Child health record");
    expect(text).toMatch(/ 6 sex\n/);
    expect(text).toMatch(/1 {2}Male +50\.8%/);
    expect(text).toMatch(/A {2}White - British +73\.4%/);
    expect(text).toContain("[direct identifier]");
    expect(text).toContain("[special category: ethnicity]");
    expect(text).toContain("may be null; empty in 20.9% of rows");
    const coloured = await describe({ schema: childSchema, stats: childStats, sample: samplePath }, { format: "text", color: true });
    expect(coloured).toMatch(ANSI);
  });

  it("the CLI writes no colour when piped or with NO_COLOR", () => {
    const piped = runCli(["describe", "--schema", childSchema, "--stats", childStats, "--sample", samplePath], { env: { NO_COLOR: "" } });
    expect(piped.status, piped.stderr).toBe(0);
    expect(piped.stdout).not.toMatch(ANSI);
    expect(piped.stdout).toContain("nhs_number");
    const forced = runCli(["describe", "--schema", childSchema], { env: { NO_COLOR: "1", FORCE_COLOR: "1" } });
    expect(forced.status, forced.stderr).toBe(0);
    expect(forced.stdout).toContain("nhs_number");
    expect(forced.stdout).not.toMatch(ANSI);
  });
});

group("describe: markdown", () => {
  it("has a summary table and a section per column with its codes", async () => {
    const md = await describe({ schema: example("pupils", "schema.json"), stats: example("pupils", "stats.json"), sample: [] }, { format: "markdown" });
    expect(md).toMatch(/^# Pupil record \(school census\): data dictionary/);
    expect(md).toContain("| 1 | `upn` | Unique Pupil Number | Unique Pupil Number | never | direct identifier |");
    expect(md).toContain("### 10. `ethnicity` — Ethnicity (main code)");
    expect(md).toContain("> **special category: ethnicity**");
    expect(md).toMatch(/\| `WROM` \| Gypsy \/ Roma \| [\d.]+% \|/);
    expect(md).toContain("| `E` | Education, health and care plan |");
  });
});

group("describe: html", () => {
  it("is one self-contained page: inline CSS and SVG, a search box, no fetches", async () => {
    const html = await describe({ schema: childSchema, stats: childStats, sample: samplePath }, { format: "html" });
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<link\b|<img\b|src=|@import|url\(/i);
    expect(html).not.toMatch(/https?:\/\/(?!example\.org|json-schema\.org|github\.com)/);
    expect(html).toContain('<input id="q" type="search"');
    expect(html.match(/<article class="col/g)).toHaveLength(18);
    // Every column with statistics that support a chart has one.
    expect(html.match(/<(ul|div) class="chart /g)!.length).toBe(12);
    expect(html).toContain("White - British");
    expect(html).toContain('class="badge direct"');
    expect(html).toContain("@media print");
  });

  it("the CLI writes it to --output, refusing to overwrite without --force", () => {
    const out = join(dir, "dictionary.html");
    const args = ["describe", "--schema", childSchema, "--stats", childStats, "--sample", samplePath, "--format", "html", "--output", out];
    expect(runCli(args).status).toBe(0);
    expect(readFileSync(out, "utf8")).toContain("<title>Child health record — data dictionary</title>");
    const again = runCli(args);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain("already exists");
    writeFileSync(join(dir, "x"), "");
  });
});

group("describe: how the columns go together", () => {
  it("says which name column follows which sex codes, and no longer calls the two independent", async () => {
    const text = await describe({ schema: childSchema, stats: childStats, sample: [] }, { format: "text" });
    const flat = text.replace(/\s+/g, " ");
    expect(flat).toContain('- forename follows sex: female names for "2", male names for "1", either for any other code (declared in the schema)');
    const independent = flat.slice(flat.indexOf("Drawn independently of the other columns:")).split(".")[0]!;
    expect(independent).toContain("surname");
    expect(independent).not.toMatch(/\bforename\b|\bsex\b/);
  });
});
