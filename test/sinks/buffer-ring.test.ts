import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { BufferRing } from "../../src/sinks/buffer-ring.js";
import { HashingWritable } from "../../src/audit/hash.js";
import { createHash } from "node:crypto";

/**
 * Finishes each write only after a delay, as a disk does, and counts the chunks whose memory changed
 * between being handed over and being written: a buffer refilled too early.
 */
function slowDestination(delayMs: number): Writable & { chunks: Buffer[]; changed: number } {
  const chunks: Buffer[] = [];
  const out = Object.assign(
    new Writable({
      highWaterMark: 1 << 20,
      write(chunk: Buffer, _encoding, callback) {
        const copy = Buffer.from(chunk);
        chunks.push(copy);
        setTimeout(() => {
          if (!chunk.equals(copy)) out.changed++;
          callback();
        }, delayMs);
      },
    }),
    { chunks, changed: 0 },
  );
  return out;
}

async function writeText(ring: BufferRing, out: Writable, text: string): Promise<void> {
  const batch = await ring.take();
  // In two pieces, as batches are filled.
  batch.append(text.slice(0, 3));
  batch.append(text.slice(3));
  ring.write(out, batch);
}

describe("the buffer ring", () => {
  it("delivers every text in order, and reuses a buffer only after the destination is done with it", async () => {
    const out = slowDestination(2);
    const ring = new BufferRing(2, 64);
    const texts = Array.from({ length: 40 }, (_, i) => `row ${i} é ✓ ${"x".repeat(i % 7)}\n`);
    for (const text of texts) await writeText(ring, out, text);
    await ring.settled();
    expect(Buffer.concat(out.chunks).toString("utf8")).toBe(texts.join(""));
    expect(out.changed).toBe(0);
  });

  it("waits for the file behind the hashing pass-through, not just for the pass-through", async () => {
    const file = slowDestination(2);
    const hashing = new HashingWritable(file);
    const ring = new BufferRing(2, 64);
    const texts = Array.from({ length: 30 }, (_, i) => `line ${i}\n`);
    for (const text of texts) await writeText(ring, hashing, text);
    await ring.settled();
    expect(Buffer.concat(file.chunks).toString("utf8")).toBe(texts.join(""));
    expect(file.changed).toBe(0);
    expect(hashing.digest().sha256).toBe(createHash("sha256").update(texts.join("")).digest("hex"));
  });

  it("lets a batch outgrow its buffer, and keeps the bigger buffer", async () => {
    const out = slowDestination(0);
    const ring = new BufferRing(1, 16);
    const long = "a".repeat(100);
    await writeText(ring, out, "short\n");
    await writeText(ring, out, long);
    await writeText(ring, out, long + "é");
    await ring.settled();
    expect(Buffer.concat(out.chunks).toString("utf8")).toBe("short\n" + long + long + "é");
    expect((await ring.take()).bytes.length).toBeGreaterThanOrEqual(102);
  });

  it("reports a failed write instead of waiting for ever", async () => {
    const out = new Writable({ write: (_chunk, _encoding, callback) => callback(new Error("disk full")) });
    out.on("error", () => {});
    const ring = new BufferRing(1, 64);
    await writeText(ring, out, "one\n");
    await expect(ring.settled()).rejects.toThrow("disk full");
  });
});
