import type { CompareReport } from "./compare.js";

/**
 * One line that says whether a dummy table is good enough, for a person and for CI: the two scores
 * against a bar when one is given (`--fail-under`), else against what two halves of the real table
 * score against each other; and whether any dummy row copies a row that is unique in the real data.
 */

export interface Bar {
  shapes: number;
  pairs?: number;
}

export interface Verdict {
  /** False when a score is under the bar (or cannot be scored); true when all pass; undefined with no bar. */
  pass?: boolean;
  line: string;
  /** Each score under the bar, in words. */
  failures: string[];
}

const show = (score: number | null) => (score === null ? "-" : score.toFixed(3));

export function verdict(report: CompareReport, bar?: Bar): Verdict {
  const failures: string[] = [];
  const against = (name: string, score: number | null, min: number | undefined, halves: number | null) => {
    if (min === undefined) return `${name} ${show(score)}${halves !== null ? ` (real halves: ${show(halves)})` : ""}`;
    if (score === null) {
      failures.push(`${name} cannot be scored (nothing to score)`);
      return `${name} - (bar ${min})`;
    }
    if (score < min) failures.push(`${name} ${show(score)} is under ${min}`);
    return `${name} ${show(score)} ${score >= min ? ">=" : "<"} ${min}`;
  };
  const parts = [against("Column Shapes", report.columnShapes, bar?.shapes, report.realHalves.columnShapes), against("Column Pair Trends", report.columnPairTrends, bar?.pairs, report.realHalves.columnPairTrends)];
  const unique = report.disclosure.uniqueMatches;
  const copies = unique === 0 ? "no dummy row copies a real row that is unique" : `${unique} dummy row${unique === 1 ? " copies a real row" : "s copy real rows"} that ${unique === 1 ? "is" : "are"} unique`;
  const head = bar ? (failures.length === 0 ? "PASS" : "FAIL") : "Scores";
  return {
    ...(bar ? { pass: failures.length === 0 } : {}),
    line: `${head}: ${parts.join(", ")}; ${copies}`,
    failures,
  };
}
