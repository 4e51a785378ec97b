import type { Cell } from "../../io/read-table.js";
import { isoToSeconds } from "../../plan/formats/calendar.js";
import { quantileShape, type NumericShape } from "../../plan/columns/distribution.js";
import type { Rng } from "../../random/rng.js";
import type { ColumnStats, ModelState } from "../../stats/types.js";
import type { ColumnDecision } from "../infer-kind.js";
import { NumericToken, numericToken, parseBooleanWord, parseIsoDate, parseIsoDateTime } from "../parse-value.js";

const SECONDS_PER_DAY = 86400;

/**
 * How the second pass reads one column: each cell becomes one of the column's states (a published
 * category, a bin of its published distribution, empty, present), or -1 when it is in none (a
 * withheld category, an empty value whose count was withheld). Numbers and dates also keep their
 * position in the published distribution (for the within-bin link) and their value (for rules).
 */
export interface ColumnEncoder {
  name: string;
  /** Index of the column in the table. */
  index: number;
  kind: ColumnDecision["kind"];
  states: ModelState[];
  emptyState: number;
  /** True for numbers and dates: values compare and have a distribution. */
  ordered: boolean;
  /** True for dates and date-times (values are seconds). */
  temporal: boolean;
  /** Categories and flags: states that are values. */
  categorical: boolean;
  /** Reads a cell into `out` (state, position, value); the rng splits ties in the distribution. */
  encode(cell: Cell | undefined, rng: Rng, out: EncodedCell): void;
}

export interface EncodedCell {
  state: number;
  /** Position of a number or date in its published distribution (NaN otherwise). */
  position: number;
  /** A number or date's value (dates as seconds); NaN otherwise. */
  value: number;
}

function numberOf(cell: Cell, typed: boolean): number | undefined {
  if (typeof cell === "number") return cell;
  if (typeof cell !== "string" || typed) return undefined;
  return numericToken(cell) === NumericToken.None ? undefined : Number(cell);
}

function instantOf(cell: Cell, kind: "date" | "datetime"): number | undefined {
  if (typeof cell !== "string") return undefined;
  if (kind === "date") {
    const days = parseIsoDate(cell);
    return days === undefined ? undefined : days * SECONDS_PER_DAY;
  }
  return parseIsoDateTime(cell);
}

/** The key a category is counted under, as categoryCounts (infer-kind.ts) merges them. */
function categoryKey(cell: Cell, decision: ColumnDecision, typed: boolean): string | undefined {
  if (decision.valueType === "integer" || decision.valueType === "number") {
    const n = numberOf(cell, typed);
    return n === undefined ? undefined : String(n);
  }
  if (decision.valueType === "boolean") {
    const b = typeof cell === "boolean" ? cell : typeof cell === "string" && !typed ? parseBooleanWord(cell) : undefined;
    return b === undefined ? undefined : String(b);
  }
  return typeof cell === "string" ? cell : String(cell);
}

/** Bins of equal probability of the published distribution. */
export function equalBins(count: number): ModelState[] {
  return Array.from({ length: count }, (_, i) => ({ from: Math.round((i / count) * 1e6) / 1e6, to: Math.round(((i + 1) / count) * 1e6) / 1e6 }));
}

/**
 * The encoder for a column, or undefined when the model cannot use it. `bins` is how many bins a number
 * or date gets.
 */
export function columnEncoder(index: number, decision: ColumnDecision, stats: ColumnStats, bins: number, typed: boolean): ColumnEncoder | undefined {
  const hasEmpty = (stats.nullFraction ?? 0) > 0;
  const states: ModelState[] = hasEmpty ? [{ empty: true }] : [];
  const emptyState = hasEmpty ? 0 : -1;
  const base = { name: decision.name, index, kind: decision.kind, emptyState };
  const emptyOr = (cell: Cell | undefined, out: EncodedCell): boolean => {
    out.position = NaN;
    out.value = NaN;
    if (cell === null || cell === undefined) {
      out.state = emptyState;
      return true;
    }
    return false;
  };
  if (stats.kind === "categorical" || stats.kind === "boolean") {
    const values: Array<string | number | boolean> = stats.kind === "boolean" ? [true, false] : stats.categories.map((c) => c.value);
    if (stats.kind === "boolean" && (stats.trueFraction === 0 || stats.trueFraction === 1)) values.splice(stats.trueFraction === 0 ? 0 : 1, 1);
    const offset = states.length;
    const byKey = new Map(values.map((v, i) => [String(v), offset + i]));
    for (const value of values) states.push({ value });
    return {
      ...base,
      states,
      ordered: false,
      temporal: false,
      categorical: true,
      encode(cell, _rng, out) {
        if (emptyOr(cell, out)) return;
        const key = categoryKey(cell!, decision, typed);
        out.state = key === undefined ? -1 : (byKey.get(key) ?? -1);
        // Numeric codes can be compared (an ordered code and a number): keep their value too.
        if (key !== undefined && typeof values[0] === "number") out.value = Number(key);
      },
    };
  }
  if ((stats.kind === "number" || stats.kind === "date" || stats.kind === "datetime") && stats.quantiles) {
    const temporal = stats.kind !== "number";
    const points = temporal ? stats.quantiles.map((q): [number, number] => [q[0], isoToSeconds(String(q[1]))!]) : (stats.quantiles as Array<[number, number]>);
    const shape: NumericShape = quantileShape(points);
    const unit = temporal ? (stats.kind === "date" ? SECONDS_PER_DAY : 1) : stats.kind === "number" && stats.integer ? 1 : stats.kind === "number" && stats.decimals !== undefined ? 10 ** -stats.decimals : 0;
    const offset = states.length;
    states.push(...equalBins(bins));
    return {
      ...base,
      states,
      ordered: true,
      temporal,
      categorical: false,
      encode(cell, rng, out) {
        if (emptyOr(cell, out)) return;
        const x = temporal ? instantOf(cell!, stats.kind as "date" | "datetime") : numberOf(cell!, typed);
        if (x === undefined) {
          out.state = -1;
          return;
        }
        // A value stands for every draw that gives it (rounding, a day): its position is spread
        // over them, so ties do not pile up on one bin edge.
        const low = unit > 0 ? shape.cdf(temporal ? x : x - unit / 2, 0) : shape.cdf(x, 0);
        const high = unit > 0 ? shape.cdf(temporal ? x + unit : x + unit / 2, 0) : shape.cdf(x, 1);
        const u = Math.min(0.999999, Math.max(0, low + rng.float() * Math.max(0, high - low)));
        out.position = u;
        out.value = x;
        out.state = offset + Math.min(bins - 1, Math.floor(u * bins));
      },
    };
  }
  if (stats.kind === "string" || stats.kind === "identifier" || stats.kind === "number" || stats.kind === "date" || stats.kind === "datetime") {
    if (!hasEmpty) return undefined; // always present: nothing to model
    states.push({ present: true });
    return {
      ...base,
      states,
      ordered: false,
      temporal: false,
      categorical: false,
      encode(cell, _rng, out) {
        if (emptyOr(cell, out)) return;
        out.state = 1;
      },
    };
  }
  return undefined;
}
