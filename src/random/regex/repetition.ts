import type { Rng } from "../rng.js";
import { EMPTY_NODE, IMPOSSIBLE_NODE, literalNode, type CompiledNode, type Emit } from "./compiled-node.js";
import type { GroupSpan } from "./capture-groups.js";

export interface RepetitionBounds {
  readonly minCount: number;
  /** Infinity for `*`, `+` and `{n,}`. */
  readonly maxCount: number;
  /** How far past its minimum an unbounded quantifier may go when no length budget says otherwise. */
  readonly maxRepeat: number;
}

/** A quantified node. Greedy and lazy forms match the same full strings, so both generate alike. */
export function repetitionNode(body: CompiledNode, bounds: RepetitionBounds, groups: GroupSpan): CompiledNode {
  const { minCount, maxCount } = bounds;
  if (body.impossible) return minCount === 0 ? EMPTY_NODE : IMPOSSIBLE_NODE;
  if (maxCount === 0 || body.zeroWidth) return EMPTY_NODE;
  if (body.literal !== undefined && minCount === maxCount && groups.count === 0) {
    return literalNode(body.literal.text.repeat(minCount), body.literal.length * minCount);
  }

  const minLength = minCount * body.minLength;
  const maxLength = body.maxLength === 0 ? 0 : maxCount * body.maxLength;
  const chooseCount = countChooser(body, bounds);
  const emit =
    body.chars !== undefined && groups.count === 0
      ? repeatCharsEmit(body, chooseCount)
      : repeatBodyEmit(body, chooseCount, groups);
  return {
    minLength,
    maxLength,
    impossible: false,
    anchoredStart: minCount >= 1 && body.anchoredStart,
    anchoredEnd: minCount >= 1 && body.anchoredEnd,
    zeroWidth: false,
    emit,
  };
}

type CountChooser = (rng: Rng, minLength: number, maxLength: number) => number;

/**
 * Picks how many repetitions to emit: uniform over the counts whose total length could land in the
 * budget, with unbounded quantifiers capped at `maxRepeat` past the larger of their minimum and what
 * the budget's minimum demands.
 */
function countChooser(body: CompiledNode, bounds: RepetitionBounds): CountChooser {
  const { minCount, maxCount, maxRepeat } = bounds;
  const itemMin = body.minLength;
  const itemMax = body.maxLength;
  return (rng, minLength, maxLength) => {
    let fewest = minCount;
    if (minLength > 0 && itemMax > 0) fewest = Math.max(fewest, Math.ceil(minLength / itemMax));
    let most = maxCount === Infinity ? fewest + maxRepeat : maxCount;
    if (itemMin > 0 && maxLength !== Infinity) most = Math.min(most, Math.floor(maxLength / itemMin));
    // No count fits the budget: take the nearest legal one and let verification judge.
    if (most < fewest) return Math.max(minCount, Math.min(most, maxCount));
    return most === fewest ? fewest : rng.intBetween(fewest, most);
  };
}

function repeatCharsEmit(body: CompiledNode, chooseCount: CountChooser): Emit {
  const chars = body.chars;
  const members = chars?.members;
  if (members !== undefined) {
    const size = members.length;
    return (rng, state, minLength, maxLength) => {
      const count = chooseCount(rng, minLength, maxLength);
      let text = state.text;
      for (let i = 0; i < count; i++) text += members[rng.below(size)] as string;
      state.text = text;
      state.length += count;
    };
  }
  const pick = (chars as NonNullable<typeof chars>).pick;
  return (rng, state, minLength, maxLength) => {
    const count = chooseCount(rng, minLength, maxLength);
    let text = state.text;
    for (let i = 0; i < count; i++) text += pick(rng);
    state.text = text;
    state.length += count;
  };
}

function repeatBodyEmit(body: CompiledNode, chooseCount: CountChooser, groups: GroupSpan): Emit {
  const emitBody = body.emit;
  const itemMin = body.minLength;
  const itemMax = body.maxLength;
  const clearsCaptures = groups.count > 0;
  return (rng, state, minLength, maxLength) => {
    const count = chooseCount(rng, minLength, maxLength);
    const start = state.length;
    for (let i = 0; i < count; i++) {
      if (clearsCaptures) state.clearCaptures(groups.first, groups.count);
      const remaining = count - 1 - i;
      const used = state.length - start;
      const restMax = remaining === 0 ? 0 : remaining * itemMax;
      const partMin = Math.max(itemMin, minLength - used - restMax);
      const partMax = Math.min(itemMax, maxLength - used - remaining * itemMin);
      emitBody(rng, state, partMin, partMax);
    }
  };
}
