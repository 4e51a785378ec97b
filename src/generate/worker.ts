import { parentPort, workerData } from "node:worker_threads";
import { adoptFakerPools } from "../plan/strings/faker-source.js";
import { compile } from "./compile.js";
import { OUTPUT_BUFFER_BYTES, rangeBatchText } from "./output.js";
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
  const encoder = new TextEncoder();
  adoptFakerPools(setup.pools);
  const ready = compile(setup.input).then((compiled) => rangeBatchText(compiled, setup.output));
  ready.then(
    () => port.postMessage({ ready: true } satisfies WorkerReply),
    (error: unknown) => port.postMessage({ index: -1, error: serializeError(error) } satisfies WorkerReply),
  );
  // Buffers the main thread has written and handed back, filled again instead of allocating anew.
  const spare: ArrayBuffer[] = [];
  const encode = (text: string): Uint8Array<ArrayBuffer> => {
    const buffer = spare.pop();
    if (buffer && buffer.byteLength >= text.length * 3) {
      const { written } = encoder.encodeInto(text, new Uint8Array(buffer));
      return new Uint8Array(buffer, 0, written);
    }
    const bytes = new Uint8Array(Math.max(OUTPUT_BUFFER_BYTES, text.length * 3));
    return bytes.subarray(0, encoder.encodeInto(text, bytes).written);
  };
  port.on("message", (message: BatchRequest | BufferReturn) => {
    if ("recycle" in message) {
      if (spare.length < MAX_SPARE_BUFFERS) spare.push(message.recycle);
      return;
    }
    const request = message;
    ready
      .then((batch) => {
        const bytes = encode(batch(request.from, request.to));
        port.postMessage({ index: request.index, bytes } satisfies WorkerReply, [bytes.buffer]);
      })
      .catch((error: unknown) => port.postMessage({ index: request.index, error: serializeError(error) } satisfies WorkerReply));
  });
}
