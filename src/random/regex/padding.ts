import type { CompiledNode, Emit } from "./compiled-node.js";
import { sequenceNode } from "./sequence.js";

/** Letters, digits and separators: a mix that lets `\b` and similar assertions succeed on retry. */
export const FILLER = "abcdefghijklmnopqrstuvwxyz0123456789 -";

/**
 * JSON Schema patterns are not anchored, so text may surround a match. When minLength asks for more
 * than the pattern itself can produce, filler goes on whichever side is not anchored.
 */
export function padToMinLength(root: CompiledNode, minLength: number): CompiledNode {
  const shortfall = minLength - root.maxLength;
  if (shortfall <= 0 || (root.anchoredStart && root.anchoredEnd)) return root;
  const filler = fillerNode(shortfall);
  return root.anchoredEnd ? sequenceNode([filler, root]) : sequenceNode([root, filler]);
}

/** Emits exactly as much as the budget demands and nothing more: the pattern's own text comes first. */
function fillerNode(maxLength: number): CompiledNode {
  const emit: Emit = (rng, state, minLength) => {
    let text = state.text;
    for (let i = 0; i < minLength; i++) text += FILLER[rng.below(FILLER.length)] as string;
    state.text = text;
    state.length += Math.max(0, minLength);
  };
  return {
    minLength: 0,
    maxLength,
    impossible: false,
    anchoredStart: false,
    anchoredEnd: false,
    zeroWidth: false,
    emit,
  };
}
