import type { Rng } from "../rng.js";
import { choicesFromMembers, type CharChoices } from "./char-choices.js";
import type { GenerationState } from "./generation-state.js";

/**
 * Appends one match of a node to `state`. `minLength`/`maxLength` (code points) is the budget the
 * caller wants this piece to fit, already narrowed to what the node can produce where possible;
 * nodes honour it when they have a choice and ignore it when they have none.
 */
export type Emit = (rng: Rng, state: GenerationState, minLength: number, maxLength: number) => void;

/** A regex node turned into a generator, with the facts its parents need to plan lengths. */
export interface CompiledNode {
  readonly minLength: number;
  /** Infinity when unbounded. */
  readonly maxLength: number;
  /** No string can match: an empty character class on every path. */
  readonly impossible: boolean;
  /** Every match starts at the start of the input (a leading `^` on every path). */
  readonly anchoredStart: boolean;
  /** Every match ends at the end of the input. */
  readonly anchoredEnd: boolean;
  /** Consumes nothing and is not generated: anchors, `\b`, lookarounds. Verification judges them. */
  readonly zeroWidth: boolean;
  /** Set when the node always emits this text, so neighbouring literals can be merged. */
  readonly literal?: { readonly text: string; readonly length: number };
  /** Set when the node emits exactly one character from a set, so repetitions can loop tightly. */
  readonly chars?: CharChoices;
  /**
   * Set when the node emits one of these equally likely strings, all `minLength` long, so that
   * neighbours can be fused into one table and cost one draw (see fixed-runs.ts).
   */
  readonly outcomes?: readonly string[];
  readonly emit: Emit;
  /**
   * Set when the node's text can be drawn on its own, without a length budget, captures or state:
   * the same text `emit` appends when given the node's own bounds as the budget, from the same draws.
   * Patterns that are exact by construction (see exactness.ts) sample through it directly.
   */
  readonly direct?: Direct;
}

/** Draws one match of a node as a string (see CompiledNode.direct). */
export type Direct = (rng: Rng) => string;

const emitNothing: Emit = () => {};

export const EMPTY_NODE: CompiledNode = {
  minLength: 0,
  maxLength: 0,
  impossible: false,
  anchoredStart: false,
  anchoredEnd: false,
  zeroWidth: false,
  literal: { text: "", length: 0 },
  emit: emitNothing,
  direct: () => "",
};

export const IMPOSSIBLE_NODE: CompiledNode = { ...EMPTY_NODE, impossible: true, literal: undefined, direct: undefined };

export function zeroWidthNode(anchors: { start?: boolean; end?: boolean } = {}): CompiledNode {
  return {
    ...EMPTY_NODE,
    literal: undefined,
    direct: undefined,
    zeroWidth: true,
    anchoredStart: anchors.start ?? false,
    anchoredEnd: anchors.end ?? false,
  };
}

export function literalNode(text: string, length: number): CompiledNode {
  if (length === 0) return EMPTY_NODE;
  return {
    minLength: length,
    maxLength: length,
    impossible: false,
    anchoredStart: false,
    anchoredEnd: false,
    zeroWidth: false,
    literal: { text, length },
    outcomes: [text],
    emit: (_rng, state) => {
      state.text += text;
      state.length += length;
    },
    direct: () => text,
  };
}

export function charNode(chars: CharChoices | undefined): CompiledNode {
  if (chars === undefined) return IMPOSSIBLE_NODE;
  const onlyMember = chars.size === 1 ? chars.members?.[0] : undefined;
  if (onlyMember !== undefined) return literalNode(onlyMember, 1);
  const members = chars.members;
  const size = chars.size;
  const pick = chars.pick;
  const emit: Emit =
    members !== undefined
      ? (rng, state) => {
          state.text += members[rng.below(size)] as string;
          state.length += 1;
        }
      : (rng, state) => {
          state.text += pick(rng);
          state.length += 1;
        };
  return {
    minLength: 1,
    maxLength: 1,
    impossible: false,
    anchoredStart: false,
    anchoredEnd: false,
    zeroWidth: false,
    chars,
    outcomes: members,
    emit,
    direct: members !== undefined ? (rng) => members[rng.below(size)] as string : pick,
  };
}

/** One draw from equally likely strings of `length` code points each. */
export function tableNode(outcomes: readonly string[], length: number): CompiledNode {
  if (length === 1) return charNode(choicesFromMembers(outcomes));
  const only = outcomes.length === 1 ? outcomes[0] : undefined;
  if (only !== undefined) return literalNode(only, length);
  const size = outcomes.length;
  return {
    minLength: length,
    maxLength: length,
    impossible: false,
    anchoredStart: false,
    anchoredEnd: false,
    zeroWidth: false,
    outcomes,
    emit: (rng, state) => {
      state.text += outcomes[rng.below(size)] as string;
      state.length += length;
    },
    direct: (rng) => outcomes[rng.below(size)] as string,
  };
}
