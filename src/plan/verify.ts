import type { ErrorObject, ValidateFunction } from "ajv";
import { SynthError } from "../errors/synth-error.js";
import type { Located } from "../schema/ref-index.js";
import type { CompileContext } from "./context.js";
import type { NodePlan } from "./types/node-plan.js";
import { OMIT } from "./types/object.js";
import { plainLike } from "./plain-text.js";

/** Parts synth made up itself (base ""), as opposed to places in the user's schema. */
export function realParts(parts: Located[]): Located[] {
  return parts.filter((p) => p.base !== "");
}

function describe(error: ErrorObject | undefined): string {
  if (!error) return "the schema";
  const keyword = error.keyword;
  return `"${keyword}"${error.message ? ` (${error.message})` : ""}`;
}

/** Runs a validator; a validator that recurses without end (some $dynamicRef schemas) is an error, not a crash. */
function checkValue(validate: ValidateFunction, value: unknown, at: Located): boolean {
  try {
    return validate(value) as boolean;
  } catch (error) {
    if (error instanceof RangeError) {
      throw new SynthError("GENERATION_FAILED", "the validator recursed without end checking a value here (a $ref/$dynamicRef cycle)", { pointer: at.pointer });
    }
    throw error;
  }
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
  // Verified samplers nest (a retried object retries its retried properties): without a shared budget
  // the retries multiply with depth and a value could take forever. The budget is per outermost value.
  const budget = maxAttempts * 50;
  const runtime = ctx.runtime;
  return {
    exact: true,
    ...(plan.smallest !== undefined ? { smallest: plan.smallest } : {}),
    sample: plainLike(plan.sample, (rng, row) => {
      validators ??= places.map((p) => ctx.loaded.validatorAt(p.pointer, p.doc));
      let failed: { at: Located; error: ErrorObject | undefined } | undefined;
      const outermost = !runtime.verifying;
      if (outermost) runtime.attempts = 0;
      runtime.verifying = (runtime.verifying ?? 0) + 1;
      try {
        for (let attempt = 0; attempt < maxAttempts; attempt++) {
          if (attempt > 0 && (runtime.attempts = (runtime.attempts ?? 0) + 1) > budget) {
            throw new SynthError("GENERATION_FAILED", `gave up after ${budget} retries of nested values that kept failing verification`, {
              pointer: places[0]!.pointer,
              ...(places[0]!.doc !== undefined ? { file: places[0]!.doc } : {}),
            });
          }
          const value = plan.sample(rng, row);
          if (value === OMIT) return value;
          const index = validators.findIndex((validate, i) => !checkValue(validate, value, places[i]!));
          if (index === -1) return value;
          failed = { at: places[index]!, error: validators[index]!.errors?.[0] };
        }
      } finally {
        runtime.verifying--;
      }
      const pointer = failed?.at.pointer ?? "";
      throw new SynthError(
        "GENERATION_FAILED",
        `could not generate a value that satisfies ${describe(failed?.error)} in ${maxAttempts} attempts`,
        {
          pointer: failed?.error ? pointer + failed.error.instancePath.replace(/^(?=.)/, "") : pointer,
          ...(failed?.at.doc !== undefined ? { file: failed.at.doc } : {}),
        },
      );
    }),
  };
}

/**
 * `verified` for a column of scalars whose schema facts.ts can check directly (directScalarAcceptor):
 * the same redraws and the same refusal to return an invalid value, without compiling a validator.
 */
export function checkedDirectly(plan: NodePlan, accepts: (value: unknown) => boolean, pointer: string, ctx: CompileContext): NodePlan {
  const maxAttempts = ctx.options.maxAttempts;
  const sample = plan.sample;
  return {
    exact: true,
    sample: plainLike(sample, (rng, row) => {
      for (let attempt = 0; attempt < maxAttempts; attempt++) {
        const value = sample(rng, row);
        if (value === OMIT || accepts(value)) return value;
      }
      throw new SynthError("GENERATION_FAILED", `could not generate a value that satisfies the schema in ${maxAttempts} attempts`, { pointer });
    }),
  };
}
