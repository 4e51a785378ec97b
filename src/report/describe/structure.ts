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
  /** How, when it is more than "depends on" (names that follow a sex column). */
  how?: string;
}

/** Name columns that follow a sex column (`x-synth-sex` on a property of the schema's root). */
function sexLinked(schema: unknown): Dependency[] {
  const properties = schema !== null && typeof schema === "object" ? (schema as { properties?: unknown }).properties : undefined;
  if (properties === null || typeof properties !== "object") return [];
  const links: Dependency[] = [];
  for (const [name, property] of Object.entries(properties as Record<string, unknown>)) {
    const link = property !== null && typeof property === "object" ? (property as Record<string, unknown>)["x-synth-sex"] : undefined;
    if (link === null || typeof link !== "object") continue;
    const { column, female, male } = link as { column?: unknown; female?: unknown; male?: unknown };
    if (typeof column !== "string" || !Array.isArray(female) || !Array.isArray(male)) continue;
    const codes = (list: unknown[]) => list.map((code) => JSON.stringify(code)).join(", ");
    links.push({ column: name, dependsOn: [column], how: `${name} follows ${column}: female names for ${codes(female)}, male names for ${codes(male)}, either for any other code (declared in the schema)` });
  }
  return links;
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
  const named = sexLinked(schema);
  if (!model && rules.length === 0 && named.length === 0) return undefined;
  const dependencies = [...(model?.nodes ?? []).filter((node) => node.parents.length > 0).map((node) => ({ column: node.column, dependsOn: node.parents })), ...named];
  const together = model?.copula?.columns ?? [];
  // A node with no parents and no children is drawn on its own as surely as one the model leaves out.
  const linked = new Set([...dependencies.flatMap((d) => [d.column, ...d.dependsOn]), ...together, ...rules.flatMap((rule) => rule.columns)]);
  return { dependencies, together, rules, independent: columns.filter((name) => !linked.has(name)) };
}

/** The structure as plain sentences, shared by the text, Markdown and HTML renderers. */
export function structureSentences(structure: Structure): { dependencies: string[]; rules: string[]; independent?: string } {
  const list = (names: readonly string[]) => names.join(", ");
  const dependencies = structure.dependencies.map((d) => d.how ?? `${d.column} depends on ${d.dependsOn.join(" and ")}`);
  if (structure.together.length > 1) dependencies.push(`${list(structure.together)} move together (their correlations are kept)`);
  return {
    dependencies,
    rules: structure.rules.map((rule) => `${rule.words} (${rule.source === "schema" ? "declared in the schema" : "found in the real data"})`),
    ...(structure.independent.length > 0 ? { independent: `Drawn independently of the other columns: ${list(structure.independent)}.` } : {}),
  };
}
