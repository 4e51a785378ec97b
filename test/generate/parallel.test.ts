import { Writable } from "node:stream";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { ROOT, example } from "../support/cli.js";

// Worker threads run compiled code (dist/generate/worker.js, which npm test builds first), so this
// test drives the built modules; from the TypeScript sources a run never starts a worker.
const built = (path: string) => import(pathToFileURL(join(ROOT, "dist", path)).href);
const { compile } = await built("generate/compile.js");
const { rangeBatchWriter, OUTPUT_BUFFERS, OUTPUT_BUFFER_BYTES } = await built("generate/output.js");
const { writeParallel } = await built("generate/parallel.js");
const { BufferRing } = await built("sinks/buffer-ring.js");

const ROWS = 6_000;
const ROWS_PER_BATCH = 20;

class Collect extends Writable {
  chunks: Buffer[] = [];
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    this.chunks.push(Buffer.from(chunk)); // a copy: the batch's buffer is reused once written
    setImmediate(callback);
  }
  /** Everything written, once the stream has passed on what it still buffered. */
  async text(): Promise<string> {
    await new Promise<void>((resolve) => this.end(resolve));
    return Buffer.concat(this.chunks).toString("utf8");
  }
}

function busyFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe("writeParallel", () => {
  it.each(["csv", "jsonl", "json"])("interleaves this thread's batches with a worker's in row order (%s)", async (format) => {
    const compiled = await compile({ schema: example("child-health", "schema.json"), stats: example("child-health", "stats.json"), seed: 5, rows: ROWS });
    const output = { format, from: 0, to: ROWS, total: ROWS, header: false };
    const writer = rangeBatchWriter(compiled, output);

    const single = new Collect();
    const ring = new BufferRing(OUTPUT_BUFFERS, OUTPUT_BUFFER_BYTES);
    for (let row = 0; row < ROWS; row += ROWS_PER_BATCH) {
      const batch = await ring.take();
      writer(row, Math.min(ROWS, row + ROWS_PER_BATCH), batch);
      ring.write(single, batch);
    }
    await ring.settled();

    // This thread is slowed, so that the worker is ready long before the run would end (even on a
    // loaded machine: 300 batches take this thread alone 3 s) and makes most batches.
    const madeHere: number[] = [];
    const slowWriter = (from: number, to: number, batch: unknown) => {
      madeHere.push(from);
      busyFor(10);
      writer(from, to, batch);
    };
    const parallel = new Collect();
    const parallelRing = new BufferRing(OUTPUT_BUFFERS, OUTPUT_BUFFER_BYTES);
    await writeParallel(compiled, output, parallel, { writer: slowWriter, ring: parallelRing }, { from: 0, rowsPerBatch: ROWS_PER_BATCH, threads: 2 });
    await parallelRing.settled();

    const batches = ROWS / ROWS_PER_BATCH;
    expect(madeHere.length).toBeGreaterThan(0);
    expect(madeHere.length).toBeLessThan(batches); // the rest came from the worker
    // Once the worker is ready, batches made here and there alternate, and this thread goes on
    // making them to the end of the run (with two threads it never stops to only write).
    const afterReady = madeHere.filter((from, i) => i > 0 && from - madeHere[i - 1]! > ROWS_PER_BATCH);
    expect(afterReady.length).toBeGreaterThan(0);
    expect(madeHere.at(-1)!).toBeGreaterThanOrEqual((ROWS * 3) / 4);
    expect(await parallel.text()).toBe(await single.text());
  });
});
