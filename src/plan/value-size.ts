import { SynthError } from "../errors/synth-error.js";
import type { NodePlan } from "./types/node-plan.js";

/**
 * The most characters one record may need. A JavaScript string holds at most about 2^29, and a
 * record is written as one line of text: a schema whose smallest value is larger than this (a
 * minLength or minItems in the millions, nested) could only run for minutes into "Invalid string
 * length" or an out-of-memory abort. Such a schema is refused when the plan is compiled instead.
 */
export const MAX_VALUE_CHARS = 64 * 1024 * 1024;

/** The smallest a plan's values can be, in characters of JSON text (unknown counts as 1). */
export function smallestOf(plan: NodePlan | undefined): number {
  return plan?.smallest ?? 1;
}

/** Records a plan's smallest size, refusing, at the place it comes from, a size no run could write. */
export function sized(plan: NodePlan, smallest: number, pointer: string, why: string): NodePlan {
  if (smallest > MAX_VALUE_CHARS) {
    throw new SynthError(
      "UNSATISFIABLE",
      `every value here needs at least ${Math.min(smallest, Number.MAX_SAFE_INTEGER).toLocaleString("en-GB")} characters (${why}), more than the ${MAX_VALUE_CHARS.toLocaleString("en-GB")} a record can hold`,
      { pointer },
    );
  }
  return { ...plan, smallest };
}
