import { SynthError } from "../errors/synth-error.js";
import type { Plan } from "../plan/plan.js";
import { Rng } from "../random/rng.js";

/**
 * Records from..to-1 of a run. Row i is drawn from an Rng keyed on (seed, i) alone, so any range
 * equals the same range of a whole run, whoever generates it.
 */
export function* sampleRows(plan: Plan, seed: number, from: number, to: number): Generator<unknown> {
  const rng = new Rng(seed);
  for (let row = from; row < to; row++) {
    rng.seedRow(seed, row);
    yield sampleRow(plan, rng, row);
  }
}

export function sampleRow(plan: Plan, rng: Rng, row: number): unknown {
  try {
    return plan.sample(rng, row);
  } catch (error) {
    if (error instanceof SynthError) throw error;
    throw new SynthError("INTERNAL", `generation failed at row ${row}: ${(error as Error).message}`, {}, { cause: error });
  }
}
