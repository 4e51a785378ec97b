import type { EmptyRule } from "../types.js";
import { isEmpty, sameCode, shown } from "../values.js";
import type { RuleDefinition } from "./definition.js";

export function emptyWhenHolds(rule: EmptyRule, whenValue: unknown): boolean {
  return rule.values.some((v) => sameCode(whenValue, v));
}

export const empty: RuleDefinition<EmptyRule> = {
  kind: "empty",
  columns: (rule) => [rule.when, rule.column],
  holds(rule, get) {
    const triggered = emptyWhenHolds(rule, get(rule.when));
    const isEmptyValue = isEmpty(get(rule.column));
    return triggered ? isEmptyValue : !rule.exactly || !isEmptyValue;
  },
  words(rule) {
    const values = rule.values.map(shown).join(" or ");
    return rule.exactly ? `${rule.column} is empty exactly when ${rule.when} is ${values}` : `${rule.column} is empty whenever ${rule.when} is ${values}`;
  },
};
