import { createReadStream, open, statSync } from "node:fs";
import { Socket } from "node:net";
import type { Readable } from "node:stream";
import { openingInput } from "./pending-opens.js";

/** "-" names standard input. */
export const STANDARD_INPUT = "-";

function openFd(path: string): Promise<number> {
  const done = openingInput(path);
  return new Promise<number>((resolve, reject) =>
    open(path, "r", (error, fd) => {
      done();
      if (error) reject(error);
      else resolve(fd);
    }),
  );
}

/**
 * A stream over an input the user named: standard input for "-"; for a pipe or FIFO (/dev/stdin,
 * process substitution's /dev/fd/N, mkfifo), a socket over its descriptor, read as data comes without
 * a thread of the pool blocked in read() (Node waits for those as it exits, so a signal could not end
 * the run); anything else (files, devices), a file stream.
 */
export async function openInputStream(path: string, highWaterMark?: number): Promise<Readable> {
  if (path === STANDARD_INPUT) return process.stdin;
  let pipe = false;
  try {
    const stat = statSync(path);
    pipe = stat.isFIFO() || stat.isSocket();
  } catch {
    // Reported by the stream below, as for any file.
  }
  if (!pipe) return createReadStream(path, highWaterMark === undefined ? {} : { highWaterMark });
  return new Socket({ fd: await openFd(path), readable: true, writable: false });
}
