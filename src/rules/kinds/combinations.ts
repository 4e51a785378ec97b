import type { CombinationsRule } from "../types.js";
import { isEmpty, sameCode, shown } from "../values.js";
import type { RuleDefinition } from "./definition.js";

export const combinations: RuleDefinition<CombinationsRule> = {
  kind: "combinations",
  columns: (rule) => [...rule.columns],
  holds(rule, get) {
    const a = get(rule.columns[0]), b = get(rule.columns[1]);
    if (isEmpty(a) || isEmpty(b)) return true;
    return !rule.never.some(([x, y]) => sameCode(a, x) && sameCode(b, y));
  },
  words(rule) {
    const [first, second] = rule.columns;
    const byFirst = new Map<string, string[]>();
    for (const [x, y] of rule.never) {
      const key = shown(x);
      byFirst.set(key, [...(byFirst.get(key) ?? []), shown(y)]);
    }
    const listed = [...byFirst].map(([x, ys]) => `${x} with ${ys.join(", ")}`).join("; ");
    return `these values of ${first} and ${second} never occur together: ${listed}`;
  },
};
