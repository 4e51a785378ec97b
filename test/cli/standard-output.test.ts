import { spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, openSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BIN, ROOT, example } from "../support/cli.js";

/** Standard output that fails: a full disk (/dev/full) and a reader that stops early (`| head`). */

const schema = example("child-health", "schema.json");
const stats = example("child-health", "stats.json");
const COMMANDS: Array<[string, string[]]> = [
  ["generate csv", ["generate", "--schema", schema, "--stats", stats, "--rows", "20"]],
  ["generate json, many rows", ["generate", "--schema", schema, "--rows", "200000", "--format", "json"]],
  ["describe", ["describe", "--schema", schema, "--stats", stats]],
  ["help", ["--help"]],
];

describe.skipIf(!existsSync("/dev/full"))("a full disk behind stdout", () => {
  it.each(COMMANDS)("%s: one line on stderr, exit 1, no stack trace", (_, args) => {
    const full = openSync("/dev/full", "w");
    try {
      const run = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ["ignore", full, "pipe"], encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
      expect(run.stderr).toBe("synth: cannot write to standard output: no space left on the device (ENOSPC)\n");
      expect(run.status).toBe(1);
    } finally {
      closeSync(full);
    }
  }, 30_000);
});

describe("a reader that closes the pipe early", () => {
  it.each(COMMANDS)("%s: ends quietly with exit 0", async (_, args) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += String(chunk)));
    child.stdout.once("data", () => child.stdout.destroy());
    const status = await new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    expect(stderr).toBe("");
    expect(status).toBe(0);
  }, 30_000);
});
