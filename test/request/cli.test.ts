import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, example, runCli, tempDir } from "../support/cli.js";
import { validatorFor } from "../support/validate.js";

const schema = example("child-health", "schema.json");
const stats = example("child-health", "stats.json");
const requestPath = join(ROOT, "examples/requests/education-child-health.json");
let dir: string;

beforeAll(() => {
  dir = tempDir();
});

function badRequest(name: string, edit: (r: Record<string, any>) => void): string {
  const request = JSON.parse(readFileSync(requestPath, "utf8")) as Record<string, any>;
  edit(request);
  const path = join(dir, `${name}.json`);
  writeFileSync(path, JSON.stringify(request, null, 2));
  return path;
}

describe("synth request init", () => {
  it("writes a skeleton that check then reports as not filled in (exit 2)", () => {
    const out = join(dir, "skeleton.json");
    const init = runCli(["request", "init", "--schema", schema, "--output", out]);
    expect(init.status, init.stderr).toBe(0);
    const skeleton = JSON.parse(readFileSync(out, "utf8")) as { columns: Record<string, { selected: boolean }> };
    expect(Object.keys(skeleton.columns)).toHaveLength(18);
    const check = runCli(["request", "check", "--schema", schema, out]);
    expect(check.status).toBe(2);
    expect(check.stderr).toContain("at /requester/organisation: the requesting organisation is not filled in");
    expect(check.stderr.trim().split("\n").at(-1)).toContain('at /columns: no column is selected: set "selected": true');
  });

  it("a missing --schema is a usage error (exit 2)", () => {
    const run = runCli(["request", "init"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^synth: required option '--schema <file>'/);
  });
});

describe("synth request check", () => {
  it("prints the minimisation summary for the example (exit 0)", () => {
    const run = runCli(["request", "check", "--schema", schema, "--stats", stats, requestPath]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("Data request for Child health record");
    expect(run.stdout).toContain("From:         Department for Education");
    expect(run.stdout).toMatch(/Columns requested: +7 of 18/);
    expect(run.stdout).toMatch(/Direct identifiers: +0 of 3/);
    expect(run.stdout).toMatch(/Special-category columns: 4 of 8/);
    expect(run.stdout).toContain("- date_of_birth → age_years: age in whole years at 2025-08-31");
    expect(run.stdout).toContain('"bmi_centile" (special category: health) is asked for without a stated');
    expect(run.stdout).toContain("✓ The request is well-formed, with 1 warning to review.");
    for (const line of run.stdout.split("\n")) expect([...line].length).toBeLessThanOrEqual(80);
  });

  it("as markdown and JSON", () => {
    const md = runCli(["request", "check", "--schema", schema, requestPath, "--format", "markdown"]);
    expect(md.stdout).toContain("| Direct identifiers | 0 of 3 |");
    expect(md.stdout).toContain("| `bmi_centile` | `bmi_centile` | as held | special category: health | **none** |");
    const json = runCli(["request", "check", "--schema", schema, requestPath, "--format", "json"]);
    const summary = JSON.parse(json.stdout) as { ok: boolean; columns: { requested: number }; extract: Array<{ as: string }> };
    expect(summary.ok).toBe(true);
    expect(summary.extract.map((c) => c.as)).toEqual(["age_years", "sex", "ethnic_category_group", "postcode_outward", "birth_weight_grams_band", "bmi_centile", "asthma"]);
  });

  const bad: Array<[string, (r: Record<string, any>) => void, string]> = [
    ["unknown-column", (r) => (r.columns.nhs_numbr = { selected: true }), 'at /columns/nhs_numbr: unknown column "nhs_numbr": the schema has no such column (did you mean "nhs_number"?)'],
    ["unknown-code", (r) => (r.filters = ["sex in [1, 7]"]), 'at /filters/0: filter "sex in [1, 7]": code "7" does not exist in column "sex"'],
    ["unsatisfiable-filter", (r) => (r.filters = ["age_years >= 10", "age_years <= 5"]), 'at /filters/1: impossible filter: no value of "age_years" is both >= 10'],
  ];
  for (const [name, edit, message] of bad) {
    it(`${name}: exit 2 with a message naming the place`, () => {
      const path = badRequest(name, edit);
      const run = runCli(["request", "check", "--schema", schema, path]);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(`synth: ${path} ${message}`);
      expect(run.stdout).toContain("✗ The request has 1 error.");
      const generate = runCli(["generate", "--schema", schema, "--stats", stats, "--request", path, "--rows", "5"]);
      expect(generate.status).toBe(2);
      expect(generate.stderr).toContain(message);
      expect(generate.stdout).toBe("");
    });
  }
});

describe("synth generate --request", () => {
  it("emits only the requested columns, coarsened, filtered, valid against the extract's schema", () => {
    const schemaOut = join(dir, "extract.schema.json");
    expect(runCli(["request", "schema", "--schema", schema, requestPath, "--output", schemaOut]).status).toBe(0);
    const run = runCli(["generate", "--schema", schema, "--stats", stats, "--request", requestPath, "--rows", "300", "--format", "jsonl"]);
    expect(run.status, run.stderr).toBe(0);
    const records = run.stdout.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records).toHaveLength(300);
    const valid = validatorFor(schemaOut);
    for (const record of records) {
      expect(Object.keys(record)).toEqual(["age_years", "sex", "ethnic_category_group", "postcode_outward", "birth_weight_grams_band", "bmi_centile", "asthma"]);
      expect(valid(record)).toBe(true);
      expect(record.age_years as number).toBeGreaterThanOrEqual(4);
      expect(record.age_years as number).toBeLessThanOrEqual(11);
      expect(String(record.postcode_outward)).toMatch(/^[A-Z]{1,2}[0-9][A-Z0-9]?$/);
      const [lo, hi] = String(record.birth_weight_grams_band).split("-").map(Number);
      expect(lo! % 500).toBe(0);
      expect(hi).toBe(lo! + 499);
    }
    expect(new Set(records.map((r) => r.ethnic_category_group))).toEqual(new Set(["White", "Mixed", "Asian", "Black", "Other"]));
  });

  it("CSV, deterministic, and shards concatenate to the whole run", () => {
    const args = ["generate", "--schema", schema, "--stats", stats, "--request", requestPath, "--rows", "50", "--seed", "3"];
    const whole = runCli(args);
    expect(whole.status, whole.stderr).toBe(0);
    expect(runCli(args).stdout).toBe(whole.stdout);
    const rows = parse(whole.stdout, { columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(50);
    expect(whole.stdout.split("\n")[0]).toBe("age_years,sex,ethnic_category_group,postcode_outward,birth_weight_grams_band,bmi_centile,asthma");
    const first = runCli([...args, "--shard", "1/2"]).stdout;
    const second = runCli([...args, "--shard", "2/2"]).stdout;
    expect(first + second).toBe(whole.stdout);
  });

  it("says that --threads does not apply, and makes the same extract", () => {
    const args = ["generate", "--schema", schema, "--stats", stats, "--request", requestPath, "--rows", "50", "--seed", "3"];
    const threaded = runCli([...args, "--threads", "2"]);
    expect(threaded.status).toBe(0);
    expect(threaded.stderr).toMatch(/synth: warning: --threads has no effect with --request/);
    expect(threaded.stdout).toBe(runCli(args).stdout);
  });

  it("a filter that keeps (almost) nothing of the dummy data stops with a clear error", () => {
    const path = badRequest("rare", (r) => (r.filters = ["birth_weight_grams_band = 9000-9499"]));
    const run = runCli(["generate", "--schema", schema, "--stats", stats, "--request", path, "--rows", "2"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/kept only 0 of 12000 dummy rows drawn; they reject nearly every row/);
  });
});
