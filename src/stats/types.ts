/**
 * The column-statistics format, version 1. `schemas/stats.schema.json` is the contract; these types
 * mirror it and the two are checked against each other by test/stats/format.test.ts.
 */

export const STATS_FORMAT = "synth-stats";
export const STATS_VERSION = 1;

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

export interface StringStats extends ColumnCommon {
  kind: "string";
  length?: QuantilePoint<number>[];
  characters?: CharacterClasses;
  generator?: ValueGenerator;
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

export interface StatsFile {
  $schema?: string;
  format: typeof STATS_FORMAT;
  version: typeof STATS_VERSION;
  table?: string;
  rows?: number;
  provenance?: Provenance;
  disclosure?: DisclosureControls;
  columns: Record<string, ColumnStats>;
  relations?: Relation[];
}
