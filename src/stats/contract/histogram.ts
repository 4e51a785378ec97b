import { joinPointer } from "../../errors/json-pointer.js";
import type { HistogramBin } from "../types.js";
import { eachColumn, wholeProblem } from "./columns.js";
import { asInstant } from "./quantiles.js";
import type { ContractCheck, ContractProblem } from "./problem.js";

/**
 * Histogram bins run from a lower to a higher bound (a bin of no width holds nothing to draw), in
 * order, none overlapping the one before, and their frequencies make the whole.
 */
function* binsProblems(bins: ReadonlyArray<HistogramBin>, at: string, name: string, value: (v: number | string) => number | string): Iterable<ContractProblem> {
  let previousTo: number | undefined;
  for (let i = 0; i < bins.length; i++) {
    const bin = bins[i]!;
    const from = value(bin.from);
    if (typeof from === "string") return yield { pointer: joinPointer(at, i, "from"), column: name, message: from };
    const to = value(bin.to);
    if (typeof to === "string") return yield { pointer: joinPointer(at, i, "to"), column: name, message: to };
    if (from > to) return yield { pointer: joinPointer(at, i), column: name, message: "a bin runs from its lower bound to its higher one: from and to are reversed" };
    if (from === to) return yield { pointer: joinPointer(at, i), column: name, message: "a bin with the same from and to is empty: give it a width" };
    if (previousTo !== undefined && from < previousTo) return yield { pointer: joinPointer(at, i, "from"), column: name, message: "bins must come in order, each starting at or after the end of the one before (this one overlaps it)" };
    previousTo = to;
  }
  const problem = wholeProblem(bins.map((b) => b.frequency), "bin frequencies");
  if (problem) yield { pointer: at, column: name, message: problem };
}

const asNumber = (v: number | string) => (typeof v === "number" ? v : `${JSON.stringify(v)} is not a number`);

export const histogramCheck: ContractCheck = function* (stats) {
  for (const { name, column, at } of eachColumn(stats)) {
    if (column.kind === "number" && column.histogram) yield* binsProblems(column.histogram, joinPointer(at, "histogram"), name, asNumber);
    if ((column.kind === "date" || column.kind === "datetime") && column.histogram) yield* binsProblems(column.histogram, joinPointer(at, "histogram"), name, asInstant);
  }
};
