import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, PENGUINS, example, runCli, tempDir } from "../support/cli.js";

/** Issue 14, pipelines: "-" is standard input or output everywhere, pipes and process substitution work, help helps. */

const SCHEMA = example("pupils", "schema.json");
const STATS = example("pupils", "stats.json");

function bash(script: string, cwd: string): { status: number | null; stdout: string; stderr: string } {
  const prelude = `synth() { "${process.execPath}" "${BIN}" "$@"; }\n`;
  const result = spawnSync("bash", ["-c", prelude + script], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('"-" means standard input for every input and standard output for --output', () => {
  const whole = runCli(["generate", "--schema", SCHEMA, "--stats", STATS, "--rows", "50", "--seed", "3"]);

  it("generate --schema - and --stats - read standard input", () => {
    expect(whole.status).toBe(0);
    const schema = runCli(["generate", "--schema", "-", "--stats", STATS, "--rows", "50", "--seed", "3"], { input: readFileSync(SCHEMA, "utf8") });
    expect(schema.status, schema.stderr).toBe(0);
    expect(schema.stdout).toBe(whole.stdout);
    const stats = runCli(["generate", "--schema", SCHEMA, "--stats", "-", "--rows", "50", "--seed", "3", "--threads", "2"], { input: readFileSync(STATS, "utf8") });
    expect(stats.status, stats.stderr).toBe(0);
    expect(stats.stdout).toBe(whole.stdout);
  });

  it("--output - writes to standard output, no file and no manifest", () => {
    const dir = tempDir("synth-pipes-");
    const result = runCli(["generate", "--schema", SCHEMA, "--stats", STATS, "--rows", "50", "--seed", "3", "--output", "-"], { cwd: dir });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe(whole.stdout);
    expect(spawnSync("ls", ["-A", dir], { encoding: "utf8" }).stdout).toBe("");
    const described = runCli(["describe", "--schema", "-", "--output", "-"], { cwd: dir, input: readFileSync(SCHEMA, "utf8") });
    expect(described.status, described.stderr).toBe(0);
    expect(described.stdout).toMatch(/upn/i);
  });

  it("profile - reads the table from standard input (one pass: no dependence model) and --output - prints the statistics", () => {
    const result = runCli(["profile", "-", "--output", "-", "--quiet"], { input: readFileSync(PENGUINS, "utf8") });
    expect(result.status, result.stderr).toBe(0);
    const stats = JSON.parse(result.stdout) as { rows: number; table: string; columns: Record<string, unknown> };
    expect(stats.rows).toBeGreaterThan(300);
    expect(stats.table).toBe("table");
    expect(Object.keys(stats.columns)).toContain("species");
  });

  it("compare REAL - reads the dummy table from standard input", () => {
    const dir = tempDir("synth-pipes-");
    expect(runCli(["profile", PENGUINS, "--output", "stats.json", "--schema-out", "schema.json", "--quiet"], { cwd: dir }).status).toBe(0);
    const dummy = runCli(["generate", "--schema", "schema.json", "--stats", "stats.json", "--rows", "300"], { cwd: dir });
    const fromFile = join(dir, "dummy.csv");
    writeFileSync(fromFile, dummy.stdout);
    const piped = runCli(["compare", PENGUINS, "-", "--json"], { cwd: dir, input: dummy.stdout });
    const named = runCli(["compare", PENGUINS, "dummy.csv", "--json"], { cwd: dir });
    expect(piped.status, piped.stderr).toBe(0);
    const strip = (text: string) => JSON.stringify({ ...(JSON.parse(text) as object), dummy: undefined });
    expect(strip(piped.stdout)).toBe(strip(named.stdout));
  });

  it("standard input can feed only one input", () => {
    const result = runCli(["generate", "--schema", "-", "--stats", "-"], { input: "{}" });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe("synth: standard input (-) can be only one of the inputs\n");
  });

  it("/dev/stdin and process substitution work (no ESPIPE), for JSON inputs and tables alike", () => {
    const dir = tempDir("synth-pipes-");
    const viaDevStdin = bash(`synth generate --schema /dev/stdin --stats "${STATS}" --rows 50 --seed 3 < "${SCHEMA}"`, dir);
    expect(viaDevStdin.status, viaDevStdin.stderr).toBe(0);
    expect(viaDevStdin.stdout).toBe(whole.stdout);
    const substituted = bash(`synth generate --schema <(cat "${SCHEMA}") --stats <(cat "${STATS}") --rows 50 --seed 3`, dir);
    expect(substituted.status, substituted.stderr).toBe(0);
    expect(substituted.stdout).toBe(whole.stdout);
    const table = bash(`cat "${PENGUINS}" | synth profile /dev/stdin --output - --quiet && synth profile <(cat "${PENGUINS}") --output - --quiet`, dir);
    expect(table.status, table.stderr).toBe(0);
    expect(table.stderr).not.toMatch(/ESPIPE/);
    const jsonl = bash(`synth generate --schema "${SCHEMA}" --stats "${STATS}" --rows 40 --format jsonl | synth profile - --output - --quiet --min-count 1`, dir);
    expect(jsonl.status, jsonl.stderr).toBe(0);
    expect((JSON.parse(jsonl.stdout) as { provenance: { source: { format: string } } }).provenance.source.format).toBe("jsonl");
  });
});

describe("help and short flags", () => {
  it("bare synth prints the help on stderr and exits 2", () => {
    const result = runCli([]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^Usage: synth \[options\] \[command\]/);
    expect(result.stderr).toMatch(/generate/);
  });

  const commands: Array<[string, string[]]> = [
    ["generate", ["--schema"]],
    ["profile", ["--output"]],
    ["compare", []],
    ["verify", []],
    ["describe", ["--schema"]],
    ["request", []],
    ["request init", ["--schema"]],
    ["request check", ["--schema"]],
    ["request schema", ["--schema"]],
    ["review", []],
  ];
  it.each(commands)("synth %s --help marks required options and shows examples", (command, required) => {
    const result = runCli([...command.split(" "), "--help"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/\nExamples:\n {2}\$ synth /);
    // Each option's help starts on a line of its own; its description may wrap onto the next ones.
    const options = result.stdout.split(/\n(?= {2}-)/);
    for (const flag of required) {
      const entry = options.find((text) => new RegExp(`^ {2}(-\\w, )?${flag} `).test(text));
      expect(entry, result.stdout).toBeDefined();
      expect(entry!.replace(/\s+/g, " ")).toMatch(/\(required(\)|, unless)/);
    }
    const marked = options.filter((text) => /\(required(\)|, unless)/.test(text)).length;
    expect(marked).toBe(required.length);
  });

  it("-o -n -s -q are --output --rows --seed --quiet", () => {
    const dir = tempDir("synth-pipes-");
    const short = runCli(["generate", "--schema", SCHEMA, "-n", "20", "-s", "9", "-q", "-o", "short.csv"], { cwd: dir });
    const long = runCli(["generate", "--schema", SCHEMA, "--rows", "20", "--seed", "9", "--quiet", "--output", "long.csv"], { cwd: dir });
    expect(short.status, short.stderr).toBe(0);
    expect(long.status).toBe(0);
    expect(readFileSync(join(dir, "short.csv"), "utf8")).toBe(readFileSync(join(dir, "long.csv"), "utf8"));
  });

  it("profile --json prints the summary as JSON on standard output", () => {
    const dir = tempDir("synth-pipes-");
    const result = runCli(["profile", PENGUINS, "-o", "stats.json", "--json"], { cwd: dir });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toBe("");
    const summary = JSON.parse(result.stdout) as { rows: number; stats: string; columns: Array<{ name: string; kind: string; reason: string }> };
    expect(summary.stats).toBe("stats.json");
    expect(summary.rows).toBeGreaterThan(300);
    expect(summary.columns.map((c) => c.name)).toContain("species");
    const clash = runCli(["profile", PENGUINS, "-o", "-", "--json"], { cwd: dir });
    expect(clash.status).toBe(2);
  });
});
