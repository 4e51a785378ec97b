import type { Writable } from "node:stream";
import { ByteBatch } from "./byte-batch.js";
import { EventLoopTurns } from "./event-loop.js";

/**
 * A few output buffers used in turn. A batch is filled into a free buffer, written, and the buffer
 * is reused once the destination has finished with it (its write callback), so a run of any length
 * allocates no memory per batch: nothing for the garbage collector to find late, nothing that makes
 * peak memory grow with the output. Waiting for a free buffer is also the back-pressure.
 */
export class BufferRing {
  private readonly free: Buffer[] = [];
  private waiting: Array<() => void> = [];
  private inFlight = 0;
  private failure: Error | undefined;
  private readonly turns = new EventLoopTurns();

  constructor(count: number, size: number) {
    for (let i = 0; i < count; i++) this.free.push(Buffer.allocUnsafeSlow(size));
  }

  /** An empty batch over a free buffer, once one is free. */
  async take(): Promise<ByteBatch> {
    if (this.turns.due()) await this.turns.turn();
    for (;;) {
      if (this.failure) throw this.failure;
      const buffer = this.free.pop();
      if (buffer) return new ByteBatch(buffer);
      await this.wait();
    }
  }

  /** Writes a batch from `take`; its buffer comes back to the ring when the destination is done with it. */
  write(out: Writable, batch: ByteBatch): void {
    this.inFlight++;
    out.write(batch.view(), (error) => {
      if (error) this.failure ??= error;
      this.inFlight--;
      this.free.push(batch.bytes); // the batch may have grown into a bigger buffer: keep that one
      const waiting = this.waiting;
      this.waiting = [];
      for (const resolve of waiting) resolve();
    });
  }

  /** Resolves once everything written has reached the destination; rejects if any write failed. */
  async settled(): Promise<void> {
    while (this.inFlight > 0 && !this.failure) await this.wait();
    if (this.failure) throw this.failure;
  }

  private wait(): Promise<void> {
    return new Promise<void>((resolve) => this.waiting.push(resolve));
  }
}
