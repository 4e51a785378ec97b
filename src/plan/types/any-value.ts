import type { Rng } from "../../random/rng.js";
import type { NodePlan } from "./node-plan.js";

const WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"];

function anyValue(rng: Rng, depth: number): unknown {
  switch (rng.below(depth > 1 ? 5 : 7)) {
    case 0:
      return null;
    case 1:
      return rng.chance(0.5);
    case 2:
      return rng.below(1000);
    case 3:
      return Math.round(rng.float() * 100000) / 100;
    case 4:
      return WORDS[rng.below(WORDS.length)];
    case 5:
      return Array.from({ length: rng.below(3) }, () => anyValue(rng, depth + 1));
    default: {
      const out: Record<string, unknown> = {};
      for (let i = rng.below(3); i > 0; i--) out[WORDS[rng.below(WORDS.length)]!] = anyValue(rng, depth + 1);
      return out;
    }
  }
}

/** A value for the schema `true` (or `{}`): any JSON value, kept small. */
export const anyValuePlan: NodePlan = { exact: true, sample: (rng) => anyValue(rng, 0) };
