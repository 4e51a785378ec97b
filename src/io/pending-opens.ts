import { closeSync, constants, openSync } from "node:fs";

/**
 * Named pipes (FIFOs) being opened for reading. Opening one blocks until a writer comes, in a thread
 * of the pool, and Node waits for those threads as it exits: a run interrupted while waiting would
 * never end. Being a writer for an instant lets each such open complete (it then reads to an end at
 * once), so the process can exit.
 */
const opening = new Set<string>();

/** Marks a path as being opened until the returned function is called. */
export function openingInput(path: string): () => void {
  opening.add(path);
  return () => opening.delete(path);
}

/** For signal handlers: completes every open still waiting for a writer. */
export function releasePendingOpens(): void {
  for (const path of opening) {
    try {
      closeSync(openSync(path, constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {
      // Not a FIFO, or its open already completed: nothing is waiting.
    }
  }
  opening.clear();
}
