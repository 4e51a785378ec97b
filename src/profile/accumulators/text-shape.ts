/**
 * What text looks like without what it says: lengths, the mix of character classes, and shapes
 * (each letter replaced by its class, digits by 9, so "AB12 3CD" has the shape "AA99 9AA"). Free text
 * and identifier columns publish only these, never values.
 */

export const CHARACTER_CLASSES = ["upper", "lower", "digit", "space", "punctuation", "other"] as const;
export type CharacterClass = (typeof CHARACTER_CLASSES)[number];

const UPPER = 0, LOWER = 1, DIGIT = 2, SPACE = 3, PUNCTUATION = 4, OTHER = 5;

/** Class of each ASCII code: a table lookup in the per-character loop. */
const ASCII_CLASS = new Uint8Array(128).map((_, code) => {
  if (code >= 65 && code <= 90) return UPPER;
  if (code >= 97 && code <= 122) return LOWER;
  if (code >= 48 && code <= 57) return DIGIT;
  if (code === 32 || (code >= 9 && code <= 13)) return SPACE;
  if (code > 32 && code < 127) return PUNCTUATION;
  return OTHER;
});

function classOfNonAscii(char: string): number {
  if (/\p{Lu}/u.test(char)) return UPPER;
  if (/\p{Ll}/u.test(char)) return LOWER;
  if (/\p{Nd}/u.test(char)) return DIGIT;
  if (/\s/u.test(char)) return SPACE;
  if (/[\p{P}\p{S}]/u.test(char)) return PUNCTUATION;
  return OTHER;
}

/**
 * A shape is a sequence of runs. A run's token is a class for letters and digits (so the shape keeps
 * no letters of the value), the character itself for ASCII punctuation (separators such as "-" are
 * structure, not content), and one token for anything else.
 */
export const SHAPE_UPPER = -1, SHAPE_LOWER = -2, SHAPE_DIGIT = -3, SHAPE_OTHER = -4;

export interface Shape {
  /** Run tokens: SHAPE_* classes, or an ASCII code for a literal separator. */
  tokens: number[];
  lengths: number[];
  count: number;
}

function shapeToken(code: number, cls: number): number {
  if (cls === UPPER) return SHAPE_UPPER;
  if (cls === LOWER) return SHAPE_LOWER;
  if (cls === DIGIT) return SHAPE_DIGIT;
  return code < 128 ? code : SHAPE_OTHER;
}

/** Values longer than this are prose, not codes: their shapes are not kept. */
const SHAPE_MAX_LENGTH = 64;

/** Lengths up to this are counted in an array, longer ones in a map. */
const SHORT = 256;

export class TextShape {
  private readonly shortLengths = new Uint32Array(SHORT + 1);
  private readonly longLengths = new Map<number, number>();
  /** Characters of each class over all values. */
  readonly classTotals = new Float64Array(6);
  /** Per value, the share of each class, summed: each value counts once whatever its length (DP needs that). */
  readonly classShares = new Float64Array(6);
  /** Values holding at least one character of each class: a class used by fewer than K values is not published. */
  readonly classPresence = new Uint32Array(6);
  valuesWithSpace = 0;
  values = 0;
  private shapeTable: Map<number, Shape> | null = new Map();
  private readonly valueClasses = new Uint32Array(6);
  /** Reused per value; copied only when a new shape is stored. */
  private readonly scratchTokens: number[] = [];
  private readonly scratchRuns: number[] = [];

  constructor(private readonly shapeLimit = 256) {}

  /** How many values had each length. */
  get lengths(): Map<number, number> {
    const lengths = new Map<number, number>();
    this.shortLengths.forEach((count, length) => {
      if (count > 0) lengths.set(length, count);
    });
    for (const [length, count] of this.longLengths) lengths.set(length, count);
    return lengths;
  }

  /**
   * `asText` is false for values that read as numbers or dates: only their length is noted. Their
   * characters and shapes ("99.9") say nothing a numeric column needs, and skipping the per-character
   * loop keeps the cost per cell down; character shares therefore describe the text values.
   */
  add(text: string, asText = true): void {
    this.values++;
    const length = text.length;
    if (length <= SHORT) this.shortLengths[length]!++;
    else this.longLengths.set(length, (this.longLengths.get(length) ?? 0) + 1);
    if (!asText) return;
    const counts = this.valueClasses;
    counts.fill(0);
    const trackShape = this.shapeTable !== null && length <= SHAPE_MAX_LENGTH;
    let hash = 0x811c9dc5;
    let token = 0, run = 0;
    const tokens = this.scratchTokens;
    const runs = this.scratchRuns;
    tokens.length = 0;
    runs.length = 0;
    for (let i = 0; i < length; i++) {
      const code = text.charCodeAt(i);
      const cls = code < 128 ? ASCII_CLASS[code]! : classOfNonAscii(text[i]!);
      counts[cls]!++;
      if (!trackShape) continue;
      const t = shapeToken(code, cls);
      if (t === token && run > 0) {
        run++;
        continue;
      }
      if (run > 0) {
        hash = Math.imul(hash ^ (token & 0xffff), 0x01000193);
        hash = Math.imul(hash ^ run, 0x01000193);
        tokens.push(token);
        runs.push(run);
      }
      token = t;
      run = 1;
    }
    if (counts[SPACE]! > 0) this.valuesWithSpace++;
    for (let c = 0; c < 6; c++) {
      const n = counts[c]!;
      if (n === 0) continue;
      this.classTotals[c]! += n;
      this.classShares[c]! += n / length;
      this.classPresence[c]!++;
    }
    if (!trackShape) return;
    if (run > 0) {
      hash = Math.imul(hash ^ (token & 0xffff), 0x01000193);
      hash = Math.imul(hash ^ run, 0x01000193);
      tokens.push(token);
      runs.push(run);
    }
    hash = (hash ^ tokens.length) >>> 0;
    const table = this.shapeTable!;
    const known = table.get(hash);
    if (known) known.count++;
    else if (table.size < this.shapeLimit) table.set(hash, { tokens: tokens.slice(), lengths: runs.slice(), count: 1 });
    else this.shapeTable = null; // too varied to be a code
  }

  /** The shapes seen, or undefined when values were too varied (or too long) to have a few shapes. */
  shapes(): Shape[] | undefined {
    if (!this.shapeTable) return undefined;
    return [...this.shapeTable.values()];
  }
}
