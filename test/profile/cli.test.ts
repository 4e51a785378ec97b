import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { validateStats } from "../../src/stats/load.js";
import { PENGUINS, runCli, tempDir } from "../support/cli.js";

describe("synth profile (CLI)", () => {
  it("writes the statistics and the inferred schema, and summarises on stderr", () => {
    const dir = tempDir();
    const stats = join(dir, "stats.json");
    const schema = join(dir, "schema.json");
    const result = runCli(["profile", PENGUINS, "--output", stats, "--schema-out", schema]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/profiled 344 rows, 8 columns/);
    expect(() => validateStats(JSON.parse(readFileSync(stats, "utf8")))).not.toThrow();
    expect(JSON.parse(readFileSync(schema, "utf8"))).toMatchObject({ type: "object", required: expect.arrayContaining(["species"]) });
    // Quantile points stay one per line: the file is meant to be reviewed before it leaves.
    expect(readFileSync(stats, "utf8")).toMatch(/\n {8}\[0, 3[0-9.]+\],\n/);
  });

  it("never replaces a file without --force", () => {
    const dir = tempDir();
    const stats = join(dir, "stats.json");
    writeFileSync(stats, "keep me");
    const refused = runCli(["profile", PENGUINS, "--output", stats]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/^synth: .*stats\.json: already exists \(use --force/);
    expect(readFileSync(stats, "utf8")).toBe("keep me");
    const forced = runCli(["profile", PENGUINS, "--output", stats, "--force", "--quiet"]);
    expect(forced.status).toBe(0);
    expect(forced.stderr).toBe("");
    expect(JSON.parse(readFileSync(stats, "utf8")).rows).toBe(344);
  });

  it("names the file and line of malformed CSV, exits 2, and writes nothing", () => {
    const dir = tempDir();
    const data = join(dir, "bad.csv");
    writeFileSync(data, "a,b\n1,2\n3,4,5\n");
    const out = join(dir, "stats.json");
    const result = runCli(["profile", data, "--output", out]);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/^synth: .*bad\.csv:3: ragged row/);
    expect(existsSync(out)).toBe(false);
  });

  it("records differential privacy, and rejects flags that make no sense", () => {
    const dir = tempDir();
    const stats = join(dir, "stats.json");
    expect(runCli(["profile", PENGUINS, "--output", stats, "--epsilon", "1", "--seed", "1", "--quiet"]).status).toBe(0);
    const disclosure = JSON.parse(readFileSync(stats, "utf8")).disclosure;
    expect(disclosure).toMatchObject({ epsilon: 1, mechanism: "laplace" });
    // At 344 rows the model's share buys no useful table, so the columns may take all of it.
    expect(disclosure.epsilonSpent).toBeGreaterThan(0.69);
    expect(disclosure.epsilonSpent).toBeLessThanOrEqual(1);
    expect(runCli(["profile", PENGUINS, "--output", join(dir, "x.json"), "--epsilon", "0"]).status).toBe(2);
    expect(runCli(["profile", PENGUINS, "--output", join(dir, "y.json"), "--min-count", "0"]).status).toBe(2);
    const both = runCli(["profile", PENGUINS, "--output", join(dir, "z.json"), "--schema", stats, "--schema-out", join(dir, "s.json")]);
    expect(both.status).toBe(2);
    expect(both.stderr).toMatch(/--schema-out/);
  });

  it("takes custom null tokens", () => {
    const dir = tempDir();
    const data = join(dir, "codes.csv");
    writeFileSync(data, "score\n" + Array.from({ length: 60 }, (_, i) => (i % 4 === 0 ? "-99" : String(i * 3))).join("\n") + "\n");
    const stats = join(dir, "stats.json");
    expect(runCli(["profile", data, "--output", stats, "--null", "-99", "--quiet"]).status).toBe(0);
    expect(JSON.parse(readFileSync(stats, "utf8")).columns.score).toMatchObject({ kind: "number", nullFraction: 0.25 });
  });
});
