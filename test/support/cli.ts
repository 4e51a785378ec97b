import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "../..");
export const FIXTURES = join(ROOT, "test/fixtures");
/** Palmer penguins (CC0), the one real dataset the tests carry; the others stay in ../shared for benchmarks. */
export const PENGUINS = join(FIXTURES, "penguins.csv");
/** The benchmarks' 10-column reference schema. */
export const REFERENCE_SCHEMA = join(FIXTURES, "reference.schema.json");
export const BIN = join(ROOT, "bin/synth.js");

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI (npm test builds first) as a user would. */
export function runCli(args: string[], options: { cwd?: string; input?: string; env?: NodeJS.ProcessEnv } = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input,
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", ...options.env },
    maxBuffer: 1 << 30,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function tempDir(prefix = "synth-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function example(name: string, file: "schema.json" | "stats.json"): string {
  return join(ROOT, "examples", name, file);
}
