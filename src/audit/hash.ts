import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { Writable } from "node:stream";
import { SynthError } from "../errors/synth-error.js";
import { preloadedBytes } from "../io/json-file.js";

export interface FileDigest {
  sha256: string;
  bytes: number;
}

/** sha256 and size of a file, streamed so that large outputs are not read into memory. */
export async function digestFile(path: string): Promise<FileDigest> {
  const hash = createHash("sha256");
  // Standard input or a pipe, read once already: its bytes are the ones the run used.
  const ahead = preloadedBytes(path);
  if (ahead) return { sha256: hash.update(ahead).digest("hex"), bytes: ahead.length };
  let bytes = 0;
  try {
    for await (const chunk of createReadStream(path)) {
      hash.update(chunk as Buffer);
      bytes += (chunk as Buffer).length;
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SynthError(code === "ENOENT" ? "FILE_NOT_FOUND" : "FILE_UNREADABLE", code === "ENOENT" ? "no such file" : `cannot read (${code})`, { file: path });
  }
  return { sha256: hash.digest("hex"), bytes };
}

/**
 * A pass-through that hashes what is written on its way to `target`, so the output's digest is
 * known the moment it is complete, without reading a large file back.
 */
export class HashingWritable extends Writable {
  private readonly hash = createHash("sha256");
  bytes = 0;

  constructor(private readonly target: NodeJS.WritableStream) {
    super({ decodeStrings: true, highWaterMark: 1 << 20 });
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    // Done only when the target has written the chunk: callers may then reuse its memory.
    this.target.write(chunk, (error?: Error | null) => callback(error));
  }

  override _final(callback: (error?: Error | null) => void): void {
    callback();
  }

  digest(): FileDigest {
    return { sha256: this.hash.digest("hex"), bytes: this.bytes };
  }
}
