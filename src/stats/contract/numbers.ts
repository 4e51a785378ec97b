import { joinPointer } from "../../errors/json-pointer.js";
import { eachColumn } from "./columns.js";
import type { ContractCheck } from "./problem.js";

/** Whole numbers have no decimal places: `integer: true` with `decimals` above 0 says two things at once. */
export const integersCheck: ContractCheck = function* (stats) {
  for (const { name, column, at } of eachColumn(stats)) {
    if (column.kind === "number" && column.integer === true && (column.decimals ?? 0) > 0) {
      yield { pointer: joinPointer(at, "decimals"), column: name, message: `a whole-number column (integer: true) cannot have ${column.decimals} decimal places` };
    }
  }
};
