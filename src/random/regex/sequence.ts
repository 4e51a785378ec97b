import type { Rng } from "../rng.js";
import { fuseFixedRuns } from "./fixed-runs.js";
import { EMPTY_NODE, IMPOSSIBLE_NODE, literalNode, type CompiledNode, type Direct, type Emit } from "./compiled-node.js";

/** Concatenation (a regex "alternative"): each part in turn, sharing out the length budget. */
export function sequenceNode(allParts: readonly CompiledNode[]): CompiledNode {
  if (allParts.some((part) => part.impossible)) return IMPOSSIBLE_NODE;
  const parts = withoutPartsOutsideAnchors(allParts);
  const anchoredStart = leadsWithAnchor(parts, "anchoredStart");
  const anchoredEnd = leadsWithAnchor([...parts].reverse(), "anchoredEnd");
  const generated = fuseFixedRuns(mergeLiterals(parts.filter((part) => !part.zeroWidth)));

  if (generated.length === 0) {
    return { ...EMPTY_NODE, anchoredStart, anchoredEnd, zeroWidth: parts.every((part) => part.zeroWidth) };
  }
  const only = generated[0] as CompiledNode;
  if (generated.length === 1) return { ...only, anchoredStart, anchoredEnd };

  const minLength = generated.reduce((sum, part) => sum + part.minLength, 0);
  const maxLength = generated.reduce((sum, part) => sum + part.maxLength, 0);
  return {
    minLength,
    maxLength,
    impossible: false,
    anchoredStart,
    anchoredEnd,
    zeroWidth: false,
    emit: sequenceEmit(generated, minLength, maxLength),
    ...directSequence(generated),
  };
}

/** Each part's own text in turn, when every part can be drawn on its own. */
function directSequence(parts: readonly CompiledNode[]): { direct: Direct } | {} {
  const directs = parts.map((part) => part.direct);
  if (!directs.every((d): d is Direct => d !== undefined)) return {};
  const [a, b, c, d] = directs as [Direct, Direct, Direct, Direct];
  switch (directs.length) {
    case 2:
      return { direct: (rng: Rng) => a(rng) + b(rng) };
    case 3:
      return { direct: (rng: Rng) => a(rng) + b(rng) + c(rng) };
    case 4:
      return { direct: (rng: Rng) => a(rng) + b(rng) + c(rng) + d(rng) };
    default:
      return {
        direct: (rng: Rng) => {
          let text = "";
          for (let i = 0; i < directs.length; i++) text += (directs[i] as Direct)(rng);
          return text;
        },
      };
  }
}

/**
 * Without the m flag nothing can precede a `^` or follow a `$`, so parts there that may be empty
 * must be, and are left out rather than left to chance (`a*^b` would otherwise fail 8 times in 9).
 */
function withoutPartsOutsideAnchors(parts: readonly CompiledNode[]): readonly CompiledNode[] {
  const lastStartAnchor = parts.findLastIndex((part) => part.anchoredStart);
  const firstEndAnchor = parts.findIndex((part) => part.anchoredEnd);
  if (lastStartAnchor <= 0 && (firstEndAnchor === -1 || firstEndAnchor === parts.length - 1)) return parts;
  return parts.filter((part, index) => {
    const outside = index < lastStartAnchor || (firstEndAnchor !== -1 && index > firstEndAnchor);
    return !(outside && part.minLength === 0 && !part.zeroWidth);
  });
}

/** Zero-width parts such as `(?=...)` or `\b` may sit before the anchor without unanchoring. */
function leadsWithAnchor(parts: readonly CompiledNode[], side: "anchoredStart" | "anchoredEnd"): boolean {
  for (const part of parts) {
    if (part[side]) return true;
    if (!part.zeroWidth) return false;
  }
  return false;
}

function mergeLiterals(parts: readonly CompiledNode[]): CompiledNode[] {
  const merged: CompiledNode[] = [];
  for (const part of parts) {
    const previous = merged[merged.length - 1];
    if (previous?.literal !== undefined && part.literal !== undefined) {
      merged[merged.length - 1] = literalNode(
        previous.literal.text + part.literal.text,
        previous.literal.length + part.literal.length,
      );
    } else {
      merged.push(part);
    }
  }
  return merged;
}

function sequenceEmit(parts: readonly CompiledNode[], totalMin: number, totalMax: number): Emit {
  const count = parts.length;
  const emits = parts.map((part) => part.emit);
  const mins = parts.map((part) => part.minLength);
  const maxs = parts.map((part) => part.maxLength);
  // What the parts after index i can still absorb, so each part leaves room for the rest.
  const minAfter = new Array<number>(count).fill(0);
  const maxAfter = new Array<number>(count).fill(0);
  for (let i = count - 2; i >= 0; i--) {
    minAfter[i] = (minAfter[i + 1] as number) + (mins[i + 1] as number);
    maxAfter[i] = (maxAfter[i + 1] as number) + (maxs[i + 1] as number);
  }

  return (rng, state, minLength, maxLength) => {
    if (minLength <= totalMin && maxLength >= totalMax) {
      // The budget constrains nothing, so every part may use its full range.
      for (let i = 0; i < count; i++) (emits[i] as Emit)(rng, state, mins[i] as number, maxs[i] as number);
      return;
    }
    const start = state.length;
    for (let i = 0; i < count; i++) {
      const used = state.length - start;
      const partMin = Math.max(mins[i] as number, minLength - used - (maxAfter[i] as number));
      const partMax = Math.min(maxs[i] as number, maxLength - used - (minAfter[i] as number));
      (emits[i] as Emit)(rng, state, partMin, partMax);
    }
  };
}
