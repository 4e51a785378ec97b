import { joinPointer } from "../errors/json-pointer.js";
import { SynthError } from "../errors/synth-error.js";
import { ruleColumns } from "../rules/index.js";
import type { ColumnStats, DependenceModel, ModelNode, ModelState, ModelTableRow, StatsFile } from "./types.js";

/**
 * What schemas/stats.schema.json cannot say about a dependence model and rules: that they name columns
 * the file describes, that parents come first, that every table and group matches its parents' states,
 * that states are the column's own published values or bins of its own distribution, that the copula
 * is a correlation matrix, and that no published count rests on fewer than K rows. A file that breaks
 * one is refused naming the place, before any row is drawn from it.
 */

const MAX_PARENTS = 2;

class Problem {
  constructor(
    readonly pointer: string,
    readonly message: string,
  ) {}
}

function fail(pointer: string, message: string): never {
  throw new Problem(pointer, message);
}

const isNumberKind = (stats: ColumnStats) => stats.kind === "number" || stats.kind === "date" || stats.kind === "datetime";

function publishedValues(stats: ColumnStats): Set<string> | undefined {
  if (stats.kind === "categorical" && "categories" in stats && stats.categories) return new Set(stats.categories.map((c) => String(c.value)));
  if (stats.kind === "boolean") return new Set(["true", "false"]);
  return undefined;
}

function checkStates(node: ModelNode, stats: ColumnStats, at: string): void {
  const seen = new Set<string>();
  const values = publishedValues(stats);
  let lastTo = 0;
  node.states.forEach((state: ModelState, i) => {
    const where = joinPointer(at, "states", i);
    const key = JSON.stringify(state);
    if (seen.has(key)) fail(where, `state ${key} is listed twice`);
    seen.add(key);
    if ("value" in state) {
      if (values === undefined) fail(where, `"${node.column}" is a ${stats.kind} column: its states are bins, empty or present, not values`);
      if (!values.has(String(state.value))) fail(where, `${JSON.stringify(state.value)} is not a published value of "${node.column}"`);
    } else if ("from" in state) {
      if (!isNumberKind(stats)) fail(where, `"${node.column}" is a ${stats.kind} column: only numbers and dates have bins`);
      if (!(state.from >= 0 && state.from < state.to && state.to <= 1)) fail(where, "a bin runs from a lower to a higher probability between 0 and 1");
      if (Math.abs(state.from - lastTo) > 1e-6) fail(where, "bins must follow one another with no gap or overlap, from 0 to 1");
      lastTo = state.to;
    }
  });
  if (isNumberKind(stats) && node.states.some((s) => "from" in s) && Math.abs(lastTo - 1) > 1e-6) fail(joinPointer(at, "states"), "bins must cover probabilities 0 to 1");
}

function checkGiven(given: number[], parents: ModelNode[], at: string): void {
  if (given.length !== parents.length) fail(joinPointer(at, "given"), `names ${given.length} parent states, but the column has ${parents.length} parents`);
  given.forEach((state, p) => {
    if (state >= parents[p]!.states.length) fail(joinPointer(at, "given", p), `"${parents[p]!.column}" has no state ${state}`);
  });
}

function checkTable(rows: ModelTableRow[], width: number, parents: ModelNode[], minCount: number | undefined, at: string): void {
  const seen = new Set<string>();
  rows.forEach((row, r) => {
    const where = joinPointer(at, r);
    checkGiven(row.given, parents, where);
    const key = row.given.join(",");
    if (seen.has(key)) fail(joinPointer(where, "given"), "this combination of parent states is listed twice");
    seen.add(key);
    if (row.counts.length !== width) fail(joinPointer(where, "counts"), `has ${row.counts.length} counts for ${width} states`);
    row.counts.forEach((count, c) => {
      if (count !== null && minCount !== undefined && count < minCount) fail(joinPointer(where, "counts", c), `a published count of ${count} rests on fewer than K = ${minCount} rows (withhold it as null)`);
    });
  });
}

function checkCopula(model: DependenceModel, byColumn: Map<string, ModelNode>): void {
  const copula = model.copula;
  if (!copula) return;
  const n = copula.columns.length;
  copula.columns.forEach((column, i) => {
    if (!byColumn.has(column)) fail(joinPointer("/model/copula/columns", i), `"${column}" is not a column of the model`);
  });
  if (new Set(copula.columns).size !== n) fail("/model/copula/columns", "a column is listed twice");
  if (copula.correlations.length !== n) fail("/model/copula/correlations", `has ${copula.correlations.length} rows for ${n} columns`);
  copula.correlations.forEach((row, i) => {
    if (row.length !== n) fail(joinPointer("/model/copula/correlations", i), `has ${row.length} entries for ${n} columns`);
    row.forEach((value, j) => {
      const where = joinPointer("/model/copula/correlations", i, j);
      if (i === j && value !== 1) fail(where, "a correlation matrix has ones on its diagonal");
      if (!(value >= -1 && value <= 1)) fail(where, "a correlation lies between -1 and 1");
      if (Math.abs(value - copula.correlations[j]![i]!) > 1e-9) fail(where, "a correlation matrix is symmetric");
    });
  });
}

function checkModel(model: DependenceModel, columns: Record<string, ColumnStats>, minCount: number | undefined): void {
  const byColumn = new Map<string, ModelNode>();
  model.nodes.forEach((node, i) => {
    const at = joinPointer("/model/nodes", i);
    const stats = Object.hasOwn(columns, node.column) ? columns[node.column] : undefined;
    if (!stats) fail(joinPointer(at, "column"), `"${node.column}" is not a column of the statistics`);
    if (byColumn.has(node.column)) fail(joinPointer(at, "column"), `"${node.column}" has two nodes`);
    if (node.parents.length > MAX_PARENTS) fail(joinPointer(at, "parents"), `has ${node.parents.length} parents (at most ${MAX_PARENTS})`);
    const parents = node.parents.map((parent, p) => {
      const found = byColumn.get(parent);
      if (!found) fail(joinPointer(at, "parents", p), `"${parent}" is not a node before this one (parents come first)`);
      if (isNumberKind(stats) && isNumberKind(columns[parent]!)) fail(joinPointer(at, "parents", p), "a number or date depends on categories only; numbers move together through the copula");
      return found;
    });
    checkStates(node, stats, at);
    if (node.table) checkTable(node.table, node.states.length, parents, minCount, joinPointer(at, "table"));
    if (node.emptiness) checkTable(node.emptiness, 2, parents, minCount, joinPointer(at, "emptiness"));
    node.groups?.forEach((group, g) => {
      const where = joinPointer(at, "groups", g);
      if (!isNumberKind(stats)) fail(where, "only numbers and dates have groups");
      checkGiven(group.given, parents, where);
      if (minCount !== undefined && group.rows < 2 * minCount) fail(joinPointer(where, "rows"), `a group of ${group.rows} rows is smaller than 2K = ${2 * minCount}`);
      const points = group.positions;
      if (points[0]![0] !== 0 || points[points.length - 1]![0] !== 1) fail(joinPointer(where, "positions"), "positions run from probability 0 to 1");
      for (let p = 1; p < points.length; p++) {
        if (!(points[p]![0] > points[p - 1]![0]) || points[p]![1] < points[p - 1]![1]) fail(joinPointer(where, "positions", p), "positions ascend in probability and never decrease");
      }
    });
    byColumn.set(node.column, node);
  });
  checkCopula(model, byColumn);
}

function checkRules(stats: StatsFile): void {
  stats.rules?.forEach((rule, i) => {
    for (const column of ruleColumns(rule)) {
      if (!Object.hasOwn(stats.columns, column)) fail(joinPointer("/rules", i), `names "${column}", which is not a column of the statistics`);
    }
  });
}

/** Throws STATS_INVALID naming the place when the model or the rules do not fit the columns. */
export function checkModelContract(stats: StatsFile, file: string): void {
  try {
    const minCount = stats.disclosure?.minCount;
    if (stats.model) checkModel(stats.model, stats.columns, minCount);
    checkRules(stats);
  } catch (error) {
    if (error instanceof Problem) throw new SynthError("STATS_INVALID", `not valid statistics: ${error.message}`, { file, pointer: error.pointer });
    throw error;
  }
}
