import { writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { profile } from "../../src/profile/profile.js";
import { SynthError } from "../../src/errors/synth-error.js";
import { tempDir } from "../support/cli.js";

/** Random and corrupted CSV never crashes profiling: it gives statistics or a SynthError. */

const cell = fc.oneof(fc.constantFrom("", "NA", "1", "-2.5", "2024-01-31", "yes", '"', '""', "a,b", "x\ny", "\r"), fc.string({ maxLength: 6 }), fc.integer().map(String));
const table = fc
  .tuple(fc.array(fc.string({ minLength: 0, maxLength: 5 }), { minLength: 1, maxLength: 4 }), fc.array(fc.array(cell, { maxLength: 5 }), { maxLength: 30 }))
  .map(([header, rows]) => [header, ...rows].map((r) => r.join(",")).join("\n") + "\n");
/** Valid-looking CSV with bytes flipped, cut or inserted: BOMs, NULs, stray quotes, invalid UTF-8. */
const corrupted = fc.tuple(table, fc.array(fc.tuple(fc.nat(), fc.constantFrom(0x22, 0x0a, 0x2c, 0x00, 0xff, 0xc3, 0xef, 0xbb, 0xbf, 0x0d)), { maxLength: 6 })).map(([text, edits]) => {
  const bytes = [...Buffer.from(text, "utf8")];
  for (const [at, byte] of edits) bytes.splice(bytes.length === 0 ? 0 : at % bytes.length, 0, byte);
  return Buffer.from(bytes);
});

describe("profile on random CSV", () => {
  const dir = tempDir("synth-profile-prop-");
  let n = 0;
  it("never throws anything but a SynthError", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(table.map((t) => Buffer.from(t)), corrupted), fc.constantFrom(1, 10), async (content, minCount) => {
        const file = join(dir, `t${n++}.csv`);
        writeFileSync(file, content);
        try {
          const result = await profile({ input: file, format: "csv", minCount, seed: 1 });
          expect(result.stats).toBeDefined();
        } catch (error) {
          if (!(error instanceof SynthError)) throw error;
          expect(error.toLine()).toMatch(/\S/);
        }
      }),
      { numRuns: 300, seed: 7 },
    );
  }, 120_000);
});
