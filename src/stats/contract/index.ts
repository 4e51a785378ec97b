import { categoriesCheck } from "./categories.js";
import { histogramCheck } from "./histogram.js";
import { integersCheck } from "./numbers.js";
import type { ContractCheck, ContractProblem } from "./problem.js";
import { quantilesCheck } from "./quantiles.js";
import { textCheck } from "./text.js";

export type { ContractCheck, ContractProblem } from "./problem.js";

/**
 * The statistics contract beyond schemas/stats.schema.json: every check a statistics file must pass
 * before any command uses it. The dependence model and rules are checked by ../model-contract.ts,
 * after these.
 */
export const CONTRACT_CHECKS: readonly ContractCheck[] = [categoriesCheck, quantilesCheck, histogramCheck, integersCheck, textCheck];

/** The first problem the checks find, in their order, or undefined when the file keeps the contract. */
export function firstContractProblem(stats: Parameters<ContractCheck>[0], checks: readonly ContractCheck[] = CONTRACT_CHECKS): ContractProblem | undefined {
  for (const check of checks) {
    for (const problem of check(stats)) return problem;
  }
  return undefined;
}
