import { declaredRules } from "../../plan/dependence/row-columns.js";
import { ruleColumns, ruleWords } from "../../rules/index.js";
import type { StatsFile } from "../../stats/types.js";

/**
 * How the columns of a row hang together, for the dictionary: which columns are drawn depending on
 * which (the statistics' dependence model), which numbers and dates move together, every rule in plain
 * words (declared in the schema or found in the real data), and which columns are drawn on their own.
 * A requester reads from it which combinations the dummy rows keep as the real ones do.
 */

export interface Dependency {
  column: string;
  dependsOn: string[];
}

export interface StructureRule {
  words: string;
  columns: string[];
  source: "schema" | "statistics";
}

export interface Structure {
  dependencies: Dependency[];
  /** Numbers and dates (and ordered codes) whose values move together (the model's copula). */
  together: string[];
  rules: StructureRule[];
  /** Columns neither the model nor a rule names: drawn independently of the rest. */
  independent: string[];
}

export function buildStructure(schema: unknown, stats: StatsFile | undefined, columns: readonly string[]): Structure | undefined {
  const fromSchema = declaredRules(schema).map((placed) => ({ words: ruleWords(placed.rule), columns: ruleColumns(placed.rule), source: "schema" as const }));
  const fromStats = (stats?.rules ?? []).map((rule) => ({ words: ruleWords(rule), columns: ruleColumns(rule), source: "statistics" as const }));
  const rules = [...fromSchema, ...fromStats];
  const model = stats?.model;
  if (!model && rules.length === 0) return undefined;
  const dependencies = (model?.nodes ?? []).filter((node) => node.parents.length > 0).map((node) => ({ column: node.column, dependsOn: node.parents }));
  const together = model?.copula?.columns ?? [];
  // A node with no parents and no children is drawn on its own as surely as one the model leaves out.
  const linked = new Set([...dependencies.flatMap((d) => [d.column, ...d.dependsOn]), ...together, ...rules.flatMap((rule) => rule.columns)]);
  return { dependencies, together, rules, independent: columns.filter((name) => !linked.has(name)) };
}

/** The structure as plain sentences, shared by the text, Markdown and HTML renderers. */
export function structureSentences(structure: Structure): { dependencies: string[]; rules: string[]; independent?: string } {
  const list = (names: readonly string[]) => names.join(", ");
  const dependencies = structure.dependencies.map((d) => `${d.column} depends on ${d.dependsOn.join(" and ")}`);
  if (structure.together.length > 1) dependencies.push(`${list(structure.together)} move together (their correlations are kept)`);
  return {
    dependencies,
    rules: structure.rules.map((rule) => `${rule.words} (${rule.source === "schema" ? "declared in the schema" : "found in the real data"})`),
    ...(structure.independent.length > 0 ? { independent: `Drawn independently of the other columns: ${list(structure.independent)}.` } : {}),
  };
}
