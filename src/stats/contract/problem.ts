import type { StatsFile } from "../types.js";

/**
 * What JSON Schema cannot say about a statistics file, said by small checks, one per concern. Each
 * check reads a file that has already passed schemas/stats.schema.json and yields what is wrong with
 * it, each problem placed by a JSON pointer into the file. A new check is one more function in the
 * list in ./index.ts.
 */
export interface ContractProblem {
  pointer: string;
  message: string;
  column?: string;
}

export type ContractCheck = (stats: StatsFile) => Iterable<ContractProblem>;
