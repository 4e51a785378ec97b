import type { Rng } from "../rng.js";
import type { CharChoices } from "./char-choices.js";
import { charTuples, type CharTuples } from "./char-tuples.js";
import { EMPTY_NODE, IMPOSSIBLE_NODE, literalNode, type CompiledNode, type Direct, type Emit } from "./compiled-node.js";
import type { GroupSpan } from "./capture-groups.js";

export interface RepetitionBounds {
  readonly minCount: number;
  /** Infinity for `*`, `+` and `{n,}`. */
  readonly maxCount: number;
  /** How far past its minimum an unbounded quantifier may go when no length budget says otherwise. */
  readonly maxRepeat: number;
}

/** `x{n}` becomes one string up to this size; beyond it, repeating at sample time saves memory. */
const LONGEST_PRECOMPUTED_LITERAL = 4096;

/** A quantified node. Greedy and lazy forms match the same full strings, so both generate alike. */
export function repetitionNode(body: CompiledNode, bounds: RepetitionBounds, groups: GroupSpan): CompiledNode {
  const { minCount, maxCount } = bounds;
  if (body.impossible) return minCount === 0 ? EMPTY_NODE : IMPOSSIBLE_NODE;
  if (maxCount === 0) return EMPTY_NODE;
  // Repeating an assertion asserts it once (or not at all), and keeps its anchoring.
  if (body.zeroWidth) return minCount >= 1 ? body : EMPTY_NODE;
  if (
    body.literal !== undefined &&
    minCount === maxCount &&
    groups.count === 0 &&
    body.literal.length * minCount <= LONGEST_PRECOMPUTED_LITERAL
  ) {
    return literalNode(body.literal.text.repeat(minCount), body.literal.length * minCount);
  }

  const minLength = minCount * body.minLength;
  const maxLength = body.maxLength === 0 ? 0 : maxCount * body.maxLength;
  const chooseCount = countChooser(body, bounds);
  const emit =
    body.chars !== undefined && groups.count === 0
      ? repeatCharsEmit(body.chars, chooseCount, bounds)
      : repeatBodyEmit(body, chooseCount, minCount, groups);
  const direct = groups.count === 0 ? repeatDirect(body, bounds) : undefined;
  return {
    outcomes: fixedOutcomes(body, bounds, groups),
    minLength,
    maxLength,
    impossible: false,
    anchoredStart: minCount >= 1 && body.anchoredStart,
    anchoredEnd: minCount >= 1 && body.anchoredEnd,
    zeroWidth: false,
    emit,
    ...(direct ? { direct } : {}),
  };
}

/**
 * The repetition drawn without a budget: the count as `countChooser` picks it when the budget is the
 * node's own bounds, then the same draws as the matching emit.
 */
function repeatDirect(body: CompiledNode, bounds: RepetitionBounds): Direct | undefined {
  const { minCount, maxCount, maxRepeat } = bounds;
  const most = maxCount === Infinity ? minCount + maxRepeat : maxCount;
  const members = body.chars?.members;
  if (body.chars !== undefined && members !== undefined) {
    const tuples = charTuples(members);
    const width = tuples.width;
    const widest = tuples.byLength[width] as readonly string[];
    const widestSize = widest.length;
    if (minCount === maxCount) {
      const widestDraws = Math.floor(minCount / width);
      const rest = tuples.byLength[minCount % width] as readonly string[];
      const restSize = rest.length;
      if (widestDraws === 1 && restSize === 0) return (rng) => widest[rng.below(widestSize)] as string;
      if (widestDraws === 2 && restSize === 0) return (rng) => (widest[rng.below(widestSize)] as string) + (widest[rng.below(widestSize)] as string);
      return (rng) => {
        let text = "";
        for (let i = 0; i < widestDraws; i++) text += widest[rng.below(widestSize)] as string;
        if (restSize > 0) text += rest[rng.below(restSize)] as string;
        return text;
      };
    }
    return (rng) => {
      const count = rng.intBetween(minCount, most);
      let text = "";
      let remaining = count;
      for (; remaining >= width; remaining -= width) text += widest[rng.below(widestSize)] as string;
      if (remaining > 0) {
        const shorter = tuples.byLength[remaining] as readonly string[];
        text += shorter[rng.below(shorter.length)] as string;
      }
      return text;
    };
  }
  const item = body.chars !== undefined ? body.chars.pick : body.direct;
  if (item === undefined) return undefined;
  return (rng) => {
    const count = minCount === maxCount ? minCount : rng.intBetween(minCount, most);
    let text = "";
    for (let i = 0; i < count; i++) text += item(rng);
    return text;
  };
}

/** `[A-Z]{2}` is one of 676 equally likely strings, which a neighbour may fuse with. */
function fixedOutcomes(body: CompiledNode, bounds: RepetitionBounds, groups: GroupSpan): readonly string[] | undefined {
  const members = body.chars?.members;
  if (members === undefined || bounds.minCount !== bounds.maxCount || groups.count > 0) return undefined;
  return charTuples(members).byLength[bounds.minCount];
}

type CountChooser = (rng: Rng, minLength: number, maxLength: number) => number;

/**
 * Picks how many repetitions to emit: uniform over the counts whose total length could land in the
 * budget, with unbounded quantifiers capped at `maxRepeat` past the larger of their minimum and what
 * the budget's minimum demands.
 */
function countChooser(body: CompiledNode, bounds: RepetitionBounds): CountChooser {
  const { minCount, maxCount, maxRepeat } = bounds;
  if (minCount === maxCount) return () => minCount;
  const itemMin = body.minLength;
  const itemMax = body.maxLength;
  const freeMost = maxCount === Infinity ? minCount + maxRepeat : maxCount;
  const fewestLength = minCount * itemMin;
  const mostLength = maxCount === Infinity || itemMax === Infinity ? Infinity : maxCount * itemMax;
  return (rng, minLength, maxLength) => {
    if (minLength <= fewestLength && maxLength >= mostLength) return rng.intBetween(minCount, freeMost);
    let fewest = minCount;
    if (minLength > 0 && itemMax > 0) fewest = Math.max(fewest, Math.ceil(minLength / itemMax));
    let most = maxCount === Infinity ? fewest + maxRepeat : maxCount;
    if (itemMin > 0 && maxLength !== Infinity) most = Math.min(most, Math.floor(maxLength / itemMin));
    // No count fits the budget: take the nearest legal one and let verification judge.
    if (most < fewest) return Math.max(minCount, Math.min(most, maxCount));
    return most === fewest ? fewest : rng.intBetween(fewest, most);
  };
}

function repeatCharsEmit(chars: CharChoices, chooseCount: CountChooser, bounds: RepetitionBounds): Emit {
  const members = chars.members;
  if (members !== undefined) {
    const tuples = charTuples(members);
    return bounds.minCount === bounds.maxCount
      ? fixedTuplesEmit(tuples, bounds.minCount)
      : repeatTuplesEmit(tuples, chooseCount);
  }
  const pick = chars.pick;
  return (rng, state, minLength, maxLength) => {
    const count = chooseCount(rng, minLength, maxLength);
    let text = state.text;
    for (let i = 0; i < count; i++) text += pick(rng);
    state.text = text;
    state.length += count;
  };
}

/** `[0-9]{10}` and the like: the draws are all known at compile time, so no count is chosen. */
function fixedTuplesEmit(tuples: CharTuples, count: number): Emit {
  const width = tuples.width;
  const widest = tuples.byLength[width] as readonly string[];
  const widestSize = widest.length;
  const widestDraws = Math.floor(count / width);
  const rest = tuples.byLength[count % width] as readonly string[];
  const restSize = rest.length;
  return (rng, state) => {
    let text = state.text;
    for (let i = 0; i < widestDraws; i++) text += widest[rng.below(widestSize)] as string;
    if (restSize > 0) text += rest[rng.below(restSize)] as string;
    state.text = text;
    state.length += count;
  };
}

function repeatTuplesEmit(tuples: CharTuples, chooseCount: CountChooser): Emit {
  const width = tuples.width;
  const widest = tuples.byLength[width] as readonly string[];
  const widestSize = widest.length;
  return (rng, state, minLength, maxLength) => {
    const count = chooseCount(rng, minLength, maxLength);
    let text = state.text;
    let remaining = count;
    for (; remaining >= width; remaining -= width) text += widest[rng.below(widestSize)] as string;
    if (remaining > 0) {
      const shorter = tuples.byLength[remaining] as readonly string[];
      text += shorter[rng.below(shorter.length)] as string;
    }
    state.text = text;
    state.length += count;
  };
}

function repeatBodyEmit(body: CompiledNode, chooseCount: CountChooser, minCount: number, groups: GroupSpan): Emit {
  const emitBody = body.emit;
  const itemMin = body.minLength;
  const itemMax = body.maxLength;
  const clearsCaptures = groups.count > 0;
  return (rng, state, minLength, maxLength) => {
    const count = chooseCount(rng, minLength, maxLength);
    const start = state.length;
    for (let i = 0; i < count; i++) {
      const used = state.length - start;
      // Bodies whose length is only known when emitted (backreferences) can outrun the plan:
      // optional repetitions stop once the budget is spent.
      if (i >= minCount && used >= maxLength) break;
      if (clearsCaptures) state.clearCaptures(groups.first, groups.count);
      const remaining = count - 1 - i;
      const restMax = remaining === 0 ? 0 : remaining * itemMax;
      const partMin = Math.max(itemMin, minLength - used - restMax);
      const partMax = Math.min(itemMax, maxLength - used - remaining * itemMin);
      emitBody(rng, state, partMin, partMax);
    }
  };
}
