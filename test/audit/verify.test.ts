import { appendFileSync, cpSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { example, ROOT, runCli, tempDir } from "../support/cli.js";

describe("manifest and synth verify", () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
    cpSync(example("pupils", "schema.json"), join(dir, "schema.json"));
    cpSync(example("pupils", "stats.json"), join(dir, "stats.json"));
    const run = runCli(["generate", "--schema", "schema.json", "--stats", "stats.json", "--rows", "300", "--seed", "4", "--output", "pupils.csv"], { cwd: dir });
    expect(run.status).toBe(0);
  });

  it("writes FILE.manifest.json that records inputs, settings and the output's hash", () => {
    const manifest = JSON.parse(readFileSync(join(dir, "pupils.csv.manifest.json"), "utf8"));
    expect(manifest.synthetic).toBe(true);
    expect(manifest.statement).toMatch(/synthetic/);
    expect(manifest.tool.name).toBe("synth");
    expect(manifest.generation).toMatchObject({ seed: 4, rows: 300, format: "csv" });
    expect(manifest.inputs.schema.path).toBe("schema.json");
    expect(manifest.inputs.stats.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.output.path).toBe("pupils.csv");
    expect(manifest.output.bytes).toBe(readFileSync(join(dir, "pupils.csv")).length);
  });

  it("passes when nothing changed", () => {
    const result = runCli(["verify", "pupils.csv.manifest.json"], { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/all files match/);
  });

  it.each([
    ["output", "pupils.csv"],
    ["schema", "schema.json"],
    ["stats", "stats.json"],
  ])("catches one changed byte in the %s", (role, file) => {
    const path = join(dir, file);
    const bytes = readFileSync(path);
    bytes[Math.floor(bytes.length / 2)] ^= 1;
    writeFileSync(path, bytes);
    const result = runCli(["verify", "--json", "pupils.csv.manifest.json"], { cwd: dir });
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.ok).toBe(false);
    expect(report.checks.find((c: { role: string }) => c.role === role).problem).toMatch(/content changed/);
  });

  it("reports a missing file as a mismatch", () => {
    appendFileSync(join(dir, "pupils.csv"), "");
    const renamed = runCli(["verify", "pupils.csv.manifest.json"], { cwd: dir });
    expect(renamed.status).toBe(0);
    writeFileSync(join(dir, "pupils.csv.manifest.json"), readFileSync(join(dir, "pupils.csv.manifest.json"), "utf8").replace('"path": "pupils.csv"', '"path": "gone.csv"'));
    const result = runCli(["verify", "pupils.csv.manifest.json"], { cwd: dir });
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/gone\.csv: missing/);
  });

  it("rejects a file that is not a manifest with exit 2", () => {
    const result = runCli(["verify", "stats.json"], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/stats\.json.*not a synth manifest/);
  });

  it("records the request file of a dummy extract", () => {
    const request = join(ROOT, "examples/requests/education-child-health.json");
    const run = runCli(["generate", "--schema", example("child-health", "schema.json"), "--stats", example("child-health", "stats.json"), "--request", request, "--rows", "20", "--output", "extract.csv"], { cwd: dir });
    expect(run.status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(dir, "extract.csv.manifest.json"), "utf8"));
    expect(manifest.inputs.request.sha256).toBe(createHash("sha256").update(readFileSync(request)).digest("hex"));
  });

  it("--label puts .synthetic in the file name and the manifest follows it", () => {
    const result = runCli(["generate", "--schema", "schema.json", "--rows", "5", "--output", "extract.csv", "--label"], { cwd: dir });
    expect(result.status).toBe(0);
    expect(readdirSync(dir)).toEqual(expect.arrayContaining(["extract.synthetic.csv", "extract.synthetic.csv.manifest.json"]));
    expect(readdirSync(dir)).not.toContain("extract.csv");
  });
});
