import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, runCli, tempDir } from "../support/cli.js";

/**
 * The sign-off page. Built from the statistics file alone, so it can show nothing of the real data
 * that the file does not publish: the test feeds profile a table full of rare values and extremes and
 * looks for every one of them in the page.
 */

let dir: string;
let data: string;
let stats: string;
let html: string;
let markdown: string;
let profileRun: ReturnType<typeof runCli>;

const TOWNS = ["Leeds", "York", "Hull", "Bradford"];

beforeAll(() => {
  dir = tempDir();
  data = join(dir, "people.csv");
  const rows: string[] = ["person_name,town,age,visits,note"];
  for (let i = 0; i < 240; i++) {
    // Every name is unique; two towns are rare (under K); the ages have lone extremes.
    const town = i === 7 ? "Llanfairpwllgwyngyll" : i === 8 ? "Much Wenlock" : TOWNS[i % TOWNS.length]!;
    const age = i === 3 ? 117 : i === 4 ? 0.25 : 20 + (i % 50);
    rows.push([`Quentin${i} Zabriskie${(i * 7919) % 1000}`, town, String(age), String(i % 7), `felt poorly after visit ${i} to clinic ${1000 + i}`].join(","));
  }
  writeFileSync(data, rows.join("\n") + "\n");
  stats = join(dir, "stats.json");
  profileRun = runCli(["profile", data, "--output", stats, "--schema-out", join(dir, "schema.json"), "--review", join(dir, "review.html")]);
  html = existsSync(join(dir, "review.html")) ? readFileSync(join(dir, "review.html"), "utf8") : "";
  const md = runCli(["review", stats, "--schema", join(dir, "schema.json"), "--format", "markdown"]);
  expect(md.status, md.stderr).toBe(0);
  markdown = md.stdout;
});

describe("synth profile --review and synth review", () => {
  it("writes the page beside the statistics", () => {
    expect(profileRun.status, profileRun.stderr).toBe(0);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain("<title>people — disclosure review</title>");
  });

  it("shows no real value the statistics do not publish (HTML and Markdown)", () => {
    const published = readFileSync(stats, "utf8");
    const records = parse(readFileSync(data, "utf8"), { columns: true }) as Array<Record<string, string>>;
    const cells = new Set(records.flatMap((r) => Object.values(r)).filter((v) => v.length >= 4));
    let checked = 0;
    for (const cell of cells) {
      if (published.includes(cell)) continue;
      checked++;
      expect(html.includes(cell), `review.html shows ${cell}`).toBe(false);
      expect(markdown.includes(cell), `review.md shows ${cell}`).toBe(false);
    }
    expect(checked).toBeGreaterThan(400); // names, notes, rare towns
    // The lone extremes of age (117 and 0.25) are not published as its range.
    const age = (page: string) => page.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").match(/quantile points: ([\d.]+) to ([\d.]+)/)!;
    for (const page of [html, markdown]) {
      const [, low, high] = age(page);
      expect(Number(high)).toBeLessThan(117);
      expect(Number(low)).toBeGreaterThan(0.25);
    }
    for (const secret of ["Llanfairpwllgwyngyll", "Much Wenlock", "Quentin0", "Zabriskie", "poorly"]) {
      expect(published).not.toContain(secret);
      expect(html).not.toContain(secret);
      expect(markdown).not.toContain(secret);
    }
  });

  it("says per column what is published, why it is safe, and what was withheld, counted", () => {
    for (const page of [html, markdown]) {
      expect(page).toContain("What is published");
      expect(page).toContain("Why it is safe");
      expect(page).toMatch(/Each published value is held by at least 10 records/);
      // The two rare towns, counted, never named.
      expect(page).toContain("2 values seen fewer than 10 times (never published, never generated)");
      expect(page).toContain("Disclosure rules applied");
      expect(page).toContain("Sign-off");
      for (const town of TOWNS) expect(page).toContain(town);
    }
    expect(html).toMatch(/class="chart histogram small"/);
    expect(html).toMatch(/class="chart bars"/);
    expect(html).toContain("sha256");
    expect(markdown).toMatch(/- \[x\] No direct identifier publishes a value\. \*\(checked by synth: passes\)\*/);
  });

  it("flags a direct identifier that publishes values, and fails that item of the checklist", () => {
    const surnames = join(dir, "surnames.csv");
    writeFileSync(surnames, ["surname,n", ...Array.from({ length: 120 }, (_, i) => `${["Smith", "Jones", "Patel"][i % 3]},${i}`)].join("\n") + "\n");
    const loose = join(dir, "loose.json");
    expect(runCli(["profile", surnames, "--output", loose, "--quiet"]).status).toBe(0);
    expect(readFileSync(loose, "utf8")).toContain("Smith"); // without the owner's schema, a category
    const schema = join(dir, "surnames.schema.json");
    writeFileSync(schema, JSON.stringify({ type: "object", properties: { surname: { type: "string", "x-identifier": "direct" }, n: { type: "integer" } } }));
    const run = runCli(["review", loose, "--schema", schema, "--format", "markdown"]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("The schema marks this column a direct identifier, yet the file publishes 3 values of it");
    expect(run.stdout).toMatch(/- \[ \] No direct identifier publishes a value \(fails: surname\)\. \*\(checked by synth: fails\)\*/);
  });

  it("refuses to overwrite a review without --force, and an output that is the data", () => {
    const again = runCli(["profile", data, "--output", join(dir, "stats2.json"), "--review", join(dir, "review.html")]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/review\.html: already exists/);
    expect(existsSync(join(dir, "stats2.json"))).toBe(false);
    const same = runCli(["profile", data, "--output", join(dir, "stats3.json"), "--review", data]);
    expect(same.status).toBe(2);
    const twice = runCli(["profile", data, "--output", join(dir, "s.json"), "--review", join(dir, "s.json")]);
    expect(twice.status).toBe(2);
    expect(twice.stderr).toMatch(/s\.json: is also the output .*s\.json: each output needs a file of its own/);
  });

  it("writes Markdown when the review's name ends in .md", () => {
    const run = runCli(["profile", data, "--output", join(dir, "stats4.json"), "--review", join(dir, "review.md"), "--quiet"]);
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(join(dir, "review.md"), "utf8")).toMatch(/^# people: disclosure review\n/);
  });

  it("the README shows the review of the bundled example as synth prints it", () => {
    const run = runCli(["review", "examples/child-health/stats.json", "--schema", "examples/child-health/schema.json", "--format", "markdown"], { cwd: ROOT });
    expect(run.status, run.stderr).toBe(0);
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const start = readme.indexOf("```markdown\n# Child health record: disclosure review\n");
    expect(start).toBeGreaterThan(0);
    const block = readme.slice(start + 12, readme.indexOf("```\n", start + 12));
    const excerpts = block.split(/^…\n/m).filter((part) => part.trim() !== "");
    expect(excerpts.length).toBeGreaterThan(1);
    for (const excerpt of excerpts) expect(run.stdout).toContain(excerpt);
  });
});
