import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { compile } from "../../src/generate/compile.js";
import { partOutput, writeRange } from "../../src/generate/output.js";
import type { OutputFormat } from "../../src/sinks/encoders.js";
import { example, runCli } from "../support/cli.js";

/**
 * With fewer rows than shards some shards hold no rows; still exactly one opens the output (CSV header,
 * JSON "[") and one closes it, so that shards concatenated in order are byte for byte one whole run.
 */

const schema = example("child-health", "schema.json");
const stats = example("child-health", "stats.json");
const FORMATS: OutputFormat[] = ["csv", "jsonl", "json"];

async function text(format: OutputFormat, rows: number, shard?: { index: number; count: number }, header = true): Promise<string> {
  const compiled = await compile({ schema, stats, seed: 5, rows });
  let out = "";
  const sink = new Writable({ write: (chunk, _, done) => ((out += String(chunk)), done()) });
  await writeRange(compiled, partOutput(format, rows, shard, header), sink, { threads: 1 });
  return out;
}

describe("shards of every small size concatenate to one run", () => {
  it.each(FORMATS)("%s: rows 0 to 6, 1 to 5 shards", async (format) => {
    for (let rows = 0; rows <= 6; rows++) {
      const whole = await text(format, rows);
      for (let count = 1; count <= 5; count++) {
        const parts: string[] = [];
        for (let index = 1; index <= count; index++) parts.push(await text(format, rows, { index, count }));
        expect(parts.join(""), `${rows} rows in ${count} shards`).toBe(whole);
      }
    }
  });

  it("csv without a header: no shard writes one", async () => {
    const parts = await Promise.all([1, 2, 3].map((index) => text("csv", 1, { index, count: 3 }, false)));
    expect(parts.join("")).toBe(await text("csv", 1, undefined, false));
    expect(parts.join("").split("\n").filter(Boolean)).toHaveLength(1);
  });

  it.each(FORMATS)("through the CLI, with and without --request (%s, 2 rows in 3 shards, and 0 rows)", (format) => {
    for (const extra of [[], ["--request", "examples/requests/education-child-health.json"]]) {
      for (const rows of ["0", "2"]) {
        const args = ["generate", "--schema", schema, "--stats", stats, "--rows", rows, "--seed", "3", "--format", format, "--quiet", ...extra];
        const whole = runCli(args);
        expect(whole.status, whole.stderr).toBe(0);
        const parts = ["1/3", "2/3", "3/3"].map((shard) => runCli([...args, "--shard", shard]));
        for (const part of parts) expect(part.status, part.stderr).toBe(0);
        expect(parts.map((p) => p.stdout).join("")).toBe(whole.stdout);
      }
    }
  }, 60_000);
});
