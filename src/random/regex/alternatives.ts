import { choicesFromMembers } from "./char-choices.js";
import type { Rng } from "../rng.js";
import { charNode, IMPOSSIBLE_NODE, type CompiledNode, type Direct, type Emit } from "./compiled-node.js";

/** Disjunction: one alternative, uniformly among those that can fit the length budget. */
export function alternativesNode(options: readonly CompiledNode[]): CompiledNode {
  const viable = options.filter((option) => !option.impossible);
  if (viable.length === 0) return IMPOSSIBLE_NODE;
  const anchoredStart = viable.every((option) => option.anchoredStart);
  const anchoredEnd = viable.every((option) => option.anchoredEnd);
  const only = viable[0] as CompiledNode;
  if (viable.length === 1) return only;

  // `a|b|c` is a character set with the same uniform distribution, and loops faster as one.
  if (viable.every((option) => option.literal?.length === 1 && !option.anchoredStart && !option.anchoredEnd)) {
    return charNode(choicesFromMembers(viable.map((option) => option.literal?.text ?? "")));
  }

  const minLength = Math.min(...viable.map((option) => option.minLength));
  const maxLength = Math.max(...viable.map((option) => option.maxLength));
  return {
    minLength,
    maxLength,
    impossible: false,
    anchoredStart,
    anchoredEnd,
    zeroWidth: viable.every((option) => option.zeroWidth),
    emit: alternativesEmit(viable, minLength, maxLength),
    ...directAlternatives(viable),
  };
}

/** One alternative, uniformly, as the emit picks it when the budget is the node's own bounds. */
function directAlternatives(options: readonly CompiledNode[]): { direct: Direct } | {} {
  const directs = options.map((option) => option.direct);
  if (!directs.every((d): d is Direct => d !== undefined)) return {};
  const count = directs.length;
  return { direct: (rng: Rng) => (directs[rng.below(count)] as Direct)(rng) };
}

function alternativesEmit(options: readonly CompiledNode[], widestMin: number, widestMax: number): Emit {
  const count = options.length;
  const emits = options.map((option) => option.emit);
  const mins = options.map((option) => option.minLength);
  const maxs = options.map((option) => option.maxLength);

  return (rng, state, minLength, maxLength) => {
    if (minLength <= widestMin && maxLength >= widestMax) {
      const chosen = rng.below(count);
      (emits[chosen] as Emit)(rng, state, mins[chosen] as number, maxs[chosen] as number);
      return;
    }
    let fitting = 0;
    for (let i = 0; i < count; i++) {
      if ((mins[i] as number) <= maxLength && (maxs[i] as number) >= minLength) fitting++;
    }
    let chosen = 0;
    if (fitting === 0) {
      // Nothing fits: emit something anyway and let verification reject it.
      chosen = rng.below(count);
    } else {
      let skip = rng.below(fitting);
      for (; chosen < count; chosen++) {
        if ((mins[chosen] as number) > maxLength || (maxs[chosen] as number) < minLength) continue;
        if (skip === 0) break;
        skip--;
      }
    }
    const optionMin = Math.max(mins[chosen] as number, minLength);
    const optionMax = Math.min(maxs[chosen] as number, maxLength);
    (emits[chosen] as Emit)(rng, state, optionMin, optionMax);
  };
}
