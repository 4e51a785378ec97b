import { SynthError } from "../../errors/synth-error.js";
import { joinPointer } from "../../errors/json-pointer.js";
import type { Located } from "../../schema/ref-index.js";
import type { CompileContext } from "../context.js";
import { collectFacts, type Facts, pointerOf } from "../facts.js";
import type { Sample } from "../sampler.js";
import type { CompileParts } from "./array.js";
import { sized, smallestOf } from "../value-size.js";
import type { NodePlan } from "./node-plan.js";
import { plainLike } from "../plain-text.js";
import { setProperty } from "../../io/own-property.js";

/** Returned by a column sampler to leave an optional property out of the record. */
export const OMIT: unique symbol = Symbol("omit");

/** Chance that an optional property is present when nothing says otherwise. */
const OPTIONAL_PRESENCE = 0.75;

/** Lets the caller (the row plan) replace how one property is generated, e.g. from column statistics. */
export type PropertyOverride = (name: string, parts: Located[], required: boolean) => NodePlan | undefined;

function partObject(part: Located): Record<string, unknown> | undefined {
  return part.node !== null && typeof part.node === "object" ? (part.node as Record<string, unknown>) : undefined;
}

/** Sets a property; "__proto__" as a plain assignment would replace the prototype instead. */
export { setProperty };

/** The subschemas a property named `name` must satisfy, across every part. */
function partsForName(facts: Facts, name: string): Located[] {
  const parts: Located[] = [...(facts.properties.get(name) ?? [])];
  for (const part of facts.parts) {
    const node = partObject(part);
    if (!node) continue;
    const declared = node.properties !== null && typeof node.properties === "object" && Object.hasOwn(node.properties, name);
    let matched = false;
    const patterns = node.patternProperties as Record<string, unknown> | undefined;
    if (patterns && typeof patterns === "object") {
      for (const pattern of Object.keys(patterns)) {
        if (new RegExp(pattern, "u").test(name)) {
          matched = true;
          parts.push({ node: patterns[pattern], base: part.base, pointer: joinPointer(part.pointer, "patternProperties", pattern) });
        }
      }
    }
    if (!declared && !matched && node.additionalProperties !== undefined) {
      parts.push({ node: node.additionalProperties, base: part.base, pointer: joinPointer(part.pointer, "additionalProperties") });
    }
  }
  return parts;
}

export function compileObject(facts: Facts, ctx: CompileContext, compileParts: CompileParts, override?: PropertyOverride): NodePlan {
  const pointer = pointerOf(facts);
  const names = [...new Set([...facts.properties.keys(), ...facts.required])];
  const columns: Array<{ name: string; required: boolean; drawAlways: boolean; plan: NodePlan }> = [];
  const nameValidators = facts.propertyNames.map((p) => ctx.loaded.validatorAt(p.pointer, p.doc));
  for (const name of names) {
    const parts = partsForName(facts, name);
    const required = facts.required.has(name);
    // A property whose schema is false, or whose name propertyNames rejects, must be absent.
    const forbidden = parts.some((p) => p.node === false) || !collectFacts(parts, ctx).satisfiable;
    const badName = facts.propertyNames.length > 0 && (!collectFacts(facts.propertyNames, ctx).satisfiable || !nameValidators.every((validate) => validate(name)));
    if (forbidden || badName) {
      if (required) {
        const why = forbidden ? "its schema allows no value" : "propertyNames does not allow its name";
        throw new SynthError("UNSATISFIABLE", `property "${name}" is required but ${why}`, { pointer: joinPointer(pointer, "required") });
      }
      continue;
    }
    const overridden = override?.(name, parts, required);
    // A column described by statistics is always drawn: its nullFraction decides when it is empty.
    columns.push({ name, required, drawAlways: required || overridden !== undefined, plan: overridden ?? compileParts(parts, ctx) });
  }
  const dependents = facts.dependentRequired;
  const minProperties = facts.minProperties ?? 0;
  const maxProperties = facts.maxProperties ?? Number.POSITIVE_INFINITY;
  const requiredCount = columns.filter((c) => c.required).length;
  if (requiredCount > maxProperties) {
    throw new SynthError("UNSATISFIABLE", `${requiredCount} properties are required but maxProperties is ${maxProperties}`, { pointer });
  }
  const extraName = extraPropertySampler(facts, ctx, compileParts);
  // An object the schema says nothing about the members of gets a few made-up members now and then.
  const freeForm =
    columns.length === 0 && extraName !== undefined && maxProperties > 0 && facts.additionalProperties !== false && !facts.unmodelled.includes("unevaluatedProperties");
  const exact =
    columns.every((c) => c.plan.exact) &&
    !(freeForm && (facts.patternProperties.length > 0 || facts.additionalProperties !== false && facts.additionalProperties.length > 0)) &&
    facts.propertyNames.length === 0 &&
    facts.dependentSchemas.size === 0 &&
    dependents.size === 0 &&
    facts.minProperties === undefined &&
    facts.maxProperties === undefined &&
    facts.parts.every((part) => {
      const node = partObject(part);
      if (!node || node.additionalProperties === undefined || node.additionalProperties === true) return true;
      const own = (node.properties ?? {}) as object;
      return columns.every((c) => Object.hasOwn(own, c.name));
    });
  const runtime = ctx.runtime;
  const maxDepth = ctx.options.maxDepth;
  const count = columns.length;
  // Writers' fast path (see NodePlan.fields): only when `sample` below reduces to one draw per column.
  const simple = !freeForm && dependents.size === 0 && facts.minProperties === undefined && facts.maxProperties === undefined && maxDepth > 0;
  const fields = simple ? columns.map((c) => ({ name: c.name, draw: fieldDraw(c.plan.sample, c.drawAlways) })) : undefined;
  // Required members are in every value: their names and smallest values add up.
  const required = columns.filter((c) => c.required);
  // minProperties members take at least `"":0,` each, whatever their names.
  const smallest = Math.max(2 + required.reduce((sum, c) => sum + c.name.length + 4 + smallestOf(c.plan), 0), 1 + 5 * minProperties);
  return sized({
    exact,
    ...(fields ? { fields } : {}),
    sample: (rng, row) => {
      const deep = runtime.depth >= maxDepth;
      const out: Record<string, unknown> = {};
      let present = 0;
      for (let i = 0; i < count; i++) {
        const column = columns[i]!;
        if (!column.drawAlways && (deep || present >= maxProperties || !rng.chance(OPTIONAL_PRESENCE))) continue;
        const value = column.plan.sample(rng, row);
        if (value === OMIT) continue;
        setProperty(out, column.name, value);
        present++;
      }
      if (freeForm && !deep && rng.chance(0.5)) {
        for (let n = 1 + rng.below(2); n > 0 && present < maxProperties; n--) {
          const [name, value] = extraName!(rng, row);
          if (Object.hasOwn(out, name)) continue;
          setProperty(out, name, value);
          present++;
        }
      }
      if (dependents.size > 0) addDependents(out, columns, dependents, rng, row);
      if (present < minProperties) {
        for (let i = 0; i < count && Object.keys(out).length < minProperties; i++) {
          const column = columns[i]!;
          if (!Object.hasOwn(out, column.name)) setProperty(out, column.name, column.plan.sample(rng, row));
        }
        for (let n = 0; Object.keys(out).length < minProperties && n < minProperties * 4; n++) {
          if (!extraName) break;
          const [name, value] = extraName(rng, row);
          if (!Object.hasOwn(out, name)) setProperty(out, name, value);
        }
      }
      return out;
    },
  }, smallest, pointer, minProperties > 0 ? `minProperties ${minProperties}` : `${required.length} required members`);
}

/** A column as `sample` draws it when not deep and without maxProperties: present always, or by chance. */
function fieldDraw(sample: Sample<unknown>, drawAlways: boolean): Sample<unknown> {
  return drawAlways ? sample : plainLike(sample, (rng, row) => (rng.chance(OPTIONAL_PRESENCE) ? sample(rng, row) : OMIT));
}

function addDependents(
  out: Record<string, unknown>,
  columns: Array<{ name: string; plan: NodePlan }>,
  dependents: Map<string, string[]>,
  rng: Parameters<Sample>[0],
  row: number,
): void {
  const byName = new Map(columns.map((c) => [c.name, c.plan]));
  const queue = Object.keys(out);
  while (queue.length > 0) {
    const name = queue.pop()!;
    for (const dependent of dependents.get(name) ?? []) {
      if (Object.hasOwn(out, dependent)) continue;
      const plan = byName.get(dependent);
      setProperty(out, dependent, plan ? plan.sample(rng, row) : null);
      queue.push(dependent);
    }
  }
}

/** Names and values for properties beyond the declared ones, when minProperties asks for more. */
function extraPropertySampler(facts: Facts, ctx: CompileContext, compileParts: CompileParts): Sample<[string, unknown]> | undefined {
  if (facts.additionalProperties === false && facts.patternProperties.length === 0) return undefined;
  let namePlan: NodePlan | undefined;
  if (facts.propertyNames.length > 0) {
    try {
      namePlan = compileParts([...facts.propertyNames, { node: { type: "string" }, base: "", pointer: "" }], ctx);
    } catch (error) {
      if (error instanceof SynthError && error.kind === "unsatisfiable") return undefined; // no name is allowed
      throw error;
    }
  }
  const valueParts = facts.additionalProperties === false ? [] : facts.additionalProperties;
  const valuePlan = compileParts(valueParts.length > 0 ? valueParts : [{ node: true, base: "", pointer: pointerOf(facts) }], ctx);
  return (rng, row) => {
    const name = namePlan ? String(namePlan.sample(rng, row)) : `extra_${rng.below(100000)}`;
    return [name, valuePlan.sample(rng, row)];
  };
}
