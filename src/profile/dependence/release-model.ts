import type { DependenceModel, ModelGroup, ModelNode, ModelTableRow, QuantilePoint } from "../../stats/types.js";
import type { LaplaceNoise } from "../disclosure/laplace.js";
import type { ColumnEncoder } from "./encode.js";
import type { EncodedSample } from "./encoded-sample.js";
import type { LearnedNode } from "./learn-network.js";
import { CLIPPED_SECOND_MOMENT, codeIntervals, copulaCorrelations, numberGroups, PRIVATE_CLIP, roundedPositiveDefinite, type CopulaMember, type NumberGroups } from "./numbers.js";

export interface ModelRelease {
  model: DependenceModel | undefined;
  /** Per column: counts published and withheld, for the disclosure notes. */
  withheld: Map<string, { published: number; withheld: number }>;
}

/** A correlation this weak is not worth publishing (nor a column in the copula for it). */
const WEAK = 0.05;

interface Privacy {
  noise: LaplaceNoise;
  epsilon: number;
}

function givenOf(config: number, parentStates: number[]): number[] {
  const given: number[] = [];
  let rest = config;
  for (let p = parentStates.length - 1; p >= 0; p--) {
    given[p] = rest % parentStates[p]!;
    rest = Math.floor(rest / parentStates[p]!);
  }
  return given;
}

/** A count table as published: counts of at least K, null otherwise; rows with no count left out. */
function countTable(counts: Float64Array, states: number, parentStates: number[], minCount: number, noise: ((n: number) => number) | undefined, tally: { published: number; withheld: number }): ModelTableRow[] {
  const table: ModelTableRow[] = [];
  const configs = counts.length / states;
  for (let g = 0; g < configs; g++) {
    const row: Array<number | null> = [];
    let any = false;
    for (let c = 0; c < states; c++) {
      let n = counts[g * states + c]!;
      if (noise) n = noise(n);
      if (n >= minCount) {
        row.push(n);
        any = true;
        tally.published++;
      } else {
        row.push(null);
        if (n > 0) tally.withheld++;
      }
    }
    if (any) table.push({ given: givenOf(g, parentStates), counts: row });
  }
  return table;
}

/** [empty, present] per group, from the noisy histogram of empty and bins: no further noise, no further cost. */
function emptinessOf(noisy: Float64Array, encoder: ColumnEncoder): Float64Array {
  const states = encoder.states.length;
  const out = new Float64Array((noisy.length / states) * 2);
  for (let g = 0; g < noisy.length / states; g++) {
    for (let s = 0; s < states; s++) out[g * 2 + (s === encoder.emptyState ? 0 : 1)]! += noisy[g * states + s]!;
  }
  return out;
}

/**
 * Under a privacy budget a group's distribution comes from noisy counts of the column's bins within
 * the group: positions at the bin edges, at the noisy cumulative shares.
 */
function noisyGroups(counts: Float64Array, encoder: ColumnEncoder, parentStates: number[], minCount: number): ModelGroup[] {
  const states = encoder.states.length;
  const bins = encoder.states.map((s, i) => ("from" in s ? i : -1)).filter((i) => i >= 0);
  const groups: ModelGroup[] = [];
  for (let g = 0; g < counts.length / states; g++) {
    const noisy = bins.map((s) => counts[g * states + s]!);
    const total = noisy.reduce((a, b) => a + b, 0);
    if (total < 2 * minCount) continue;
    let running = 0;
    const positions: QuantilePoint<number>[] = [[0, 0]];
    bins.forEach((s, i) => {
      running += noisy[i]!;
      const state = encoder.states[s] as { from: number; to: number };
      const p = Math.round((running / total) * 1e6) / 1e6;
      // A bin the noise left empty adds no probability: its edge replaces the point before it.
      if (positions[positions.length - 1]![0] === p) positions[positions.length - 1] = [p, state.to];
      else positions.push([p, state.to]);
    });
    groups.push({ given: givenOf(g, parentStates), rows: total, positions });
  }
  return groups;
}

/**
 * What may be published of the learned network. Categories: every count of at least K, the others null
 * (withheld); a combination of parent states with no count left is not listed, and generation then
 * draws the column from its own distribution. Numbers and dates: their distribution in each group of
 * at least 2K rows, and counts of empty and present rows like any table. The copula's correlations
 * rest on every row with both values. Under a privacy budget every cell of every table, zeros
 * included, gets Laplace noise first (each record is in exactly one cell of a table, so a table costs
 * its share once), groups come from noisy bin counts, correlations get noise on their clipped scores,
 * and the K rule applies to the noisy counts. Columns that neither depend on another nor have one
 * depend on them are left out: they are independent.
 */
export function releaseModel(nodes: LearnedNode[], encoders: ColumnEncoder[], sample: EncodedSample, minCount: number, privacy?: Privacy): ModelRelease {
  const withheld = new Map<string, { published: number; withheld: number }>();
  const ordered = nodes.filter((n) => encoders[n.column]!.ordered);
  // A share per noisy table: each node with parents has one (for numbers, one histogram of empty and
  // bins within each group of parents' states, from which both groups and emptiness come), and the
  // copula one. Nodes without parents publish nothing noisy.
  const tables = nodes.filter((node) => node.parents.length > 0).length;
  const shares = tables + (ordered.length > 0 ? 1 : 0);
  const perRelease = privacy ? privacy.epsilon / Math.max(1, shares) : undefined;
  const noise = privacy ? (n: number) => privacy.noise.count(n, perRelease!) : undefined;
  const numberInfo = new Map<number, NumberGroups>();
  for (const node of ordered) numberInfo.set(node.column, numberGroups(sample, encoders, node.column, node.parents, minCount));

  let copula: DependenceModel["copula"];
  const inCopula = new Set<number>();
  // Codes (numeric or true/false, taken in order) join the copula, so a number can move with a code
  // that is not one of its parents (prices rising with the year).
  const members: CopulaMember[] = [];
  for (const node of nodes) {
    const encoder = encoders[node.column]!;
    if (encoder.ordered) members.push({ column: node.column, parents: node.parents, groups: numberInfo.get(node.column)! });
    else if (encoder.categorical) {
      const codes = codeIntervals(sample, encoder, node.column);
      if (codes) members.push({ column: node.column, parents: node.parents, codes });
    }
  }
  if (ordered.length > 0 && members.length > 1) {
    let correlations = copulaCorrelations(sample, encoders, members, { clipped: privacy !== undefined });
    const size = members.length;
    if (privacy) {
      // Each correlation is a mean product of scores clipped to +-PRIVATE_CLIP: one record moves it by
      // at most PRIVATE_CLIP^2 / n (before rescaling); the copula's share is split between the pairs.
      const scale = (PRIVATE_CLIP ** 2 / CLIPPED_SECOND_MOMENT / Math.max(1, sample.size)) / (perRelease! / Math.max(1, (size * (size - 1)) / 2));
      for (let i = 0; i < size; i++) {
        for (let j = i + 1; j < size; j++) {
          const v = Math.max(-0.99, Math.min(0.99, correlations[i]![j]! + privacy.noise.sample(scale)));
          correlations[i]![j] = correlations[j]![i] = v;
        }
      }
      correlations = roundedPositiveDefinite(correlations);
    }
    // A member is kept when it moves with a number: codes among themselves are the tables' business.
    const isNumber = members.map((m) => m.groups !== undefined);
    const keep = members.map((_, i) => correlations[i]!.some((v, j) => j !== i && (isNumber[i] || isNumber[j]) && Math.abs(v) >= WEAK));
    const kept = members.flatMap((_, i) => (keep[i] ? [i] : []));
    if (kept.some((i) => isNumber[i]) && kept.length > 1) {
      copula = { columns: kept.map((i) => encoders[members[i]!.column]!.name), correlations: kept.map((i) => kept.map((j) => correlations[i]![j]!)) };
      for (const i of kept) inCopula.add(members[i]!.column);
    }
  }

  const hasChildren = new Set(nodes.flatMap((n) => n.parents));
  const released: ModelNode[] = [];
  for (const node of nodes) {
    const encoder = encoders[node.column]!;
    if (node.parents.length === 0 && !hasChildren.has(node.column) && !inCopula.has(node.column)) continue;
    const out: ModelNode = { column: encoder.name, states: encoder.states, parents: node.parents.map((p) => encoders[p]!.name) };
    const tally = { published: 0, withheld: 0 };
    const parentStates = node.parents.map((p) => encoders[p]!.states.length);
    if (encoder.ordered) {
      const info = numberInfo.get(node.column)!;
      if (node.parents.length > 0) {
        const noisy = noise ? node.counts.map(noise) : undefined;
        const groups = noisy
          ? noisyGroups(noisy, encoder, parentStates, minCount)
          : [...info.groups].sort((a, b) => a[0] - b[0]).map(([config, g]): ModelGroup => ({ given: givenOf(config, parentStates), rows: g.rows, positions: g.positions }));
        if (groups.length > 0) out.groups = groups;
        tally.published += groups.length;
        if (encoder.emptyState >= 0) out.emptiness = countTable(noisy ? emptinessOf(noisy, encoder) : info.emptiness, 2, parentStates, minCount, undefined, tally);
      }
    } else if (node.parents.length > 0) {
      out.table = countTable(node.counts, encoder.states.length, parentStates, minCount, noise, tally);
    }
    withheld.set(encoder.name, tally);
    released.push(out);
  }
  if (released.length === 0) return { model: undefined, withheld };
  return {
    model: { method: "network", rows: sample.size, ...(sample.sampled ? { sampled: true } : {}), nodes: released, ...(copula ? { copula } : {}) },
    withheld,
  };
}
