import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, runCli, tempDir } from "../support/cli.js";

// Examples are documentation: the files in examples/requests and the samples quoted in the README
// are what synth prints for those commands today. A change to generation that alters them fails
// here, so that they are made again (and the change is seen) rather than left to drift.

const readme = readFileSync(join(ROOT, "README.md"), "utf8");
const requests = join(ROOT, "examples/requests");
const schema = "examples/child-health/schema.json";
const stats = "examples/child-health/stats.json";
const request = "examples/requests/education-child-health.json";

function stdoutOf(args: string[], cwd = ROOT): string {
  const result = runCli(args, { cwd });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

describe("examples/requests", () => {
  it("the check reports are what request check prints", () => {
    const check = ["request", "check", "--schema", schema, "--stats", stats, request];
    expect(stdoutOf(check)).toBe(readFileSync(join(requests, "education-child-health.check.txt"), "utf8"));
    expect(stdoutOf([...check, "--format", "markdown"])).toBe(readFileSync(join(requests, "education-child-health.check.md"), "utf8"));
  });

  it("the extract schema is what request schema prints", () => {
    expect(stdoutOf(["request", "schema", "--schema", schema, request])).toBe(readFileSync(join(requests, "education-child-health.extract.schema.json"), "utf8"));
  });

  it("the extract is what generate --request makes, as its manifest records", () => {
    const manifest = JSON.parse(readFileSync(join(requests, "education-child-health.extract.csv.manifest.json"), "utf8"));
    const dir = tempDir();
    const out = join(dir, "extract.csv");
    const { seed, rows } = manifest.generation;
    stdoutOf(["generate", "--schema", schema, "--stats", stats, "--request", request, "--rows", String(rows), "--seed", String(seed), "--output", out]);
    expect(readFileSync(out, "utf8")).toBe(readFileSync(join(requests, "education-child-health.extract.csv"), "utf8"));
  });
});

describe("README samples", () => {
  it("quotes the extract's first rows as generate --request prints them", () => {
    const printed = stdoutOf(["generate", "--schema", schema, "--stats", stats, "--request", request, "--rows", "5"]);
    expect(readme).toContain(printed);
  });

  it("quotes the first dummy record of the scenario as generate makes it", () => {
    const printed = stdoutOf(["generate", "--schema", schema, "--stats", stats, "--rows", "1000"]);
    const first = printed.split("\n")[1]!;
    // The README shows the record's first twelve fields, then "...".
    expect(readme).toContain(first.split(",").slice(0, 12).join(",") + ",...");
  });

  it("quotes generate --package on the child-health example as it prints and writes it", () => {
    const dir = tempDir();
    const run = runCli(["generate", "--package", join(ROOT, "examples/child-health/datapackage.json"), "--output-dir", "dummy/", "--scale", "0.01"], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    expect(readme).toContain("```\n" + run.stderr + "```");
    const head = readFileSync(join(dir, "dummy/immunisations.csv"), "utf8").split("\n").slice(0, 4).join("\n");
    expect(readme).toContain("```\n" + head + "\n```");
  });

  it("quotes the terminal dictionary as describe prints it, each excerpt whole", () => {
    const printed = stdoutOf(["describe", "--schema", schema, "--stats", stats]);
    const block = readme.slice(readme.indexOf("```text\nChild health record\n") + 8);
    const excerpts = block.slice(0, block.indexOf("```")).split(/^ *…\n/m).filter((part) => part.trim() !== "");
    expect(excerpts.length).toBeGreaterThan(2);
    for (const excerpt of excerpts) expect(printed).toContain(excerpt);
  });
});
