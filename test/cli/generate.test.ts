import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { example, runCli, tempDir } from "../support/cli.js";

const schema = example("child-health", "schema.json");
const stats = example("child-health", "stats.json");

/** One line on stderr, exit 2, no stack trace. */
function expectInputError(result: ReturnType<typeof runCli>, message: RegExp): void {
  expect(result.status).toBe(2);
  const lines = result.stderr.trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^synth: /);
  expect(lines[0]).toMatch(message);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

function writeJson(dir: string, name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
}

describe("synth generate (CLI)", () => {
  it("defaults to 100 CSV rows on stdout with a header", () => {
    const result = runCli(["generate", "--schema", schema]);
    expect(result.status).toBe(0);
    const rows = parse(result.stdout, { columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(100);
    expect(Object.keys(rows[0]!)).toContain("nhs_number");
  });

  it.each(["jsonl", "json"])("writes --format %s that parses as JSON", (format) => {
    const result = runCli(["generate", "--schema", schema, "--stats", stats, "--rows", "25", "--format", format]);
    expect(result.status).toBe(0);
    const records = format === "json" ? JSON.parse(result.stdout) : result.stdout.trim().split("\n").map((line) => JSON.parse(line));
    expect(records).toHaveLength(25);
  });

  it("--rows 0 gives just the header", () => {
    const result = runCli(["generate", "--schema", schema, "--rows", "0"]);
    expect(result.status).toBe(0);
    const columns = Object.keys((JSON.parse(readFileSync(schema, "utf8")) as { properties: object }).properties);
    expect(result.stdout).toBe(columns.join(",") + "\n");
  });

  it("shows examples in --help and prints --version", () => {
    expect(runCli(["--help"]).stdout).toMatch(/Examples:/);
    expect(runCli(["generate", "--help"]).stdout).toMatch(/Examples:[\s\S]*synth generate --schema/);
    expect(runCli(["--version"]).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("never replaces an existing file without --force", () => {
    const dir = tempDir();
    const output = join(dir, "out.csv");
    writeFileSync(output, "precious");
    expectInputError(runCli(["generate", "--schema", schema, "--output", output]), /out\.csv: already exists \(use --force/);
    expect(readFileSync(output, "utf8")).toBe("precious");
    expect(runCli(["generate", "--schema", schema, "--output", output, "--force"]).status).toBe(0);
    expect(readFileSync(output, "utf8")).toMatch(/^record_id,/);
  });

  describe("bad input: exit 2, one line naming the place, no output file", () => {
    it.each([
      [["--rows", "-1"], /--rows/],
      [["--rows", "1e99"], /--rows/],
      [["--seed", "abc"], /--seed/],
      [["--format", "xml"], /--format/],
      [["--shard", "3/2"], /--shard/],
    ])("flags %j", (flags, message) => {
      expectInputError(runCli(["generate", "--schema", schema, ...flags]), message);
    });

    it("a missing schema file", () => {
      expectInputError(runCli(["generate", "--schema", "no-such.json"]), /no-such\.json: no such file/);
    });

    it("malformed JSON, with line and column", () => {
      const dir = tempDir();
      writeFileSync(join(dir, "bad.json"), '{\n  "type": "object",\n  "properties": {,}\n}');
      expectInputError(runCli(["generate", "--schema", join(dir, "bad.json")]), /bad\.json:3:\d+: malformed JSON/);
    });

    it("a category the schema does not allow, naming the column", () => {
      const dir = tempDir();
      const statsFile = writeJson(dir, "stats.json", { format: "synth-stats", version: 1, columns: { sex: { kind: "categorical", categories: [{ value: "1", frequency: 0.5 }, { value: "X", frequency: 0.5 }] } } });
      const output = join(dir, "out.csv");
      expectInputError(runCli(["generate", "--schema", schema, "--stats", statsFile, "--output", output]), /\/columns\/sex\/categories\/1\/value column "sex": category "X" is not allowed/);
      expect(readdirSync(dir)).toEqual(["stats.json"]);
    });

    it("a quantile outside minimum..maximum, naming the column", () => {
      const dir = tempDir();
      const statsFile = writeJson(dir, "stats.json", { format: "synth-stats", version: 1, columns: { gestation_weeks: { kind: "number", integer: true, quantiles: [[0, 20], [1, 40]] } } });
      expectInputError(runCli(["generate", "--schema", schema, "--stats", statsFile]), /column "gestation_weeks": statistics value 20 lies outside the schema's range/);
    });

    it("statistics for a column the schema does not have", () => {
      const dir = tempDir();
      const statsFile = writeJson(dir, "stats.json", { format: "synth-stats", version: 1, columns: { shoe_size: { kind: "number", quantiles: [[0, 1], [1, 2]] } } });
      expectInputError(runCli(["generate", "--schema", schema, "--stats", statsFile]), /column "shoe_size"/);
    });

    it("a nullFraction for a required, non-nullable column", () => {
      const dir = tempDir();
      const statsFile = writeJson(dir, "stats.json", { format: "synth-stats", version: 1, columns: { asthma: { kind: "boolean", trueFraction: 0.1, nullFraction: 0.2 } } });
      expectInputError(runCli(["generate", "--schema", schema, "--stats", statsFile]), /column "asthma".*required and cannot be null/);
    });

    it("nested values with CSV output, naming the column", () => {
      const dir = tempDir();
      const nested = writeJson(dir, "schema.json", { type: "object", required: ["id", "address"], properties: { id: { type: "integer" }, address: { type: "object", properties: { line1: { type: "string" } } } } });
      expectInputError(runCli(["generate", "--schema", nested]), /column "address".*nested/);
      expect(runCli(["generate", "--schema", nested, "--format", "jsonl"]).status).toBe(0);
    });

    it("an unknown faker method, naming the pointer", () => {
      const dir = tempDir();
      const bad = writeJson(dir, "schema.json", { type: "object", required: ["name"], properties: { name: { type: "string", "x-faker": "person.nonsense" } } });
      expectInputError(runCli(["generate", "--schema", bad]), /at \/properties\/name: unknown faker method "person\.nonsense"/);
    });

    it("minimum above maximum, naming the pointer", () => {
      const dir = tempDir();
      const bad = writeJson(dir, "schema.json", { type: "object", required: ["age"], properties: { age: { type: "integer", minimum: 10, maximum: 5 } } });
      const output = join(dir, "out.csv");
      expectInputError(runCli(["generate", "--schema", bad, "--output", output]), /at \/properties\/age/);
      expect(existsSync(output)).toBe(false);
    });
  });
});
