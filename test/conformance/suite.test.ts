import { describe, expect, it } from "vitest";
// @ts-expect-error -- plain ESM harness shared with bench/conformance.mjs
import { VENDORED_SUITE, runConformance } from "../../bench/conformance-core.mjs";
import { compile } from "../../src/generate/compile.js";
import { sampleRows } from "../../src/generate/rows.js";
import { SynthError } from "../../src/errors/synth-error.js";

/**
 * The JSON Schema Test Suite (draft 2020-12 and 7, not optional/): 20 values per group, each checked
 * with a fresh ajv. The floors are the figures reached; lower means a regression.
 */
const FLOORS: Record<string, number> = { "draft2020-12": 321, draft7: 228 };

describe("JSON Schema Test Suite conformance", () => {
  it("never emits an invalid value, never crashes, and passes at least the recorded number of groups", async () => {
    const { tallies, failures } = await runConformance({ compile, sampleRows, SynthError }, { suite: VENDORED_SUITE });
    const bad = failures.filter((f: { status: string }) => f.status === "invalid" || f.status === "crash");
    expect(bad.map((f: { file: string; index: number; reason: string }) => `${f.file} #${f.index}: ${f.reason}`)).toEqual([]);
    for (const [draft, floor] of Object.entries(FLOORS)) {
      expect(tallies[draft].pass, `${draft} groups passed`).toBeGreaterThanOrEqual(floor);
    }
  }, 120_000);
});
