import type { Rng } from "../../random/rng.js";
import { bandOf } from "../../rules/kinds/bands.js";
import { emptyWhenHolds } from "../../rules/kinds/empty.js";
import type { Rule } from "../../rules/types.js";
import { comparable, isEmpty, sameCode } from "../../rules/values.js";
import type { ColumnUnit } from "../dependence/column-unit.js";
import { quantileShape } from "../columns/distribution.js";

/**
 * What the rules allow the column being drawn, given the columns drawn before it in the row: which of
 * its states, which positions of its non-empty values (numbers and dates), and, for an order rule
 * with a published gap, the value itself. The row model draws within what is allowed, so rules hold
 * by construction; it checks every rule afterwards all the same.
 */
export interface Allowance {
  /** 1 where the state is allowed. */
  mask: Uint8Array;
  /** Allowed positions [lo, hi] of non-empty values in the column's own distribution. */
  lo: number;
  hi: number;
  /** A value a rule derives (the earlier date plus a gap), tried before drawing. */
  derived: unknown;
  /** True once anything above is restricted. */
  active: boolean;
}

/** Restricts the allowance of one column from the values already drawn (by unit index). */
export type Constraint = (values: readonly unknown[], allow: Allowance, rng: Rng) => void;

function maskStates(unit: ColumnUnit, allow: Allowance, keep: (state: number) => boolean): void {
  for (let s = 0; s < unit.states.length; s++) if (allow.mask[s] && !keep(s)) allow.mask[s] = 0;
  allow.active = true;
}

const valueOfState = (unit: ColumnUnit, s: number): unknown => {
  const state = unit.states[s]!;
  return "value" in state ? state.value : undefined;
};

const SECONDS_PER_DAY = 86400;

/**
 * The constraint a rule puts on `later`, the one of its columns drawn after the other (`earlier`), or
 * undefined when it can only be checked afterwards.
 */
export function constraintFor(rule: Rule, later: ColumnUnit, earlierIndex: (column: string) => number, laterColumn: string): Constraint | undefined {
  const scale = later.scale;
  switch (rule.kind) {
    case "order": {
      const laterIsSecond = laterColumn === rule.second;
      const other = earlierIndex(laterIsSecond ? rule.first : rule.second);
      const gap = rule.gap ? quantileShape(rule.gap) : undefined;
      const gapUnit = scale?.isDate && scale.unit === SECONDS_PER_DAY ? SECONDS_PER_DAY : 1;
      if (!scale) return undefined;
      return (values, allow, rng) => {
        const x = comparable(values[other]);
        if (x === undefined) return;
        if (laterIsSecond) allow.lo = Math.max(allow.lo, scale.positionOf(scale.isDate ? x : x, rule.strict ? 1 : -1));
        else allow.hi = Math.min(allow.hi, scale.positionOf(x, rule.strict ? -1 : 1));
        if (gap) {
          const step = gap.at(rng.float()) * gapUnit;
          allow.derived = scale.fromNumeric(laterIsSecond ? x + step : x - step);
        }
        allow.active = true;
      };
    }
    case "bands": {
      if (laterColumn === rule.number) {
        if (!scale) return undefined;
        const category = earlierIndex(rule.category);
        return (values, allow) => {
          const c = values[category];
          if (isEmpty(c)) return;
          const band = rule.bands.find((b) => sameCode(c, b.value));
          if (!band) {
            allow.mask.fill(0);
            allow.active = true;
            return;
          }
          if (band.from !== undefined) allow.lo = Math.max(allow.lo, scale.positionOf(comparable(band.from)!, -1));
          if (band.to !== undefined) allow.hi = Math.min(allow.hi, scale.positionOf(comparable(band.to)!, -1));
          // Values must have one: a band says nothing of an empty number.
          allow.active = true;
        };
      }
      const number = earlierIndex(rule.number);
      return (values, allow) => {
        const x = comparable(values[number]);
        if (x === undefined) return;
        const band = bandOf(rule, x);
        const value = band >= 0 ? rule.bands[band]!.value : undefined;
        maskStates(later, allow, (s) => s === later.emptyState || (value !== undefined && sameCode(valueOfState(later, s), value)));
      };
    }
    case "empty": {
      if (laterColumn === rule.column) {
        const when = earlierIndex(rule.when);
        return (values, allow) => {
          if (emptyWhenHolds(rule, values[when])) maskStates(later, allow, (s) => s === later.emptyState);
          else if (rule.exactly) maskStates(later, allow, (s) => s !== later.emptyState);
        };
      }
      const column = earlierIndex(rule.column);
      return (values, allow) => {
        const hasValue = !isEmpty(values[column]);
        if (!hasValue && !rule.exactly) return;
        const listed = (s: number) => rule.values.some((v) => (v === null ? s === later.emptyState : s !== later.emptyState && sameCode(valueOfState(later, s), v)));
        maskStates(later, allow, (s) => (hasValue ? !listed(s) : listed(s)));
      };
    }
    case "combinations": {
      const laterIsSecond = laterColumn === rule.columns[1];
      const other = earlierIndex(laterIsSecond ? rule.columns[0] : rule.columns[1]);
      return (values, allow) => {
        const v = values[other];
        if (isEmpty(v)) return;
        const excluded = rule.never.filter(([a, b]) => sameCode(v, laterIsSecond ? a : b)).map(([a, b]) => (laterIsSecond ? b : a));
        if (excluded.length === 0) return;
        maskStates(later, allow, (s) => {
          const value = valueOfState(later, s);
          return value === undefined || !excluded.some((p) => sameCode(value, p));
        });
      };
    }
  }
}
