import { ruleColumns, ruleHolds, ruleWords } from "../../rules/index.js";
import type { Rule } from "../../rules/types.js";
import type { Canonical } from "./column-values.js";

/** A rule of the real data and the dummy rows that break it. */
export interface RuleReading {
  rule: Rule;
  words: string;
  broken: number;
  brokenRate: number;
  /** Set when the dummy data lacks a column the rule names: it is then not checked. */
  note?: string;
}

/** Counts, rule by rule, the dummy rows that break it. Values are compared as compare reads them. */
export class RuleTally {
  private readonly broken: number[];
  private readonly checked: Array<{ rule: Rule; index: Map<string, number> } | undefined>;

  constructor(
    private readonly rules: readonly Rule[],
    columns: readonly string[],
  ) {
    const position = new Map(columns.map((name, i) => [name, i]));
    this.broken = rules.map(() => 0);
    this.checked = rules.map((rule) => {
      const names = ruleColumns(rule);
      if (!names.every((name) => position.has(name))) return undefined;
      return { rule, index: new Map(names.map((name) => [name, position.get(name)!])) };
    });
  }

  check(row: readonly Canonical[]): void {
    for (let r = 0; r < this.checked.length; r++) {
      const entry = this.checked[r];
      if (entry && !ruleHolds(entry.rule, (column) => row[entry.index.get(column)!])) this.broken[r]!++;
    }
  }

  readings(rows: number): RuleReading[] {
    return this.rules.map((rule, r) => ({
      rule,
      words: ruleWords(rule),
      broken: this.broken[r]!,
      brokenRate: rows > 0 ? Math.round((this.broken[r]! / rows) * 1e4) / 1e4 : 0,
      ...(this.checked[r] ? {} : { note: "not checked: a column it names is not in the data" }),
    }));
  }
}
