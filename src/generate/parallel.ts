import { once } from "node:events";
import type { Writable } from "node:stream";
import { Worker } from "node:worker_threads";
import { ERROR_CODES, SynthError, type ErrorCode, type ErrorPlace } from "../errors/synth-error.js";
import { fakerPools, type FakerPools } from "../plan/strings/faker-source.js";
import type { BatchText } from "./batch.js";
import type { Compiled } from "./compile.js";
import type { RangeOutput } from "./output.js";

/**
 * A worker's young generation is capped: its batches die young anyway, and V8's default lets each
 * isolate grow tens of MB of nursery, which would make memory grow with the thread count.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 8 };

/** Batches each worker may hold (being generated, or done and waiting their turn to be written). */
const BATCHES_PER_WORKER = 2;

export interface ParallelRun {
  /** First row for the workers (rows before it are already written). */
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
}

export interface BatchRequest {
  index: number;
  from: number;
  to: number;
}

export type WorkerReply = { index: number; bytes: Uint8Array } | { index: number; error: SerializedError };

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
 * Rows [run.from, output.to) generated in batches by the main thread and `threads - 1` worker threads,
 * and written in row order. Each worker compiles the plan from the same inputs (plans are closures:
 * they are never transferred) and returns a batch as UTF-8 bytes, transferred without copying. At most
 * BATCHES_PER_WORKER batches per thread are outstanding, and none is dispatched while the destination
 * asks to drain, so memory stays flat. Row i depends only on (seed, i), so the bytes equal a
 * single-threaded run's.
 */
export async function writeParallel(compiled: Compiled, output: RangeOutput, out: Writable, batch: BatchText, run: ParallelRun): Promise<void> {
  const { from, rowsPerBatch } = run;
  const to = output.to;
  const batches = Math.ceil((to - from) / rowsPerBatch);
  if (batches <= 0) return;
  const setup: WorkerSetup = { input: compiled.input, output, pools: fakerPools() };
  const workers = Array.from({ length: run.threads - 1 }, () => new Worker(new URL("./worker.js", import.meta.url), { workerData: setup, resourceLimits: WORKER_LIMITS }));
  // Thread 0 is this one: it draws a batch when its turn comes, between writes.
  const threads = workers.length + 1;
  const capacity = (t: number) => (t === 0 ? 1 : BATCHES_PER_WORKER);
  const outstanding = new Array<number>(threads).fill(0);
  const done = new Map<number, string | Uint8Array>();
  const window = threads * BATCHES_PER_WORKER;
  let next = 0; // next batch to dispatch
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
      const receive = (t: number, index: number, data: string | Uint8Array) => {
        outstanding[t]!--;
        done.set(index, data);
        void flush();
      };
      const dispatch = () => {
        if (draining || finished) return;
        for (let t = 0; t < threads; t++) {
          while (outstanding[t]! < capacity(t) && next < batches && next - written < window) {
            const index = next++;
            const start = from + index * rowsPerBatch;
            const request: BatchRequest = { index, from: start, to: Math.min(to, start + rowsPerBatch) };
            outstanding[t]!++;
            if (t > 0) workers[t - 1]!.postMessage(request);
            else {
              setImmediate(() => {
                if (finished) return;
                try {
                  receive(0, index, batch(request.from, request.to));
                } catch (error) {
                  fail(error);
                }
              });
            }
          }
        }
      };
      const flush = async () => {
        if (draining) return;
        draining = true;
        try {
          for (let data = done.get(written); data !== undefined && !finished; data = done.get(written)) {
            done.delete(written);
            written++;
            const wait = !out.write(data);
            run.onProgress?.(Math.min(to, from + written * rowsPerBatch) - from);
            if (wait) await once(out, "drain");
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
          if ("error" in reply) return fail(deserializeError(reply.error));
          receive(w + 1, reply.index, reply.bytes);
        });
        worker.on("error", (error) => fail(new SynthError("INTERNAL", `worker thread failed: ${error.message}`, {}, { cause: error })));
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
}
