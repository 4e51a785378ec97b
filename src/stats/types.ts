import type { Rule } from "../rules/types.js";

/**
 * The column-statistics format, version 2 (version 1 files are still read: they are version 2 files
 * without a model or rules). `schemas/stats.schema.json` is the contract; these types mirror it and
 * the two are checked against each other by test/stats/format.test.ts.
 */

export const STATS_FORMAT = "synth-stats";
export const STATS_VERSION = 2;
/** Every version this synth reads. */
export const STATS_VERSIONS = [1, 2] as const;
export type StatsVersion = (typeof STATS_VERSIONS)[number];

/** [probability, value]: a point of the cumulative distribution. */
export type QuantilePoint<V = number | string> = [p: number, value: V];

export interface HistogramBin<V = number | string> {
  from: V;
  to: V;
  frequency: number;
}

export type ValueGenerator = { faker: string } | { pattern: string } | { format: string } | { type: string };

interface ColumnCommon {
  /** Fraction of rows where the column is empty. */
  nullFraction?: number;
  unique?: boolean;
  description?: string;
}

export interface CategoricalStats extends ColumnCommon {
  kind: "categorical";
  categories: Array<{ value: string | number | boolean; frequency: number }>;
  suppressed?: { categories: number; frequency: number };
}

export interface NumberStats extends ColumnCommon {
  kind: "number";
  integer?: boolean;
  decimals?: number;
  quantiles?: QuantilePoint<number>[];
  histogram?: HistogramBin<number>[];
}

export interface TemporalStats extends ColumnCommon {
  kind: "date" | "datetime";
  /** ISO 8601 values. */
  quantiles?: QuantilePoint<string>[];
  histogram?: HistogramBin<string>[];
  /** strftime tokens; ISO 8601 when absent. */
  textFormat?: string;
}

export interface CharacterClasses {
  upper?: number;
  lower?: number;
  digit?: number;
  space?: number;
  punctuation?: number;
  other?: number;
}

/**
 * Text whose values are lists of codes joined by one delimiter ("Drama|Comedy"). Only codes held by
 * at least K records are published, and only list lengths held by at least K records.
 */
export interface CodeListStats {
  delimiter: string;
  /** Published codes with their share of all code occurrences (withheld ones under `suppressed`). */
  codes: Array<{ value: string; frequency: number }>;
  /** How many codes a list holds, with the share of lists (among published lengths) that hold that many. */
  lengths: Array<{ length: number; frequency: number }>;
  /** Codes within a list are written in ascending order (by code unit), as nearly all real lists were. */
  sorted?: boolean;
  suppressed?: { codes: number; frequency: number };
}

/** How a free-text value is capitalised: every word, the first word only, none, or all of it. */
export type TextCase = "title" | "sentence" | "lower" | "upper";

/**
 * Free text made of words: how many words a value holds and how long they are (K-safe quantiles, one
 * figure per value), and how values are capitalised. Generation draws words from faker's lorem word
 * list, so no real word is published or reproduced.
 */
export interface WordStats {
  /** Words per value. */
  count: QuantilePoint<number>[];
  /** Mean characters per word, per value. */
  length?: QuantilePoint<number>[];
  case?: TextCase;
}

export interface StringStats extends ColumnCommon {
  kind: "string";
  length?: QuantilePoint<number>[];
  characters?: CharacterClasses;
  generator?: ValueGenerator;
  /** The values are lists of codes (generation joins published codes). */
  codes?: CodeListStats;
  /** The values are words (generation draws lorem words). */
  words?: WordStats;
}

export interface BooleanStats extends ColumnCommon {
  kind: "boolean";
  trueFraction: number;
}

export interface IdentifierStats extends ColumnCommon {
  kind: "identifier";
  length?: QuantilePoint<number>[];
  generator?: ValueGenerator;
}

export type ColumnStats =
  | CategoricalStats
  | NumberStats
  | TemporalStats
  | StringStats
  | BooleanStats
  | IdentifierStats;

export type Relation =
  | { kind: "correlation"; columns: [string, string]; method: "pearson" | "spearman" | "cramersV"; value: number }
  | { kind: "foreignKey"; column: string; references: { table: string; column: string } };

export interface Provenance {
  tool: string;
  toolVersion: string;
  createdAt: string;
  source?: { name?: string; format?: "csv" | "jsonl"; sha256?: string };
}

export interface DisclosureControls {
  minCount: number;
  epsilon?: number | null;
  epsilonSpent?: number;
  mechanism?: "laplace";
  notes?: string[];
}

/**
 * One state a modelled column can be in. Categories and flags are their published values; numbers and
 * dates fall into bins given as probabilities of the column's own published distribution (`from` 0.2,
 * `to` 0.4 is the second fifth of its values); `empty` is the column without a value; `present` is a
 * text or identifier column with one, whatever it is (its values are never modelled).
 */
export type ModelState = { value: string | number | boolean } | { from: number; to: number } | { empty: true } | { present: true };

/** Counts of the child column's states among real rows whose parents are in the `given` states. */
export interface ModelTableRow {
  /** For each parent, in order, the index of its state in that parent's `states`. */
  given: number[];
  /** For each of the child's states, in order: the rows counted, or null when fewer than K (withheld). */
  counts: Array<number | null>;
}

/**
 * A number or date's own distribution among real rows whose parents are in the `given` states, as
 * K-safe quantiles of positions in the column's published distribution ([p, position]: a share p of
 * the group lies at or below that position).
 */
export interface ModelGroup {
  given: number[];
  rows: number;
  positions: QuantilePoint<number>[];
}

/**
 * A column of the dependence model. Categories, flags, and whether text is present follow `table`: the
 * row that matches their parents' states (a combination the table does not list draws the column from
 * its own distribution). Numbers and dates follow `groups` (their distribution given their parents'
 * categories) and the model's copula (how numbers move together); whether they are empty follows
 * `emptiness`. A number or date that is a parent is seen by its children through its `states`: bins of
 * its own distribution.
 */
export interface ModelNode {
  column: string;
  states: ModelState[];
  /** Columns (earlier nodes) this one depends on: at most two; numbers and dates depend on categories only. */
  parents: string[];
  table?: ModelTableRow[];
  groups?: ModelGroup[];
  /** Numbers and dates: counts of [empty, present] rows per combination of parent states. */
  emptiness?: ModelTableRow[];
}

/**
 * How numbers and dates move together: the correlations of their normal scores, each taken within the
 * group its parents' categories put it in (a Gaussian copula). Symmetric, ones on the diagonal, in the
 * order of `columns`.
 */
export interface ModelCopula {
  columns: string[];
  correlations: number[][];
}

/**
 * How columns depend on one another, learned by `synth profile`. It never changes a column's own
 * distribution (generation keeps every column's published distribution exactly); it only says which
 * values go together.
 */
export interface DependenceModel {
  method: "network";
  /** Real rows the tables count: all rows, or a uniform sample of them (`sampled`). */
  rows: number;
  sampled?: boolean;
  /** In generation order: every node's parents come before it. */
  nodes: ModelNode[];
  copula?: ModelCopula;
}

export interface StatsFile {
  $schema?: string;
  format: typeof STATS_FORMAT;
  version: StatsVersion;
  table?: string;
  rows?: number;
  provenance?: Provenance;
  disclosure?: DisclosureControls;
  columns: Record<string, ColumnStats>;
  /** Version 2: how columns depend on one another. */
  model?: DependenceModel;
  /** Version 2: rules that hold in every real row, found by profile; generation never breaks them. */
  rules?: Rule[];
  relations?: Relation[];
}
