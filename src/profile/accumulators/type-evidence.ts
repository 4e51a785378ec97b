/**
 * How many of a column's non-null values read as each scalar type. A type is inferred only when it
 * covers every value, so the inferred schema never rejects a real row.
 */
export class TypeEvidence {
  integers = 0;
  /** Numbers with a fraction or exponent (integers are counted apart). */
  decimals = 0;
  dates = 0;
  dateTimes = 0;
  booleans = 0;
  trues = 0;
  /** Anything else: text. */
  texts = 0;
  /** Decimal places written, 0..16 (16 = 16 or more): decides how generated numbers are rounded. */
  readonly places = new Uint32Array(17);

  get numbers(): number {
    return this.integers + this.decimals;
  }

  get total(): number {
    return this.integers + this.decimals + this.dates + this.dateTimes + this.booleans + this.texts;
  }

  notePlaces(places: number): void {
    this.places[Math.min(16, places)]!++;
  }
}
