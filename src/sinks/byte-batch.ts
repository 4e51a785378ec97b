/**
 * A batch of output as UTF-8 bytes, filled in place. Text is appended a few kilobytes at a time, so
 * the strings a batch is made from stay small and die young (cheap for the garbage collector), and
 * the batch's memory can be a buffer that is reused or handed between threads.
 */
export class ByteBatch {
  length = 0;

  constructor(public bytes: Buffer) {}

  append(text: string): void {
    // 3 bytes per UTF-16 unit is UTF-8's worst case, so the write below is never cut short.
    if (this.length + text.length * 3 > this.bytes.length) this.grow(this.length + text.length * 3);
    this.length += this.bytes.write(text, this.length);
  }

  /** The bytes appended so far (a view, not a copy). */
  view(): Buffer {
    return this.bytes.subarray(0, this.length);
  }

  toString(): string {
    return this.view().toString("utf8");
  }

  /** A buffer of its own (never a slice of Node's shared pool), so it can be transferred to another thread. */
  private grow(needed: number): void {
    const bigger = Buffer.allocUnsafeSlow(Math.max(needed, this.bytes.length * 2));
    this.bytes.copy(bigger, 0, 0, this.length);
    this.bytes = bigger;
  }
}
