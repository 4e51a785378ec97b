import type { Writable } from "node:stream";
import { AtomicFile } from "../io/atomic-write.js";
import { EXIT_FAILURE, EXIT_OK } from "./exit.js";

const REASONS: Record<string, string> = {
  ENOSPC: "no space left on the device",
  EDQUOT: "the disk quota is used up",
  EIO: "an input/output error",
  EBADF: "it is closed",
  EACCES: "permission denied",
  EFBIG: "the file is too large",
};

/** Why a write failed, in words, with the system's code for searching. */
export function writeFailureReason(error: NodeJS.ErrnoException): string {
  const code = error.code ?? "";
  return REASONS[code] ? `${REASONS[code]} (${code})` : code || error.message;
}

let guarded = false;

/**
 * Every command's standard output and error, guarded once: a closed pipe (`synth ... | head`) is the
 * reader having had enough, so the run ends quietly with exit 0; any other failure to write (a full
 * disk, `> /dev/full`) ends it with one line on stderr and exit 1, and drops files still being written.
 * Without this, the stream's "error" event, unheard, crashes the process with a stack trace.
 */
export function guardStandardStreams(): void {
  if (guarded) return;
  guarded = true;
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(EXIT_OK);
    try {
      process.stderr.write(`synth: cannot write to standard output: ${writeFailureReason(error)}\n`);
    } catch {
      // stderr is gone too: the exit code still says what happened.
    }
    const exit = () => process.exit(EXIT_FAILURE);
    AtomicFile.abortAllAndWait().then(exit, exit);
  });
  // Nothing can be said about a stderr that fails; it must not crash the run.
  process.stderr.on("error", () => {});
}

/** stdout for a command's output (guarded as above). */
export function stdoutSink(): Writable {
  guardStandardStreams();
  return process.stdout;
}
