/**
 * The rule language: cross-column facts that every row must satisfy. One small, typed language used in
 * three places: found in real data by `synth profile` (published in the statistics file), declared by
 * an owner in a schema (`x-synth-rules`), enforced when rows are generated, and put into plain words by
 * `describe`. Rules are data, parsed and checked; never text that is evaluated.
 */

/** A scalar as a column holds it: a code, a number, a flag, or an ISO 8601 date or date-time. */
export type RuleValue = string | number | boolean;

/**
 * `first <= second` (or `<` when strict) in every row where both have a value. Numbers compare as
 * numbers, dates and date-times as instants. `gap`, published only by profile, is the distribution of
 * `second - first` (days for dates, seconds for date-times) as K-safe quantiles: when present, the
 * later value is drawn as the earlier one plus a gap, as in the real data.
 */
export interface OrderRule {
  kind: "order";
  first: string;
  second: string;
  strict?: boolean;
  gap?: Array<[p: number, value: number]>;
}

/**
 * `column` is empty in every row where `when` holds one of `values` (null stands for empty); with
 * `exactly`, it also has a value in every other row.
 */
export interface EmptyRule {
  kind: "empty";
  column: string;
  when: string;
  values: Array<RuleValue | null>;
  exactly?: boolean;
}

/**
 * The values of `category` take disjoint ranges of `number`: a row whose `number` lies in
 * [band i's `from`, band i's `to`) holds band i's `value` in `category`, and the other way round. An
 * age group and the age; a low-birth-weight flag and the weight (`low` = 1 exactly when `bwt` < 2500).
 * `from` is absent on the first band and `to` on the last (open ends). Bounds are numbers, or ISO dates
 * for date columns.
 */
export interface BandsRule {
  kind: "bands";
  category: string;
  number: string;
  bands: Array<{ value: RuleValue; from?: number | string; to?: number | string }>;
}

/**
 * The listed combinations of values of `columns` never occur together. Found by profile for
 * combinations that independent columns would give at least K rows but that fewer than K real rows
 * hold (possibly none: the two cases are not told apart, so the rule reveals no rare record).
 */
export interface CombinationsRule {
  kind: "combinations";
  columns: [string, string];
  never: Array<[RuleValue, RuleValue]>;
}

export type Rule = OrderRule | EmptyRule | BandsRule | CombinationsRule;
export type RuleKind = Rule["kind"];
