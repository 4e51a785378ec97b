import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir, example } from "../support/cli.js";

/**
 * The catalogue of bad inputs (issue 5 item 3): each must end with exit code 2, exactly one line on
 * stderr naming the file and the place, no stack trace, and no output file (or temporary) left behind.
 */

function write(dir: string, name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function expectCleanFailure(result: { status: number | null; stdout: string; stderr: string }, dir: string, mentions: Array<string | RegExp>, before: string[]): void {
  expect(result.status, result.stderr).toBe(2);
  const lines = result.stderr.trimEnd().split("\n");
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^synth: /);
  expect(result.stderr).not.toMatch(/\n\s+at |Error:|node:internal/);
  for (const m of mentions) expect(lines[0]).toMatch(m);
  // Nothing new in the folder: no output, no manifest, no temporary file.
  expect(readdirSync(dir).sort()).toEqual(before.sort());
}

function generate(schemaJson: string | null, extra: string[] = [], files: Record<string, string | Buffer> = {}) {
  const dir = tempDir("synth-bad-");
  for (const [name, content] of Object.entries(files)) write(dir, name, content);
  if (schemaJson !== null) write(dir, "schema.json", schemaJson);
  const before = readdirSync(dir);
  const result = runCli(["generate", "--schema", "schema.json", "--format", "jsonl", "--rows", "5", "--output", "out.jsonl", ...extra], { cwd: dir });
  return { dir, before, result };
}

const record = (properties: object, required = Object.keys(properties)) => JSON.stringify({ type: "object", properties, required });

describe("bad inputs to synth generate", () => {
  it("malformed JSON names the line and column", () => {
    const { dir, before, result } = generate('{\n  "type": "object",\n  "properties": {,}\n}');
    expectCleanFailure(result, dir, ["schema.json:3:", /malformed JSON/], before);
  });

  it("a schema that is not valid JSON Schema names the meta-schema error's pointer", () => {
    const { dir, before, result } = generate(record({ a: { type: "strin" } }));
    expectCleanFailure(result, dir, ["schema.json", "at /properties/a/type", /not a valid JSON Schema/], before);
  });

  it("an unsupported $schema is refused", () => {
    const { dir, before, result } = generate(JSON.stringify({ $schema: "http://json-schema.org/draft-04/schema#", type: "string" }));
    expectCleanFailure(result, dir, ["schema.json", "at /$schema"], before);
  });

  it("minimum above maximum", () => {
    const { dir, before, result } = generate(record({ a: { type: "integer", minimum: 5, maximum: 1 } }));
    expectCleanFailure(result, dir, ["schema.json", "at /properties/a", /minimum and maximum/], before);
  });

  it("enum values of the wrong type", () => {
    const { dir, before, result } = generate(record({ a: { type: "integer", enum: ["x", "y"] } }));
    expectCleanFailure(result, dir, ["schema.json", "at /properties/a", /enum/], before);
  });

  it("a pattern that cannot meet maxLength", () => {
    const { dir, before, result } = generate(record({ a: { type: "string", pattern: "^[a-z]{10}$", maxLength: 5 } }));
    expectCleanFailure(result, dir, ["schema.json", "at /properties/a/pattern", /maxLength|length/], before);
  });

  it("a required property whose schema is false", () => {
    const { dir, before, result } = generate(record({ a: false }));
    expectCleanFailure(result, dir, ["schema.json", "at /required", /"a" is required/], before);
  });

  it("an unknown format", () => {
    const { dir, before, result } = generate(record({ a: { type: "string", format: "no-such-format" } }));
    expectCleanFailure(result, dir, ["schema.json", "at /properties/a", /unknown format "no-such-format"/], before);
  });

  it("a $ref cycle with no finite instance", () => {
    const schema = { $defs: { n: { type: "object", properties: { next: { $ref: "#/$defs/n" } }, required: ["next"] } }, $ref: "#/$defs/n" };
    const { dir, before, result } = generate(JSON.stringify(schema));
    expectCleanFailure(result, dir, ["schema.json", "at /$defs/n", /no finite instance/], before);
  });

  it("a $ref that does not resolve", () => {
    const { dir, before, result } = generate(record({ a: { $ref: "#/$defs/missing" } }));
    expectCleanFailure(result, dir, ["schema.json", /\$ref/], before);
  });

  it("a pattern that could backtrack catastrophically is never run on a long string (bounded time)", () => {
    const started = Date.now();
    const { dir, before, result } = generate(record({ a: { enum: ["a".repeat(40) + "!"], pattern: "^(a+)+$" } }));
    expect(Date.now() - started).toBeLessThan(20_000);
    expectCleanFailure(result, dir, ["schema.json", /backtrack catastrophically/], before);
  });

  it("a statistics file that is not valid against stats.schema.json", () => {
    const stats = JSON.stringify({ format: "synth-stats", version: 1, columns: { a: { kind: "no-such-kind" } } });
    const { dir, before, result } = generate(record({ a: { type: "integer" } }), ["--stats", "stats.json"], { "stats.json": stats });
    expectCleanFailure(result, dir, ["stats.json", /at \/|not valid statistics/], before);
  });

  it("a statistics file that contradicts the schema", () => {
    const stats = JSON.parse(JSON.stringify(require_stats()));
    stats.columns = { not_in_schema: { kind: "identifier", unique: true, generator: { type: "upn" } } };
    delete stats.model;
    delete stats.rules;
    const { dir, before, result } = generate(record({ a: { type: "integer" } }), ["--stats", "stats.json"], { "stats.json": JSON.stringify(stats) });
    expectCleanFailure(result, dir, ["stats.json", /not_in_schema/], before);
  });

  it.each([
    ["--rows", "-1"],
    ["--rows", "1e99"],
    ["--rows", "abc"],
    ["--seed", "abc"],
    ["--seed", "-3"],
    ["--format", "xml"],
  ])("out-of-range flag %s %s", (flag, value) => {
    const { dir, before, result } = generate(record({ a: { type: "integer" } }), [flag, value]);
    expectCleanFailure(result, dir, [flag], before);
  });

  it("a remote $ref is refused without --allow-remote-refs (no network touched)", () => {
    const { dir, before, result } = generate(record({ a: { $ref: "https://example.invalid/defs.json#/$defs/x" } }));
    expectCleanFailure(result, dir, ["schema.json", "at /properties/a", /remote/, /--allow-remote-refs/], before);
  });

  it("a file $ref may not leave the schema's folder", () => {
    const { dir, before, result } = generate(record({ a: { $ref: "../outside.json" } }));
    expectCleanFailure(result, dir, ["schema.json", "at /properties/a", /outside the schema's folder/], before);
  });

  it("an existing output file is not replaced without --force", () => {
    const { dir, before, result } = generate(record({ a: { type: "integer" } }), [], { "out.jsonl": "keep me\n" });
    expectCleanFailure(result, dir, ["out.jsonl", /--force/], before);
  });
});

describe("bad CSV given to synth profile", () => {
  const cases: Array<[string, string | Buffer, RegExp]> = [
    ["unbalanced quotes", 'a,b\n1,"x\n2,y\n', /quote/],
    ["ragged rows", "a,b\n1,2,3\n4\n", /ragged|fields/],
    ["invalid UTF-8", Buffer.from([0x61, 0x2c, 0x62, 0x0a, 0x31, 0x2c, 0xff, 0xfe, 0x0a]), /UTF-8/],
    ["no rows", "a,b\n", /no data rows|rows/],
    ["an empty file", "", /empty|header/],
    ["an empty header", ",b\n1,2\n", /empty column name|header/],
  ];
  it.each(cases)("%s", (_label, content, message) => {
    const dir = tempDir("synth-bad-csv-");
    write(dir, "real.csv", content);
    const before = readdirSync(dir);
    const result = runCli(["profile", "real.csv", "--output", "stats.json", "--quiet"], { cwd: dir });
    expectCleanFailure(result, dir, ["real.csv", message], before);
  });

  it("a BOM is accepted, not an error", () => {
    const dir = tempDir("synth-bom-");
    write(dir, "real.csv", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("a,b\n1,2\n3,4\n")]));
    const result = runCli(["profile", "real.csv", "--output", "stats.json", "--quiet", "--min-count", "1"], { cwd: dir });
    expect(result.status, result.stderr).toBe(0);
  });
});

function require_stats(): object {
  return JSON.parse(readFileSync(example("pupils", "stats.json"), "utf8")) as object;
}
