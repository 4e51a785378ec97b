import { Rng } from "../../random/rng.js";
import type { CodeListStats } from "../../stats/types.js";
import type { Sample } from "../sampler.js";
import { isPlainText, plain } from "../plain-text.js";
import { weightedIndex } from "./inverse-cdf.js";

/** Draws of a code already in the list before falling back to drawing from the codes not yet in it. */
const REDRAWS_PER_CODE = 8;

/**
 * Lists of codes as published: a length drawn by its frequency, then that many distinct codes, each
 * by its frequency among the codes not yet in the list, joined by the delimiter (in ascending order
 * when the real lists were). Only published codes and lengths can come out.
 */
export function codeListFromStats(stats: CodeListStats): Sample<string> {
  const codes = stats.codes.map((c) => c.value);
  const lengths = stats.lengths.map((l) => Math.min(l.length, codes.length));
  const pickLength = weightedIndex(stats.lengths.map((l) => l.frequency));
  const weights = calibrated(stats.codes.map((c) => c.frequency), lengths, pickLength);
  const pickCode = weightedIndex(weights);
  // Ascending order by code unit, as the profile tested it: the same on every machine, unlike locale order.
  const rank = codes.map((_, i) => i).sort((a, b) => (codes[a]! < codes[b]! ? -1 : codes[a]! > codes[b]! ? 1 : 0));
  const order = new Int32Array(codes.length);
  rank.forEach((code, position) => (order[code] = position));
  const chosen = new Int32Array(codes.length);
  const taken = new Uint8Array(codes.length);
  const delimiter = stats.delimiter;
  const sorted = stats.sorted === true;

  const sample: Sample<string> = (rng) => {
    const n = lengths[pickLength(rng)]!;
    const count = drawDistinct(rng, n, pickCode, weights, taken, chosen);
    const list = Array.from(chosen.subarray(0, count));
    for (const code of list) taken[code] = 0;
    if (sorted) list.sort((a, b) => order[a]! - order[b]!);
    let text = codes[list[0]!]!;
    for (let i = 1; i < list.length; i++) text += delimiter + codes[list[i]!]!;
    return text;
  };
  return isPlainText(delimiter) && codes.every(isPlainText) ? plain(sample) : sample;
}

/** n distinct codes into `chosen` (marked in `taken`, which the caller clears); returns how many. */
function drawDistinct(rng: Rng, n: number, pickCode: (rng: Rng) => number, weights: readonly number[], taken: Uint8Array, chosen: Int32Array): number {
  let count = 0;
  for (let tries = 0; count < n && tries < REDRAWS_PER_CODE * n; tries++) {
    const code = pickCode(rng);
    if (taken[code]) continue;
    taken[code] = 1;
    chosen[count++] = code;
  }
  return count < n ? fillWithoutReplacement(rng, weights, taken, chosen, count, n) : count;
}

/** Lists simulated per round of calibration, and rounds. */
const CALIBRATION_LISTS = 40_000;
const CALIBRATION_ROUNDS = 6;

/**
 * Weights that make each code's share of occurrences come out as published. Drawing distinct codes
 * by the published shares alone flattens them (once a common code is in a list, the next draw goes
 * to the others), which cost a tenth of the codes' fidelity on movies' genres. So the weights are
 * corrected a few times against a simulation of the lists themselves, from a fixed seed: the same
 * weights on every machine, and no draw from the rows' random streams.
 */
function calibrated(targets: readonly number[], lengths: readonly number[], pickLength: (rng: Rng) => number): number[] {
  const total = targets.reduce((a, b) => a + b, 0);
  if (total <= 0 || lengths.every((n) => n <= 1)) return [...targets];
  const goal = targets.map((t) => t / total);
  let weights = [...goal];
  const taken = new Uint8Array(goal.length);
  const chosen = new Int32Array(goal.length);
  const rng = new Rng(0x5eed, goal.length);
  for (let round = 0; round < CALIBRATION_ROUNDS; round++) {
    const pickCode = weightedIndex(weights);
    const seen = new Float64Array(goal.length);
    let occurrences = 0;
    for (let list = 0; list < CALIBRATION_LISTS; list++) {
      const count = drawDistinct(rng, lengths[pickLength(rng)]!, pickCode, weights, taken, chosen);
      for (let i = 0; i < count; i++) {
        seen[chosen[i]!]!++;
        taken[chosen[i]!] = 0;
      }
      occurrences += count;
    }
    weights = weights.map((w, i) => (seen[i]! > 0 ? w * (goal[i]! / (seen[i]! / occurrences)) : w));
  }
  return weights;
}

/** The rest of a list by weight among the codes not taken yet (rare when weights are very uneven). */
function fillWithoutReplacement(rng: Rng, weights: readonly number[], taken: Uint8Array, chosen: Int32Array, count: number, n: number): number {
  while (count < n) {
    let total = 0;
    for (let i = 0; i < weights.length; i++) if (!taken[i]) total += weights[i]!;
    let u = rng.float() * total;
    let pick = -1;
    for (let i = 0; i < weights.length; i++) {
      if (taken[i]) continue;
      pick = i;
      u -= weights[i]!;
      if (u < 0) break;
    }
    if (pick < 0) break;
    taken[pick] = 1;
    chosen[count++] = pick;
  }
  return count;
}
