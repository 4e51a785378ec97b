import type { TextCase } from "../../stats/types.js";

/**
 * What free text looks like as words, without the words: how many words each value holds, their mean
 * length, and how the value is capitalised. One figure of each per value, so every count rests on
 * records, not on words (one record's words could otherwise fill a quantile on their own).
 */

export const TEXT_CASES: readonly TextCase[] = ["title", "sentence", "lower", "upper"];

const WHITESPACE = /\s+/;
/** A word's leading letter, when it has one (after any opening punctuation: "(Nuovo"). */
const LEADING_LETTER = /^[^\p{L}\p{N}]*(\p{L})/u;

/** Mean word length is kept to a tenth of a character. */
export const WORD_LENGTH_SCALE = 10;

export class WordShape {
  /** Values by their number of words. */
  readonly counts = new Map<number, number>();
  /** Values by their mean word length, in tenths of a character. */
  readonly lengths = new Map<number, number>();
  /** Values of each case (TEXT_CASES order); values that fit several (one capitalised word) count for none. */
  readonly cases = new Uint32Array(TEXT_CASES.length);

  add(text: string): void {
    const words = text.trim().split(WHITESPACE).filter((w) => w !== "");
    if (words.length === 0) return;
    this.counts.set(words.length, (this.counts.get(words.length) ?? 0) + 1);
    let characters = 0;
    for (const word of words) characters += word.length;
    const mean = Math.round((characters / words.length) * WORD_LENGTH_SCALE);
    this.lengths.set(mean, (this.lengths.get(mean) ?? 0) + 1);
    const style = caseOf(text, words);
    if (style !== undefined) this.cases[TEXT_CASES.indexOf(style)]!++;
  }
}

/** The one case a value is written in, or undefined when it fits none or several. */
export function caseOf(text: string, words: readonly string[]): TextCase | undefined {
  const hasLower = text !== text.toUpperCase();
  const hasUpper = text !== text.toLowerCase();
  if (!hasLower && !hasUpper) return undefined;
  if (!hasLower) return "upper";
  if (!hasUpper) return "lower";
  let lettered = 0, capitalised = 0, firstCapital: boolean | undefined;
  for (const word of words) {
    const letter = LEADING_LETTER.exec(word)?.[1];
    if (letter === undefined) continue;
    const capital = letter !== letter.toLowerCase();
    firstCapital ??= capital;
    lettered++;
    if (capital) capitalised++;
  }
  if (lettered < 2 || !firstCapital) return undefined;
  // Titles keep short words in lower case ("Escape from New York"): most words capitalised is a title.
  return capitalised * 2 > lettered ? "title" : "sentence";
}
