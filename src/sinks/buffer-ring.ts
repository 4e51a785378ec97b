import type { Writable } from "node:stream";

/**
 * A few output buffers used in turn. Text is encoded into a free buffer, written, and the buffer is
 * reused once the destination has finished with it (its write callback), so a run of any length
 * allocates no memory per batch: nothing for the garbage collector to find late, nothing that makes
 * peak memory grow with the output. Waiting for a free buffer is also the back-pressure.
 */
export class BufferRing {
  private readonly free: Buffer[] = [];
  private waiting: Array<() => void> = [];
  private inFlight = 0;
  private failure: Error | undefined;

  constructor(
    count: number,
    private readonly size: number,
  ) {
    for (let i = 0; i < count; i++) this.free.push(Buffer.allocUnsafeSlow(size));
  }

  /** Writes `text` as UTF-8 through a pooled buffer, once one is free; resolves when it is queued. */
  async write(out: Writable, text: string): Promise<void> {
    // Text that might not fit (3 bytes per UTF-16 unit at worst) is written as itself.
    if (text.length * 3 > this.size) return this.send(out, Buffer.from(text), undefined);
    const buffer = await this.take();
    return this.send(out, buffer.subarray(0, buffer.write(text)), buffer);
  }

  /** Resolves once everything written has reached the destination; rejects if any write failed. */
  async settled(): Promise<void> {
    while (this.inFlight > 0 && !this.failure) await new Promise<void>((resolve) => this.waiting.push(resolve));
    if (this.failure) throw this.failure;
  }

  private send(out: Writable, bytes: Buffer, pooled: Buffer | undefined): void {
    this.inFlight++;
    out.write(bytes, (error) => {
      if (error) this.failure ??= error;
      this.inFlight--;
      if (pooled) this.free.push(pooled);
      const waiting = this.waiting;
      this.waiting = [];
      for (const resolve of waiting) resolve();
    });
  }

  private async take(): Promise<Buffer> {
    for (;;) {
      if (this.failure) throw this.failure;
      const buffer = this.free.pop();
      if (buffer) return buffer;
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }
}
