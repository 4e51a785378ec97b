import { appendFileSync, copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { PENGUINS, ROOT, example, runCli, tempDir } from "../support/cli.js";

/**
 * `describe --sample` labels its values "Examples (dummy)": it takes them only from a file synth
 * generated, proven by the manifest beside it, and otherwise says it will not show them.
 */
const schema = example("child-health", "schema.json");
const stats = example("child-health", "stats.json");
let dir: string;
let dummy: string;

beforeAll(() => {
  dir = tempDir();
  dummy = join(dir, "dummy.csv");
  const run = runCli(["generate", "--schema", schema, "--stats", stats, "--rows", "30", "--seed", "3", "--output", dummy]);
  expect(run.status, run.stderr).toBe(0);
});

const describeWith = (sample: string, schemaFile = schema, statsFile = stats) => runCli(["describe", "--schema", schemaFile, "--stats", statsFile, "--sample", sample, "--format", "markdown"]);

describe("describe --sample takes only verified dummy data", () => {
  it("shows values from a file with a matching synth manifest", () => {
    const run = describeWith(dummy);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("checked against its synth manifest");
    const first = readFileSync(dummy, "utf8").split("\n")[1]!.split(",")[0]!;
    expect(run.stdout).toContain(first);
  });

  it("refuses a real file with no manifest: one line, exit 2, no value shown", () => {
    const real = join(dir, "penguins.csv");
    copyFileSync(PENGUINS, real);
    const run = runCli(["describe", "--schema", schema, "--sample", real]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(/^synth: .*describe will not show values from .*penguins\.csv, which may be real data: no synth manifest beside it \(penguins\.csv\.manifest\.json\)/);
  });

  it("is refused in the README as it really is", () => {
    const cwd = tempDir();
    copyFileSync(PENGUINS, join(cwd, "patients.csv"));
    const run = runCli(["describe", "--schema", schema, "--sample", "patients.csv"], { cwd });
    expect(run.status).toBe(2);
    expect(readFileSync(join(ROOT, "README.md"), "utf8")).toContain("$ npx synth describe --schema examples/child-health/schema.json --sample patients.csv\n" + run.stderr);
  });

  it("refuses a dummy file changed after it was generated", () => {
    const edited = join(dir, "edited.csv");
    copyFileSync(dummy, edited);
    copyFileSync(dummy + ".manifest.json", edited + ".manifest.json");
    appendFileSync(edited, readFileSync(PENGUINS, "utf8").split("\n")[1] + "\n");
    const run = describeWith(edited);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/will not show values from .*edited\.csv.*: its manifest describes another file \(dummy\.csv\)/);
  });

  it("refuses a file whose own manifest no longer matches it", () => {
    const copy = join(dir, "copy.csv");
    const run0 = runCli(["generate", "--schema", schema, "--stats", stats, "--rows", "5", "--output", copy]);
    expect(run0.status, run0.stderr).toBe(0);
    writeFileSync(copy, readFileSync(PENGUINS));
    const run = describeWith(copy);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/will not show values from .*copy\.csv.*: it does not match its manifest \((size|content) changed/);
    expect(run.stdout).not.toContain("Adelie");
  });
});
