import type { ErrorObject, ValidateFunction } from "ajv";
import { joinPointer } from "../errors/json-pointer.js";
import { SynthError } from "../errors/synth-error.js";
import { readJsonFile } from "../io/json-file.js";
import { ownValidator } from "../schema/own-validators.js";
import { checkModelContract } from "./model-contract.js";
import type { StatsFile } from "./types.js";

function statsValidator(): ValidateFunction {
  return ownValidator("stats");
}

/** The most useful of ajv's errors: the deepest one, since oneOf failures report every branch. */
function mostSpecific(errors: ErrorObject[]): ErrorObject {
  return [...errors].sort((a, b) => b.instancePath.length - a.instancePath.length)[0]!;
}

/** Checks a statistics document against schemas/stats.schema.json; throws STATS_INVALID naming the place. */
export function validateStats(document: unknown, file = "<statistics>"): StatsFile {
  const validate = statsValidator();
  if (validate(document)) {
    checkOrdering(document as unknown as StatsFile, file);
    checkModelContract(document as unknown as StatsFile, file);
    return document as unknown as StatsFile;
  }
  const version = (document as { version?: unknown } | null)?.version;
  if (document !== null && typeof document === "object" && version !== undefined && version !== 1 && version !== 2) {
    throw new SynthError("STATS_INVALID", `statistics version ${JSON.stringify(version)} is not supported (this synth reads versions 1 and 2)`, { file, pointer: "/version" });
  }
  const error = mostSpecific(validate.errors ?? []);
  const detail = error.params && "allowedValues" in error.params ? `: ${(error.params.allowedValues as unknown[]).join(", ")}` : "";
  throw new SynthError("STATS_INVALID", `not valid statistics: ${error.message ?? "invalid"}${detail}`, { file, pointer: error.instancePath });
}

/** What JSON Schema cannot say: probabilities ascend and quantile values never decrease. */
function checkOrdering(stats: StatsFile, file: string): void {
  for (const [name, column] of Object.entries(stats.columns)) {
    const points = "quantiles" in column ? column.quantiles : "length" in column ? column.length : undefined;
    const key = "quantiles" in column ? "quantiles" : "length";
    if (!points) continue;
    for (let i = 1; i < points.length; i++) {
      const [p0, v0] = points[i - 1]!;
      const [p1, v1] = points[i]!;
      if (p1 < p0 || v1 < v0) {
        throw new SynthError("STATS_INVALID", "quantile points must ascend in probability and value", { file, pointer: joinPointer("/columns", name, key, i), column: name });
      }
    }
  }
}

export function loadStats(path: string): StatsFile {
  return validateStats(readJsonFile(path), path);
}
