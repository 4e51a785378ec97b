import { SynthError } from "../../errors/synth-error.js";
import type { CompileContext } from "../context.js";
import { directAcceptor, type Facts, pointerOf } from "../facts.js";
import type { NodePlan } from "./node-plan.js";
import { plainIfValues } from "../plain-text.js";

/** enum and const values that every part accepts, checked once here so sampling needs no check. */
export function admissibleEnumValues(facts: Facts, ctx: CompileContext): unknown[] {
  const values = facts.enumValues ?? [];
  const direct = directAcceptor(facts, ctx);
  if (direct) return values.filter(direct);
  const validators = facts.parts.map((p) => ctx.loaded.validatorAt(p.pointer, p.doc));
  return values.filter((value) => validators.every((validate) => validate(value)));
}

export function compileEnum(facts: Facts, ctx: CompileContext): NodePlan {
  const values = admissibleEnumValues(facts, ctx);
  if (values.length === 0) {
    throw new SynthError("UNSATISFIABLE", "no enum or const value satisfies the other keywords", { pointer: pointerOf(facts) });
  }
  const count = values.length;
  // Values are copied so that a caller mutating a record cannot change the plan.
  const scalar = values.every((v) => v === null || typeof v !== "object");
  return {
    exact: true,
    sample: scalar ? plainIfValues(values, (rng) => values[rng.below(count)]) : (rng) => structuredClone(values[rng.below(count)]),
  };
}
