import { join } from "node:path";
import { writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PENGUINS, runCli, tempDir } from "../support/cli.js";

const penguins = PENGUINS;

describe("synth compare (CLI)", () => {
  it("prints a table and exits 0", () => {
    const result = runCli(["compare", penguins, penguins]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Column Shapes: 1\.000/);
    expect(result.stdout).toMatch(/Dummy rows equal to a real row:\s+344 \(100\.0%\)/);
  });

  it("prints JSON with --json", () => {
    const result = runCli(["compare", penguins, penguins, "--json"]);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ columnShapes: 1, real: { rows: 344 }, dummy: { rows: 344 } });
  });

  it("exits 2 naming the file when the dummy data is malformed", () => {
    const dir = tempDir();
    const bad = join(dir, "dummy.csv");
    writeFileSync(bad, 'species\n"Adelie\n');
    const result = runCli(["compare", penguins, bad]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^synth: .*dummy\.csv:\d+: a quoted field is never closed/);
  });
});
