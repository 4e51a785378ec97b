import type { CompiledNode, Emit } from "./compiled-node.js";

/** A capturing group records what its body emitted, for backreferences to repeat. */
export function capturingGroupNode(body: CompiledNode, number: number): CompiledNode {
  const emitBody = body.emit;
  const emit: Emit = (rng, state, minLength, maxLength) => {
    const textStart = state.text.length;
    const lengthStart = state.length;
    emitBody(rng, state, minLength, maxLength);
    state.captures[number] = state.text.slice(textStart);
    state.captureLengths[number] = state.length - lengthStart;
  };
  // Not a literal any more: merging would lose the capture.
  return { ...body, literal: undefined, chars: undefined, outcomes: undefined, direct: undefined, zeroWidth: false, emit };
}

/**
 * `\1` or `\k<name>` re-emits the captured text. A group that has not participated captures
 * nothing, and the reference then matches the empty string, as in ECMA-262.
 * `maxLength` is the longest the referenced group(s) can capture.
 */
export function backreferenceNode(numbers: readonly number[], maxLength: number): CompiledNode {
  const emit: Emit = (_rng, state) => {
    for (const number of numbers) {
      const captured = state.captures[number];
      if (captured === undefined) continue;
      state.text += captured;
      state.length += state.captureLengths[number] as number;
      return;
    }
  };
  return {
    // A group that never participated makes the reference empty, so 0 is the only safe minimum.
    minLength: 0,
    maxLength,
    impossible: false,
    anchoredStart: false,
    anchoredEnd: false,
    zeroWidth: false,
    emit,
  };
}
