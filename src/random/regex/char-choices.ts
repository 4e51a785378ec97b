import type { Rng } from "../rng.js";
import { rangeMemberCount, type CodePointRange } from "./code-points.js";

export type CharPicker = (rng: Rng) => string;

/** The characters one position may hold, precomputed so that a draw is a single `rng.below`. */
export interface CharChoices {
  readonly size: number;
  readonly pick: CharPicker;
  /** Present when the set is small enough to keep as strings; hot loops index it directly. */
  readonly members?: readonly string[];
}

/** Above this many members a set is kept as ranges, so `[\u0000-\u{10FFFF}]` costs no memory. */
const MATERIALISE_LIMIT = 65536;

export function choicesFromMembers(members: readonly string[]): CharChoices | undefined {
  const size = members.length;
  if (size === 0) return undefined;
  if (size === 1) {
    const only = members[0] as string;
    return { size, members, pick: () => only };
  }
  return { size, members, pick: (rng) => members[rng.below(size)] as string };
}

export function choicesFromRanges(ranges: readonly CodePointRange[]): CharChoices | undefined {
  const size = rangeMemberCount(ranges);
  if (size <= MATERIALISE_LIMIT) return choicesFromMembers(materialise(ranges));
  return { size, pick: rangePicker(ranges, size) };
}

function materialise(ranges: readonly CodePointRange[]): string[] {
  const members: string[] = [];
  for (const [first, last] of ranges) {
    for (let codePoint = first; codePoint <= last; codePoint++) members.push(String.fromCodePoint(codePoint));
  }
  return members;
}

/** Uniform over members: draw an offset, then binary-search the range that holds it. */
function rangePicker(ranges: readonly CodePointRange[], size: number): CharPicker {
  const firsts = ranges.map((range) => range[0]);
  const offsetsBefore: number[] = [];
  let running = 0;
  for (const [first, last] of ranges) {
    offsetsBefore.push(running);
    running += last - first + 1;
  }
  return (rng) => {
    const offset = rng.below(size);
    let low = 0;
    let high = offsetsBefore.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if ((offsetsBefore[middle] as number) <= offset) low = middle;
      else high = middle - 1;
    }
    return String.fromCodePoint((firsts[low] as number) + offset - (offsetsBefore[low] as number));
  };
}
