import { spawn, spawnSync } from "node:child_process";
import { existsSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, example, runCli, tempDir } from "../support/cli.js";

/**
 * Issue 14, files harmed or lost: one output mechanism (src/io/atomic-write.ts) for every command. It
 * never writes over an input, never over anything but a regular file, claims the name only at the
 * end (so a file created meanwhile survives), and leaves nothing behind when any part fails.
 */

const SCHEMA = JSON.stringify({ type: "object", properties: { a: { type: "integer", minimum: 1, maximum: 9 } }, required: ["a"] });

function folder(): string {
  const dir = tempDir("synth-outputs-");
  writeFileSync(join(dir, "schema.json"), SCHEMA);
  return dir;
}

function expectOneLine(stderr: string, pattern: RegExp): void {
  expect(stderr.trimEnd().split("\n"), stderr).toHaveLength(1);
  expect(stderr).toMatch(pattern);
}

describe("an output that is one of the run's inputs is refused, even with --force", () => {
  const dir = folder();
  writeFileSync(join(dir, "request.json"), readFileSync(join(import.meta.dirname, "../../examples/requests/education-child-health.json")));
  writeFileSync(join(dir, "holder.json"), readFileSync(example("child-health", "schema.json")));
  writeFileSync(join(dir, "stats.json"), readFileSync(example("child-health", "stats.json")));
  symlinkSync("schema.json", join(dir, "link-to-schema.json"));
  writeFileSync(join(dir, "real.csv"), "a\n" + Array.from({ length: 30 }, (_, i) => i % 3).join("\n") + "\n");
  writeFileSync(join(dir, "dummy.csv"), "a\n" + Array.from({ length: 30 }, (_, i) => (i + 1) % 3).join("\n") + "\n");
  linkSync(join(dir, "schema.json"), join(dir, "hard-link-to-schema.json"));
  const cases: Array<[string, string[], string]> = [
    ["generate --schema", ["generate", "--schema", "schema.json", "--rows", "3"], "schema.json"],
    ["generate --schema (a symbolic link to it)", ["generate", "--schema", "link-to-schema.json", "--rows", "3"], "schema.json"],
    ["generate --schema (a hard link to it)", ["generate", "--schema", "hard-link-to-schema.json", "--rows", "3"], "schema.json"],
    ["generate --stats", ["generate", "--schema", "holder.json", "--stats", "stats.json", "--rows", "3"], "stats.json"],
    ["generate --request", ["generate", "--schema", "holder.json", "--request", "request.json", "--rows", "3"], "request.json"],
    ["request init", ["request", "init", "--schema", "holder.json"], "holder.json"],
    ["request schema", ["request", "schema", "request.json", "--schema", "holder.json"], "request.json"],
    ["request check", ["request", "check", "request.json", "--schema", "holder.json"], "holder.json"],
    ["describe --schema", ["describe", "--schema", "holder.json", "--stats", "stats.json"], "stats.json"],
    ["review", ["review", "stats.json", "--schema", "holder.json"], "holder.json"],
    ["compare", ["compare", "real.csv", "dummy.csv"], "dummy.csv"],
  ];
  it.each(cases)("%s", (_name, args, target) => {
    const before = readFileSync(join(dir, target));
    const result = runCli([...args, "--output", target, "--force"], { cwd: dir });
    expect(result.status, result.stderr).toBe(2);
    expectOneLine(result.stderr, /is one of this run's inputs/);
    expect(readFileSync(join(dir, target))).toEqual(before);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("generate: the manifest written beside --output may not be an input either", () => {
    writeFileSync(join(dir, "out.csv.manifest.json"), SCHEMA);
    const result = runCli(["generate", "--schema", "out.csv.manifest.json", "--output", "out.csv", "--force"], { cwd: dir });
    expect(result.status).toBe(2);
    expectOneLine(result.stderr, /out\.csv\.manifest\.json: is one of this run's inputs/);
    expect(readFileSync(join(dir, "out.csv.manifest.json"), "utf8")).toBe(SCHEMA);
    expect(existsSync(join(dir, "out.csv"))).toBe(false);
  });

  it("profile: --output may not be the data, and --output and --schema-out may not be one file", () => {
    const dir2 = tempDir("synth-outputs-");
    writeFileSync(join(dir2, "real.csv"), "a\n" + Array.from({ length: 30 }, (_, i) => i % 3).join("\n") + "\n");
    const same = runCli(["profile", "real.csv", "--output", "out.json", "--schema-out", "out.json"], { cwd: dir2 });
    expect(same.status).toBe(2);
    expectOneLine(same.stderr, /out\.json: is also the output out\.json/);
    expect(readdirSync(dir2)).toEqual(["real.csv"]);
    const data = runCli(["profile", "real.csv", "--output", "real.csv", "--force"], { cwd: dir2 });
    expect(data.status).toBe(2);
    expectOneLine(data.stderr, /is one of this run's inputs/);
    mkdirSync(join(dir2, "sub"));
    symlinkSync("../real.csv", join(dir2, "sub/link.csv"));
    const linked = runCli(["profile", "sub/link.csv", "--output", "real.csv", "--force"], { cwd: dir2 });
    expect(linked.status).toBe(2);
    expect(readFileSync(join(dir2, "real.csv"), "utf8")).toMatch(/^a\n0\n1\n2\n/);
  });
});

describe("only regular files are ever replaced, whatever --force says", () => {
  const dir = folder();
  mkdirSync(join(dir, "a-folder"));
  spawnSync("mkfifo", [join(dir, "a-fifo")]);
  symlinkSync("/dev/null", join(dir, "to-dev-null"));
  writeFileSync(join(dir, "real-target.csv"), "keep me\n");
  symlinkSync("real-target.csv", join(dir, "to-a-file"));
  it.each([
    ["a folder", "a-folder", /is a folder, not a regular file/],
    ["a named pipe", "a-fifo", /is a named pipe \(FIFO\), not a regular file/],
    ["a symbolic link to a device", "to-dev-null", /is a symbolic link, not a regular file/],
    ["a symbolic link to a file", "to-a-file", /is a symbolic link, not a regular file/],
  ])("%s", (_name, output, pattern) => {
    for (const args of [["generate", "--schema", "schema.json"], ["describe", "--schema", "schema.json"], ["request", "init", "--schema", "schema.json"]]) {
      const before = lstatSync(join(dir, output));
      const result = runCli([...args, "--output", output, "--force"], { cwd: dir });
      expect(result.status, result.stderr).toBe(2);
      expectOneLine(result.stderr, pattern);
      const after = lstatSync(join(dir, output));
      expect([after.ino, after.mode]).toEqual([before.ino, before.mode]);
    }
    expect(readFileSync(join(dir, "real-target.csv"), "utf8")).toBe("keep me\n");
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp") || f.includes("manifest"))).toEqual([]);
  });

  it("a device node (made when the tests may make one) is left alone", () => {
    const device = join(dir, "null-device");
    if (spawnSync("mknod", [device, "c", "1", "3"]).status !== 0) return; // not root: nothing to make
    const result = runCli(["generate", "--schema", "schema.json", "--output", device, "--force"], { cwd: dir });
    expect(result.status).toBe(2);
    expectOneLine(result.stderr, /is a device, not a regular file/);
    expect(lstatSync(device).isCharacterDevice()).toBe(true);
  });

  it("--output \"\" and --output FOLDER --force say so in one line, exit 2", () => {
    const empty = runCli(["generate", "--schema", "schema.json", "--output", ""], { cwd: dir });
    expect(empty.status).toBe(2);
    expectOneLine(empty.stderr, /^synth: an output file name is empty/);
    for (const args of [["generate", "--schema", "schema.json"], ["profile", "schema.json"], ["describe", "--schema", "schema.json"]]) {
      const result = runCli([...args, "--output", "a-folder", "--force"], { cwd: dir });
      expect(result.status, result.stderr).toBe(2);
      expectOneLine(result.stderr, /^synth: a-folder: is a folder/);
    }
  });
});

/** Starts a long enough generate, pauses it as soon as its temporary file exists, and hands back control. */
async function pausedRun(dir: string, output: string, extra: string[] = []) {
  writeFileSync(join(dir, "long.json"), JSON.stringify({ type: "object", properties: { a: { type: "string", minLength: 200, maxLength: 400 } }, required: ["a"] }));
  const child = spawn(process.execPath, [BIN, "generate", "--schema", "long.json", "--format", "jsonl", "--rows", "200000", "--threads", "1", "--output", output, "--quiet", ...extra], { cwd: dir });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  for (let i = 0; i < 1000 && !readdirSync(dir).some((f) => f.endsWith(".tmp")); i++) await new Promise((r) => setTimeout(r, 5));
  child.kill("SIGSTOP");
  return { resume: () => child.kill("SIGCONT"), exited, stderr: () => stderr };
}

describe("the name is claimed at the end, not only checked at the start", () => {
  it("a file created at --output while the run is under way is not replaced", async () => {
    const dir = folder();
    const run = await pausedRun(dir, "out.jsonl");
    writeFileSync(join(dir, "out.jsonl"), "someone else's\n");
    run.resume();
    expect(await run.exited, run.stderr()).toBe(2);
    expectOneLine(run.stderr(), /out\.jsonl: appeared while synth was running/);
    expect(readFileSync(join(dir, "out.jsonl"), "utf8")).toBe("someone else's\n");
    expect(readdirSync(dir).sort()).toEqual(["long.json", "out.jsonl", "schema.json"]);
  });

  it("a manifest that cannot be written takes the data file with it: nothing is left behind", async () => {
    const dir = folder();
    const run = await pausedRun(dir, "out.jsonl");
    writeFileSync(join(dir, "out.jsonl.manifest.json"), "someone else's\n");
    run.resume();
    expect(await run.exited, run.stderr()).toBe(2);
    expectOneLine(run.stderr(), /out\.jsonl\.manifest\.json: appeared while synth was running/);
    expect(existsSync(join(dir, "out.jsonl"))).toBe(false);
    expect(readFileSync(join(dir, "out.jsonl.manifest.json"), "utf8")).toBe("someone else's\n");
    expect(readdirSync(dir).sort()).toEqual(["long.json", "out.jsonl.manifest.json", "schema.json"]);
  });

  it("with --force, a folder put at --output during the run is not replaced either", async () => {
    const dir = folder();
    writeFileSync(join(dir, "out.jsonl"), "old\n");
    const run = await pausedRun(dir, "out.jsonl", ["--force"]);
    spawnSync("rm", [join(dir, "out.jsonl")]);
    mkdirSync(join(dir, "out.jsonl"));
    run.resume();
    expect(await run.exited, run.stderr()).toBe(2);
    expectOneLine(run.stderr(), /out\.jsonl: is a folder/);
    expect(lstatSync(join(dir, "out.jsonl")).isDirectory()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(["long.json", "out.jsonl", "schema.json"]);
  });
});
