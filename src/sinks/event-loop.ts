/**
 * Lets the event loop turn at least every few milliseconds of a writing loop. A destination that never
 * makes the writer wait (standard output redirected to a file is written synchronously; a filter that
 * keeps few rows writes rarely) would otherwise keep the loop in promise callbacks for the whole run,
 * and signals (Ctrl-C, a CI runner's TERM), which are handled between turns, would wait with it.
 */
const SLICE_MS = 50;

export class EventLoopTurns {
  private next = Date.now() + SLICE_MS;

  /** Whether a turn is due (cheap enough to ask every few rows). */
  due(): boolean {
    return Date.now() >= this.next;
  }

  /** One turn of the event loop. */
  async turn(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.next = Date.now() + SLICE_MS;
  }
}
