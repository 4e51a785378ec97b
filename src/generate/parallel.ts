import { once } from "node:events";
import type { Writable } from "node:stream";
import { Worker } from "node:worker_threads";
import { ERROR_CODES, SynthError, type ErrorCode, type ErrorPlace } from "../errors/synth-error.js";
import { fakerPools, type FakerPools } from "../plan/strings/faker-source.js";
import { preloadedInputs } from "../io/json-file.js";
import type { BatchWriter } from "./batch.js";
import type { ByteBatch } from "../sinks/byte-batch.js";
import type { Compiled } from "./compile.js";
import type { RangeOutput } from "./output.js";
import type { BufferRing } from "../sinks/buffer-ring.js";

/**
 * A worker's heap is capped. Its young generation: batches die young anyway, and V8's default lets
 * each isolate grow tens of MB of nursery. Its old generation: what a worker keeps (code, plan,
 * pools) is about what this thread holds after compiling, and V8 lets an uncapped old generation
 * fill with promoted garbage before it collects, which made peak memory grow with the run (172 MB
 * at 3M rows against 131 MB at 100k, two workers; 146 MB with the cap). The cap is generous beside
 * what the plan takes, so only a pathological plan reaches it, and that run stops naming --threads 1.
 */
function workerLimits(): { maxYoungGenerationSizeMb: number; maxOldGenerationSizeMb: number } {
  const heldMb = process.memoryUsage().heapUsed / 1048576;
  return { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: Math.max(48, Math.ceil(heldMb * 3)) };
}

/** Batches each worker may hold (being generated, or done and waiting their turn to be written). */
const BATCHES_PER_WORKER = 2;

/**
 * Up to this many threads, the main thread generates throughout, beside the workers. Beyond it, its
 * own batch would hold up writing (and hashing) so many workers' batches that they would wait for
 * their turn, so it generates only until the workers are ready and then writes. Measured: 2 threads
 * (this repository's bench machine has 2 cores); the cut-off above that is reasoned, not measured.
 */
const MAIN_GENERATES_UP_TO = 4;

export interface ParallelRun {
  /** First row for the threads (rows before it are already written). */
  from: number;
  rowsPerBatch: number;
  threads: number;
  /** Called with rows written since `from`. */
  onProgress?: ((rows: number) => void) | undefined;
}

/** What a worker is started with: everything it needs to compile the same plan itself. */
export interface WorkerSetup {
  input: Compiled["input"];
  output: RangeOutput;
  /** faker pools the main thread drew, so the worker need not import faker and draw them again. */
  pools: FakerPools;
  /** Inputs the main thread read ahead (standard input, pipes), which a worker cannot read again. */
  inputs: Record<string, Uint8Array>;
}

export interface BatchRequest {
  index: number;
  from: number;
  to: number;
}

/** Memory of a batch the main thread has written, handed back for the worker to encode into again. */
export interface BufferReturn {
  recycle: ArrayBuffer;
}

/** A worker says it has compiled the plan, then answers each batch request with bytes or an error. */
export type WorkerReply = { ready: true } | { index: number; bytes: Uint8Array<ArrayBuffer> } | { index: number; error: SerializedError };

export interface SerializedError {
  name: string;
  code?: string;
  message: string;
  place?: ErrorPlace;
  stack?: string;
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof SynthError) return { name: error.name, code: error.code, message: error.message, place: error.place };
  if (error instanceof Error) return { name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}) };
  return { name: "Error", message: String(error) };
}

function deserializeError(error: SerializedError): Error {
  if (error.code !== undefined && error.code in ERROR_CODES) return new SynthError(error.code as ErrorCode, error.message, error.place ?? {});
  return new SynthError("INTERNAL", `worker thread failed: ${error.message}`);
}

/**
 * Rows [run.from, output.to) generated in batches by `threads` threads and written in row order:
 * this one and `threads - 1` workers. Each worker compiles the plan from the same inputs (plans
 * are closures: they are never transferred) and returns a batch as UTF-8 bytes, transferred
 * without copying. This thread makes a batch whenever it is free, between handing out batches,
 * writing and hashing; so on N cores N threads generate, and no core sits idle while another
 * thread only writes (a writing-only main thread cost a core's worth of scaling on two cores).
 * With more than MAIN_GENERATES_UP_TO threads it makes batches only until every worker is ready.
 * At most BATCHES_PER_WORKER batches per thread are outstanding, and none is handed out while
 * the destination asks to drain, so memory stays flat. Row i depends only on (seed, i), so the
 * bytes equal a single-threaded run's. Returns how many batches each thread made, this one first.
 */
export async function writeParallel(compiled: Compiled, output: RangeOutput, out: Writable, here: { writer: BatchWriter; ring: BufferRing }, run: ParallelRun): Promise<number[]> {
  const { from, rowsPerBatch } = run;
  const to = output.to;
  const batches = Math.ceil((to - from) / rowsPerBatch);
  if (batches <= 0) return [0];
  const setup: WorkerSetup = { input: compiled.input, output, pools: fakerPools(), inputs: preloadedInputs() };
  const resourceLimits = workerLimits();
  const workers = Array.from({ length: run.threads - 1 }, () => new Worker(new URL("./worker.js", import.meta.url), { workerData: setup, resourceLimits }));
  const ready = new Array<boolean>(workers.length).fill(false);
  const outstanding = new Array<number>(workers.length).fill(0);
  // Batches made by each thread: this one first, then each worker.
  const made = new Array<number>(workers.length + 1).fill(0);
  // Batches made, by index, until their turn to be written: here, or by a worker (whose bytes go back to it).
  const done = new Map<number, ByteBatch | { bytes: Uint8Array<ArrayBuffer>; worker: Worker }>();
  const window = (workers.length + 1) * BATCHES_PER_WORKER;
  const generateHere = run.threads <= MAIN_GENERATES_UP_TO;
  let readyCount = 0;
  let making = false; // this thread is making a batch
  let next = 0; // next batch to hand out
  let written = 0; // next batch to write
  let draining = false;
  let finished = false;

  try {
    await new Promise<void>((resolve, reject) => {
      const fail = (error: unknown) => {
        if (finished) return;
        finished = true;
        reject(error);
      };
      const request = (index: number): BatchRequest => {
        const start = from + index * rowsPerBatch;
        return { index, from: start, to: Math.min(to, start + rowsPerBatch) };
      };
      const receive = (index: number, data: ByteBatch | { bytes: Uint8Array<ArrayBuffer>; worker: Worker }) => {
        done.set(index, data);
        void flush();
      };
      const makeHere = () => {
        making = true;
        const { index, from: start, to: end } = request(next++);
        here.ring.take().then((batch) => {
          making = false;
          if (finished) return;
          try {
            here.writer(start, end, batch);
            made[0]!++;
            receive(index, batch);
          } catch (error) {
            fail(error);
          }
        }, fail);
      };
      const dispatch = () => {
        if (draining || finished) return;
        workers.forEach((worker, w) => {
          while (ready[w] && outstanding[w]! < BATCHES_PER_WORKER && next < batches && next - written < window) {
            outstanding[w]!++;
            worker.postMessage(request(next++));
          }
        });
        if ((generateHere || readyCount < workers.length) && !making && next < batches && next - written < window) makeHere();
      };
      const flush = async () => {
        if (draining) return;
        draining = true;
        try {
          for (let data = done.get(written); data !== undefined && !finished; data = done.get(written)) {
            done.delete(written);
            written++;
            if (!("worker" in data)) here.ring.write(out, data);
            else {
              // Once written, the bytes go back to the worker that made them, to be filled again.
              const { bytes, worker } = data;
              const wait = !out.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), () => {
                if (!finished) worker.postMessage({ recycle: bytes.buffer } satisfies BufferReturn, [bytes.buffer]);
              });
              if (wait) await once(out, "drain");
            }
            run.onProgress?.(Math.min(to, from + written * rowsPerBatch) - from);
          }
        } catch (error) {
          fail(error);
        } finally {
          draining = false;
        }
        if (written === batches && !finished) {
          finished = true;
          resolve();
        } else dispatch();
      };
      workers.forEach((worker, w) => {
        worker.on("message", (reply: WorkerReply) => {
          if ("ready" in reply) {
            ready[w] = true;
            readyCount++;
            return dispatch();
          }
          if ("error" in reply) return fail(deserializeError(reply.error));
          outstanding[w]!--;
          made[w + 1]!++;
          receive(reply.index, { bytes: reply.bytes, worker });
        });
        worker.on("error", (error: NodeJS.ErrnoException) => {
          if (error.code === "ERR_WORKER_OUT_OF_MEMORY") {
            fail(new SynthError("INTERNAL", `a worker thread ran out of its ${resourceLimits.maxOldGenerationSizeMb} MB heap: run with --threads 1`, {}, { cause: error }));
          } else fail(new SynthError("INTERNAL", `worker thread failed: ${error.message}`, {}, { cause: error }));
        });
        worker.on("exit", (code) => {
          if (!finished) fail(new SynthError("INTERNAL", `worker thread stopped unexpectedly (exit code ${code})`));
        });
      });
      dispatch();
    });
  } finally {
    finished = true;
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return made;
}
