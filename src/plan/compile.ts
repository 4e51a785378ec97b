import { SynthError } from "../errors/synth-error.js";
import type { Located } from "../schema/ref-index.js";
import type { CompileContext } from "./context.js";
import { collectFacts, JSON_TYPES, type BranchGroup, type Facts, type JsonType, pointerOf } from "./facts.js";
import { anyValuePlan } from "./types/any-value.js";
import { compileArray } from "./types/array.js";
import { compileEnum } from "./types/enum.js";
import type { NodePlan } from "./types/node-plan.js";
import { compileInteger, compileNumber } from "./types/number.js";
import { compileObject, type PropertyOverride } from "./types/object.js";
import { compileString } from "./types/string.js";
import { realParts, verified } from "./verify.js";
import { isPlain, plain } from "./plain-text.js";
import { sized, smallestOf } from "./value-size.js";

const NO_GROUPS: ReadonlySet<string> = new Set();
/** Recursion this deep through $refs means the schema has no finite instance. */
const RECURSION_LIMIT = 40;
/** Recursions within one value past which only required parts are generated. */
const EXPANSION_LIMIT = 64;
/** Chance of null among a nullable column's values when no statistics say otherwise. */
/** How often a schema that allows null gets one, when no statistics say. */
export const DEFAULT_NULL_WEIGHT = 0.1;

function planKey(parts: Located[], consumed: ReadonlySet<string>, dynamic: boolean): string {
  const key = parts.map((p) => `${p.base}#${p.doc ?? ""}#${p.pointer}`).join("|") + "||" + [...consumed].sort().join("|");
  // With $dynamicRef, the same subschema can mean different things on different paths.
  return dynamic ? key + "||" + parts.map((p) => (p.scope ?? []).join(" ")).join("|") : key;
}

/** Compiles the subschemas that must all hold at one place into a plan. */
export function compileParts(parts: Located[], ctx: CompileContext, consumed: ReadonlySet<string> = NO_GROUPS): NodePlan {
  const synthetic = parts.some((p) => p.base === "");
  const key = synthetic ? undefined : planKey(parts, consumed, ctx.loaded.index.usesDynamicRef);
  if (key !== undefined) {
    const cached = ctx.cache.get(key);
    if (cached) return cached;
    if (ctx.compiling.has(key)) return recursivePlan(key, parts, ctx);
    ctx.compiling.add(key);
  }
  try {
    const plan = compileFacts(collectFacts(parts, ctx, consumed), ctx, consumed);
    if (key !== undefined) ctx.cache.set(key, plan);
    return plan;
  } finally {
    if (key !== undefined) ctx.compiling.delete(key);
  }
}

/** A place the schema reaches again from inside itself: compiled by the time it is sampled. */
function recursivePlan(key: string, parts: Located[], ctx: CompileContext): NodePlan {
  const runtime = ctx.runtime;
  return {
    exact: false,
    sample: (rng, row) => {
      const plan = ctx.cache.get(key);
      if (!plan) throw new SynthError("UNSATISFIABLE", "recursive $ref cannot be generated", { pointer: parts[0]?.pointer ?? "" });
      if (runtime.depth >= RECURSION_LIMIT) {
        throw new SynthError("UNSATISFIABLE", "recursive $ref has no finite instance (every value would nest forever)", { pointer: parts[0]?.pointer ?? "" });
      }
      // A schema that recurses through many places at once (a meta-schema) grows a tree whose size
      // multiplies with depth: past EXPANSION_LIMIT recursions in one value, go straight to the depth
      // where only required parts are generated.
      if (runtime.depth === 0) runtime.expanded = 0;
      runtime.expanded = (runtime.expanded ?? 0) + 1;
      const saved = runtime.depth;
      runtime.depth = runtime.expanded > EXPANSION_LIMIT ? Math.max(saved + 1, ctx.options.maxDepth) : saved + 1;
      try {
        return plan.sample(rng, row);
      } finally {
        runtime.depth = saved;
      }
    },
  };
}

/**
 * `wholeRows`: a table whose columns follow statistics or a row model is drawn as one object and its
 * if/then/else checked afterwards; splitting it into branches would compile the columns without them.
 */
export function compileFacts(facts: Facts, ctx: CompileContext, consumed: ReadonlySet<string>, override?: PropertyOverride, wholeRows = false): NodePlan {
  const pointer = pointerOf(facts);
  if (!facts.satisfiable) throw new SynthError("UNSATISFIABLE", "the schema here allows no value (false)", { pointer });
  let plan: NodePlan;
  const group = facts.anyOf[0] ?? facts.oneOf[0];
  if (group) plan = compileBranches(group, facts, ctx, consumed, facts.anyOf.includes(group) ? "anyOf" : "oneOf");
  else if (facts.conditionals[0] && !wholeRows) plan = compileConditional(facts.conditionals[0], facts, ctx, consumed);
  else if (facts.enumValues) plan = compileEnum(facts, ctx);
  else plan = compileByType(facts, ctx, override);
  const needsCheck = !plan.exact || facts.not.length > 0 || facts.unmodelled.length > 0 || (wholeRows && facts.conditionals.length > 0);
  return needsCheck ? verified(plan, facts.parts, ctx) : plan;
}

/** anyOf/oneOf: each branch compiled together with everything else that holds here; one picked per value. */
function compileBranches(group: BranchGroup, facts: Facts, ctx: CompileContext, consumed: ReadonlySet<string>, keyword: "anyOf" | "oneOf"): NodePlan {
  const taken = new Set([...consumed, group.key]);
  const branches: NodePlan[] = [];
  let firstError: unknown;
  for (const option of group.options) {
    try {
      branches.push(compileParts([...realParts(facts.parts), option], ctx, taken));
    } catch (error) {
      if (!(error instanceof SynthError) || (error.kind !== "unsatisfiable" && error.code !== "UNKNOWN_FORMAT")) throw error;
      firstError ??= error;
    }
  }
  if (branches.length === 0) {
    if (firstError instanceof SynthError && group.options.length === 1) throw firstError;
    throw new SynthError("UNSATISFIABLE", `no branch of ${keyword} can be satisfied together with the rest of the schema`, { pointer: group.options[0]?.pointer.replace(/\/\d+$/, "") });
  }
  return {
    // A value from an anyOf branch satisfies the anyOf; a oneOf value must also fail every other branch.
    exact: keyword === "anyOf" && branches.every((b) => b.exact),
    smallest: Math.min(...branches.map(smallestOf)),
    sample: pickWithFallback(branches),
  };
}

/**
 * Picks one plan at random; if its values keep failing verification (GENERATION_FAILED), tries the
 * others in turn, so one branch that cannot be generated does not sink the rest. Nothing is remembered
 * between values: row i stays a function of (seed, i) alone.
 */
function pickWithFallback(plans: NodePlan[]): NodePlan["sample"] {
  const count = plans.length;
  if (count === 1) return plans[0]!.sample;
  return (rng, row) => {
    const first = rng.below(count);
    let failure: unknown;
    for (let k = 0; k < count; k++) {
      try {
        return plans[(first + k) % count]!.sample(rng, row);
      } catch (error) {
        if (!(error instanceof SynthError) || error.code !== "GENERATION_FAILED") throw error;
        failure ??= error;
      }
    }
    throw failure;
  };
}

function compileConditional(conditional: Facts["conditionals"][number], facts: Facts, ctx: CompileContext, consumed: ReadonlySet<string>): NodePlan {
  const taken = new Set([...consumed, conditional.key]);
  const base = realParts(facts.parts);
  const options: NodePlan[] = [];
  for (const parts of [[...base, conditional.if, ...(conditional.then ? [conditional.then] : [])], [...base, ...(conditional.else ? [conditional.else] : [])]]) {
    try {
      options.push(compileParts(parts, ctx, taken));
    } catch (error) {
      if (!(error instanceof SynthError) || error.kind !== "unsatisfiable") throw error;
    }
  }
  if (options.length === 0) throw new SynthError("UNSATISFIABLE", "neither branch of if/then/else can be satisfied", { pointer: conditional.if.pointer });
  return { exact: false, sample: pickWithFallback(options) };
}

const STRING_KEYWORDS = (f: Facts) => f.minLength !== undefined || f.maxLength !== undefined || f.patterns.length > 0 || f.faker !== undefined || f.synthType !== undefined || f.formats.some((x) => !["int32", "int64", "float", "double"].includes(x));
const NUMBER_KEYWORDS = (f: Facts) => f.minimum !== undefined || f.maximum !== undefined || f.exclusiveMinimum !== undefined || f.exclusiveMaximum !== undefined || f.multipleOf.length > 0;
const ARRAY_KEYWORDS = (f: Facts) => f.prefixItems.length > 0 || f.items === false || f.items.length > 0 || f.minItems !== undefined || f.maxItems !== undefined || f.contains.length > 0 || f.uniqueItems;
const OBJECT_KEYWORDS = (f: Facts) => f.properties.size > 0 || f.required.size > 0 || f.patternProperties.length > 0 || f.additionalProperties === false || f.additionalProperties.length > 0 || f.minProperties !== undefined || f.maxProperties !== undefined || f.propertyNames.length > 0 || f.dependentRequired.size > 0 || f.dependentSchemas.size > 0;

/** Without a "type" keyword, the keywords present say what kind of value the author had in mind. */
function impliedTypes(facts: Facts): Set<JsonType> | undefined {
  const implied = new Set<JsonType>();
  if (STRING_KEYWORDS(facts)) implied.add("string");
  if (NUMBER_KEYWORDS(facts)) implied.add("number").add("integer");
  if (ARRAY_KEYWORDS(facts)) implied.add("array");
  if (OBJECT_KEYWORDS(facts)) implied.add("object");
  return implied.size > 0 ? implied : undefined;
}

function compileType(type: JsonType, facts: Facts, ctx: CompileContext, override?: PropertyOverride): NodePlan {
  switch (type) {
    case "null":
      return { exact: true, sample: plain(() => null) };
    case "boolean":
      return { exact: true, sample: plain((rng) => rng.chance(0.5)) };
    case "integer":
      return compileInteger(facts);
    case "number":
      return compileNumber(facts);
    case "string":
      return sized(compileString(facts, ctx), (facts.minLength ?? 0) + 2, pointerOf(facts), `minLength ${facts.minLength ?? 0}`);
    case "array":
      return compileArray(facts, ctx, (parts, c) => compileParts(parts, c));
    case "object":
      return compileObject(facts, ctx, (parts, c) => compileParts(parts, c), override);
  }
}

function compileByType(facts: Facts, ctx: CompileContext, override?: PropertyOverride): NodePlan {
  const pointer = pointerOf(facts);
  if (facts.types === undefined && impliedTypes(facts) === undefined && facts.not.length === 0 && facts.unmodelled.length === 0) {
    return anyValuePlan;
  }
  const implied = facts.types === undefined ? impliedTypes(facts) : undefined;
  const allowed = facts.types ?? implied ?? new Set(JSON_TYPES);
  if (allowed.size === 0) throw new SynthError("UNSATISFIABLE", "no type satisfies every \"type\" keyword here", { pointer });
  const types = JSON_TYPES.filter((t) => allowed.has(t) && !(t === "integer" && allowed.has("number")));
  const plans: Array<{ type: JsonType; plan: NodePlan }> = [];
  let firstError: SynthError | undefined;
  const attempt = (type: JsonType): void => {
    try {
      plans.push({ type, plan: compileType(type, facts, ctx, override) });
    } catch (error) {
      if (!(error instanceof SynthError) || error.kind !== "unsatisfiable") throw error;
      firstError ??= error;
    }
  };
  for (const type of types) attempt(type);
  // Without "type", keywords for one kind of value leave the others free: {"contains": false} holds for 5.
  if (plans.length === 0 && implied !== undefined) {
    for (const type of JSON_TYPES) if (!implied.has(type) && type !== "integer") attempt(type);
  }
  // A number schema that only integers satisfy (e.g. a narrow range with a step) falls back to integers.
  if (plans.length === 0 && allowed.has("number") && allowed.has("integer")) {
    try {
      plans.push({ type: "integer", plan: compileInteger(facts) });
    } catch {
      /* reported below */
    }
  }
  if (plans.length === 0) throw firstError ?? new SynthError("UNSATISFIABLE", "no value satisfies this schema", { pointer });
  if (plans.length === 1) return plans[0]!.plan;
  const exact = plans.every((p) => p.plan.exact);
  const smallest = Math.min(...plans.map((p) => smallestOf(p.plan)));
  const nonNull = plans.filter((p) => p.type !== "null");
  const nullPlan = plans.find((p) => p.type === "null");
  const count = nonNull.length;
  const sample: NodePlan["sample"] = (rng, row) => (nullPlan && rng.chance(DEFAULT_NULL_WEIGHT) ? null : nonNull[rng.below(count)]!.plan.sample(rng, row));
  return { exact, smallest, sample: nonNull.every((p) => isPlain(p.plan.sample)) ? plain(sample) : sample };
}
