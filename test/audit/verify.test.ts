import { appendFileSync, cpSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
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

/** Issue 14: verify reads only what lies in the manifest's folder, and every recorded setting is bound to the output. */
describe("synth verify is no hash oracle and notices edited settings", () => {
  let dir: string;
  const manifestFile = () => join(dir, "out/pupils.csv.manifest.json");
  const edit = (change: (manifest: Record<string, any>) => void) => {
    const manifest = JSON.parse(readFileSync(manifestFile(), "utf8"));
    change(manifest);
    writeFileSync(manifestFile(), JSON.stringify(manifest, null, 2));
  };
  const verify = () => {
    const result = runCli(["verify", "--json", "out/pupils.csv.manifest.json"], { cwd: dir });
    return { status: result.status, report: JSON.parse(result.stdout || "{}") as { ok: boolean; checks: Array<{ role: string; ok: boolean; problem?: string }> } };
  };
  beforeEach(() => {
    dir = tempDir();
    mkdirSync(join(dir, "out"));
    cpSync(example("pupils", "schema.json"), join(dir, "out/schema.json"));
    cpSync(example("pupils", "stats.json"), join(dir, "out/stats.json"));
    const run = runCli(["generate", "--schema", "out/schema.json", "--stats", "out/stats.json", "--rows", "200", "--seed", "4", "--output", "out/pupils.csv"], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    expect(verify().status).toBe(0);
  });

  const secret = "not for the manifest's eyes\n";
  const digest = (text: string) => ({ sha256: createHash("sha256").update(text).digest("hex"), bytes: Buffer.byteLength(text) });

  it.each([
    ["a path with ..", () => "../outside.txt"],
    ["an absolute path", () => join(dir, "outside.txt")],
  ])("%s is not read, even with the right hash", (_name, path) => {
    writeFileSync(join(dir, "outside.txt"), secret);
    edit((m) => (m.inputs.stats = { path: path(), ...digest(secret) }));
    const { status, report } = verify();
    expect(status).toBe(1);
    expect(report.checks.find((c) => c.role === "stats")!.problem).toMatch(/outside the manifest's folder: not read/);
  });

  it("a symbolic link that leads out of the folder is not followed", () => {
    writeFileSync(join(dir, "outside.txt"), secret);
    symlinkSync("../outside.txt", join(dir, "out/inside.txt"));
    edit((m) => (m.output = { path: "inside.txt", ...digest(secret) }));
    const { status, report } = verify();
    expect(status).toBe(1);
    expect(report.checks.find((c) => c.role === "output")!.problem).toMatch(/symbolic link/);
  });

  it.each([
    ["seed", (m: Record<string, any>) => (m.generation.seed = 5)],
    ["rows", (m: Record<string, any>) => (m.generation.rows = 199)],
    ["format", (m: Record<string, any>) => (m.generation.format = "jsonl")],
    ["header", (m: Record<string, any>) => (m.generation.header = false)],
  ])("an edited %s is noticed: the output is made again and differs", (_name, change) => {
    edit(change);
    const { status, report } = verify();
    expect(status).toBe(1);
    expect(report.checks.filter((c) => c.role !== "settings").every((c) => c.ok)).toBe(true);
    expect(report.checks.find((c) => c.role === "settings")!.problem).toMatch(/do not make this output/);
  });

  it("a shard's manifest and an extract's manifest verify too", () => {
    const shard = runCli(["generate", "--schema", "out/schema.json", "--stats", "out/stats.json", "--rows", "200", "--shard", "2/3", "--output", "out/part-2.csv"], { cwd: dir });
    expect(shard.status, shard.stderr).toBe(0);
    expect(runCli(["verify", "out/part-2.csv.manifest.json"], { cwd: dir }).status).toBe(0);
    cpSync(example("child-health", "schema.json"), join(dir, "out/holder.json"));
    cpSync(example("child-health", "stats.json"), join(dir, "out/holder-stats.json"));
    cpSync(join(ROOT, "examples/requests/education-child-health.json"), join(dir, "out/request.json"));
    const extract = runCli(["generate", "--schema", "out/holder.json", "--stats", "out/holder-stats.json", "--request", "out/request.json", "--rows", "50", "--output", "out/extract.csv"], { cwd: dir });
    expect(extract.status, extract.stderr).toBe(0);
    const verified = runCli(["verify", "out/extract.csv.manifest.json"], { cwd: dir });
    expect(verified.status, verified.stdout).toBe(0);
    expect(verified.stdout).toMatch(/ok +settings/);
  });
});
