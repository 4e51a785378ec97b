import { once } from "node:events";
import type { Writable } from "node:stream";
import type { RecordEncoder } from "./encoders.js";
import { EventLoopTurns } from "./event-loop.js";

/** Output is gathered into chunks of about this many characters before each write. */
const CHUNK_CHARS = 1 << 16;

/**
 * Encodes records and writes them in large chunks, waiting for the destination to drain when it
 * asks to, so memory stays flat however many records there are.
 */
export async function writeRecords(records: Iterable<unknown>, encoder: RecordEncoder, out: Writable, firstIndex: number): Promise<number> {
  let chunk = encoder.header();
  let index = firstIndex;
  const turns = new EventLoopTurns();
  for (const record of records) {
    if ((index & 255) === 0 && turns.due()) await turns.turn();
    chunk += encoder.separator(index) + encoder.row(record, index);
    index++;
    if (chunk.length >= CHUNK_CHARS) {
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  chunk += encoder.footer();
  if (chunk.length > 0 && !out.write(chunk)) await once(out, "drain");
  return index - firstIndex;
}
