import type { Randomizer } from "@faker-js/faker";
import type { Rng } from "./rng.js";

/**
 * Lets faker draw from synth's Rng, so a faker call inside row i is as deterministic as everything
 * else in that row. faker's own seeding is bypassed: the row's Rng is already keyed.
 */
export function randomizerFrom(rng: Rng): Randomizer {
  return {
    next: () => rng.float53(),
    seed: () => {
      /* seeding is done per row by Rng.seedRow */
    },
  };
}
