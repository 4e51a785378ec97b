import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { availableCores } from "../../src/generate/cores.js";
import { REFERENCE_SCHEMA, example, runCli, tempDir } from "../support/cli.js";

const schema = example("child-health", "schema.json");
const stats = example("child-health", "stats.json");
const ROWS = "12000";

function generate(extra: string[]): string {
  const result = runCli(["generate", "--schema", schema, "--stats", stats, "--rows", ROWS, "--seed", "11", "--quiet", ...extra]);
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  return result.stdout;
}

describe("--threads", () => {
  it.each(["csv", "jsonl", "json"])("1, 2 and 3 threads write byte-identical %s", (format) => {
    const one = generate(["--format", format, "--threads", "1"]);
    expect(one.length).toBeGreaterThan(1_000_000); // many batches, so their order matters
    expect(generate(["--format", format, "--threads", "2"])).toBe(one);
    expect(generate(["--format", format, "--threads", "3"])).toBe(one);
  });

  it("workers of the bundled CLI make batches, and the bytes stay the same (default count too)", () => {
    // Runs this small end before a worker is ready; 300,000 rows last long enough for workers to
    // take part, which --debug reports.
    const dir = tempDir();
    const run = (name: string, extra: string[]) => {
      const out = join(dir, name);
      const result = runCli(["generate", "--debug", "--schema", REFERENCE_SCHEMA, "--rows", "300000", "--output", out, ...extra]);
      expect(result.status, result.stderr).toBe(0);
      const [, here, workers] = /batches made: main thread (\d+), (?:no workers|\d+ workers? ([\d, ]+))/.exec(result.stderr) ?? [];
      expect(here).toBeDefined();
      return { bytes: readFileSync(out), here: Number(here), workers: workers ? workers.split(", ").map(Number) : [] };
    };
    const one = run("one.csv", ["--threads", "1"]);
    expect(one.workers).toEqual([]);
    const two = run("two.csv", ["--threads", "2"]);
    expect(two.workers).toHaveLength(1);
    expect(two.workers[0]).toBeGreaterThan(0);
    expect(two.here).toBeGreaterThan(0);
    expect(two.bytes.equals(one.bytes)).toBe(true);
    const byDefault = run("default.csv", []);
    expect(byDefault.workers).toHaveLength(Math.min(availableCores(), 3) - 1); // 3 threads' worth of rows
    expect(byDefault.bytes.equals(one.bytes)).toBe(true);
  });

  it("rejects a thread count that is not a positive whole number", () => {
    const result = runCli(["generate", "--schema", schema, "--threads", "0"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--threads/);
  });
});

describe("--shard, in separate processes", () => {
  it.each([
    ["csv", []],
    ["csv", ["--no-header"]],
    ["jsonl", []],
    ["json", []],
  ])("shards 1..3 of %s %j concatenate to exactly one run", (format, extra) => {
    const whole = generate(["--format", format, ...extra, "--threads", "1"]);
    // Shards run as separate processes, with different thread counts, as on separate machines.
    const parts = ["1/3", "2/3", "3/3"].map((shard, i) => generate(["--format", format, ...extra, "--shard", shard, "--threads", String(i + 1)]));
    expect(parts.every((p) => p.length > 0)).toBe(true);
    expect(parts.join("")).toBe(whole);
  });
});

describe("progress", () => {
  it("writes nothing to stderr when stderr is not a terminal", () => {
    const result = runCli(["generate", "--schema", schema, "--stats", stats, "--rows", "150000", "--format", "jsonl", "--threads", "1"]);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe("");
  });
});
