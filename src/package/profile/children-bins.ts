import type { LaplaceNoise } from "../../profile/disclosure/laplace.js";
import type { ChildrenBin, ChildrenPerParent } from "../types.js";

/**
 * The published distribution of children per parent, from how many parents have each number of
 * children (zero included). Counts are grouped into bins of consecutive values, each holding at least
 * K parents, so no bin singles out fewer than K parents; the last bin is open-ended (top-coded) and
 * publishes only where it starts and its mean, never the largest family. Under a privacy budget every
 * count gets Laplace noise first (one parent moves between two counts: sensitivity 2) and the bins
 * are formed from the noisy counts.
 */
export function childrenBins(parentsByChildren: ReadonlyMap<number, number>, minCount: number, privacy?: { noise: LaplaceNoise; epsilon: number }): ChildrenPerParent | undefined {
  const largest = Math.max(0, ...parentsByChildren.keys());
  const counts: number[] = [];
  for (let c = 0; c <= largest; c++) {
    const real = parentsByChildren.get(c) ?? 0;
    counts.push(privacy ? privacy.noise.count(real, privacy.epsilon / 2) : real);
  }
  const parents = counts.reduce((a, b) => a + b, 0);
  if (parents < minCount) return undefined;
  const bins: Array<{ from: number; to: number; parents: number; children: number }> = [];
  let open: { from: number; to: number; parents: number; children: number } | undefined;
  // "Every parent has a child" is a fact of the design, not of anyone: an empty zero bin is kept
  // apart, while any other count under K is merged.
  if (counts[0] === 0 && counts.length > 1) bins.push({ from: 0, to: 0, parents: 0, children: 0 });
  counts.forEach((n, c) => {
    if (c === 0 && bins.length > 0) return;
    open ??= { from: c, to: c, parents: 0, children: 0 };
    open.to = c;
    open.parents += n;
    open.children += n * c;
    if (open.parents >= minCount) {
      bins.push(open);
      open = undefined;
    }
  });
  if (open) {
    // The largest counts hold fewer than K parents: they join the bin before them.
    const last = bins[bins.length - 1]!;
    last.to = open.to;
    last.parents += open.parents;
    last.children += open.children;
  }
  let given = 0;
  return {
    parents,
    bins: bins.map((bin, i): ChildrenBin => {
      if (i < bins.length - 1) {
        const share = round(bin.parents / parents);
        given += share;
        return { from: bin.from, to: bin.to, share };
      }
      // The last share is what the others leave, so the shares sum to 1 exactly as written.
      return { from: bin.from, mean: round(Math.max(bin.from, bin.children / bin.parents)), share: round(Math.max(0, 1 - given)) };
    }),
  };
}

function round(value: number): number {
  return Number(value.toPrecision(6));
}
