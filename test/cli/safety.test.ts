import { spawn, spawnSync } from "node:child_process";
import { createServer } from "node:http";
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, runCli, tempDir } from "../support/cli.js";

/** Issue 5 item 4: file refs stay in the schema's folder, remote refs only on request, no partial files, quiet pipes. */

describe("file $refs", () => {
  it("a relative file $ref next to the schema is loaded (and its own relative refs too)", () => {
    const dir = tempDir("synth-fileref-");
    mkdirSync(join(dir, "common"));
    writeFileSync(join(dir, "schema.json"), JSON.stringify({ type: "object", properties: { a: { $ref: "common/defs.json#/$defs/small" }, b: { $ref: "common/defs.json#/$defs/code" } }, required: ["a", "b"] }));
    writeFileSync(join(dir, "common/defs.json"), JSON.stringify({ $defs: { small: { type: "integer", minimum: 3, maximum: 4 }, code: { $ref: "codes.json" } } }));
    writeFileSync(join(dir, "common/codes.json"), JSON.stringify({ enum: ["X1", "Y2"] }));
    const result = runCli(["generate", "--schema", "schema.json", "--format", "jsonl", "--rows", "20"], { cwd: dir });
    expect(result.status, result.stderr).toBe(0);
    const rows = result.stdout.trim().split("\n").map((line) => JSON.parse(line) as { a: number; b: string });
    expect(rows).toHaveLength(20);
    for (const row of rows) {
      expect([3, 4]).toContain(row.a);
      expect(["X1", "Y2"]).toContain(row.b);
    }
  });

  it("a ref from a referenced file that escapes the folder is refused, naming that file", () => {
    const dir = tempDir("synth-fileref-");
    mkdirSync(join(dir, "inner"));
    writeFileSync(join(dir, "outside.json"), JSON.stringify({ type: "integer" }));
    writeFileSync(join(dir, "inner/schema.json"), JSON.stringify({ $ref: "defs.json" }));
    writeFileSync(join(dir, "inner/defs.json"), JSON.stringify({ $ref: "../outside.json" }));
    const result = runCli(["generate", "--schema", "inner/schema.json", "--format", "jsonl", "--rows", "1"], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/defs\.json at \/: .*outside the schema's folder/);
  });
});

describe("remote $refs", () => {
  it("are fetched only with --allow-remote-refs (local server on 127.0.0.1)", async () => {
    let requests = 0;
    const server = createServer((_req, res) => {
      requests++;
      res.setHeader("content-type", "application/schema+json");
      res.end(JSON.stringify({ $defs: { x: { type: "integer", minimum: 7, maximum: 7 } } }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const dir = tempDir("synth-remote-");
      writeFileSync(join(dir, "schema.json"), JSON.stringify({ type: "object", properties: { a: { $ref: `http://127.0.0.1:${port}/defs.json#/$defs/x` } }, required: ["a"] }));
      const args = ["generate", "--schema", "schema.json", "--format", "jsonl", "--rows", "3"];
      const run = (extra: string[]) =>
        new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
          const child = spawn(process.execPath, [BIN, ...args, ...extra], { cwd: dir });
          let stdout = "", stderr = "";
          child.stdout.on("data", (d) => (stdout += d));
          child.stderr.on("data", (d) => (stderr += d));
          child.on("close", (status) => resolve({ status, stdout, stderr }));
        });
      const refused = await run([]);
      expect(refused.status).toBe(2);
      expect(refused.stderr).toMatch(/--allow-remote-refs/);
      expect(requests).toBe(0);
      const allowed = await run(["--allow-remote-refs"]);
      expect(allowed.status, allowed.stderr).toBe(0);
      expect(allowed.stdout.trim().split("\n").map((l) => JSON.parse(l))).toEqual([{ a: 7 }, { a: 7 }, { a: 7 }]);
      expect(requests).toBeGreaterThan(0);
    } finally {
      server.close();
    }
  });
});

describe("interrupted and piped runs", () => {
  it("SIGINT while writing --output exits 130 and leaves no file behind", async () => {
    const dir = tempDir("synth-sigint-");
    writeFileSync(join(dir, "schema.json"), JSON.stringify({ type: "object", properties: { a: { type: "string", minLength: 200, maxLength: 400 } }, required: ["a"] }));
    const child = spawn(process.execPath, [BIN, "generate", "--schema", "schema.json", "--format", "jsonl", "--rows", "1000000000", "--threads", "1", "--output", "out.jsonl", "--quiet"], { cwd: dir });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    // Wait until the temporary file exists (the run is under way), then interrupt it.
    for (let i = 0; i < 200 && !readdirSync(dir).some((f) => f.endsWith(".tmp")); i++) await new Promise((r) => setTimeout(r, 50));
    expect(readdirSync(dir).some((f) => f.endsWith(".tmp"))).toBe(true);
    child.kill("SIGINT");
    expect(await exited, stderr).toBe(130);
    expect(readdirSync(dir)).toEqual(["schema.json"]);
  });

  it("writing into a closed pipe ends quietly with exit 0", () => {
    const dir = tempDir("synth-pipe-");
    writeFileSync(join(dir, "schema.json"), JSON.stringify({ type: "object", properties: { a: { type: "integer" } }, required: ["a"] }));
    const result = spawnSync("bash", ["-c", `set -o pipefail; "${process.execPath}" "${BIN}" generate --schema schema.json --format jsonl --rows 5000000 | head -n 2`], { cwd: dir, encoding: "utf8" });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.trim().split("\n")).toHaveLength(2);
    expect(result.stderr).toBe("");
  });
});

void readFileSync;

describe("file $refs through symbolic links (issue 14)", () => {
  it("a link in the schema's folder that leads out of it is not followed, nor a linked folder", () => {
    const dir = tempDir("synth-fileref-");
    mkdirSync(join(dir, "inner"));
    mkdirSync(join(dir, "elsewhere"));
    writeFileSync(join(dir, "elsewhere/secret.json"), JSON.stringify({ type: "integer" }));
    symlinkSync("../elsewhere/secret.json", join(dir, "inner/defs.json"));
    symlinkSync("../elsewhere", join(dir, "inner/linked"));
    for (const ref of ["defs.json", "linked/secret.json"]) {
      writeFileSync(join(dir, "inner/schema.json"), JSON.stringify({ type: "object", properties: { a: { $ref: ref } }, required: ["a"] }));
      const result = runCli(["generate", "--schema", "inner/schema.json", "--format", "jsonl", "--rows", "1"], { cwd: dir });
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/leads outside the schema's folder through a symbolic link/);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
    }
  });

  it("a link that stays in the folder is followed, and a schema reached through a linked folder reads its neighbours", () => {
    const dir = tempDir("synth-fileref-");
    mkdirSync(join(dir, "real"));
    writeFileSync(join(dir, "real/defs.json"), JSON.stringify({ enum: [7] }));
    symlinkSync("defs.json", join(dir, "real/alias.json"));
    writeFileSync(join(dir, "real/schema.json"), JSON.stringify({ type: "object", properties: { a: { $ref: "alias.json" } }, required: ["a"] }));
    symlinkSync("real", join(dir, "via-link"));
    const result = runCli(["generate", "--schema", "via-link/schema.json", "--format", "jsonl", "--rows", "1"], { cwd: dir });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe('{"a":7}\n');
  });
});
