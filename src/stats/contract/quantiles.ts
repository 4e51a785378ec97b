import { joinPointer } from "../../errors/json-pointer.js";
import type { QuantilePoint } from "../types.js";
import { eachColumn } from "./columns.js";
import { instantSeconds } from "./instants.js";
import type { ContractCheck, ContractProblem } from "./problem.js";

/**
 * Quantile points are a cumulative distribution: probabilities from exactly 0 to exactly 1, each
 * higher than the one before (a repeated probability says nothing the next point does not), values
 * that never decrease; dates real days of the calendar; lengths never negative.
 */
function* pointsProblems(points: ReadonlyArray<QuantilePoint>, at: string, name: string, value: (v: number | string) => number | string): Iterable<ContractProblem> {
  const first = points[0]![0];
  const last = points[points.length - 1]![0];
  if (first !== 0) return yield { pointer: joinPointer(at, 0, 0), column: name, message: `quantile probabilities must start at 0 (this one is ${first})` };
  if (last !== 1) return yield { pointer: joinPointer(at, points.length - 1, 0), column: name, message: `quantile probabilities must end at 1 (this one is ${last})` };
  let previous: number | undefined;
  for (let i = 0; i < points.length; i++) {
    const [p, raw] = points[i]!;
    const v = value(raw);
    if (typeof v === "string") return yield { pointer: joinPointer(at, i, 1), column: name, message: v };
    if (i > 0 && !(p > points[i - 1]![0])) return yield { pointer: joinPointer(at, i, 0), column: name, message: `quantile probabilities must rise from point to point (${p} follows ${points[i - 1]![0]})` };
    if (previous !== undefined && v < previous) return yield { pointer: joinPointer(at, i, 1), column: name, message: "quantile values must never decrease" };
    previous = v;
  }
}

const asNumber = (v: number | string) => (typeof v === "number" ? v : `${JSON.stringify(v)} is not a number`);
const asLength = (v: number | string) => (typeof v !== "number" ? `${JSON.stringify(v)} is not a number` : v < 0 ? "a length is never negative" : v);
/** A date as seconds, or why it is not one. */
export const asInstant = (v: number | string) => instantSeconds(v);

export const quantilesCheck: ContractCheck = function* (stats) {
  for (const { name, column, at } of eachColumn(stats)) {
    if (column.kind === "number" && column.quantiles) yield* pointsProblems(column.quantiles, joinPointer(at, "quantiles"), name, asNumber);
    if ((column.kind === "date" || column.kind === "datetime") && column.quantiles) yield* pointsProblems(column.quantiles, joinPointer(at, "quantiles"), name, asInstant);
    if ((column.kind === "string" || column.kind === "identifier") && column.length) yield* pointsProblems(column.length, joinPointer(at, "length"), name, asLength);
    if (column.kind === "string" && column.words) {
      yield* pointsProblems(column.words.count, joinPointer(at, "words", "count"), name, asLength);
      if (column.words.length) yield* pointsProblems(column.words.length, joinPointer(at, "words", "length"), name, asLength);
    }
  }
};
