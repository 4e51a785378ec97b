import type { CharacterClass, CharacterClassEscape, Dot, UnicodePropertyEscape } from "regjsparser";
import { choicesFromMembers, choicesFromRanges, type CharChoices } from "./char-choices.js";
import { mergeRanges, type CodePointRange } from "./code-points.js";
import { preferredMembers } from "./sample-tiers.js";

export type CharSetNode = CharacterClass | CharacterClassEscape | UnicodePropertyEscape | Dot;

const DIGIT_RANGES: readonly CodePointRange[] = [[0x30, 0x39]];
const WORD_RANGES: readonly CodePointRange[] = [[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]];

/**
 * What one character matching `node` may be; undefined when nothing can match (e.g. `[^\s\S]`).
 * Sets the author spelled out (`[A-Z0-9_]`, `\d`, `\w`) are sampled uniformly over every member;
 * sets defined by exclusion or property are sampled from their most ordinary members (see
 * sample-tiers.ts).
 */
export function compileCharSet(node: CharSetNode): CharChoices | undefined {
  const ranges = spelledOutRanges(node);
  if (ranges !== undefined) return choicesFromRanges(mergeRanges(ranges));
  return choicesFromMembers(preferredMembers(node.raw));
}

function spelledOutRanges(node: CharSetNode): CodePointRange[] | undefined {
  if (node.type === "characterClassEscape") return escapeRanges(node);
  if (node.type !== "characterClass" || node.negative) return undefined;
  const ranges: CodePointRange[] = [];
  for (const item of node.body) {
    switch (item.type) {
      case "value":
        ranges.push([item.codePoint, item.codePoint]);
        break;
      case "characterClassRange":
        ranges.push([item.min.codePoint, item.max.codePoint]);
        break;
      case "characterClassEscape": {
        const escaped = escapeRanges(item);
        if (escaped === undefined) return undefined;
        ranges.push(...escaped);
        break;
      }
      default:
        return undefined;
    }
  }
  return ranges;
}

/** \s is left to the tiers on purpose: spelled out it would be mostly exotic spaces and line breaks. */
function escapeRanges(node: CharacterClassEscape): CodePointRange[] | undefined {
  if (node.value === "d") return [...DIGIT_RANGES];
  if (node.value === "w") return [...WORD_RANGES];
  return undefined;
}
