/**
 * Evidence that a text column holds lists of codes joined by one delimiter ("Drama|Comedy"): for each
 * candidate delimiter, how often each code occurs (by its position in the list, so that a privacy
 * mechanism can bound what one record adds), how long the lists are, and whether they are written in
 * order. A candidate drops out as soon as its codes are too many to be codes; once every candidate has,
 * the accumulator costs one test per value.
 */

/** Longest delimiters first, so that ", " is preferred to "," where both split the same lists. */
export const CODE_DELIMITERS = [" | ", "; ", ", ", "|", ";", ","] as const;

/** Code counts are kept by position up to this many; later positions share the last slot. */
export const CODE_POSITIONS = 16;

/** Distinct codes beyond which a candidate is not a code list (as with categories). */
const CODE_LIMIT = 1000;

export interface CodeListCandidate {
  delimiter: string;
  /** Per code, occurrences by 0-based position in the list (the last slot: that position or later). */
  codes: Map<string, Uint32Array>;
  /** Lists by how many distinct codes they hold. */
  lengths: Map<number, number>;
  /** Values holding the delimiter at all (lists of two or more). */
  containing: number;
  /** Values with an empty code or a code written twice: not a clean list. */
  malformed: number;
  /** Lists of two or more codes, and of those, the ones written in ascending order. */
  multi: number;
  ascending: number;
}

/** Any character a candidate delimiter holds: values with none are one code for every candidate. */
const DELIMITER_CHARACTER = /[|;,]/;

export class CodeListEvidence {
  private candidates: CodeListCandidate[] | null = CODE_DELIMITERS.map((delimiter) => ({
    delimiter,
    codes: new Map(),
    lengths: new Map(),
    containing: 0,
    malformed: 0,
    multi: 0,
    ascending: 0,
  }));
  /** Values holding no delimiter character: one code each, for every candidate alike. */
  private readonly single = new Map<string, number>();
  values = 0;

  add(text: string): void {
    const candidates = this.candidates;
    if (candidates === null) return;
    this.values++;
    if (!DELIMITER_CHARACTER.test(text)) {
      if (text === "") return;
      this.single.set(text, (this.single.get(text) ?? 0) + 1);
      if (this.single.size > CODE_LIMIT) this.candidates = null;
      return;
    }
    for (let c = candidates.length - 1; c >= 0; c--) {
      const candidate = candidates[c]!;
      addList(candidate, text);
      if (candidate.codes.size + this.single.size > CODE_LIMIT) candidates.splice(c, 1);
    }
    if (candidates.length === 0) this.candidates = null;
  }

  /** The candidates still standing, with the values of no delimiter counted in as one-code lists. */
  finish(): CodeListCandidate[] {
    if (this.candidates === null) return [];
    return this.candidates.map((candidate) => {
      const codes = new Map(candidate.codes);
      const lengths = new Map(candidate.lengths);
      let singles = 0;
      for (const [code, count] of this.single) {
        const positions = codes.get(code)?.slice() ?? new Uint32Array(CODE_POSITIONS);
        positions[0]! += count;
        codes.set(code, positions);
        singles += count;
      }
      if (singles > 0) lengths.set(1, (lengths.get(1) ?? 0) + singles);
      return { ...candidate, codes, lengths };
    });
  }
}

function addList(candidate: CodeListCandidate, text: string): void {
  const parts = text.includes(candidate.delimiter) ? text.split(candidate.delimiter) : [text];
  if (parts.length > 1) candidate.containing++;
  let clean = true;
  let ascending = true;
  let position = 0;
  const seen = parts.length > 1 ? new Set<string>() : undefined;
  for (let i = 0; i < parts.length; i++) {
    const code = parts[i]!;
    if (code === "" || seen?.has(code)) {
      clean = false;
      continue;
    }
    seen?.add(code);
    if (i > 0 && !(parts[i - 1]! < code)) ascending = false;
    let positions = candidate.codes.get(code);
    if (!positions) {
      positions = new Uint32Array(CODE_POSITIONS);
      candidate.codes.set(code, positions);
    }
    positions[Math.min(position, CODE_POSITIONS - 1)]!++;
    position++;
  }
  if (!clean) candidate.malformed++;
  if (position > 0) candidate.lengths.set(position, (candidate.lengths.get(position) ?? 0) + 1);
  if (position > 1) {
    candidate.multi++;
    if (ascending && clean) candidate.ascending++;
  }
}

/** Occurrences of a code, counting only its first `cap` positions in a list (all by default). */
export function codeCount(positions: Uint32Array, cap = CODE_POSITIONS): number {
  let total = 0;
  for (let i = 0; i < Math.min(cap, CODE_POSITIONS); i++) total += positions[i]!;
  return total;
}
