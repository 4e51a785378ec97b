import { Rng, hashString } from "../../random/rng.js";
import type { ChildrenBin } from "../types.js";

/**
 * How many children parent p gets: a draw from the published bins (uniform within a bin; the open
 * last bin adds a geometric tail with the published mean), keyed on (seed, relationship, p) alone.
 * Without published bins, a geometric count with the tables' mean ratio.
 */
export function childrenCount(bins: readonly ChildrenBin[] | undefined, meanChildren: number, seed: number, relationship: string): (parent: number) => number {
  const rng = new Rng(seed);
  const stream = hashString(`children:${relationship}`);
  const geometric = (mean: number): number => {
    if (mean <= 0) return 0;
    const u = rng.float53();
    return Math.floor(Math.log(1 - u) / Math.log(mean / (1 + mean)));
  };
  if (!bins || bins.length === 0) {
    return (parent) => {
      rng.seedRow(seed, parent, stream);
      return geometric(meanChildren);
    };
  }
  const total = bins.reduce((sum, bin) => sum + bin.share, 0);
  const cumulative: number[] = [];
  let running = 0;
  for (const bin of bins) cumulative.push((running += bin.share / total));
  return (parent) => {
    rng.seedRow(seed, parent, stream);
    const u = rng.float53();
    let i = 0;
    while (i < bins.length - 1 && u >= cumulative[i]!) i++;
    const bin = bins[i]!;
    if (bin.to !== undefined) return bin.from + rng.below(bin.to - bin.from + 1);
    return bin.from + geometric((bin.mean ?? bin.from) - bin.from);
  };
}
