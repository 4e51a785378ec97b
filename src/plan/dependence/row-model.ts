import { joinPointer } from "../../errors/json-pointer.js";
import { SynthError } from "../../errors/synth-error.js";
import type { Rng } from "../../random/rng.js";
import { ruleColumns, ruleHolds, ruleWords } from "../../rules/index.js";
import type { Rule } from "../../rules/types.js";
import type { DependenceModel, ModelNode, ModelTableRow } from "../../stats/types.js";
import { constraintFor, type Allowance, type Constraint } from "../rules/constraints.js";
import type { ColumnUnit } from "./column-unit.js";
import { compileCopula, type Copula } from "./copula.js";
import { fitToTarget } from "./fit-tables.js";
import { normalCdf, normalQuantile } from "./normal.js";
import { numberNode, type NumberNode } from "./number-node.js";

/** A rule together with where it was given, for error messages. */
export interface PlacedRule {
  rule: Rule;
  file?: string;
  pointer: string;
}

/**
 * The columns of a row that depend on one another, drawn together before the row is written: nodes of
 * the dependence model in the model's order, then any other column a rule names. Categories follow
 * their table's row for their parents' states; numbers and dates their group's distribution, moved by
 * the copula's scores; every column keeps its own published distribution (fit-tables.ts,
 * number-node.ts). Every rule is kept by construction where its kind allows (constraints.ts) and
 * checked in every row; a row that still breaks one is drawn again, a bounded number of times, and
 * past that generation stops naming the rule.
 */
export interface RowModel {
  readonly columns: readonly string[];
  /** Values of the row being drawn, by unit index (filled by `fill`). */
  readonly values: unknown[];
  /** For rounded numbers, the value drawn in whole units of its last decimal (NaN when empty). */
  readonly units: Float64Array;
  fill(rng: Rng, row: number): void;
}

interface Step {
  unit: ColumnUnit;
  index: number;
  parents: number[];
  strides: number[];
  /** Cumulative probabilities of the unit's states per combination of parent states; undefined: its own. */
  rows: Array<Float64Array | undefined>;
  own: Float64Array;
  /** Numbers and dates of the model: their groups, and the copula score they take (or -1). */
  number?: NumberNode;
  /** Per combination of parent states, the probability of being empty (numbers and dates). */
  emptyChance?: Float64Array;
  score: number;
  /** Codes in the copula: per state, the interval of normal-score probabilities its value covers. */
  codeScores?: Array<[number, number] | undefined>;
  constraints: Constraint[];
  /** Rules whose columns are all drawn once this step is. */
  checks: PlacedRule[];
}

function cumulative(p: Float64Array): Float64Array {
  const out = new Float64Array(p.length);
  let total = 0;
  for (let i = 0; i < p.length; i++) out[i] = total += p[i]!;
  if (total > 0) for (let i = 0; i < p.length; i++) out[i]! /= total;
  return out;
}

function pick(cum: Float64Array, u: number): number {
  let lo = 0, hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid]! > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function modelPointer(nodeIndex: number, ...path: Array<string | number>): string {
  return joinPointer("/model/nodes", nodeIndex, ...path);
}

/** Rows of a count table as probabilities, fitted to the target, by combination of parent states. */
function tableRows(table: readonly ModelTableRow[], states: number, parentStates: number[], strides: number[], configs: number, target: Float64Array, place: (r: number) => { column: string; pointer: string }): Array<Float64Array | undefined> {
  const rows: Array<Float64Array | undefined> = new Array(configs).fill(undefined);
  const fitted: Float64Array[] = [];
  const weights: number[] = [];
  const slots: number[] = [];
  table.forEach((entry, r) => {
    if (entry.given.length !== parentStates.length || entry.counts.length !== states) throw new SynthError("STATS_INVALID", "a table row must give one state per parent and one count per state", place(r));
    let config = 0;
    entry.given.forEach((state, p) => {
      if (state >= parentStates[p]!) throw new SynthError("STATS_INVALID", `parent state ${state} does not exist`, place(r));
      config += state * strides[p]!;
    });
    const p = Float64Array.from(entry.counts, (c) => c ?? 0);
    const total = p.reduce((a, b) => a + b, 0);
    if (total <= 0) return;
    for (let s = 0; s < p.length; s++) p[s]! /= total;
    fitted.push(p);
    weights.push(total);
    slots.push(config);
  });
  fitToTarget(fitted, weights, target);
  fitted.forEach((p, i) => (rows[slots[i]!] = cumulative(p)));
  return rows;
}

function compileNode(node: ModelNode, nodeIndex: number, unit: ColumnUnit, placed: Map<string, number>, units: ColumnUnit[], modelRows: number): Omit<Step, "unit" | "index" | "own" | "constraints" | "checks" | "score"> {
  const parents = node.parents.map((name, p) => {
    const index = placed.get(name);
    if (index === undefined) throw new SynthError("STATS_INVALID", `the model gives "${node.column}" a parent "${name}" that is not an earlier node`, { column: node.column, pointer: modelPointer(nodeIndex, "parents", p) });
    return index;
  });
  const parentStates = parents.map((p) => units[p]!.states.length);
  const strides: number[] = [];
  let configs = 1;
  for (let p = parents.length - 1; p >= 0; p--) {
    strides[p] = configs;
    configs *= parentStates[p]!;
  }
  const place = (key: string) => (r: number) => ({ column: node.column, pointer: modelPointer(nodeIndex, key, r) });
  const rows = node.table ? tableRows(node.table, unit.states.length, parentStates, strides, configs, unit.target, place("table")) : new Array<Float64Array | undefined>(configs).fill(undefined);
  // Numbers and dates (their states are bins of their distribution) follow groups and the copula.
  if (!node.groups && !node.emptiness && !node.states.some((s) => "from" in s)) return { parents, strides, rows };
  if (!unit.scale) throw new SynthError("STATS_CONTRADICTS_SCHEMA", "the model gives groups to a column without a numeric distribution", { column: node.column, pointer: modelPointer(nodeIndex, "groups") });
  const number = numberNode(node.groups ?? [], configs, strides, modelRows, { column: node.column, pointer: modelPointer(nodeIndex, "groups") });
  let emptyChance: Float64Array | undefined;
  if (unit.emptyState >= 0) {
    const nullFraction = unit.target[unit.emptyState]!;
    const pairs = tableRows(node.emptiness ?? [], 2, parentStates, strides, configs, Float64Array.of(nullFraction, 1 - nullFraction), place("emptiness"));
    emptyChance = Float64Array.from(pairs, (cum) => (cum ? cum[0]! : nullFraction));
  }
  return { parents, strides, rows, number, ...(emptyChance ? { emptyChance } : {}) };
}

export function compileRowModel(units: ColumnUnit[], model: DependenceModel | undefined, rules: readonly PlacedRule[], maxAttempts: number): RowModel {
  const indexOf = new Map(units.map((u, i) => [u.name, i]));
  const steps: Step[] = [];
  const placed = new Map<string, number>();
  const stepOf = new Map<number, Step>();
  const addStep = (index: number, extra: Partial<Step> = {}) => {
    const unit = units[index]!;
    const step: Step = { unit, index, parents: [], strides: [], rows: [undefined], own: cumulative(unit.target), score: -1, constraints: [], checks: [], ...extra };
    steps.push(step);
    placed.set(unit.name, index);
    stepOf.set(index, step);
  };
  (model?.nodes ?? []).forEach((node, n) => {
    const index = indexOf.get(node.column);
    if (index === undefined) throw new SynthError("STATS_CONTRADICTS_SCHEMA", "the model names a column the schema does not have", { column: node.column, pointer: modelPointer(n, "column") });
    if (placed.has(node.column)) throw new SynthError("STATS_INVALID", `"${node.column}" is a node of the model twice`, { column: node.column, pointer: modelPointer(n, "column") });
    addStep(index, compileNode(node, n, units[index]!, placed, units, model!.rows));
  });
  // The other columns in the table's order, except that a column reading another (x-synth-sex)
  // waits until that one is placed.
  let waiting = units.map((_, i) => i).filter((i) => !placed.has(units[i]!.name));
  while (waiting.length > 0) {
    const ready = waiting.filter((i) => units[i]!.reads === undefined || placed.has(units[i]!.reads!));
    if (ready.length === 0) throw new SynthError("SCHEMA_INVALID", `"${units[waiting[0]!]!.name}" reads "${units[waiting[0]!]!.reads}", which cannot be drawn before it`, { column: units[waiting[0]!]!.name });
    const first = ready[0]!;
    addStep(first);
    waiting = waiting.filter((i) => i !== first);
  }
  for (const step of steps) {
    const reads = step.unit.reads;
    if (reads !== undefined && steps.findIndex((s) => s.unit.name === reads) > steps.indexOf(step)) {
      throw new SynthError("SCHEMA_INVALID", `"${step.unit.name}" reads "${reads}", which the dependence model draws after it`, { column: step.unit.name });
    }
  }
  let copula: Copula | undefined;
  if (model?.copula) {
    const given: number[] = [];
    model.copula.columns.forEach((name, k) => {
      const step = stepOf.get(indexOf.get(name) ?? -1);
      if (!step || !model.nodes.some((node) => node.column === name)) throw new SynthError("STATS_INVALID", `the copula names "${name}", which is not a node of the model`, { column: name, pointer: joinPointer("/model/copula/columns", k) });
      step.score = k;
      if (!step.number) {
        const ordered = orderedCodes(step.unit);
        if (!ordered) throw new SynthError("STATS_INVALID", `the copula names "${name}", whose values are neither numbers, dates, numeric codes nor true/false`, { column: name, pointer: joinPointer("/model/copula/columns", k) });
        step.codeScores = ordered;
        given.push(k);
      }
    });
    copula = compileCopula(model.copula.correlations, given, "/model/copula/correlations");
    // Codes in the copula must be drawn before the numbers whose scores depend on them.
    const firstNumber = steps.findIndex((s) => s.number && s.score >= 0);
    if (steps.some((s, i) => s.codeScores && i > firstNumber && firstNumber >= 0)) throw new SynthError("STATS_INVALID", "codes in the copula must come before its numbers in the model", { pointer: "/model/copula/columns" });
  }
  const position = new Map(steps.map((s, i) => [s.index, i]));
  for (const placedRule of rules) {
    const columns = ruleColumns(placedRule.rule).map((name) => {
      const index = indexOf.get(name);
      if (index === undefined) throw new SynthError("RULE_INVALID", `the rule names a column "${name}" that is not in the table`, { pointer: placedRule.pointer, ...(placedRule.file ? { file: placedRule.file } : {}) });
      return index;
    });
    const last = columns.reduce((a, b) => (position.get(a)! > position.get(b)! ? a : b));
    const constraint = constraintFor(placedRule.rule, units[last]!, (name) => indexOf.get(name)!, units[last]!.name);
    const step = stepOf.get(last)!;
    if (constraint) step.constraints.push(constraint);
    step.checks.push(placedRule);
  }
  return rowModel(units, steps, copula, maxAttempts);
}

/**
 * For a code column (numeric codes or true/false), each state's share of the column's own
 * distribution, taken in the order of the values: its score is drawn within that share.
 */
function orderedCodes(unit: ColumnUnit): Array<[number, number] | undefined> | undefined {
  const values = unit.states.map((s, i) => ({ i, value: "value" in s ? s.value : undefined }));
  const coded = values.filter((v) => v.value !== undefined);
  if (coded.length < 2 || !coded.every((v) => typeof v.value === "number" || typeof v.value === "boolean")) return undefined;
  const sorted = [...coded].sort((x, y) => Number(x.value) - Number(y.value));
  const total = sorted.reduce((sum, v) => sum + unit.target[v.i]!, 0);
  const out: Array<[number, number] | undefined> = unit.states.map(() => undefined);
  let running = 0;
  for (const v of sorted) {
    const share = total > 0 ? unit.target[v.i]! / total : 0;
    out[v.i] = [running, running + share];
    running += share;
  }
  return out;
}

const LOCAL_ATTEMPTS = 20;

function rowModel(units: ColumnUnit[], steps: Step[], copula: Copula | undefined, maxAttempts: number): RowModel {
  const count = units.length;
  const values: unknown[] = new Array(count).fill(null);
  // What rules read: numbers and dates as numbers (dates in seconds), empty as null, others as drawn.
  const view: unknown[] = new Array(count).fill(null);
  const unitsDrawn = new Float64Array(count).fill(NaN);
  const states = new Int32Array(count);
  const scores = new Float64Array(copula ? copula.given.length + copula.drawn.length : 0);
  let scoresDrawn = false;
  const maxStates = Math.max(1, ...units.map((u) => u.states.length));
  const allow: Allowance = { mask: new Uint8Array(maxStates), lo: 0, hi: 1, derived: undefined, active: false };
  const weights = new Float64Array(maxStates);
  const byName = new Map(units.map((u, i) => [u.name, i]));
  const get = (column: string) => view[byName.get(column)!];
  let broken: PlacedRule | undefined;

  /** A state under the allowance: its probability times the share of its bin that is allowed. */
  function drawState(unit: ColumnUnit, cum: Float64Array, u: number): number {
    let total = 0;
    for (let s = 0; s < cum.length; s++) {
      let w = cum[s]! - (s > 0 ? cum[s - 1]! : 0);
      if (!allow.mask[s]) w = 0;
      else {
        const state = unit.states[s]!;
        if ("from" in state && (allow.lo > 0 || allow.hi < 1)) {
          const width = state.to - state.from;
          const overlap = Math.min(state.to, allow.hi) - Math.max(state.from, allow.lo);
          w = width > 0 ? (overlap > 0 ? (w * overlap) / width : 0) : state.from >= allow.lo && state.from <= allow.hi ? w : 0;
        }
      }
      weights[s] = w;
      total += w;
    }
    if (total <= 0) return -1;
    let target = u * total;
    for (let s = 0; s < cum.length; s++) {
      target -= weights[s]!;
      if (target < 0 && weights[s]! > 0) return s;
    }
    for (let s = cum.length - 1; s >= 0; s--) if (weights[s]! > 0) return s;
    return -1;
  }

  function resetAllowance(step: Step, rng: Rng): void {
    allow.mask.fill(1, 0, step.unit.states.length);
    allow.lo = 0;
    allow.hi = 1;
    allow.derived = undefined;
    allow.active = false;
    for (const constraint of step.constraints) constraint(view, allow, rng);
  }

  /** The state of a position for children that see this column through its bins. */
  function binState(unit: ColumnUnit, u: number): number {
    for (let s = 0; s < unit.states.length; s++) {
      const state = unit.states[s]!;
      if ("from" in state && u >= state.from && (u < state.to || state.to >= 1)) return s;
    }
    return unit.states.findIndex((s) => !("empty" in s));
  }

  /** A number or date of the model: empty by its parents' states, else a position from its group. */
  function drawNumber(step: Step, config: number, rng: Rng, row: number): unknown {
    const unit = step.unit;
    const number = step.number!;
    const emptyState = unit.emptyState;
    const anyValue = unit.states.some((s, i) => i !== emptyState && allow.mask[i]);
    const emptyAllowed = emptyState >= 0 && allow.mask[emptyState] === 1;
    const chance = step.emptyChance ? step.emptyChance[config]! : 0;
    if (emptyAllowed && (!anyValue || rng.float() < chance)) {
      states[step.index] = emptyState;
      view[step.index] = null;
      unitsDrawn[step.index] = NaN;
      return unit.empty;
    }
    if (!anyValue) return undefined;
    if (allow.derived !== undefined && unit.accepts(allow.derived)) {
      states[step.index] = unit.stateOf(allow.derived);
      view[step.index] = unit.scale!.numeric(allow.derived) ?? null;
      unitsDrawn[step.index] = unit.scale!.units && typeof allow.derived === "number" ? Math.round(allow.derived * unit.scale!.units.scale) : NaN;
      return allow.derived;
    }
    if (step.score >= 0 && !scoresDrawn) {
      copula!.draw(rng, scores);
      scoresDrawn = true;
    }
    let v = step.score >= 0 ? normalCdf(scores[step.score]!) : rng.float();
    if (allow.lo > 0 || allow.hi < 1) {
      const low = number.scoreOf(config, allow.lo), high = number.scoreOf(config, allow.hi);
      if (!(high >= low)) return undefined;
      v = low + v * (high - low);
    }
    for (let attempt = 0; attempt < LOCAL_ATTEMPTS; attempt++) {
      const u = Math.min(allow.hi, Math.max(allow.lo, number.position(config, v)));
      const scale = unit.scale!;
      const at = Math.min(u, 1 - 1e-12);
      let x: number;
      if (scale.units) {
        const n = scale.units.at(at);
        unitsDrawn[step.index] = n;
        x = n / scale.units.scale;
      } else x = scale.numberAt(at);
      const value = scale.write(x);
      if (unit.accepts(value)) {
        states[step.index] = binState(unit, u);
        view[step.index] = x;
        return value;
      }
      v = rng.float();
    }
    return undefined;
  }

  /** A category, flag or present text: its state from its table's row, then its value. */
  function drawTabled(step: Step, config: number, rng: Rng, row: number): unknown {
    const unit = step.unit;
    const cum = step.rows[config] ?? step.own;
    let state: number;
    if (!allow.active) state = pick(cum, rng.float());
    else {
      state = drawState(unit, cum, rng.float());
      if (state < 0 && cum !== step.own) state = drawState(unit, step.own, rng.float());
      if (state < 0) return undefined;
    }
    if (allow.derived !== undefined && state !== unit.emptyState && unit.accepts(allow.derived)) {
      const derivedState = unit.stateOf(allow.derived);
      states[step.index] = derivedState >= 0 ? derivedState : state;
      return allow.derived;
    }
    let t = rng.float();
    const bin = unit.states[state]!;
    if ("from" in bin && (allow.lo > bin.from || allow.hi < bin.to)) {
      const width = bin.to - bin.from;
      const tLo = width > 0 ? Math.max(0, (allow.lo - bin.from) / width) : 0;
      const tHi = width > 0 ? Math.min(1, (allow.hi - bin.from) / width) : 1;
      t = tLo + t * (tHi - tLo);
    }
    const value = unit.value(state, t, rng, row, get);
    if (state !== unit.emptyState && !unit.accepts(value)) return undefined;
    states[step.index] = state;
    return value;
  }

  function drawStep(step: Step, rng: Rng, row: number): boolean {
    let config = 0;
    for (let p = 0; p < step.parents.length; p++) config += states[step.parents[p]!]! * step.strides[p]!;
    for (let attempt = 0; attempt < LOCAL_ATTEMPTS; attempt++) {
      resetAllowance(step, rng);
      const value = step.number ? drawNumber(step, config, rng, row) : drawTabled(step, config, rng, row);
      if (value === undefined) continue;
      values[step.index] = value;
      if (!step.number) view[step.index] = typeof value === "symbol" ? null : step.unit.scale && value !== null ? (step.unit.scale.numeric(value) ?? null) : value;
      if (step.codeScores) {
        const interval = step.codeScores[states[step.index]!];
        scores[step.score] = interval ? normalQuantile(Math.min(1 - 1e-9, Math.max(1e-9, interval[0] + rng.float() * (interval[1] - interval[0])))) : 0;
      }
      let kept = true;
      for (const check of step.checks) {
        if (!ruleHolds(check.rule, get)) {
          broken = check;
          kept = false;
          break;
        }
      }
      if (kept) return true;
    }
    return false;
  }

  return {
    columns: units.map((u) => u.name),
    values,
    units: unitsDrawn,
    fill(rng, row) {
      for (let attempt = 0; attempt < maxAttempts; attempt++) {
        scoresDrawn = false;
        let complete = true;
        for (const step of steps) {
          if (!drawStep(step, rng, row)) {
            complete = false;
            break;
          }
        }
        if (complete) return;
      }
      const place = broken ? { pointer: broken.pointer, ...(broken.file ? { file: broken.file } : {}) } : {};
      throw new SynthError("GENERATION_FAILED", broken ? `could not draw a row that keeps the rule "${ruleWords(broken.rule)}" in ${maxAttempts} attempts` : `could not draw a row the rules allow in ${maxAttempts} attempts`, place);
    },
  };
}
