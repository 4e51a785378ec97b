import type { Cell } from "../io/read-table.js";
import { CodeListEvidence } from "./accumulators/code-lists.js";
import { IdentifierMatch } from "./accumulators/identifier-match.js";
import { NumericDistribution } from "./accumulators/numeric-distribution.js";
import { exactTailFor } from "./disclosure/safe-quantiles.js";
import { TextShape } from "./accumulators/text-shape.js";
import { TypeEvidence } from "./accumulators/type-evidence.js";
import { ValueCounts } from "./accumulators/value-counts.js";
import { WordShape } from "./accumulators/word-shape.js";
import { NumericToken, decimalPlaces, decimalPlacesOf, numericToken, parseBooleanWord, parseIsoDate, parseIsoDateTime } from "./parse-value.js";

const SECONDS_PER_DAY = 86400;

export interface AccumulatorOptions {
  /** K: the exact tails of numeric distributions must reach rank 2K. */
  minCount: number;
  /**
   * True for JSON Lines, whose values carry their own types: there the string "12" is text, while in
   * CSV, where every cell is text, it is the number 12.
   */
  typedSource: boolean;
  /** Distinct values counted exactly per column before switching to an estimate. */
  distinctLimit?: number;
  /** Numeric values kept exactly per column before switching to a sketch. */
  exactNumberLimit?: number;
  /**
   * Numbers and dates with more distinct values than this cannot be published as categories, so
   * their values stop being counted one by one (the costliest step per cell) unless `keepCounting`.
   */
  codeLevels?: number;
  /** Count values exactly whatever happens (columns whose schema lists their values). */
  keepCounting?: boolean;
  /** Count values exactly until one repeats (identifier-named columns, whose uniqueness matters). */
  countUntilRepeat?: boolean;
}

/**
 * Everything one pass learns about one column, in bounded memory: presence, type evidence, value
 * counts, numeric and temporal distributions, and text shape. Each concern is its own accumulator;
 * this class only routes a cell to the ones it concerns.
 */
export class ColumnAccumulator {
  rows = 0;
  nulls = 0;
  /** Rows where the key was missing altogether (JSON Lines only); counted among the nulls too. */
  absent = 0;
  readonly evidence = new TypeEvidence();
  readonly values: ValueCounts;
  readonly text = new TextShape();
  readonly identifier = new IdentifierMatch();
  /** Text only (not numbers, dates or flags): whether values are lists of codes, and their words. */
  readonly codeLists = new CodeListEvidence();
  readonly words = new WordShape();
  /** Numbers, for columns of numbers. */
  readonly numbers: NumericDistribution;
  /** Dates and date-times, as seconds since 1970-01-01 UTC. */
  readonly instants: NumericDistribution;
  private readonly typedSource: boolean;
  private readonly countLimit: number;
  private readonly countUntilRepeat: boolean;

  constructor(
    readonly name: string,
    options: AccumulatorOptions,
  ) {
    this.typedSource = options.typedSource;
    this.countLimit = options.keepCounting ? Infinity : (options.codeLevels ?? 20);
    this.countUntilRepeat = options.countUntilRepeat === true;
    this.values = new ValueCounts(options.distinctLimit);
    const tail = exactTailFor(options.minCount);
    this.numbers = new NumericDistribution(tail, options.exactNumberLimit);
    this.instants = new NumericDistribution(tail, options.exactNumberLimit);
  }

  get nonNull(): number {
    return this.rows - this.nulls;
  }

  add(cell: Cell | undefined): void {
    this.rows++;
    if (cell === null || cell === undefined) {
      this.nulls++;
      if (cell === undefined) this.absent++;
      return;
    }
    if (typeof cell === "string") this.addText(cell);
    else if (typeof cell === "number") this.addNumber(cell, String(cell));
    else this.addBoolean(cell);
  }

  private addText(text: string): void {
    const evidence = this.evidence;
    this.identifier.add(text);
    if (!this.typedSource) {
      const numeric = numericToken(text);
      if (numeric !== NumericToken.None) {
        const value = Number(text);
        this.values.addNumber(value, text);
        this.stopCountingIfNotCategorical();
        this.text.add(text, false);
        this.numbers.add(value);
        if (numeric === NumericToken.Integer) {
          evidence.integers++;
          evidence.notePlaces(0);
        } else {
          evidence.decimals++;
          evidence.notePlaces(decimalPlaces(text));
        }
        return;
      }
    }
    this.values.add(text);
    const days = parseIsoDate(text);
    if (days !== undefined) {
      this.stopCountingIfNotCategorical();
      this.text.add(text, false);
      evidence.dates++;
      this.instants.add(days * SECONDS_PER_DAY);
      return;
    }
    const seconds = parseIsoDateTime(text);
    if (seconds !== undefined) {
      this.stopCountingIfNotCategorical();
      this.text.add(text, false);
      evidence.dateTimes++;
      this.instants.add(seconds);
      return;
    }
    this.text.add(text);
    if (!this.typedSource) {
      const flag = parseBooleanWord(text);
      if (flag !== undefined) {
        evidence.booleans++;
        if (flag) evidence.trues++;
        return;
      }
    }
    evidence.texts++;
    this.codeLists.add(text);
    this.words.add(text);
  }

  /**
   * A column of numbers or dates with many distinct values will be published as a distribution, not
   * as categories; past that point only an estimate of its distinct values is kept. (Should text turn
   * up later, the column is free text or an identifier, neither of which needs exact counts.)
   */
  private stopCountingIfNotCategorical(): void {
    const values = this.values;
    if (!values.exact || values.distinct <= this.countLimit || this.evidence.texts > 0 || this.evidence.booleans > 0) return;
    if (this.countUntilRepeat && !values.repeated) return;
    values.stopCounting();
  }

  private addNumber(value: number, text: string): void {
    this.identifier.ruleOut();
    this.values.addNumber(value, text);
    this.stopCountingIfNotCategorical();
    this.text.add(text, false);
    this.numbers.add(value);
    if (Number.isSafeInteger(value)) {
      this.evidence.integers++;
      this.evidence.notePlaces(0);
    } else {
      this.evidence.decimals++;
      this.evidence.notePlaces(decimalPlacesOf(value));
    }
  }

  private addBoolean(value: boolean): void {
    this.identifier.ruleOut();
    this.values.add(value ? "true" : "false");
    this.evidence.booleans++;
    if (value) this.evidence.trues++;
  }
}
