import type { Cell } from "../../io/read-table.js";
import { isoToSeconds } from "../../plan/formats/calendar.js";
import type { ColumnDecision } from "../../profile/infer-kind.js";
import { parseIsoDate, parseIsoDateTime } from "../../profile/parse-value.js";

/**
 * How compare reads a column: as numbers on a line (numbers, dates: scored with KSComplement), as
 * categories (scored with TVComplement), or as text it does not score (free text and identifiers, as
 * SDMetrics leaves out its "text" and "id" columns). Each cell becomes a canonical value: a number for
 * numeric columns, a string otherwise ("2.50" and "2.5" are one category of a numeric column), null
 * when empty, and NaN for a numeric cell that does not read as a number.
 */

export type Metric = "KSComplement" | "TVComplement";
export type Canonical = number | string | null;

export interface ColumnReading {
  name: string;
  kind: ColumnDecision["kind"];
  /** Compared as numbers (a distance on a line) rather than as equal-or-not values. */
  numeric: boolean;
  metric: Metric | null;
  read(cell: Cell | undefined): Canonical;
  /** Lists of codes joined by this delimiter: scored on the codes they hold (TVComplement), not whole lists. */
  codes?: string;
  /** Free text of words: not scored, but its words per value are compared (KSComplement) in a note. */
  words?: boolean;
}

const NUMBER = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;
const SECONDS_PER_DAY = 86400;

function readNumber(cell: Cell | undefined): Canonical {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === "number") return cell;
  if (typeof cell === "string" && NUMBER.test(cell)) return Number(cell);
  return Number.NaN;
}

function readInstant(cell: Cell | undefined): Canonical {
  if (cell === null || cell === undefined) return null;
  if (typeof cell !== "string") return Number.NaN;
  const days = parseIsoDate(cell);
  if (days !== undefined) return days * SECONDS_PER_DAY;
  return parseIsoDateTime(cell) ?? isoToSeconds(cell) ?? Number.NaN;
}

function readCategory(numeric: boolean, boolean: boolean): (cell: Cell | undefined) => Canonical {
  return (cell) => {
    if (cell === null || cell === undefined) return null;
    if (numeric) {
      const value = readNumber(cell);
      return typeof value === "number" && !Number.isNaN(value) ? String(value) : String(cell);
    }
    if (boolean) {
      const text = String(cell).toLowerCase();
      if (text === "true" || text === "false") return text;
    }
    return String(cell);
  };
}

function readText(cell: Cell | undefined): Canonical {
  return cell === null || cell === undefined ? null : String(cell);
}

export function columnReading(decision: ColumnDecision): ColumnReading {
  const { name, kind } = decision;
  const numericType = decision.valueType === "integer" || decision.valueType === "number";
  switch (kind) {
    case "number":
      return { name, kind, numeric: true, metric: "KSComplement", read: readNumber };
    case "date":
    case "datetime":
      return { name, kind, numeric: true, metric: "KSComplement", read: readInstant };
    case "categorical":
      return { name, kind, numeric: false, metric: "TVComplement", read: readCategory(numericType, decision.valueType === "boolean") };
    case "boolean":
      return { name, kind, numeric: false, metric: "TVComplement", read: readCategory(false, true) };
    case "identifier":
      return numericType ? { name, kind, numeric: false, metric: null, read: (cell) => (cell === null || cell === undefined ? null : String(readNumber(cell))) } : { name, kind, numeric: false, metric: null, read: readText };
    case "string":
      if (decision.codeList) return { name, kind, numeric: false, metric: "TVComplement", read: readText, codes: decision.codeList.delimiter };
      return { name, kind, numeric: false, metric: null, read: readText, ...(decision.words ? { words: true } : {}) };
  }
}
