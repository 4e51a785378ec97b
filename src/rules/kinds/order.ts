import type { OrderRule } from "../types.js";
import { comparable, isEmpty } from "../values.js";
import type { RuleDefinition } from "./definition.js";

export const order: RuleDefinition<OrderRule> = {
  kind: "order",
  columns: (rule) => [rule.first, rule.second],
  holds(rule, get) {
    const a = get(rule.first), b = get(rule.second);
    if (isEmpty(a) || isEmpty(b)) return true;
    const x = comparable(a), y = comparable(b);
    if (x === undefined || y === undefined) return false;
    return rule.strict ? x < y : x <= y;
  },
  words(rule) {
    const relation = rule.strict ? "is always before (or less than)" : "is never after (or more than)";
    const gap = rule.gap ? "; the later value is drawn as the earlier one plus a gap, distributed as in the real data" : "";
    return `${rule.first} ${relation} ${rule.second}, where both have a value${gap}`;
  },
};
