import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, ROOT, example, runCli, tempDir } from "../support/cli.js";

// The Indexed Job in examples/kubernetes runs its pods' shell script with JOB_COMPLETION_INDEX set
// by Kubernetes. This runs that very script, read from the manifest, once per index (rows scaled
// down, /inputs and /out mapped to folders, `synth` on the PATH), and checks that the parts, in
// index order, are byte-identical to one whole run: what the manifest promises.

const manifest = readFileSync(join(ROOT, "examples/kubernetes/job.yaml"), "utf8");

function envValue(name: string): string {
  const match = new RegExp(`- name: ${name}\\s+value: "([^"]*)"`).exec(manifest);
  if (!match) throw new Error(`job.yaml sets no ${name}`);
  return match[1]!;
}

/** The block scalar under `args: - |`, dedented. */
function podScript(): string {
  const lines = manifest.split("\n");
  const start = lines.findIndex((line) => /^\s*- \|\s*$/.test(line)) + 1;
  expect(start).toBeGreaterThan(0);
  const indent = /^\s*/.exec(lines[start]!)![0].length;
  const body: string[] = [];
  for (const line of lines.slice(start)) {
    if (line.trim() !== "" && /^\s*/.exec(line)![0].length < indent) break;
    body.push(line.slice(indent));
  }
  return body.join("\n");
}

describe("examples/kubernetes/job.yaml", () => {
  it("asks for as many completions as shards", () => {
    const shards = envValue("SHARDS");
    expect(/completions: (\d+)/.exec(manifest)?.[1]).toBe(shards);
    expect(/completionMode: Indexed/.test(manifest)).toBe(true);
  });

  it("its pods' parts, in index order, are one whole run", () => {
    const shards = Number(envValue("SHARDS"));
    const seed = envValue("SEED");
    const rows = "5000"; // the manifest asks for 100,000,000
    const dir = tempDir();
    const [inputs, out, bin] = ["inputs", "out", "bin"].map((name) => join(dir, name));
    for (const folder of [inputs, out, bin]) mkdirSync(folder);
    copyFileSync(example("child-health", "schema.json"), join(inputs, "schema.json"));
    copyFileSync(example("child-health", "stats.json"), join(inputs, "stats.json"));
    writeFileSync(join(bin, "synth"), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
    chmodSync(join(bin, "synth"), 0o755);
    const script = podScript().replaceAll("/inputs/", `${inputs}/`).replaceAll("/out/", `${out}/`);

    for (let index = 0; index < shards; index++) {
      const pod = spawnSync("/bin/sh", ["-c", script], {
        env: { PATH: `${bin}:${process.env.PATH ?? ""}`, JOB_COMPLETION_INDEX: String(index), SHARDS: String(shards), ROWS: rows, SEED: seed },
        encoding: "utf8",
      });
      expect(pod.status, pod.stderr).toBe(0);
    }

    const parts = readdirSync(out).filter((name) => name.endsWith(".csv")).sort();
    expect(parts).toHaveLength(shards);
    const joined = parts.map((name) => readFileSync(join(out, name), "utf8")).join("");
    const whole = runCli(["generate", "--schema", example("child-health", "schema.json"), "--stats", example("child-health", "stats.json"), "--rows", rows, "--seed", seed]);
    expect(whole.status).toBe(0);
    expect(joined).toBe(whole.stdout);
  });
});
