import { bands } from "./kinds/bands.js";
import { combinations } from "./kinds/combinations.js";
import type { RuleDefinition } from "./kinds/definition.js";
import { empty } from "./kinds/empty.js";
import { order } from "./kinds/order.js";
import type { Rule } from "./types.js";

export type { Rule, RuleKind, RuleValue, OrderRule, EmptyRule, BandsRule, CombinationsRule } from "./types.js";

/** Every rule kind, registered once; a new kind is one file in kinds/ and one entry here. */
const DEFINITIONS: { [K in Rule["kind"]]: RuleDefinition<Extract<Rule, { kind: K }>> } = { order, empty, bands, combinations };

function definition<R extends Rule>(rule: R): RuleDefinition<R> {
  return DEFINITIONS[rule.kind] as unknown as RuleDefinition<R>;
}

/** The columns a rule names. */
export function ruleColumns(rule: Rule): string[] {
  return definition(rule).columns(rule);
}

/** Whether a row satisfies a rule. */
export function ruleHolds(rule: Rule, get: (column: string) => unknown): boolean {
  return definition(rule).holds(rule, get);
}

/** The rule in plain words, for describe, review pages and error messages. */
export function ruleWords(rule: Rule): string {
  return definition(rule).words(rule);
}
