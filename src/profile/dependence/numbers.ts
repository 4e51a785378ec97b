import { quantileShape } from "../../plan/columns/distribution.js";
import { normalQuantile } from "../../plan/dependence/normal.js";
import { Rng } from "../../random/rng.js";
import type { QuantilePoint } from "../../stats/types.js";
import { orderFromValues, safeQuantiles, tidyPoints } from "../disclosure/safe-quantiles.js";
import type { ColumnEncoder } from "./encode.js";
import type { EncodedSample } from "./encoded-sample.js";

/**
 * What the model publishes of a number or date: its distribution within each group of rows its parent
 * categories make (positions in its own published distribution, as K-safe quantiles: the same rule its
 * own distribution follows), and, over all numbers and dates, the correlations of their normal scores
 * within their groups: how they move together once their categories are accounted for.
 */

export interface NumberGroups {
  /** Per combination of parent states (first parent slowest), the group's positions, when it holds at least 2K rows. */
  groups: Map<number, { rows: number; positions: QuantilePoint<number>[] }>;
  /** Per combination of parent states: [empty, present] rows. */
  emptiness: Float64Array;
}

function configOf(sample: EncodedSample, row: number, parents: number[], strides: number[]): number {
  let config = 0;
  for (let i = 0; i < parents.length; i++) {
    const s = sample.state(row, parents[i]!);
    if (s < 0) return -1;
    config += s * strides[i]!;
  }
  return config;
}

export function parentStrides(encoders: ColumnEncoder[], parents: number[]): { strides: number[]; configs: number } {
  const strides: number[] = [];
  let configs = 1;
  for (let p = parents.length - 1; p >= 0; p--) {
    strides[p] = configs;
    configs *= encoders[parents[p]!]!.states.length;
  }
  return { strides, configs };
}

export function numberGroups(sample: EncodedSample, encoders: ColumnEncoder[], column: number, parents: number[], minCount: number): NumberGroups {
  const { strides, configs } = parentStrides(encoders, parents);
  const byConfig = new Map<number, number[]>();
  const emptiness = new Float64Array(configs * 2);
  const emptyState = encoders[column]!.emptyState;
  for (let r = 0; r < sample.size; r++) {
    const state = sample.state(r, column);
    if (state < 0) continue;
    const config = configOf(sample, r, parents, strides);
    if (config < 0) continue;
    if (state === emptyState) {
      emptiness[config * 2]!++;
      continue;
    }
    emptiness[config * 2 + 1]!++;
    if (parents.length === 0) continue;
    let list = byConfig.get(config);
    if (!list) byConfig.set(config, (list = []));
    list.push(sample.position(r, column));
  }
  const groups = new Map<number, { rows: number; positions: QuantilePoint<number>[] }>();
  for (const [config, positions] of byConfig) {
    if (positions.length < 2 * minCount) continue;
    const steps = Math.min(50, Math.max(10, Math.floor(positions.length / 5)));
    const points = safeQuantiles(orderFromValues(positions), minCount, steps);
    if (!points) continue;
    const tidy = tidyPoints(points, { places: 4, nonNegative: true, nonPositive: false }).map(([p, u]): QuantilePoint<number> => [p, Math.min(1, u)]);
    groups.set(config, { rows: positions.length, positions: tidy });
  }
  return { groups, emptiness };
}

/**
 * Correlations of within-group normal scores between numbers and dates, over rows where both have a
 * value, made positive definite (shrunk towards the identity) and rounded to three places.
 */
/** A code column's score for each state: the interval of probabilities its value covers, values in order. */
export function codeIntervals(sample: EncodedSample, encoder: ColumnEncoder, column: number): Array<[number, number] | undefined> | undefined {
  const coded = encoder.states.flatMap((s, i) => ("value" in s && (typeof s.value === "number" || typeof s.value === "boolean") ? [{ i, value: Number(s.value) }] : []));
  if (coded.length < 2 || coded.length !== encoder.states.filter((s) => "value" in s).length) return undefined;
  const counts = new Float64Array(encoder.states.length);
  for (let r = 0; r < sample.size; r++) {
    const s = sample.state(r, column);
    if (s >= 0) counts[s]!++;
  }
  const total = coded.reduce((sum, v) => sum + counts[v.i]!, 0);
  if (total === 0) return undefined;
  const out: Array<[number, number] | undefined> = encoder.states.map(() => undefined);
  let running = 0;
  for (const v of [...coded].sort((x, y) => x.value - y.value)) {
    out[v.i] = [running, running + counts[v.i]! / total];
    running += counts[v.i]! / total;
  }
  return out;
}

export interface CopulaMember {
  column: number;
  parents: number[];
  /** Numbers and dates: their groups. */
  groups?: NumberGroups;
  /** Codes: each state's interval. */
  codes?: Array<[number, number] | undefined>;
}

/**
 * Scores clipped to +-CLIP change the mean of a product of two scores by at most CLIP^2 / n when one
 * record comes or goes: that bounds the noise a privacy budget needs. E[clip(z)^2] for a standard
 * normal z rescales the mean back to a correlation.
 */
export const PRIVATE_CLIP = 2;
export const CLIPPED_SECOND_MOMENT = 0.9205;

/**
 * Correlations of the members' normal scores. With `clipped`, each is the mean product of scores
 * clipped to +-PRIVATE_CLIP over all sampled rows (a missing score counts as 0), rescaled, and left
 * for the caller to add noise and make positive definite; otherwise Pearson's r over the rows where
 * both have a score, made positive definite.
 */
export function copulaCorrelations(sample: EncodedSample, encoders: ColumnEncoder[], columns: CopulaMember[], options: { clipped?: boolean } = {}, seed = 0x5eed): number[][] {
  const n = columns.length;
  const split = new Rng(seed, 4);
  const scores: Float64Array[] = columns.map(({ column, parents, groups, codes }) => {
    if (codes) {
      const out = new Float64Array(sample.size).fill(NaN);
      for (let r = 0; r < sample.size; r++) {
        const interval = codes[sample.state(r, column)];
        if (interval) out[r] = normalQuantile(Math.min(1 - 1e-6, Math.max(1e-6, interval[0] + split.float() * (interval[1] - interval[0]))));
      }
      return out;
    }
    const { strides } = parentStrides(encoders, parents);
    const shapes = new Map([...groups!.groups].map(([config, g]) => [config, quantileShape(g.positions)]));
    const out = new Float64Array(sample.size).fill(NaN);
    const emptyState = encoders[column]!.emptyState;
    for (let r = 0; r < sample.size; r++) {
      const state = sample.state(r, column);
      if (state < 0 || state === emptyState) continue;
      const u = sample.position(r, column);
      const config = parents.length > 0 ? configOf(sample, r, parents, strides) : -1;
      const shape = config >= 0 ? shapes.get(config) : undefined;
      const v = shape ? shape.cdf(u) : u;
      out[r] = normalQuantile(Math.min(1 - 1e-6, Math.max(1e-6, v)));
    }
    return out;
  });
  const matrix: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const a = scores[i]!, b = scores[j]!;
      let count = 0, sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
      for (let r = 0; r < a.length; r++) {
        const x = a[r]!, y = b[r]!;
        if (Number.isNaN(x) || Number.isNaN(y)) continue;
        count++;
        sa += x;
        sb += y;
        saa += x * x;
        sbb += y * y;
        sab += x * y;
      }
      let rho = 0;
      if (options.clipped) {
        let products = 0;
        for (let r = 0; r < a.length; r++) {
          const x = a[r]!, y = b[r]!;
          if (Number.isNaN(x) || Number.isNaN(y)) continue;
          products += clip(x) * clip(y);
        }
        rho = a.length > 0 ? Math.max(-1, Math.min(1, products / a.length / CLIPPED_SECOND_MOMENT)) : 0;
      } else if (count >= 3) {
        const cov = sab / count - (sa / count) * (sb / count);
        const va = saa / count - (sa / count) ** 2, vb = sbb / count - (sb / count) ** 2;
        rho = va > 0 && vb > 0 ? cov / Math.sqrt(va * vb) : 0;
      }
      matrix[i]![j] = matrix[j]![i] = rho;
    }
  }
  return options.clipped ? matrix : roundedPositiveDefinite(matrix);
}

const clip = (z: number) => Math.max(-PRIVATE_CLIP, Math.min(PRIVATE_CLIP, z));

export function roundedPositiveDefinite(matrix: number[][]): number[][] {
  return positiveDefinite(matrix).map((row) => row.map((v) => Math.round(v * 1000) / 1000));
}

function factors(matrix: number[][]): boolean {
  const n = matrix.length;
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = matrix[i]![j]!;
      for (let k = 0; k < j; k++) sum -= l[i * n + k]! * l[j * n + k]!;
      if (i === j) {
        if (!(sum > 1e-6)) return false;
        l[i * n + i] = Math.sqrt(sum);
      } else l[i * n + j] = sum / l[j * n + j]!;
    }
  }
  return true;
}

/** Pairwise correlations need not form a correlation matrix: shrink towards the identity until they do. */
function positiveDefinite(matrix: number[][]): number[][] {
  for (let shrink = 0; shrink <= 100; shrink++) {
    const keep = 1 - shrink / 100;
    const candidate = matrix.map((row, i) => row.map((v, j) => (i === j ? 1 : v * keep * 0.999)));
    if (factors(candidate.map((row) => row.map((v) => Math.round(v * 1000) / 1000)))) return candidate;
  }
  return matrix.map((row, i) => row.map((_, j) => (i === j ? 1 : 0)));
}
