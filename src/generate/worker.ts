import { parentPort, workerData } from "node:worker_threads";
import { adoptFakerPools } from "../plan/strings/faker-source.js";
import { compile } from "./compile.js";
import { adoptPreloadedInputs } from "../io/json-file.js";
import { OUTPUT_BUFFER_BYTES, rangeBatchWriter } from "./output.js";
import { ByteBatch } from "../sinks/byte-batch.js";
import { serializeError, type BatchRequest, type BufferReturn, type WorkerReply, type WorkerSetup } from "./parallel.js";

/** Enough for every batch a worker can have outstanding and waiting to be written. */
const MAX_SPARE_BUFFERS = 4;

/**
 * A generation worker: compiles the plan from the same inputs as the main thread, then turns each
 * requested batch of rows into UTF-8 bytes and hands them back (transferred, not copied).
 */
const port = parentPort;
if (port) {
  const setup = workerData as WorkerSetup;
  adoptFakerPools(setup.pools);
  adoptPreloadedInputs(setup.inputs);
  const ready = compile(setup.input).then((compiled) => rangeBatchWriter(compiled, setup.output));
  ready.then(
    () => port.postMessage({ ready: true } satisfies WorkerReply),
    (error: unknown) => port.postMessage({ index: -1, error: serializeError(error) } satisfies WorkerReply),
  );
  // Buffers the main thread has written and handed back, filled again instead of allocating anew.
  const spare: ArrayBuffer[] = [];
  const take = (): ByteBatch => {
    const buffer = spare.pop();
    return new ByteBatch(buffer ? Buffer.from(buffer) : Buffer.allocUnsafeSlow(OUTPUT_BUFFER_BYTES));
  };
  port.on("message", (message: BatchRequest | BufferReturn) => {
    if ("recycle" in message) {
      if (spare.length < MAX_SPARE_BUFFERS) spare.push(message.recycle);
      return;
    }
    const request = message;
    ready
      .then((write) => {
        const batch = take();
        write(request.from, request.to, batch);
        // The batch's own buffer (allocUnsafeSlow or handed back: never Node's shared pool) is moved, not copied.
        const bytes = new Uint8Array(batch.bytes.buffer as ArrayBuffer, batch.bytes.byteOffset, batch.length);
        port.postMessage({ index: request.index, bytes } satisfies WorkerReply, [bytes.buffer]);
      })
      .catch((error: unknown) => port.postMessage({ index: request.index, error: serializeError(error) } satisfies WorkerReply));
  });
}
