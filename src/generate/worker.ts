import { parentPort, workerData } from "node:worker_threads";
import { adoptFakerPools } from "../plan/strings/faker-source.js";
import { compile } from "./compile.js";
import { rangeBatchText } from "./output.js";
import { serializeError, type BatchRequest, type WorkerReply, type WorkerSetup } from "./parallel.js";

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
  port.on("message", (request: BatchRequest) => {
    ready
      .then((batch) => {
        const bytes = encoder.encode(batch(request.from, request.to));
        port.postMessage({ index: request.index, bytes } satisfies WorkerReply, [bytes.buffer]);
      })
      .catch((error: unknown) => port.postMessage({ index: request.index, error: serializeError(error) } satisfies WorkerReply));
  });
}
