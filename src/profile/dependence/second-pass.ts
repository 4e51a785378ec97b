import { statSync } from "node:fs";
import { isTableSource, openTable, type TableFormat, type TableSource } from "../../io/read-table.js";
import { isoToSeconds } from "../../plan/formats/calendar.js";
import { Rng } from "../../random/rng.js";
import type { Rule } from "../../rules/types.js";
import type { ColumnStats, DependenceModel } from "../../stats/types.js";
import type { LaplaceNoise } from "../disclosure/laplace.js";
import type { ColumnDecision } from "../infer-kind.js";
import { findRules } from "../rules/find-rules.js";
import { RuleEvidence } from "../rules/evidence.js";
import { affordableCells } from "./affordable.js";
import { columnEncoder, type ColumnEncoder, type EncodedCell } from "./encode.js";
import { EncodedSample } from "./encoded-sample.js";
import { learnNetwork } from "./learn-network.js";
import { releaseModel } from "./release-model.js";

export interface DependenceOptions {
  input: string | TableSource;
  format: TableFormat;
  nullTokens?: readonly string[];
  minCount: number;
  /** Rows the model learns from at most (a uniform sample beyond). */
  sampleRows?: number;
  privacy?: { noise: LaplaceNoise; epsilon: number };
  /** Set when a privacy budget cannot pay for a model: rules are still found, no model is learned. */
  unaffordable?: string;
}

export interface DependenceResult {
  model?: DependenceModel;
  rules: Rule[];
  /** Why there is no model, when there is none. */
  skipped?: string;
  withheld: Map<string, { published: number; withheld: number }>;
  encoded: string[];
}

/** Columns with more states than this stay out of the model: their tables would be mostly withheld. */
const MAX_STATES = 64;
const DEFAULT_SAMPLE_ROWS = 100_000;
/** The largest table a node may have without a privacy budget to size it. */
const MAX_CELLS = 4096;

/** How many bins a number or date gets: as many as the rows can fill under the K rule, 2 to 10. */
export function binsFor(rows: number, minCount: number): number {
  return Math.max(2, Math.min(10, Math.floor(rows / (5 * minCount))));
}

function publishedRange(stats: ColumnStats): [number, number] | undefined {
  if ((stats.kind !== "number" && stats.kind !== "date" && stats.kind !== "datetime") || !stats.quantiles) return undefined;
  const ends = [stats.quantiles[0]![1], stats.quantiles[stats.quantiles.length - 1]![1]];
  const [low, high] = ends.map((v) => (typeof v === "number" ? v : isoToSeconds(v)!));
  return [low!, high!];
}

/**
 * The second pass over the table: every row's cells read as the states the first pass published,
 * evidence for rules counted over all rows, and a uniform sample of encoded rows kept for the
 * dependence model. Needs a file it can read again; a stream (a pipe, standard input) gets no model.
 */
export async function learnDependence(decisions: ColumnDecision[], columns: ColumnStats[], rows: number, options: DependenceOptions): Promise<DependenceResult> {
  const withheld = new Map<string, { published: number; withheld: number }>();
  let rereadable = false;
  if (isTableSource(options.input)) rereadable = options.input.rereadable;
  else {
    try {
      rereadable = statSync(options.input).isFile();
    } catch {
      rereadable = false;
    }
  }
  if (!rereadable) return { rules: [], skipped: "the input is not a file that can be read twice (a pipe or standard input)", withheld, encoded: [] };
  const k = options.minCount;
  const bins = binsFor(rows, k);
  const typed = options.format === "jsonl";
  const encoders: ColumnEncoder[] = [];
  decisions.forEach((decision, i) => {
    const encoder = columnEncoder(i, decision, columns[i]!, bins, typed);
    if (encoder && encoder.states.length >= 2 && encoder.states.length <= MAX_STATES) encoders.push(encoder);
  });
  if (encoders.length < 2) return { rules: [], skipped: "fewer than two columns can be modelled", withheld, encoded: encoders.map((e) => e.name) };

  const capacity = Math.min(options.sampleRows ?? DEFAULT_SAMPLE_ROWS, Math.max(1, rows));
  const sample = new EncodedSample(encoders.length, capacity, new Rng(0x5eed, 2));
  const evidence = new RuleEvidence(encoders);
  const split = new Rng(0x5eed, 3);
  const cells: EncodedCell[] = encoders.map(() => ({ state: -1, position: NaN, value: NaN }));
  const reader = openTable(options.input, { format: options.format, ...(options.nullTokens ? { nullTokens: options.nullTokens } : {}) });
  for await (const batch of reader.batches()) {
    for (const row of batch) {
      for (let e = 0; e < encoders.length; e++) encoders[e]!.encode(row.cells[encoders[e]!.index], split, cells[e]!);
      evidence.add(cells);
      const slot = sample.slotForNext();
      if (slot >= 0) for (let e = 0; e < encoders.length; e++) sample.set(slot, e, cells[e]!);
    }
  }
  const ranges = new Map<number, [number, number]>();
  encoders.forEach((encoder, e) => {
    const range = publishedRange(columns[encoder.index]!);
    if (range) ranges.set(e, range);
  });
  const rules = findRules(encoders, evidence, sample, k, ranges);
  if (options.unaffordable) return { rules, skipped: options.unaffordable, withheld, encoded: encoders.map((e) => e.name) };
  const maxCells = options.privacy ? Math.min(MAX_CELLS, affordableCells(sample.size, options.privacy.epsilon, encoders.length)) : MAX_CELLS;
  const learned = learnNetwork(sample, encoders, { minCount: k, maxParents: 2, maxCells, minGain: 0.005 });
  if (learned.length === 0) return { rules, skipped: "no column depends on another strongly enough to publish", withheld, encoded: encoders.map((e) => e.name) };
  const release = releaseModel(learned, encoders, sample, k, options.privacy);
  if (!release.model) return { rules, skipped: "no column depends on another strongly enough to publish", withheld, encoded: encoders.map((e) => e.name) };
  return { model: release.model, rules, withheld: release.withheld, encoded: encoders.map((e) => e.name) };
}
