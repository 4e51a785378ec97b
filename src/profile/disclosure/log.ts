/**
 * What disclosure control did, column by column, turned into the plain-language notes recorded in
 * the statistics file (`disclosure.notes`), so a reviewer can see what was withheld and why.
 */
export class DisclosureLog {
  readonly suppressed = new Map<string, { categories: number; values: number }>();
  readonly smallNullCounts: string[] = [];
  readonly smallBooleanSides: string[] = [];
  readonly tooFewValues: string[] = [];
  readonly freeText: string[] = [];
  readonly identifiers: string[] = [];
  readonly rangesFromQuantiles: string[] = [];
  readonly rareCharacterClasses: string[] = [];
  readonly codeLists: string[] = [];
  readonly rareListLengths: string[] = [];
  readonly wordText: string[] = [];

  notes(minCount: number, privacy?: { epsilon: number; perColumn: number; seeded: boolean }): string[] {
    const k = minCount;
    const list = (names: string[]) => names.map((n) => JSON.stringify(n)).join(", ");
    const notes: string[] = [];
    if (this.suppressed.size > 0) {
      const detail = [...this.suppressed].map(([column, s]) => `${JSON.stringify(column)} ${s.categories} value${s.categories === 1 ? "" : "s"}`).join(", ");
      notes.push(`Values seen fewer than ${k} times are withheld and counted under "suppressed"; generation never emits them: ${detail}.`);
    } else {
      notes.push(`Values seen fewer than ${k} times are withheld; none were found.`);
    }
    if (this.rangesFromQuantiles.length > 0) {
      notes.push(
        `Numeric and date distributions (${list(this.rangesFromQuantiles)}) publish quantiles from the ${k}th smallest to the ${k}th largest value; the ends (p = 0 and p = 1) are extrapolated from ranks ${k}, ${2 * k} and ${4 * k} (${k} and ${2 * k} in columns of fewer than ${8 * k} values), never observed minima or maxima.`,
      );
    }
    if (this.smallNullCounts.length > 0) notes.push(`Fewer than ${k} empty values are published as none: ${list(this.smallNullCounts)}.`);
    if (this.smallBooleanSides.length > 0) notes.push(`A true/false value held by fewer than ${k} rows is published as absent: ${list(this.smallBooleanSides)}.`);
    if (this.tooFewValues.length > 0) notes.push(`Fewer than ${2 * k} values: no distribution published: ${list(this.tooFewValues)}.`);
    if (this.freeText.length > 0) notes.push(`Free text publishes only length quantiles and character-class shares, never values: ${list(this.freeText)}.`);
    if (this.identifiers.length > 0) notes.push(`Identifier-like columns publish only their shape (length, pattern of character classes), never values: ${list(this.identifiers)}.`);
    if (this.codeLists.length > 0) notes.push(`Lists of codes publish each code held by at least ${k} records and each list length held by at least ${k} records, never a whole list: ${list(this.codeLists)}.`);
    if (this.rareListLengths.length > 0) notes.push(`List lengths held by fewer than ${k} records are withheld; generation never makes lists of those lengths: ${list(this.rareListLengths)}.`);
    if (this.wordText.length > 0) notes.push(`Free text of words publishes only length quantiles, words per value and mean word length (quantiles of one figure per value) and the capitalisation most values share, never a word; generated words come from faker's lorem word list: ${list(this.wordText)}.`);
    if (this.rareCharacterClasses.length > 0) notes.push(`Character classes used by fewer than ${k} values are left out: ${list(this.rareCharacterClasses)}.`);
    if (privacy) {
      notes.push(
        `Differential privacy: Laplace noise on every published count (rows, empty values, categories, quantile bins, character shares), epsilon ${privacy.epsilon} in total, ${round(privacy.perColumn)} per column (90% to a column's histogram and 10% to its count of withheld values when it has one; 70% to lengths and 30% to character shares for free text; for free text of words, 40% to lengths, 30% to words per value, 20% to word length and 10% to capitalisation; for lists of codes, half to list lengths and half to the codes, where a list counts its first L codes only and the noise is scaled by L, the longest published length); noisy counts are rounded.`,
        `Which values are published, where quantile bins fall and how many there are follow the ${k}-count rule above and the column's size, not a differentially private mechanism: the epsilon guarantee covers the counts, not those choices.`,
        privacy.seeded
          ? "The noise was drawn from a seed given by the user, for reproducibility: whoever knows the seed can remove the noise, so keep it secret or discard it."
          : "The noise was drawn from a seed taken from the operating system's secure random source and not recorded.",
      );
    }
    return notes;
  }
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
