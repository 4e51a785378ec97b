import type { ErrorObject, ValidateFunction } from "ajv";
import { SynthError } from "../errors/synth-error.js";
import type { Located } from "../schema/ref-index.js";
import type { CompileContext } from "./context.js";
import type { NodePlan } from "./types/node-plan.js";
import { OMIT } from "./types/object.js";

/** Parts synth made up itself (base ""), as opposed to places in the user's schema. */
export function realParts(parts: Located[]): Located[] {
  return parts.filter((p) => p.base !== "");
}

function describe(error: ErrorObject | undefined): string {
  if (!error) return "the schema";
  const keyword = error.keyword;
  return `"${keyword}"${error.message ? ` (${error.message})` : ""}`;
}

/**
 * Wraps a plan whose values are not valid by construction: each value is checked against every
 * part it must satisfy and drawn again if it fails, a bounded number of times. Past that, generation
 * stops naming the place, rather than ever returning an invalid value.
 */
export function verified(plan: NodePlan, parts: Located[], ctx: CompileContext): NodePlan {
  const places = realParts(parts);
  if (places.length === 0) return plan;
  let validators: ValidateFunction[] | undefined;
  const maxAttempts = ctx.options.maxAttempts;
  return {
    exact: true,
    sample: (rng, row) => {
      validators ??= places.map((p) => ctx.loaded.validatorAt(p.pointer));
      let failed: { at: Located; error: ErrorObject | undefined } | undefined;
      for (let attempt = 0; attempt < maxAttempts; attempt++) {
        const value = plan.sample(rng, row);
        if (value === OMIT) return value;
        const index = validators.findIndex((validate) => !validate(value));
        if (index === -1) return value;
        failed = { at: places[index]!, error: validators[index]!.errors?.[0] };
      }
      const pointer = failed?.at.pointer ?? "";
      throw new SynthError(
        "GENERATION_FAILED",
        `could not generate a value that satisfies ${describe(failed?.error)} in ${maxAttempts} attempts`,
        { pointer: failed?.error ? pointer + failed.error.instancePath.replace(/^(?=.)/, "") : pointer },
      );
    },
  };
}
