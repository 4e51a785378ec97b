import type { CodeListStats, StringStats, TextCase, WordStats } from "../stats/types.js";
import { CODE_POSITIONS, codeCount, type CodeListCandidate } from "./accumulators/code-lists.js";
import { TEXT_CASES, WORD_LENGTH_SCALE } from "./accumulators/word-shape.js";
import type { ColumnAccumulator } from "./column-accumulator.js";
import { orderFromCounts, tidyPoints, type Point } from "./disclosure/safe-quantiles.js";
import type { ColumnDecision } from "./infer-kind.js";
import { distribution, Histogram, nullCount, round6, withNullFraction, type ReleaseContext } from "./release-parts.js";

/**
 * What may be published about text that is not free prose: lists of codes (the codes and list lengths
 * held by at least K records), and words (how many, how long, how capitalised: never a word).
 */

export interface TextRelease {
  stats: StringStats;
  rows: number;
}

/** Share of a code list's budget for the null cell and list lengths; the rest goes to the codes. */
const LENGTHS_SHARE = 0.5;
/** Of the codes' part, when codes were withheld, the share for how many were. */
const WITHHELD_DISTINCT_SHARE = 0.1;

/**
 * A code list's release, or undefined when no list length is held by K records (the column is then
 * published as free text). Under a privacy budget a record adds one to each of its codes' counts, so
 * each list counts its first L codes only (L the longest published length) and the codes' noise is
 * scaled by L: the whole vector of counts then changes by at most L when a record comes or goes.
 */
export function codeListRelease(column: ColumnAccumulator, decision: ColumnDecision, context: ReleaseContext): TextRelease | undefined {
  const choice = decision.codeList!;
  const candidate = column.codeLists.finish().find((c) => c.delimiter === choice.delimiter);
  if (!candidate) return undefined;
  const k = context.minCount;
  const lengthEntries = [...candidate.lengths].sort((a, b) => a[0] - b[0]);
  const publishedLengths = lengthEntries.filter(([, count]) => count >= k);
  if (publishedLengths.length === 0) return undefined;
  const rareLists = lengthEntries.filter(([, count]) => count < k).reduce((sum, [, count]) => sum + count, 0);

  const histogram = new Histogram(context, LENGTHS_SHARE);
  const nulls = nullCount(column, context, histogram);
  const lengthCounts = publishedLengths.map(([, count]) => histogram.count(count));
  const otherLists = rareLists > 0 ? histogram.count(rareLists) : 0;
  const lengthTotal = lengthCounts.reduce((a, b) => a + b, 0);
  const nonNull = lengthTotal + otherLists;

  const codes = codeCounts(candidate, publishedLengths[publishedLengths.length - 1]![0], context, histogram.otherEpsilon);
  const list: CodeListStats = {
    delimiter: candidate.delimiter,
    codes: codes.published.map((c) => ({ value: c.value, frequency: codes.total > 0 ? round6(c.count / codes.total) : 0 })),
    lengths: publishedLengths.map(([length], i) => ({ length, frequency: lengthTotal > 0 ? round6(lengthCounts[i]! / lengthTotal) : 0 })),
  };
  if (choice.sorted) list.sorted = true;
  if (codes.withheld > 0) {
    list.suppressed = { codes: codes.withheldDistinct, frequency: codes.total > 0 ? round6(codes.withheldCount / codes.total) : 0 };
    context.log.suppressed.set(column.name, { categories: codes.withheld, values: codes.withheldTrue });
  }
  if (rareLists > 0) context.log.rareListLengths.push(column.name);
  context.log.codeLists.push(column.name);
  const stats: StringStats = { kind: "string", codes: list };
  withNullFraction(stats, nulls, nonNull + nulls);
  return { stats, rows: nonNull + nulls };
}

interface CodeCounts {
  published: Array<{ value: string; count: number }>;
  /** Published and withheld occurrences, as published. */
  total: number;
  withheld: number;
  withheldDistinct: number;
  withheldCount: number;
  withheldTrue: number;
}

function codeCounts(candidate: CodeListCandidate, longest: number, context: ReleaseContext, epsilon: number | undefined): CodeCounts {
  const k = context.minCount;
  const exact = [...candidate.codes].map(([value, positions]) => ({ value, positions, count: codeCount(positions) }));
  exact.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  const published = exact.filter((c) => c.count >= k);
  const withheld = exact.filter((c) => c.count < k);
  const withheldTrue = withheld.reduce((sum, c) => sum + c.count, 0);
  const privacy = context.privacy;
  if (!privacy) {
    const total = published.reduce((sum, c) => sum + c.count, 0) + withheldTrue;
    return { published: published.map(({ value, count }) => ({ value, count })), total, withheld: withheld.length, withheldDistinct: withheld.length, withheldCount: withheldTrue, withheldTrue };
  }
  // The last position slot also holds every later position, so the cap stays below it.
  const cap = Math.max(1, Math.min(longest, CODE_POSITIONS - 1));
  const share = withheld.length > 0 ? 1 - WITHHELD_DISTINCT_SHARE : 1;
  const scale = (epsilon! * share) / cap;
  const noisy = published.map(({ value, positions }) => ({ value, count: privacy.noise.count(codeCount(positions, cap), scale) }));
  const withheldCount = withheld.length > 0 ? privacy.noise.count(withheld.reduce((sum, c) => sum + codeCount(c.positions, cap), 0), scale) : 0;
  const withheldDistinct = withheld.length > 0 ? privacy.noise.count(withheld.length, (epsilon! * WITHHELD_DISTINCT_SHARE) / cap) : 0;
  const total = noisy.reduce((sum, c) => sum + c.count, 0) + withheldCount;
  return { published: noisy, total, withheld: withheld.length, withheldDistinct, withheldCount, withheldTrue };
}

/** Of a word text's budget: the null cell and character lengths; then words per value, word length, case. */
const WORD_PARTS = { lengths: 0.4, count: 0.3, wordLength: 0.2, case: 0.1 } as const;

/**
 * Words without the words: K-safe quantiles of words per value and of mean word length (one figure
 * per value), and the case most values are written in, when at least K values are. `length` is the
 * character-length distribution the caller published with the null cell.
 */
export function wordsRelease(column: ColumnAccumulator, context: ReleaseContext, otherEpsilon: number | undefined): WordStats | undefined {
  const within = (part: number) => new Histogram(context, 1, otherEpsilon === undefined ? undefined : (otherEpsilon * part) / (1 - WORD_PARTS.lengths));
  const shape = column.words;
  const count = distribution(orderFromCounts(shape.counts), context, within(WORD_PARTS.count)).points;
  if (!count) return undefined;
  const words: WordStats = { count: tidyPoints(count, { places: 2, nonNegative: true, nonPositive: false }) };
  const lengths = distribution(orderFromCounts(shape.lengths), context, within(WORD_PARTS.wordLength)).points;
  if (lengths) words.length = tidyPoints(lengths.map(([p, v]): Point => [p, v / WORD_LENGTH_SCALE]), { places: 2, nonNegative: true, nonPositive: false });
  const style = mostCommonCase(shape.cases, context, within(WORD_PARTS.case));
  if (style) words.case = style;
  context.log.wordText.push(column.name);
  return words;
}

/** The case held by most values (noisy counts under a budget), if at least K values hold it. */
function mostCommonCase(cases: Uint32Array, context: ReleaseContext, histogram: Histogram): TextCase | undefined {
  let best: TextCase | undefined, bestCount = -1;
  TEXT_CASES.forEach((style, i) => {
    const trueCount = cases[i]!;
    if (trueCount < context.minCount) return;
    const count = histogram.count(trueCount);
    if (count > bestCount) {
      best = style;
      bestCount = count;
    }
  });
  return best;
}

export const WORD_LENGTHS_SHARE = WORD_PARTS.lengths;
