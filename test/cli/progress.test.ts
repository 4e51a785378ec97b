import { afterEach, describe, expect, it, vi } from "vitest";
import { progressLine } from "../../src/cli/progress.js";

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, write: (text: string) => writes.push(text) } as unknown as NodeJS.WriteStream };
}

describe("progressLine", () => {
  afterEach(() => vi.useRealTimers());

  it("shows rows done, rows/s and time left on a terminal, a few times a second at most", () => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
    const { writes, stream } = fakeStream(true);
    const progress = progressLine(1_000_000, { quiet: false, stream });
    progress.update(1000);
    expect(writes).toHaveLength(0); // nothing in the first second: short runs stay silent
    vi.setSystemTime(2000);
    progress.update(200_000);
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatch(/200\.0k\/1\.00M rows \(20\.0%\), 100\.0k rows\/s, 8s left/);
    for (let i = 1; i < 100; i++) progress.update(200_000 + i); // same instant: no redraw
    expect(writes).toHaveLength(1);
    vi.setSystemTime(2300);
    progress.update(230_000);
    expect(writes).toHaveLength(2);
    progress.done();
    expect(writes.at(-1)).toBe("\r\x1b[2K");
  });

  it("is silent when stderr is not a terminal, or with --quiet", () => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
    for (const [isTTY, quiet] of [[false, false], [true, true]] as const) {
      const { writes, stream } = fakeStream(isTTY);
      const progress = progressLine(1_000_000, { quiet, stream });
      vi.setSystemTime(5000);
      progress.update(500_000);
      progress.done();
      expect(writes).toHaveLength(0);
    }
  });
});
