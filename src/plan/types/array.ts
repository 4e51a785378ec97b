import { SynthError } from "../../errors/synth-error.js";
import type { Located } from "../../schema/ref-index.js";
import type { CompileContext } from "../context.js";
import { canonical, collectFacts, type Facts, pointerOf } from "../facts.js";
import type { NodePlan } from "./node-plan.js";
import { sized, smallestOf } from "../value-size.js";

export type CompileParts = (parts: Located[], ctx: CompileContext) => NodePlan;

export function compileArray(facts: Facts, ctx: CompileContext, compileParts: CompileParts): NodePlan {
  const pointer = pointerOf(facts);
  // A slot whose schema is false (or "not {}") can hold no item: the array ends before it.
  const forbiddenAt = facts.prefixItems.findIndex((parts) => !collectFacts(parts, ctx).satisfiable);
  const prefix = forbiddenAt === -1 ? facts.prefixItems : facts.prefixItems.slice(0, forbiddenAt);
  const itemsForbidden = facts.items === false || forbiddenAt !== -1 || (facts.items.length > 0 && !collectFacts(facts.items, ctx).satisfiable);
  const minContains = facts.contains.length > 0 ? (facts.minContains ?? 1) : 0;
  const minItems = Math.max(facts.minItems ?? 0, minContains);
  let maxItems = facts.maxItems ?? Number.POSITIVE_INFINITY;
  if (itemsForbidden) maxItems = Math.min(maxItems, prefix.length);
  if (minItems > maxItems) throw new SynthError("UNSATISFIABLE", `minItems ${minItems} is greater than the items allowed (${maxItems})`, { pointer });
  const prefixPlans = prefix.map((parts) => compileParts(parts, ctx));
  const itemPlan = itemsForbidden || facts.items === false ? undefined : compileParts(facts.items.length > 0 ? facts.items : [{ node: true, base: "", pointer }], ctx);
  const containsParts = [...facts.contains, ...(facts.items === false ? [] : facts.items)];
  // With minContains 0, an array need hold no matching item, so a contains nothing matches is no obstacle.
  const containsPlan = minContains > 0 ? compileParts(containsParts, ctx) : undefined;
  // The first minItems items (prefix slots, then "items") are in every value: their sizes add up.
  let smallest = 2 + Math.max(0, minItems - 1);
  for (let i = 0; i < Math.min(minItems, prefixPlans.length); i++) smallest += smallestOf(prefixPlans[i]);
  if (minItems > prefixPlans.length) smallest += (minItems - prefixPlans.length) * smallestOf(itemPlan ?? containsPlan);
  const extra = ctx.options.extraItems;
  const upper = Math.min(maxItems, Math.max(minItems, prefix.length > 0 ? Math.min(prefix.length, minItems + extra) : minItems + extra));
  const runtime = ctx.runtime;
  const exact =
    prefixPlans.every((p) => p.exact) &&
    (itemPlan?.exact ?? true) &&
    facts.contains.length === 0 &&
    !facts.uniqueItems &&
    facts.parts.filter((p) => p.node !== null && typeof p.node === "object" && ("items" in p.node || "prefixItems" in p.node || "additionalItems" in p.node)).length <= 1;
  return sized({
    exact,
    sample: (rng, row) => {
      const deep = runtime.depth >= ctx.options.maxDepth;
      const length = deep ? minItems : minItems + rng.below(upper - minItems + 1);
      const out: unknown[] = new Array(length);
      // contains: put the required matching items at random places; the rest follow "items".
      const containsAt = new Set<number>();
      if (containsPlan) {
        // Matching items go after prefixItems where there is room (a prefix slot follows its own schema).
        const from = length - prefixPlans.length >= minContains ? prefixPlans.length : 0;
        const need = Math.min(length - from, minContains);
        while (containsAt.size < need) containsAt.add(from + rng.below(length - from));
      }
      for (let i = 0; i < length; i++) {
        const plan = containsAt.has(i) && containsPlan ? (i < prefixPlans.length ? prefixPlans[i]! : containsPlan) : (prefixPlans[i] ?? itemPlan!);
        out[i] = plan.sample(rng, row);
      }
      if (facts.uniqueItems) return dedupe(out, (i) => (prefixPlans[i] ?? itemPlan!).sample(rng, row));
      return out;
    },
  }, smallest, pointer, `minItems ${minItems}`);
}

/** Re-draws duplicates a few times; whatever remains duplicated is caught by verification. */
function dedupe(values: unknown[], redraw: (index: number) => unknown): unknown[] {
  const seen = new Set<string>();
  for (let i = 0; i < values.length; i++) {
    for (let attempt = 0; attempt < 20; attempt++) {
      const key = JSON.stringify(canonical(values[i]));
      if (!seen.has(key)) {
        seen.add(key);
        break;
      }
      values[i] = redraw(i);
    }
  }
  return values;
}
