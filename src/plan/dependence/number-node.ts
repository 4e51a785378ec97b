import { SynthError } from "../../errors/synth-error.js";
import type { ModelGroup } from "../../stats/types.js";
import { quantileShape, type NumericShape } from "../columns/distribution.js";

const GRID = 1024;

/**
 * A number or date of the model: its distribution within each group of parent states, and the
 * correction that keeps its own distribution exact. A group's distribution is given in positions of
 * the column's published distribution; drawing from the groups by how often they occur gives positions
 * whose distribution is the mix of the groups', `mix`, which the published groups leave slightly off
 * uniform (small groups fall back to the column's own distribution). Passing each position through
 * `mix` makes it uniform again, so the column's published distribution is kept exactly.
 */
export interface NumberNode {
  /** Per combination of parent states: the group's positions (undefined: the column's own). */
  groups: Array<NumericShape | undefined>;
  /** Position of the value for a group and a uniform v (the copula's score). */
  position(config: number, v: number): number;
  /** The v a position comes from in a group: to keep a copula score within allowed positions. */
  scoreOf(config: number, position: number): number;
}

export function numberNode(groups: readonly ModelGroup[], configs: number, strides: readonly number[], totalRows: number, place: { column: string; pointer: string }): NumberNode {
  const shapes: Array<NumericShape | undefined> = new Array(configs).fill(undefined);
  const weights: Array<{ shape: NumericShape; weight: number }> = [];
  let grouped = 0;
  groups.forEach((group) => {
    let config = 0;
    group.given.forEach((state, p) => (config += state * strides[p]!));
    if (config >= configs || group.given.length !== strides.length) throw new SynthError("STATS_INVALID", "a group's parent states do not exist", place);
    const shape = quantileShape(group.positions);
    shapes[config] = shape;
    weights.push({ shape, weight: group.rows });
    grouped += group.rows;
  });
  const rest = Math.max(0, totalRows - grouped);
  const total = grouped + rest;
  // mix(x) on a grid: the share of positions at or below x when groups are drawn by their weight.
  const mix = new Float64Array(GRID + 1);
  for (let i = 0; i <= GRID; i++) {
    const x = i / GRID;
    let m = total > 0 ? (rest / total) * x : x;
    for (const { shape, weight } of weights) m += (weight / total) * shape.cdf(x, 1);
    mix[i] = Math.min(1, Math.max(i > 0 ? mix[i - 1]! : 0, m));
  }
  mix[GRID] = 1;
  const forward = (x: number): number => {
    const t = Math.min(GRID, Math.max(0, x * GRID));
    const i = Math.min(GRID - 1, Math.floor(t));
    return mix[i]! + (t - i) * (mix[i + 1]! - mix[i]!);
  };
  const backward = (y: number): number => {
    let lo = 0, hi = GRID;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (mix[mid]! < y) lo = mid;
      else hi = mid;
    }
    const span = mix[hi]! - mix[lo]!;
    return (lo + (span > 0 ? (y - mix[lo]!) / span : 0)) / GRID;
  };
  return {
    groups: shapes,
    position(config, v) {
      const shape = shapes[config];
      return forward(shape ? shape.at(v) : v);
    },
    scoreOf(config, position) {
      const x = backward(position);
      const shape = shapes[config];
      return shape ? shape.cdf(x) : x;
    },
  };
}
