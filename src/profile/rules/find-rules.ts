import type { BandsRule, CombinationsRule, EmptyRule, OrderRule, Rule, RuleValue } from "../../rules/types.js";
import type { ModelState } from "../../stats/types.js";
import { orderFromValues, safeQuantiles, tidyPoints } from "../disclosure/safe-quantiles.js";
import type { ColumnEncoder } from "../dependence/encode.js";
import type { EncodedSample } from "../dependence/encoded-sample.js";
import type { RuleEvidence } from "./evidence.js";
import { boundText, roundestDate, roundestNumber } from "./roundest.js";

const SECONDS_PER_DAY = 86400;
/** A rule found by chance in data that does not really follow it should be this unlikely, at most. */
const CHANCE = 1e-3;

function stateValue(state: ModelState): RuleValue | null | undefined {
  if ("empty" in state) return null;
  return "value" in state ? state.value : undefined;
}

function quartileSpread(values: number[]): number {
  if (values.length < 4) return 0;
  const order = orderFromValues(values);
  return order.atRank(0.75 * order.n) - order.atRank(0.25 * order.n);
}

/** `first` <= `second` in every row where both have a value, when the published ranges overlap. */
function orderRules(encoders: ColumnEncoder[], evidence: RuleEvidence, sample: EncodedSample, minCount: number, ranges: Map<number, [number, number]>): OrderRule[] {
  const rules: OrderRule[] = [];
  const m = encoders.length;
  for (let a = 0; a < m; a++) {
    for (let b = 0; b < m; b++) {
      const ea = encoders[a]!, eb = encoders[b]!;
      if (a === b || !ea.ordered || !eb.ordered || ea.temporal !== eb.temporal) continue;
      const k = a * m + b;
      const both = evidence.bothPresent[k]!;
      if (both < minCount || evidence.above[k]! > 0) continue;
      // Always equal is a copy, not an order; a <= b and b <= a both hold then: keep neither.
      if (evidence.above[b * m + a]! === 0) continue;
      const ra = ranges.get(a), rb = ranges.get(b);
      // Published distributions that cannot overlap keep the order anyway: nothing to say.
      if (!ra || !rb || ra[1] <= rb[0]) continue;
      const rule: OrderRule = { kind: "order", first: ea.name, second: eb.name };
      if (evidence.atOrAbove[k]! === 0) rule.strict = true;
      const unit = ea.temporal && eb.kind === "date" && ea.kind === "date" ? SECONDS_PER_DAY : 1;
      const gaps: number[] = [];
      const later: number[] = [];
      for (let row = 0; row < sample.size; row++) {
        const x = sample.value(row, a), y = sample.value(row, b);
        if (Number.isNaN(y)) continue;
        later.push(y);
        if (!Number.isNaN(x)) gaps.push((y - x) / unit);
      }
      // The later value is drawn as the earlier plus a gap only when the gap varies much less than
      // the later value does (a vaccination some months after birth), and the gap's distribution
      // can be published under the K rule.
      if (gaps.length >= 2 * minCount && quartileSpread(gaps) < 0.5 * (quartileSpread(later) / unit)) {
        const points = safeQuantiles(orderFromValues(gaps), minCount, 20);
        if (points) rule.gap = tidyPoints(points, { places: unit === 1 && !ea.temporal ? 6 : 2, nonNegative: true, nonPositive: false });
      }
      rules.push(rule);
    }
  }
  return rules;
}

/** `x` is empty whenever `w` holds one of some values (and, `exactly`, only then). */
function emptyRules(encoders: ColumnEncoder[], evidence: RuleEvidence, minCount: number): EmptyRule[] {
  const rules: EmptyRule[] = [];
  for (const { x, w, empty, present } of evidence.emptiness) {
    const ew = encoders[w]!, ex = encoders[x]!;
    const totalEmpty = empty.reduce((a, b) => a + b, 0);
    const totalPresent = present.reduce((a, b) => a + b, 0);
    if (totalEmpty < minCount || totalPresent < minCount) continue;
    const rate = totalEmpty / (totalEmpty + totalPresent);
    const triggers: number[] = [];
    let rows = 0;
    for (let s = 0; s < ew.states.length; s++) {
      if (present[s + 1]! === 0 && empty[s + 1]! > 0) {
        triggers.push(s);
        rows += empty[s + 1]!;
      }
    }
    if (triggers.length === 0 || rows < minCount || rows * Math.log(rate) > Math.log(CHANCE)) continue;
    const values = triggers.map((s) => stateValue(ew.states[s]!)).filter((v): v is RuleValue | null => v !== undefined);
    if (values.length !== triggers.length) continue;
    let exactly = true;
    for (let slot = 0; slot < empty.length; slot++) if (!triggers.includes(slot - 1) && empty[slot]! > 0) exactly = false;
    rules.push({ kind: "empty", column: ex.name, when: ew.name, values, ...(exactly ? { exactly: true } : {}) });
  }
  return rules;
}

/** The values of a category column take disjoint ranges of a number or date. */
function bandsRules(encoders: ColumnEncoder[], evidence: RuleEvidence, minCount: number): BandsRule[] {
  const rules: BandsRule[] = [];
  for (const { a, b, min, max, count } of evidence.ranges) {
    const ea = encoders[a]!, eb = encoders[b]!;
    if (count[0]! > 0) continue; // rows in no published state of the category: the rule would not hold for them
    const groups: Array<{ value: RuleValue; min: number; max: number }> = [];
    let rested = true;
    for (let s = 0; s < ea.states.length; s++) {
      const n = count[s + 1]!;
      const value = stateValue(ea.states[s]!);
      if (n === 0 || value === null || value === undefined) continue;
      if (n < minCount) rested = false;
      groups.push({ value, min: min[s + 1]!, max: max[s + 1]! });
    }
    if (!rested || groups.length < 2) continue;
    groups.sort((g, h) => g.min - h.min);
    if (groups.some((g, i) => i > 0 && !(groups[i - 1]!.max < g.min))) continue;
    const kind = eb.temporal ? (eb.kind === "date" ? "date" : "datetime") : "number";
    const cut = (i: number) => boundText(eb.temporal ? roundestDate(groups[i]!.max, groups[i + 1]!.min) : roundestNumber(groups[i]!.max, groups[i + 1]!.min), kind);
    rules.push({
      kind: "bands",
      category: ea.name,
      number: eb.name,
      bands: groups.map((g, i) => ({ value: g.value, ...(i > 0 ? { from: cut(i - 1) } : {}), ...(i < groups.length - 1 ? { to: cut(i) } : {}) })),
    });
  }
  return rules;
}

/** P(X <= k) for X Poisson with mean `mean`. */
function poissonAtMost(k: number, mean: number): number {
  let term = Math.exp(-mean), sum = term;
  for (let i = 1; i <= k; i++) {
    term *= mean / i;
    sum += term;
  }
  return Math.min(1, sum);
}

/**
 * Combinations of two category columns' published values that no real row holds, where independent
 * columns would give at least K (Gentoo penguins on Dream island: 45 expected, none seen), so that so
 * few happening by chance would come less than once in a thousand tables. A rule holds in every real
 * row, so a combination held by a few rows is never listed; and then the pair of columns gets no rule
 * at all, since listing only its empty combinations would tell the rare ones apart from them. (The
 * model withholds such cells, and generation never draws a withheld combination.) Combinations that
 * are merely rarer than independence predicts are left to the model: forbidding them would distort the
 * columns' own distributions.
 */
function combinationRules(encoders: ColumnEncoder[], evidence: RuleEvidence, minCount: number): CombinationsRule[] {
  const rules: CombinationsRule[] = [];
  for (const { a, b, counts } of evidence.pairs) {
    const ea = encoders[a]!, eb = encoders[b]!;
    const sa = ea.states.length, sb = eb.states.length;
    const rowTotals = new Float64Array(sa), columnTotals = new Float64Array(sb);
    let total = 0;
    for (let i = 0; i < sa; i++) {
      if (i === ea.emptyState) continue;
      for (let j = 0; j < sb; j++) {
        if (j === eb.emptyState) continue;
        const n = counts[i * sb + j]!;
        rowTotals[i]! += n;
        columnTotals[j]! += n;
        total += n;
      }
    }
    if (total < minCount) continue;
    const never: Array<[RuleValue, RuleValue]> = [];
    let rareSeen = false;
    for (let i = 0; i < sa; i++) {
      const va = stateValue(ea.states[i]!);
      if (va === null || va === undefined) continue;
      for (let j = 0; j < sb; j++) {
        const vb = stateValue(eb.states[j]!);
        if (vb === null || vb === undefined) continue;
        const expected = (rowTotals[i]! * columnTotals[j]!) / total;
        const seen = counts[i * sb + j]!;
        if (seen < minCount && expected >= minCount && poissonAtMost(seen, expected) < CHANCE) {
          if (seen > 0) rareSeen = true;
          else never.push([va, vb]);
        }
      }
    }
    if (never.length > 0 && !rareSeen) rules.push({ kind: "combinations", columns: [ea.name, eb.name], never });
  }
  return rules;
}

/**
 * The rules that hold in every real row, each resting on at least K rows: orders between numbers or
 * dates, empty values tied to a category, categories that are bands of a number, and which
 * combinations of two categories occur. `ranges` gives each number or date column's published range
 * (the ends of its quantiles), so that orders the published distributions keep anyway are left out.
 */
export function findRules(encoders: ColumnEncoder[], evidence: RuleEvidence, sample: EncodedSample, minCount: number, ranges: Map<number, [number, number]>): Rule[] {
  return [...orderRules(encoders, evidence, sample, minCount, ranges), ...emptyRules(encoders, evidence, minCount), ...bandsRules(encoders, evidence, minCount), ...combinationRules(encoders, evidence, minCount)];
}
