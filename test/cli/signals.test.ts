import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { closeSync, constants, openSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, runCli, tempDir } from "../support/cli.js";

/**
 * Issue 14, signals and resources: every output mode answers SIGINT and SIGTERM within a second (exit
 * 130, no partial file), inputs are read up to a limit, and sizes no run could write are refused at
 * compile time. Real processes, real signals, real FIFOs.
 */

const LONG = JSON.stringify({ type: "object", properties: { a: { type: "string", minLength: 200, maxLength: 400 } }, required: ["a"] });
const ENDLESS = ["generate", "--schema", "long.json", "--format", "jsonl", "--rows", "1000000000000", "--quiet"];

function folder(): string {
  const dir = tempDir("synth-signals-");
  writeFileSync(join(dir, "long.json"), LONG);
  return dir;
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: string | null; at: number }> {
  return new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal, at: Date.now() })));
}

async function until(test: () => boolean, ms = 10_000): Promise<void> {
  for (const end = Date.now() + ms; !test() && Date.now() < end; ) await new Promise((r) => setTimeout(r, 20));
}

/** What the process's threads are waiting in, as the kernel says (Linux: wait_for_partner is a FIFO's open). */
function waitingIn(pid: number | undefined): string[] {
  try {
    return readdirSync(`/proc/${pid}/task`).map((task) => readFileSync(`/proc/${pid}/task/${task}/wchan`, "utf8"));
  } catch {
    return [];
  }
}

/** Sends the signal once the run is under way; the exit must follow within a second, with 130. */
async function expectAnswered(child: ChildProcess, signal: NodeJS.Signals, underWay: () => boolean): Promise<void> {
  const exited = exitOf(child);
  let stderr = "";
  child.stderr?.on("data", (d) => (stderr += d));
  const ready = () => underWay();
  await until(ready);
  expect(ready(), "the run got under way").toBe(true);
  const sent = Date.now();
  child.kill(signal);
  const killer = setTimeout(() => child.kill("SIGKILL"), 5000);
  const { code, at } = await exited;
  clearTimeout(killer);
  expect(code, stderr).toBe(130);
  expect(at - sent).toBeLessThan(1000);
}

describe("SIGINT and SIGTERM are answered within a second in every output mode", () => {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    for (const threads of ["1", "2"]) {
      it(`${signal}, standard output redirected to a file, ${threads} thread(s)`, async () => {
        const dir = folder();
        const fd = openSync(join(dir, "big.jsonl"), "w");
        const child = spawn(process.execPath, [BIN, ...ENDLESS, "--threads", threads], { cwd: dir, stdio: ["ignore", fd, "pipe"] });
        closeSync(fd);
        await expectAnswered(child, signal, () => statSync(join(dir, "big.jsonl")).size > 1 << 20);
      });
    }

    it(`${signal}, standard output a pipe`, async () => {
      const dir = folder();
      const child = spawn(process.execPath, [BIN, ...ENDLESS], { cwd: dir });
      let bytes = 0;
      child.stdout!.on("data", (d: Buffer) => (bytes += d.length));
      await expectAnswered(child, signal, () => bytes > 1 << 20);
    });

    it(`${signal}, --output: no file, temporary or final, is left`, async () => {
      const dir = folder();
      const child = spawn(process.execPath, [BIN, ...ENDLESS, "--output", "out.jsonl"], { cwd: dir });
      await expectAnswered(child, signal, () => readdirSync(dir).some((f) => f.endsWith(".tmp")));
      expect(readdirSync(dir)).toEqual(["long.json"]);
    });

    it(`${signal}, reading the schema from a FIFO nobody writes to`, async () => {
      const dir = folder();
      expect(spawnSync("mkfifo", [join(dir, "schema.fifo")]).status).toBe(0);
      const child = spawn(process.execPath, [BIN, "generate", "--schema", "schema.fifo", "--output", "out.csv"], { cwd: dir });
      // Once synth has the FIFO open, a writer can join (and then writes nothing, and stays).
      let writer: number | undefined;
      const reading = () => {
        try {
          writer ??= openSync(join(dir, "schema.fifo"), constants.O_WRONLY | constants.O_NONBLOCK);
        } catch {
          return false;
        }
        return true;
      };
      await expectAnswered(child, signal, reading);
      if (writer !== undefined) closeSync(writer);
      expect(readdirSync(dir).sort()).toEqual(["long.json", "schema.fifo"]);
    });

    it(`${signal}, opening a FIFO no writer has opened yet`, async () => {
      const dir = folder();
      expect(spawnSync("mkfifo", [join(dir, "stats.fifo")]).status).toBe(0);
      const child = spawn(process.execPath, [BIN, "generate", "--schema", "long.json", "--stats", "stats.fifo"], { cwd: dir });
      await expectAnswered(child, signal, () => waitingIn(child.pid).includes("wait_for_partner"));
    });

    it(`${signal}, reading the statistics from standard input that never ends`, async () => {
      const dir = folder();
      const child = spawn(process.execPath, [BIN, "generate", "--schema", "long.json", "--stats", "-"], { cwd: dir, stdio: ["pipe", "pipe", "pipe"] });
      child.stdin!.write("{");
      // Started, then idle: waiting for more of standard input.
      const started = Date.now();
      await expectAnswered(child, signal, () => Date.now() - started > 1500 && waitingIn(child.pid)[0] === "do_epoll_wait");
    });
  }
});

describe("inputs are read up to a limit", () => {
  it("a schema from /dev/zero stops with one clear line, exit 2", () => {
    const result = runCli(["generate", "--schema", "/dev/zero"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe("synth: /dev/zero: is larger than 64 MiB, the most synth reads of a JSON input\n");
  });

  it("so does a larger regular file, refused before it is read", () => {
    const dir = folder();
    const fd = openSync(join(dir, "huge.json"), "w");
    spawnSync("truncate", ["-s", "65M", join(dir, "huge.json")]);
    closeSync(fd);
    const result = runCli(["describe", "--schema", "huge.json"], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^synth: huge\.json: is larger than 64 MiB/);
  });
});

describe("sizes no run could write are refused when the plan is compiled, naming the place", () => {
  const cases: Array<[string, object, RegExp]> = [
    ["a huge minLength", { type: "object", properties: { a: { type: "string", minLength: 1e9 } }, required: ["a"] }, /at \/properties\/a: every value here needs at least 1,000,000,002 characters \(minLength 1000000000\)/],
    ["a huge minItems", { type: "object", properties: { a: { type: "array", minItems: 1e8, items: { type: "integer" } } }, required: ["a"] }, /at \/properties\/a: .*\(minItems 100000000\)/],
    ["nested sizes that multiply", { type: "object", properties: { a: { type: "array", minItems: 3000, items: { type: "array", minItems: 3000, items: { type: "string", minLength: 3000 } } } }, required: ["a"] }, /at \/properties\/a: every value here needs at least 27,027,006,001 characters \(minItems 3000\)/],
    ["a huge minProperties", { type: "object", minProperties: 1e8 }, /at \/: .*\(minProperties 100000000\)/],
    ["required members that add up", { type: "object", properties: Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`p${i}`, { type: "string", minLength: 2e7 }])), required: ["p0", "p1", "p2", "p3", "p4"] }, /at \/: .*\(5 required members\)/],
  ];
  it.each(cases)("%s", (_name, schema, pattern) => {
    const dir = folder();
    writeFileSync(join(dir, "schema.json"), JSON.stringify(schema));
    const started = Date.now();
    const result = runCli(["generate", "--schema", "schema.json", "--rows", "1", "--format", "jsonl"], { cwd: dir });
    expect(result.status, result.stderr).toBe(2);
    expect(result.stderr).toMatch(pattern);
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("an optional branch too large to write is passed over, not refused", () => {
    const dir = folder();
    writeFileSync(join(dir, "schema.json"), JSON.stringify({ type: "object", properties: { a: { anyOf: [{ type: "string", minLength: 1e9 }, { type: "integer", minimum: 1, maximum: 3 }] } }, required: ["a"] }));
    const result = runCli(["generate", "--schema", "schema.json", "--rows", "5", "--format", "jsonl"], { cwd: dir });
    expect(result.status, result.stderr).toBe(0);
    for (const line of result.stdout.trim().split("\n")) expect([1, 2, 3]).toContain((JSON.parse(line) as { a: number }).a);
  });
});
