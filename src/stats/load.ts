import { SynthError } from "../errors/synth-error.js";
import { readJsonFile } from "../io/json-file.js";
import { mostSpecificError } from "../schema/ajv-message.js";
import { ownValidator } from "../schema/own-validators.js";
import { firstContractProblem } from "./contract/index.js";
import { checkModelContract } from "./model-contract.js";
import type { StatsFile } from "./types.js";

/**
 * The statistics contract, the one check every command makes of a statistics file before using it
 * (generate, describe, request, profile of its own output, compare through profile): the file's JSON
 * Schema (schemas/stats.schema.json), then what a schema cannot say (./contract/), then the dependence
 * model and rules (./model-contract.ts). Throws STATS_INVALID naming the file and the place in it.
 */
export function validateStats(document: unknown, file = "<statistics>"): StatsFile {
  const validate = ownValidator("stats");
  if (!validate(document)) {
    const version = (document as { version?: unknown } | null)?.version;
    if (document !== null && typeof document === "object" && version !== undefined && version !== 1 && version !== 2) {
      throw new SynthError("STATS_INVALID", `statistics version ${JSON.stringify(version)} is not supported (this synth reads versions 1 and 2)`, { file, pointer: "/version" });
    }
    const error = mostSpecificError(validate.errors);
    throw new SynthError("STATS_INVALID", `not valid statistics: ${error?.message ?? "not a statistics file"}`, { file, pointer: error?.pointer ?? "" });
  }
  const stats = document as unknown as StatsFile;
  const problem = firstContractProblem(stats);
  if (problem) throw new SynthError("STATS_INVALID", `not valid statistics: ${problem.message}`, { file, pointer: problem.pointer });
  checkModelContract(stats, file);
  return stats;
}

export function loadStats(path: string): StatsFile {
  return validateStats(readJsonFile(path), path);
}
