import type { Rule } from "../types.js";

/** One kind of rule: the columns it names, whether a row satisfies it, and what it says in plain words. */
export interface RuleDefinition<R extends Rule> {
  kind: R["kind"];
  columns(rule: R): string[];
  /** Whether a row satisfies the rule; `get` reads a column's value (null or undefined when empty). */
  holds(rule: R, get: (column: string) => unknown): boolean;
  words(rule: R): string;
}
