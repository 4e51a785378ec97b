import { joinPointer } from "../../errors/json-pointer.js";
import { eachColumn, wholeProblem } from "./columns.js";
import type { ContractCheck } from "./problem.js";

/**
 * Categories: each value once, and the published frequencies with the withheld share make the whole
 * of the non-null values. No categories at all is allowed only where nothing is drawn from them: every
 * value withheld, or the column always empty.
 */
export const categoriesCheck: ContractCheck = function* (stats) {
  for (const { name, column, at } of eachColumn(stats)) {
    if (column.kind !== "categorical") continue;
    const where = joinPointer(at, "categories");
    const seen = new Map<string, number>();
    for (const [i, category] of column.categories.entries()) {
      // Keyed as written in CSV: 1 and "1" are the same code there.
      const key = String(category.value);
      const first = seen.get(key);
      if (first !== undefined) {
        yield { pointer: joinPointer(where, i, "value"), column: name, message: `category ${JSON.stringify(category.value)} is listed twice (also at entry ${first})` };
        return;
      }
      seen.set(key, i);
    }
    const suppressed = column.suppressed?.frequency ?? 0;
    if (column.categories.length === 0 && suppressed === 0) {
      if (column.nullFraction === 1) continue;
      yield { pointer: where, column: name, message: "no categories: list at least one, with its frequency (or give the share withheld in suppressed)" };
      return;
    }
    const problem = wholeProblem([...column.categories.map((c) => c.frequency), suppressed], column.suppressed ? "category frequencies with the suppressed share" : "category frequencies");
    if (problem) yield { pointer: where, column: name, message: problem };
  }
};
