import type { ColumnEncoder } from "./encode.js";
import type { EncodedSample } from "./encoded-sample.js";

/**
 * Chooses the dependence model's structure from the encoded sample: a Bayesian network in which every
 * column has at most two parents, built greedily (as PrivBayes does) by adding, one at a time, the
 * column whose best choice of parents among the columns already placed explains it best.
 *
 * "Explains best" is measured on what would be published, not on the raw counts: cells under K are
 * withheld, so a fine table over a small table's rows loses most of its counts and scores poorly. The
 * score is the mean log-likelihood gain per row of the column given its parents over the column alone,
 * with the published conditional mixed with a little of the column's own distribution, so that rows in
 * withheld cells count against the table instead of vanishing.
 */

export interface LearnedNode {
  column: number;
  parents: number[];
  /** Counts of (parent states, child state), child state fastest; parent states first parent slowest. */
  counts: Float64Array;
}

export interface LearnOptions {
  minCount: number;
  maxParents: number;
  /** Largest table (cells) a node may have. */
  maxCells: number;
  /** Gain per row (nats) below which a parent is not worth its table. */
  minGain: number;
}

const MIX = 0.02;
/** Placed columns tried as the second parent alongside the newest one. */
const PAIR_CANDIDATES = 6;

function tableCounts(sample: EncodedSample, encoders: ColumnEncoder[], child: number, parents: number[]): Float64Array | undefined {
  const sc = encoders[child]!.states.length;
  let cells = sc;
  for (const p of parents) cells *= encoders[p]!.states.length;
  const counts = new Float64Array(cells);
  const strides = parents.map((_, i) => parents.slice(i + 1).reduce((s, q) => s * encoders[q]!.states.length, sc));
  const cols = sample.columns;
  const states = sample.states;
  rows: for (let r = 0; r < sample.size; r++) {
    const base = r * cols;
    const c = states[base + child]!;
    if (c < 0) continue;
    let index = c;
    for (let i = 0; i < parents.length; i++) {
      const s = states[base + parents[i]!]!;
      if (s < 0) continue rows;
      index += s * strides[i]!;
    }
    counts[index]!++;
  }
  return counts;
}

/** Mean log-likelihood gain per row of the child given its parents, as the published table would give it. */
export function publishedGain(counts: Float64Array, childStates: number, minCount: number): number {
  const configs = counts.length / childStates;
  const marginal = new Float64Array(childStates);
  let total = 0;
  for (let i = 0; i < counts.length; i++) {
    marginal[i % childStates]! += counts[i]!;
    total += counts[i]!;
  }
  if (total === 0) return 0;
  for (let c = 0; c < childStates; c++) marginal[c]! /= total;
  let gain = 0;
  for (let g = 0; g < configs; g++) {
    let published = 0;
    for (let c = 0; c < childStates; c++) {
      const n = counts[g * childStates + c]!;
      if (n >= minCount) published += n;
    }
    for (let c = 0; c < childStates; c++) {
      const n = counts[g * childStates + c]!;
      if (n === 0) continue;
      const generated = published > 0 ? (n >= minCount ? n / published : 0) : marginal[c]!;
      const mixed = (1 - MIX) * generated + MIX * marginal[c]!;
      gain += n * (Math.log(mixed) - Math.log(marginal[c]!));
    }
  }
  return gain / total;
}

/** Bins a number's positions are counted in to score its parents (its groups are finer still). */
const SCORE_BINS = 10;

/**
 * The gain for a number or date given categories, as its groups would give it: each combination of
 * parent states with at least 2K rows gets its own distribution (here over ten bins of positions),
 * the others the column's own.
 */
function groupGain(sample: EncodedSample, encoders: ColumnEncoder[], child: number, parents: number[], minCount: number): number {
  let configs = 1;
  const strides = parents.map(() => 0);
  for (let i = parents.length - 1; i >= 0; i--) {
    strides[i] = configs;
    configs *= encoders[parents[i]!]!.states.length;
  }
  const counts = new Float64Array(configs * SCORE_BINS);
  const emptyState = encoders[child]!.emptyState;
  rows: for (let r = 0; r < sample.size; r++) {
    const state = sample.state(r, child);
    if (state < 0 || state === emptyState) continue;
    let config = 0;
    for (let i = 0; i < parents.length; i++) {
      const s = sample.state(r, parents[i]!);
      if (s < 0) continue rows;
      config += s * strides[i]!;
    }
    counts[config * SCORE_BINS + Math.min(SCORE_BINS - 1, Math.floor(sample.position(r, child) * SCORE_BINS))]!++;
  }
  const marginal = new Float64Array(SCORE_BINS);
  let total = 0;
  for (let i = 0; i < counts.length; i++) {
    marginal[i % SCORE_BINS]! += counts[i]!;
    total += counts[i]!;
  }
  if (total === 0) return 0;
  let gain = 0;
  for (let g = 0; g < configs; g++) {
    let n = 0;
    for (let b = 0; b < SCORE_BINS; b++) n += counts[g * SCORE_BINS + b]!;
    if (n < 2 * minCount) continue;
    for (let b = 0; b < SCORE_BINS; b++) {
      const c = counts[g * SCORE_BINS + b]!;
      if (c === 0) continue;
      const own = marginal[b]! / total;
      gain += c * (Math.log((1 - MIX) * (c / n) + MIX * own) - Math.log(own));
    }
  }
  return gain / total;
}

function cellCount(encoders: ColumnEncoder[], child: number, parents: number[]): number {
  return parents.reduce((cells, p) => cells * encoders[p]!.states.length, encoders[child]!.states.length);
}

/**
 * Categories (and whether a column is empty or present) come first, each choosing parents among the
 * categories placed before it; then each number or date chooses the (at most two) categories it
 * depends on most. Numbers never parent anything: how they move together is the copula's, and how a
 * category goes with a number is seen from the number's side, as its distribution within the
 * category's groups.
 */
export function learnNetwork(sample: EncodedSample, encoders: ColumnEncoder[], options: LearnOptions): LearnedNode[] {
  const m = encoders.length;
  if (m === 0 || sample.size === 0) return [];
  const k = options.minCount;
  const gainOf = (child: number, parents: number[]) => {
    if (cellCount(encoders, child, parents) > options.maxCells) return -Infinity;
    if (encoders[child]!.ordered) return groupGain(sample, encoders, child, parents, k);
    return publishedGain(tableCounts(sample, encoders, child, parents)!, encoders[child]!.states.length, k);
  };
  const categories = encoders.flatMap((e, i) => (e.ordered ? [] : [i]));
  const numbers = encoders.flatMap((e, i) => (e.ordered ? [i] : []));
  // pair[p * m + c]: the gain of c given p alone, for every category p.
  const pair = new Float64Array(m * m).fill(-Infinity);
  for (const p of categories) for (let c = 0; c < m; c++) if (p !== c) pair[p * m + c] = gainOf(c, [p]);
  /** The best parents for c among `candidates` (categories already placed): one, or two when the second earns its table. */
  const bestParents = (c: number, candidates: number[]): { parents: number[]; gain: number } => {
    let best = { parents: [] as number[], gain: 0 };
    for (const p of candidates) if (pair[p * m + c]! > best.gain) best = { parents: [p], gain: pair[p * m + c]! };
    if (options.maxParents >= 2) {
      const top = [...candidates].sort((x, y) => pair[y * m + c]! - pair[x * m + c]!).slice(0, PAIR_CANDIDATES);
      for (let i = 0; i < top.length; i++) {
        for (let j = i + 1; j < top.length; j++) {
          const [p, q] = [top[i]!, top[j]!];
          const gain = gainOf(c, [p, q]);
          if (gain > best.gain && gain - Math.max(pair[p * m + c]!, pair[q * m + c]!) >= options.minGain) best = { parents: p < q ? [p, q] : [q, p], gain };
        }
      }
    }
    return best.gain >= options.minGain ? best : { parents: [], gain: 0 };
  };
  const placed: number[] = [];
  const parentsOf = new Map<number, number[]>();
  if (categories.length > 0) {
    // The first category is the one that best explains the others.
    let first = categories[0]!, bestTotal = -Infinity;
    for (const p of categories) {
      let total = 0;
      for (let c = 0; c < m; c++) if (c !== p && pair[p * m + c]! > 0) total += pair[p * m + c]!;
      if (total > bestTotal) [first, bestTotal] = [p, total];
    }
    placed.push(first);
    parentsOf.set(first, []);
    const remaining = new Set(categories.filter((c) => c !== first));
    while (remaining.size > 0) {
      let next = -1;
      let choice = { parents: [] as number[], gain: -Infinity };
      for (const c of remaining) {
        const candidate = bestParents(c, placed);
        if (candidate.gain > choice.gain) [next, choice] = [c, candidate];
      }
      remaining.delete(next);
      placed.push(next);
      parentsOf.set(next, choice.parents);
    }
  }
  for (const c of numbers) {
    placed.push(c);
    parentsOf.set(c, bestParents(c, categories).parents);
  }
  return placed.map((column) => ({ column, parents: parentsOf.get(column)!, counts: tableCounts(sample, encoders, column, parentsOf.get(column)!)! }));
}
