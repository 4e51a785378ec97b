import { once } from "node:events";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Writable } from "node:stream";
import { SynthError } from "../errors/synth-error.js";
import { BufferRing } from "../sinks/buffer-ring.js";
import { csvEncoder, jsonArrayEncoder, jsonLinesEncoder, type OutputFormat, type RecordEncoder } from "../sinks/encoders.js";
import { batchText, batchWriter, rowTextFor, type BatchWriter } from "./batch.js";
import { availableCores } from "./cores.js";
import type { Compiled } from "./compile.js";
import { shardRange, type Shard } from "./shard.js";

export interface RangeOutput {
  format: OutputFormat;
  /** First row (inclusive) and end (exclusive) of this range of the run. */
  from: number;
  to: number;
  /** Total rows of the whole run: the JSON array closes only after the last. */
  total: number;
  /** CSV header row (default: only when the range opens the output). */
  header?: boolean;
  /**
   * Whether this range opens (CSV header, JSON "[") and closes (JSON "]") the whole output. Default:
   * when it holds the first and the last row. Shards say which part they are instead, since with
   * fewer rows than shards several hold no rows, and exactly one must open and one close.
   */
  opens?: boolean;
  closes?: boolean;
}

/** The output range of part I of N of a run (or of the whole run), framed so that parts concatenate into one run. */
export function partOutput(format: OutputFormat, rows: number, shard: Shard | undefined, header = true): RangeOutput {
  const [from, to] = shard ? shardRange(rows, shard) : [0, rows];
  const opens = shard ? shard.index === 1 : true;
  const closes = shard ? shard.index === shard.count : true;
  return { format, from, to, total: rows, header: header && opens, opens, closes };
}

export interface WriteOptions {
  /**
   * Threads generating in parallel (output is byte-identical for any count). Default: one per core
   * (per CPU of a container's quota), fewer for small runs, where starting threads would cost more
   * than it saves.
   */
  threads?: number;
  /** Called after each batch is written with the rows written so far (for progress displays). */
  onProgress?: (rowsDone: number) => void;
  /**
   * Called at the end with how many batches each thread made: this thread first, then each worker.
   * A diagnostic (`generate --debug` prints it): it shows whether threads took part.
   */
  onBatches?: (batchesByThread: readonly number[]) => void;
}

/** Each batch is about this many characters: large writes, few messages between threads. */
export const BATCH_CHARS = 1 << 18;
/** Buffers batches are encoded into on their way out (a batch that needs more grows its own). */
export const OUTPUT_BUFFERS = 2;
export const OUTPUT_BUFFER_BYTES = BATCH_CHARS * 2;
/** Rows per thread below which the default thread count does not add another thread. */
export const MIN_ROWS_PER_THREAD = 100_000;
/** Rows drawn first, on the main thread, to size the batches (and written as the first batch). */
const PROBE_ROWS = 64;

export function encoderFor(compiled: Compiled, output: RangeOutput): RecordEncoder {
  const { plan } = compiled;
  if (output.format === "csv") {
    if (!plan.columns) {
      throw new SynthError("CSV_NESTED_VALUE", "CSV needs a schema whose records are objects with properties: use --format jsonl or json");
    }
    // minProperties beyond the columns is met with extra members, which a CSV row would drop.
    if ((plan.minMembers ?? 0) > plan.columns.length) {
      throw new SynthError("CSV_NESTED_VALUE", `minProperties ${plan.minMembers} asks for more members than the ${plan.columns.length} columns a CSV row holds: use --format jsonl or json`, { pointer: "/minProperties" });
    }
    const nested = plan.nestedColumns[0];
    if (nested !== undefined) {
      throw new SynthError("CSV_NESTED_VALUE", "can hold nested values (objects or arrays), which CSV cannot represent: use --format jsonl or json", { column: nested, pointer: `/properties/${nested}` });
    }
    return csvEncoder(plan.columns, { header: output.header ?? output.opens ?? output.from === 0 });
  }
  if (output.format === "jsonl") return jsonLinesEncoder;
  return jsonArrayEncoder({ first: output.opens ?? output.from === 0, last: output.closes ?? output.to === output.total });
}

/** The bytes of any rows of the range, as the main thread or a worker makes them. */
export function rangeBatchWriter(compiled: Compiled, output: RangeOutput): BatchWriter {
  const encoder = encoderFor(compiled, output);
  return batchWriter(rowTextFor(compiled.plan, output.format, encoder), encoder, compiled.seed);
}

/** Worker threads run the compiled worker module: absent when running from the TypeScript sources. */
const WORKER_BUILT = existsSync(fileURLToPath(new URL("./worker.js", import.meta.url)));

/** The thread count for a run: as asked, else one per core (or per CPU of a container's quota) but no more than the rows justify. */
export function threadsFor(rows: number, asked: number | undefined): number {
  if (!WORKER_BUILT) return 1; // same bytes, just not in parallel
  if (asked !== undefined) return Math.max(1, Math.floor(asked));
  const justified = Math.floor(rows / MIN_ROWS_PER_THREAD);
  return justified <= 1 ? 1 : Math.min(availableCores(), justified);
}

async function write(out: Writable, data: string | Uint8Array): Promise<void> {
  if (!out.write(data)) await once(out, "drain");
}

/**
 * Writes rows from..to of a compiled run to a stream in the chosen format, in large chunks and
 * waiting for the destination to drain when it asks to, so memory stays flat however many rows.
 */
export async function writeRange(compiled: Compiled, output: RangeOutput, out: Writable, options: WriteOptions = {}): Promise<number> {
  const encoder = encoderFor(compiled, output);
  const writer = rangeBatchWriter(compiled, output);
  const { from, to } = output;
  const onProgress = options.onProgress;
  // A first small batch sizes the rest from the rows' actual width.
  const probeEnd = Math.min(to, from + PROBE_ROWS);
  const probe = batchText(writer)(from, probeEnd);
  const rowsPerBatch = Math.max(PROBE_ROWS, Math.min(1 << 16, Math.floor(BATCH_CHARS / Math.max(1, probe.length / Math.max(1, probeEnd - from)))));
  const opening = encoder.header() + probe;
  if (opening.length > 0) await write(out, opening);
  onProgress?.(probeEnd - from);
  const remaining = to - probeEnd;
  const threads = Math.min(threadsFor(to - from, options.threads), Math.ceil(remaining / rowsPerBatch));
  const ring = new BufferRing(OUTPUT_BUFFERS, OUTPUT_BUFFER_BYTES);
  let batchesByThread = [probeEnd > from ? 1 : 0]; // the probe
  if (threads > 1) {
    const { writeParallel } = await import("./parallel.js");
    const made = await writeParallel(compiled, output, out, { writer, ring }, { from: probeEnd, rowsPerBatch, threads, onProgress: onProgress && ((rows) => onProgress(probeEnd - from + rows)) });
    batchesByThread = made.map((count, thread) => (thread === 0 ? count + batchesByThread[0]! : count));
  } else {
    // Each batch is made while the previous one is still being written, into buffers that are
    // reused: memory stays the same however many rows.
    for (let row = probeEnd; row < to; ) {
      const end = Math.min(to, row + rowsPerBatch);
      const batch = await ring.take();
      writer(row, end, batch);
      ring.write(out, batch);
      batchesByThread[0]!++;
      row = end;
      onProgress?.(row - from);
    }
  }
  await ring.settled();
  options.onBatches?.(batchesByThread);
  const footer = encoder.footer();
  if (footer.length > 0) await write(out, footer);
  return to - from;
}
