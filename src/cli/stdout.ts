import type { Writable } from "node:stream";

/**
 * stdout, with a closed pipe (`synth ... | head`) treated as the reader having had enough: the run
 * ends quietly with exit 0 instead of an EPIPE stack trace.
 */
export function stdoutSink(): Writable {
  const out = process.stdout;
  if (!out.listenerCount("error")) {
    out.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE") process.exit(0);
      throw error;
    });
  }
  return out;
}
