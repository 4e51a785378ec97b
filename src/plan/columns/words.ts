import type { Rng } from "../../random/rng.js";
import type { TextCase, WordStats } from "../../stats/types.js";
import type { Sample } from "../sampler.js";
import { isPlainText, plain } from "../plain-text.js";
import { quantileDraw } from "./inverse-cdf.js";

/** A word's length varies this many characters either side of the value's drawn mean. */
const LENGTH_SPREAD = 2;

/**
 * Free text as words from a word list that holds nothing real (faker's lorem words): as many words as
 * the published distribution says, each about as long as the value's drawn mean word length, written
 * in the published case, and always within the schema's length bounds (words dropped or added, and
 * the last one cut, until the value fits).
 */
export function wordsFromStats(stats: WordStats, wordList: readonly string[], bounds: { min: number; max?: number }): Sample<string> {
  const vocabulary = [...new Set(wordList)].filter((word) => word !== "" && !/\s/.test(word));
  const byLength = new Map<number, string[]>();
  for (const word of vocabulary) {
    const list = byLength.get(word.length);
    if (list) list.push(word);
    else byLength.set(word.length, [word]);
  }
  const available = [...byLength.keys()].sort((a, b) => a - b);
  const nearest = (length: number): string[] => {
    let best = available[0]!;
    for (const candidate of available) if (Math.abs(candidate - length) < Math.abs(best - length)) best = candidate;
    return byLength.get(best)!;
  };
  const pools = new Map<number, string[]>();
  const poolFor = (length: number): string[] => {
    let pool = pools.get(length);
    if (!pool) pools.set(length, (pool = nearest(length)));
    return pool;
  };
  const drawCount = quantileDraw(stats.count);
  const drawLength = stats.length ? quantileDraw(stats.length) : undefined;
  const style: TextCase | undefined = stats.case;
  const { min, max } = bounds;

  const word = (rng: Rng, mean: number | undefined, index: number): string => {
    const pool = mean === undefined ? vocabulary : poolFor(Math.max(1, Math.round(mean) - LENGTH_SPREAD + rng.below(2 * LENGTH_SPREAD + 1)));
    return written(pool[rng.below(pool.length)]!, style, index);
  };

  const sample: Sample<string> = (rng) => {
    const n = Math.max(1, Math.round(drawCount(rng)));
    const mean = drawLength ? drawLength(rng) : undefined;
    let text = word(rng, mean, 0);
    let i = 1;
    for (; i < n; i++) {
      const next = word(rng, mean, i);
      if (max !== undefined && text.length + 1 + next.length > max) break;
      text += " " + next;
    }
    while (text.length < min) text += " " + word(rng, mean, i++);
    if (max !== undefined && text.length > max) text = text.slice(0, max).trimEnd().padEnd(Math.min(max, Math.max(min, 1)), "a");
    return text;
  };
  return vocabulary.every(isPlainText) ? plain(sample) : sample;
}

function written(word: string, style: TextCase | undefined, index: number): string {
  switch (style) {
    case "upper":
      return word.toUpperCase();
    case "title":
      return capitalised(word);
    case "sentence":
      return index === 0 ? capitalised(word) : word;
    default:
      return word;
  }
}

function capitalised(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
