import { basename } from "node:path";
import { openTable, type Cell, type TableFormat } from "../../io/read-table.js";
import { declaredRules } from "../../plan/dependence/row-columns.js";
import { loadDeclaredSchema } from "../../profile/declared-schema.js";
import { DEFAULT_MIN_COUNT } from "../../profile/min-count.js";
import { profile } from "../../profile/profile.js";
import { ReservoirSample } from "../../profile/sketch/reservoir.js";
import { binPicture, categoryPicture, type ColumnPicture } from "./picture.js";
import type { Rule } from "../../rules/types.js";
import { halves } from "./baseline.js";
import { columnReading, type Canonical, type ColumnReading, type Metric } from "./column-values.js";
import { closestDistances, percentile, RealRowIndex, rowKey, type DistanceColumn } from "./disclosure.js";
import { ksComplement } from "./ks.js";
import { meanPairScore, pairTrends, type PairColumn, type PairScore } from "./pair-trends.js";
import { RowSample } from "./row-sample.js";
import { RuleTally, type RuleReading } from "./rule-tally.js";
import { tvComplement } from "./tvd.js";

/**
 * How faithful a dummy table is to the real one, column by column (SDMetrics' Column Shapes), and
 * whether it leaks real records (copied rows; distance to the closest real row). Runs where the real
 * data lives; the report holds only aggregate figures.
 */

export interface CompareOptions {
  real: string;
  dummy: string;
  /** The real table's JSON Schema (a path or the document): its types decide how columns are read. */
  schema?: string | object;
  realFormat?: TableFormat;
  dummyFormat?: TableFormat;
  /** CSV cells read as empty. Default: the empty cell and NA. */
  nullTokens?: readonly string[];
  /** K used to tell categories from free text, as profile does. Default 10. */
  minCount?: number;
  /** Dummy rows sampled for the distance to closest record. Default 1000. */
  distanceSample?: number;
  /** Real rows they are compared against. Default 50 000. */
  distanceReference?: number;
  /** Rows of each table the pair trends are computed on (a uniform sample beyond). Default 50 000. */
  pairSample?: number;
}

export interface ColumnComparison {
  column: string;
  kind: ColumnReading["kind"];
  metric: Metric | null;
  /** 1 = same shape; null when the column is not scored (free text, identifiers, no real values). */
  score: number | null;
  missing: { real: number; dummy: number };
  /** Dummy cells that do not read as the column's type (a number column holding text). */
  unreadable: number;
  /**
   * Numbers and dates: how far dummy values reach beyond the real lowest and highest, as a share of
   * the real range (0 when they stay within it). A share, never the real ends themselves.
   */
  tails?: { below: number; above: number };
  note?: string;
  /** Real against dummy, in aggregates of at least K real records each (for the HTML report). */
  picture?: ColumnPicture;
}

export interface CompareReport {
  real: { file: string; rows: number };
  dummy: { file: string; rows: number };
  columns: ColumnComparison[];
  /** Mean score over scored columns (SDMetrics' Column Shapes), or null when none is scored. */
  columnShapes: number | null;
  /** Every pair of scored columns (SDMetrics' Column Pair Trends). */
  pairs: PairScore[];
  /** Mean score over scored pairs, or null when there are none. */
  columnPairTrends: number | null;
  /**
   * The rules profile finds in the real data (and any the schema declares), with the dummy rows that
   * break each one.
   */
  rules: RuleReading[];
  /**
   * The same scores for one random half of the real rows against the other half: what two samples of
   * the same population give, for scale (small tables score well below 1 even so).
   */
  realHalves: { rows: [number, number]; columnShapes: number | null; columnPairTrends: number | null };
  /** Dummy columns absent from the real data. */
  extraColumns: string[];
  disclosure: {
    /** Columns rows are compared on: all but identifiers, whose dummy values are fresh by design. */
    comparedColumns: string[];
    exactMatches: number;
    exactMatchRate: number;
    /** Dummy rows equal to a real row that is the only one of its kind in the real data. */
    uniqueMatches: number;
    uniqueMatchRate: number;
    distanceToClosestRecord: {
      median: number;
      p5: number;
      /** The same measure from real rows to their closest other real row, for scale. */
      realToRealMedian: number;
      dummyRowsSampled: number;
      realRowsCompared: number;
    };
  };
}

const KS_VALUES_KEPT = 1_000_000;
/** Words per value take few distinct values: a smaller sample compares them as well. */
const WORD_COUNTS_KEPT = 100_000;

/** Per column: empties, unreadable cells, and what the metric needs (values for KS, counts for TV). */
class ColumnCollector {
  rows = 0;
  missing = 0;
  unreadable = 0;
  min = Infinity;
  max = -Infinity;
  readonly values: ReservoirSample | undefined;
  readonly counts: Map<string, number> | undefined;
  /** Lists of codes: how many codes each holds. */
  readonly listLengths: Map<string, number> | undefined;
  /** Free text of words: words per value. */
  readonly wordCounts: ReservoirSample | undefined;

  constructor(readonly reading: ColumnReading) {
    if (reading.metric === "KSComplement") this.values = new ReservoirSample(KS_VALUES_KEPT);
    if (reading.metric === "TVComplement") this.counts = new Map();
    if (reading.codes !== undefined) this.listLengths = new Map();
    if (reading.words) this.wordCounts = new ReservoirSample(WORD_COUNTS_KEPT);
  }

  add(value: Canonical): void {
    this.rows++;
    if (value === null) {
      this.missing++;
      return;
    }
    if (typeof value === "number") {
      if (Number.isNaN(value)) {
        this.unreadable++;
        return;
      }
      if (value < this.min) this.min = value;
      if (value > this.max) this.max = value;
      this.values?.add(value);
      return;
    }
    if (this.reading.codes !== undefined) {
      const codes = value.split(this.reading.codes);
      for (const code of codes) this.counts!.set(code, (this.counts!.get(code) ?? 0) + 1);
      const length = String(codes.length);
      this.listLengths!.set(length, (this.listLengths!.get(length) ?? 0) + 1);
      return;
    }
    if (this.wordCounts) {
      const words = value.trim().split(/\s+/).filter((word) => word !== "").length;
      if (words > 0) this.wordCounts.add(words);
    }
    this.counts?.set(value, (this.counts.get(value) ?? 0) + 1);
  }

  get present(): number {
    return this.rows - this.missing - this.unreadable;
  }
}

interface Pass {
  rows: number;
  collectors: ColumnCollector[];
  sample: RowSample<Canonical[]>;
  /** Rows of the scored columns, for pair trends. */
  scoredSample: RowSample<Canonical[]>;
}

interface PassShape {
  /** Columns rows are compared on for copies and distances. */
  compared: number[];
  /** Columns with a metric, for pair trends. */
  scored: number[];
  distanceSample: number;
  pairSample: number;
}

async function readPass(
  file: string,
  readings: ColumnReading[],
  options: { format?: TableFormat; nullTokens?: readonly string[] },
  shape: PassShape,
  seed: number,
  onRow: (key: number, row: readonly Canonical[]) => void,
): Promise<Pass & { fileColumns: string[]; extraColumns: string[] }> {
  const { compared, scored } = shape;
  const reader = openTable(file, { ...(options.format ? { format: options.format } : {}), ...(options.nullTokens ? { nullTokens: options.nullTokens } : {}) });
  const collectors = readings.map((r) => new ColumnCollector(r));
  const sample = new RowSample<Canonical[]>(shape.distanceSample, seed);
  const scoredSample = new RowSample<Canonical[]>(shape.pairSample, seed + 100);
  let positions: number[] = [];
  let rows = 0;
  const canonical: Canonical[] = new Array(readings.length);
  const keyCells: Canonical[] = new Array(compared.length);
  for await (const batch of reader.batches()) {
    if (positions.length === 0 || reader.format === "jsonl") {
      const index = new Map(reader.columns.map((name, i) => [name, i]));
      positions = readings.map((r) => index.get(r.name) ?? -1);
    }
    for (const row of batch) {
      rows++;
      for (let c = 0; c < readings.length; c++) {
        const at = positions[c]!;
        const cell: Cell | undefined = at === -1 ? undefined : row.cells[at];
        const value = readings[c]!.read(cell);
        canonical[c] = value;
        collectors[c]!.add(value);
      }
      for (let i = 0; i < compared.length; i++) keyCells[i] = canonical[compared[i]!]!;
      onRow(rowKey(keyCells), canonical);
      const slot = sample.nextSlot();
      if (slot >= 0) sample.put(slot, keyCells.slice());
      const scoredSlot = scoredSample.nextSlot();
      if (scoredSlot >= 0) scoredSample.put(scoredSlot, scored.map((c) => canonical[c]!));
    }
  }
  const known = new Set(readings.map((r) => r.name));
  return { rows, collectors, sample, scoredSample, fileColumns: [...reader.columns], extraColumns: reader.columns.filter((name) => !known.has(name)) };
}

function round(value: number, places = 4): number {
  const scale = 10 ** places;
  return Math.round(value * scale) / scale;
}

function roundOrNull(value: number | null): number | null {
  return value === null ? null : round(value);
}

function tails(real: ColumnCollector, dummy: ColumnCollector): { below: number; above: number } {
  const range = real.max - real.min;
  if (!(range > 0)) return { below: dummy.min < real.min ? 1 : 0, above: dummy.max > real.max ? 1 : 0 };
  return { below: round(Math.max(0, (real.min - dummy.min) / range)), above: round(Math.max(0, (dummy.max - real.max) / range)) };
}

function pictureOf(real: ColumnCollector, dummy: ColumnCollector, k: number): ColumnPicture | undefined {
  if (real.reading.metric === "KSComplement" && real.values && dummy.values) return binPicture(real.values.sorted(), dummy.values.sorted(), k, real.reading.kind !== "number");
  if (real.reading.metric === "TVComplement" && real.counts && dummy.counts) return categoryPicture(real.counts, dummy.counts, k);
  return undefined;
}

function scoreColumn(real: ColumnCollector, dummy: ColumnCollector, inDummy: boolean, k: number): ColumnComparison {
  const reading = real.reading;
  const base = {
    column: reading.name,
    kind: reading.kind,
    metric: reading.metric,
    missing: { real: round(real.rows > 0 ? real.missing / real.rows : 0), dummy: round(dummy.rows > 0 ? dummy.missing / dummy.rows : 0) },
    unreadable: dummy.unreadable,
  };
  if (!inDummy) return { ...base, score: 0, note: "missing from the dummy data" };
  if (reading.metric === null && real.wordCounts && dummy.wordCounts && real.wordCounts.n > 0 && dummy.wordCounts.n > 0) {
    return { ...base, score: null, note: `not scored: free text (words per value: KSComplement ${round(ksComplement(real.wordCounts.sorted(), dummy.wordCounts.sorted()), 3).toFixed(3)})` };
  }
  if (reading.metric === null) return { ...base, score: null, note: reading.kind === "identifier" ? "not scored: identifier" : "not scored: free text" };
  if (real.present === 0) return { ...base, score: null, note: "not scored: no real values" };
  if (dummy.present === 0) return { ...base, score: 0, note: "no dummy values" };
  const score = reading.metric === "KSComplement" ? ksComplement(real.values!.sorted(), dummy.values!.sorted()) : tvComplement(real.counts!, dummy.counts!);
  const lists = real.listLengths && dummy.listLengths ? { note: `over codes (list lengths: TVComplement ${round(tvComplement(real.listLengths, dummy.listLengths), 3).toFixed(3)})` } : {};
  const picture = pictureOf(real, dummy, k);
  return { ...base, score: round(score), ...(reading.numeric ? { tails: tails(real, dummy) } : {}), ...lists, ...(picture ? { picture } : {}) };
}

export async function compare(options: CompareOptions): Promise<CompareReport> {
  const minCount = options.minCount ?? DEFAULT_MIN_COUNT;
  const declared = options.schema !== undefined ? loadDeclaredSchema(options.schema) : undefined;
  const tableOptions = { ...(options.nullTokens ? { nullTokens: options.nullTokens } : {}) };
  // What each real column is, and the rules its rows keep, found exactly as profile finds them.
  const profiled = await profile({
    input: options.real,
    minCount,
    ...tableOptions,
    ...(options.realFormat ? { format: options.realFormat } : {}),
    ...(options.schema !== undefined ? { schema: options.schema } : {}),
  });
  const readings = profiled.columns.map((decision) => columnReading(decision));
  const compared = readings.map((r, i) => (r.kind === "identifier" ? -1 : i)).filter((i) => i >= 0);
  // Lists of codes are scored on their codes alone: as whole values they would make pair tables of
  // hundreds of rare combinations, which say little about how the codes go with other columns.
  const scored = readings.map((r, i) => (r.metric === null || r.codes !== undefined ? -1 : i)).filter((i) => i >= 0);
  const shape = { compared, scored, distanceSample: options.distanceReference ?? 50_000, pairSample: options.pairSample ?? 50_000 };
  // A schema written by profile declares the rules profile finds again here: each is counted once.
  const rules: Rule[] = [...new Map([...(declared ? declaredRules(declared.loaded.schema).map((placed) => placed.rule) : []), ...(profiled.stats.rules ?? [])].map((rule) => [JSON.stringify(rule), rule])).values()];
  const tally = new RuleTally(rules, readings.map((r) => r.name));

  const index = new RealRowIndex();
  const real = await readPass(options.real, readings, { ...tableOptions, ...(options.realFormat ? { format: options.realFormat } : {}) }, shape, 1, (key) => index.add(key));
  let exactMatches = 0;
  let uniqueMatches = 0;
  const dummy = await readPass(
    options.dummy,
    readings,
    { ...tableOptions, ...(options.dummyFormat ? { format: options.dummyFormat } : {}) },
    { ...shape, distanceSample: options.distanceSample ?? 1000 },
    2,
    (key, row) => {
      const count = index.count(key);
      if (count > 0) exactMatches++;
      if (count === 1) uniqueMatches++;
      tally.check(row);
    },
  );

  const dummyColumns = new Set(dummy.fileColumns);
  const columns = readings.map((reading, i) => scoreColumn(real.collectors[i]!, dummy.collectors[i]!, dummyColumns.has(reading.name), minCount));
  const scores = columns.filter((c) => c.score !== null).map((c) => c.score!);

  const pairColumns: PairColumn[] = scored.map((i) => ({ name: readings[i]!.name, numeric: readings[i]!.numeric }));
  const pairs = pairTrends(pairColumns, real.scoredSample.items, dummy.scoredSample.items);
  const realHalves = halves(real.scoredSample.items, pairColumns);

  const distanceColumns: DistanceColumn[] = compared.map((i) => {
    const collector = real.collectors[i]!;
    return { numeric: collector.reading.numeric, range: collector.max > collector.min ? collector.max - collector.min : 0 };
  });
  const distances = closestDistances(dummy.sample.items, real.sample.items, distanceColumns);
  const baselineProbe = real.sample.items.slice(0, Math.min(real.sample.items.length, dummy.sample.items.length || 1000));
  const baseline = closestDistances(baselineProbe, real.sample.items, distanceColumns, true);

  return {
    real: { file: basename(options.real), rows: real.rows },
    dummy: { file: basename(options.dummy), rows: dummy.rows },
    columns,
    columnShapes: scores.length > 0 ? round(scores.reduce((a, b) => a + b, 0) / scores.length) : null,
    pairs: pairs.map((pair) => ({ ...pair, score: pair.score === null ? null : round(pair.score), ...(pair.real !== undefined ? { real: round(pair.real) } : {}), ...(pair.dummy !== undefined ? { dummy: round(pair.dummy) } : {}) })),
    columnPairTrends: roundOrNull(meanPairScore(pairs)),
    rules: tally.readings(dummy.rows),
    realHalves: { rows: realHalves.rows, columnShapes: roundOrNull(realHalves.columnShapes), columnPairTrends: roundOrNull(realHalves.columnPairTrends) },
    extraColumns: dummy.extraColumns,
    disclosure: {
      comparedColumns: compared.map((i) => readings[i]!.name),
      exactMatches,
      exactMatchRate: round(dummy.rows > 0 ? exactMatches / dummy.rows : 0),
      uniqueMatches,
      uniqueMatchRate: round(dummy.rows > 0 ? uniqueMatches / dummy.rows : 0),
      distanceToClosestRecord: {
        median: round(percentile(distances, 0.5)),
        p5: round(percentile(distances, 0.05)),
        realToRealMedian: round(percentile(baseline, 0.5)),
        dummyRowsSampled: dummy.sample.items.length,
        realRowsCompared: real.sample.items.length,
      },
    },
  };
}
