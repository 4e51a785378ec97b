import { joinPointer } from "../../errors/json-pointer.js";
import { SynthError } from "../../errors/synth-error.js";

/** Statistics that the schema forbids: an input error naming the column and the place in the stats file. */
export function contradiction(column: string, message: string, ...path: Array<string | number>): SynthError {
  return new SynthError("STATS_CONTRADICTS_SCHEMA", message, { column, pointer: joinPointer("/columns", column, ...path) });
}
