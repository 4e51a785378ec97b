import { codeCount, type CodeListCandidate } from "./accumulators/code-lists.js";
import type { ColumnAccumulator } from "./column-accumulator.js";

/**
 * Which kind of text a string column holds, beyond "free": lists of codes joined by a delimiter
 * (published as codes), or words (published as word counts and lengths). Decided from one pass's
 * evidence, with the same K and coverage rules as categories.
 */

export interface TextKindRules {
  minCount: number;
  /** Codes seen at least K times must hold this share of code occurrences (as categories must of rows). */
  categoryCoverage: number;
  maxCategories: number;
}

/** Lists must be at least this share of values: a stray delimiter does not make a list. */
const MIN_LIST_SHARE = 0.05;
/** At most this share of values may hold an empty code or one code twice. */
const MAX_MALFORMED_SHARE = 0.01;
/** Lists written in ascending order, among lists of two or more, for generation to keep that order. */
const SORTED_SHARE = 0.95;

export interface CodeListChoice {
  candidate: CodeListCandidate;
  /** Codes held by at least K records. */
  published: number;
  sorted: boolean;
}

function judge(candidate: CodeListCandidate, values: number, rules: TextKindRules): CodeListChoice | undefined {
  const k = rules.minCount;
  if (candidate.containing < Math.max(k, MIN_LIST_SHARE * values)) return undefined;
  if (candidate.malformed > MAX_MALFORMED_SHARE * values) return undefined;
  let total = 0, covered = 0, published = 0;
  for (const positions of candidate.codes.values()) {
    const count = codeCount(positions);
    total += count;
    if (count >= k) {
      covered += count;
      published++;
    }
  }
  if (published < 2 || published > rules.maxCategories || total === 0 || covered / total < rules.categoryCoverage) return undefined;
  return { candidate, published, sorted: candidate.multi > 0 && candidate.ascending >= SORTED_SHARE * candidate.multi };
}

/**
 * The delimiter that splits the column's values into codes that repeat, if one does: of those that
 * qualify, the one found in most values, then the one giving fewest distinct codes (", " over ",").
 */
export function chooseCodeList(column: ColumnAccumulator, rules: TextKindRules): CodeListChoice | undefined {
  if (column.evidence.texts === 0 || column.evidence.texts < column.nonNull) return undefined;
  let best: CodeListChoice | undefined;
  for (const candidate of column.codeLists.finish()) {
    const choice = judge(candidate, column.codeLists.values, rules);
    if (!choice) continue;
    if (
      !best ||
      choice.candidate.containing > best.candidate.containing ||
      (choice.candidate.containing === best.candidate.containing && choice.candidate.codes.size < best.candidate.codes.size)
    ) {
      best = choice;
    }
  }
  return best;
}

/** Values holding a space, at least this share of them, for text to be words rather than a code. */
const MIN_SPACED_SHARE = 0.1;
/** Letters, at least this share of all characters. */
const MIN_LETTER_SHARE = 0.5;

/** Whether free text reads as words: many values with spaces, mostly letters, enough values for quantiles. */
export function isWordText(column: ColumnAccumulator, minCount: number): boolean {
  const text = column.text;
  const values = column.evidence.texts;
  if (values < 2 * minCount || text.valuesWithSpace < Math.max(minCount, MIN_SPACED_SHARE * text.values)) return false;
  let characters = 0;
  for (const total of text.classTotals) characters += total;
  const letters = text.classTotals[0]! + text.classTotals[1]!;
  return characters > 0 && letters / characters >= MIN_LETTER_SHARE;
}
