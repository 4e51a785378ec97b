import { isUtf8 } from "node:buffer";
import { Transform, type TransformCallback } from "node:stream";

/**
 * Passes bytes through unchanged, failing on the first byte that is not UTF-8. Decoders replace bad
 * bytes with U+FFFD without a word, which would turn a mis-encoded file (Latin-1 from a legacy system,
 * say) into plausible-looking but wrong categories; failing tells the owner to convert it.
 *
 * Checks whole chunks with the native isUtf8 and carries an incomplete multi-byte sequence over to the
 * next chunk. Also counts bytes for progress and hands every raw chunk to `onBytes` (the file hash).
 */
export class Utf8Guard extends Transform {
  private carry: Buffer | null = null;
  private offset = 0;

  constructor(private readonly onBytes?: (chunk: Buffer) => void) {
    super();
  }

  /** Bytes passed through so far. */
  get bytes(): number {
    return this.offset;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.onBytes?.(chunk);
    const buffer = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    const complete = completeLength(buffer);
    const body = buffer.subarray(0, complete);
    if (!isUtf8(body)) {
      callback(new InvalidUtf8Error(this.offset + firstInvalidByte(body)));
      return;
    }
    this.carry = complete < buffer.length ? Buffer.from(buffer.subarray(complete)) : null;
    this.offset += body.length;
    callback(null, body);
  }

  override _flush(callback: TransformCallback): void {
    if (this.carry) callback(new InvalidUtf8Error(this.offset));
    else callback();
  }
}

/** Thrown by the guard; the reader turns the byte offset into a line number. */
export class InvalidUtf8Error extends Error {
  constructor(readonly byteOffset: number) {
    super(`not valid UTF-8 at byte ${byteOffset}`);
    this.name = "InvalidUtf8Error";
  }
}

/** Length of the prefix that ends on a character boundary (an unfinished sequence at the end waits). */
function completeLength(buffer: Buffer): number {
  const length = buffer.length;
  for (let back = 1; back <= 3 && back <= length; back++) {
    const byte = buffer[length - back]!;
    if (byte < 0x80) return length; // ASCII: everything before is complete
    if (byte >= 0xc0) {
      const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      return back < needed ? length - back : length;
    }
  }
  return length;
}

/** Offset of the first byte that breaks UTF-8 (only called once isUtf8 has said there is one). */
export function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let needed: number, min: number;
    if (b >= 0xc2 && b <= 0xdf) [needed, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [needed, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [needed, min] = [3, 0x10000];
    else return i;
    let code = b & (0x3f >> needed);
    for (let j = 1; j <= needed; j++) {
      const c = bytes[i + j];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      code = (code << 6) | (c & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += needed + 1;
  }
  return bytes.length;
}
