import { ruleWords } from "../../rules/index.js";
import type { Rule } from "../../rules/types.js";
import type { DependenceModel } from "../../stats/types.js";

function list(names: string[]): string {
  return names.map((n) => JSON.stringify(n)).join(", ");
}

/**
 * The disclosure notes for the dependence model and the rules: what they publish, column by column, and
 * why each count is safe.
 */
export function dependenceNotes(
  model: DependenceModel | undefined,
  rules: readonly Rule[],
  withheld: Map<string, { published: number; withheld: number }>,
  minCount: number,
  skipped: string | undefined,
  privacy: { epsilon: number } | undefined,
): string[] {
  const k = minCount;
  const notes: string[] = [];
  if (model) {
    const rows = model.sampled ? `a uniform sample of ${model.rows} rows` : `all ${model.rows} rows`;
    notes.push(
      `Dependence model: for each modelled column, counts of real rows (${rows}) by the column's state (a published value, empty, present) and its parents' states, and for numbers and dates their distribution within groups of parents' states, as K-safe quantiles of their positions in their own published distribution; every count published is at least ${k}, smaller ones are null (withheld), and generation never draws a withheld combination.`,
    );
    for (const node of model.nodes) {
      const w = withheld.get(node.column);
      const parents = node.parents.length > 0 ? `depends on ${list(node.parents)}` : "has no parents (drawn from its own distribution; others depend on it)";
      const cells = w && node.parents.length > 0 ? `: ${w.published} counts published, ${w.withheld} withheld` : "";
      const groups = node.groups ? `; its distribution published for ${node.groups.length} group${node.groups.length === 1 ? "" : "s"} of at least ${2 * k} rows` : "";
      notes.push(`Model, ${JSON.stringify(node.column)}: ${parents}${cells}${groups}.`);
    }
    if (model.copula) notes.push(`Model: numbers and dates ${list(model.copula.columns)} move together through the correlations of their normal scores within their groups (a Gaussian copula), each resting on every row where both have a value.`);
    notes.push("Which columns depend on which, and the bins, are chosen from the data by the K rule, not by a differentially private mechanism.");
    if (privacy) notes.push(`Differential privacy: epsilon ${privacy.epsilon} of the budget went to the model's counts, split evenly between its tables, with Laplace noise on every cell (zeros included) before the ${k}-count rule.`);
  } else if (skipped) {
    notes.push(`No dependence model: ${skipped}; columns are generated independently.`);
  }
  if (rules.length > 0) {
    notes.push(`Rules that hold in every real row, each resting on at least ${k} rows (a combination of two values held by fewer than ${k} rows is never generated, as a rare value is not); no rule names a value that is not published:`);
    for (const rule of rules) notes.push(`Rule: ${ruleWords(rule)}.`);
  }
  return notes;
}
