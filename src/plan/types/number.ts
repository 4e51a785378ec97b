import { SynthError } from "../../errors/synth-error.js";
import { type Facts, pointerOf } from "../facts.js";
import type { NodePlan } from "./node-plan.js";
import { plain, unitsSampler } from "../plain-text.js";
import type { Rng } from "../../random/rng.js";

/** Spans used when a schema leaves a number unbounded: modest, so dummy values look like data. */
const DEFAULT_SPAN = 1000;

const NUMBER_FORMAT_BOUNDS: Record<string, [number, number]> = {
  int32: [-2147483648, 2147483647],
  int64: [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  float: [-3.4e38, 3.4e38],
  double: [-Number.MAX_VALUE, Number.MAX_VALUE],
};

export interface NumericRange {
  /** Inclusive lower bound, or undefined. */
  low?: number;
  high?: number;
  /** The bounds that are exclusive, for floats. */
  lowExclusive: boolean;
  highExclusive: boolean;
}

/** The tightest range every part allows. */
export function numericRange(facts: Facts): NumericRange {
  let low = facts.minimum;
  let lowExclusive = false;
  if (facts.exclusiveMinimum !== undefined && (low === undefined || facts.exclusiveMinimum >= low)) {
    low = facts.exclusiveMinimum;
    lowExclusive = true;
  }
  let high = facts.maximum;
  let highExclusive = false;
  if (facts.exclusiveMaximum !== undefined && (high === undefined || facts.exclusiveMaximum <= high)) {
    high = facts.exclusiveMaximum;
    highExclusive = true;
  }
  for (const format of facts.formats) {
    const bounds = NUMBER_FORMAT_BOUNDS[format];
    if (!bounds) continue;
    if (low === undefined || bounds[0] > low) [low, lowExclusive] = [bounds[0], false];
    if (high === undefined || bounds[1] < high) [high, highExclusive] = [bounds[1], false];
  }
  return { low, high, lowExclusive, highExclusive };
}

/** Inclusive integer bounds, defaulting an open side to a modest span from the other. */
export function integerBounds(facts: Facts): [number, number] {
  const range = numericRange(facts);
  let low = range.low === undefined ? undefined : range.lowExclusive ? Math.floor(range.low) + 1 : Math.ceil(range.low);
  let high = range.high === undefined ? undefined : range.highExclusive ? Math.ceil(range.high) - 1 : Math.floor(range.high);
  if (low === undefined && high === undefined) [low, high] = [0, DEFAULT_SPAN];
  else if (low === undefined) low = high! - DEFAULT_SPAN;
  else if (high === undefined) high = low + DEFAULT_SPAN;
  low = Math.max(low!, -Number.MAX_SAFE_INTEGER);
  high = Math.min(high!, Number.MAX_SAFE_INTEGER);
  if (low > high) {
    throw new SynthError("UNSATISFIABLE", `no integer lies between the minimum and maximum`, { pointer: pointerOf(facts) });
  }
  return [low, high];
}

function lcmOfIntegers(values: number[]): number | undefined {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  let result = 1;
  for (const v of values) {
    if (!Number.isInteger(v)) return undefined;
    result = (result / gcd(result, v)) * v;
    if (!Number.isSafeInteger(result)) return undefined;
  }
  return result;
}

export function compileInteger(facts: Facts): NodePlan {
  const [low, high] = integerBounds(facts);
  const step = facts.multipleOf.length === 0 ? 1 : lcmOfIntegers(facts.multipleOf);
  if (step === undefined) {
    // Fractional multipleOf on integers: integers that are multiples of every step, found by search.
    return compileMultiples(facts, low, high, true);
  }
  const first = Math.ceil(low / step);
  const last = Math.floor(high / step);
  if (first > last) throw new SynthError("UNSATISFIABLE", `no multiple of ${step} lies in the allowed range`, { pointer: pointerOf(facts) });
  const count = last - first + 1;
  const draw = step === 1 ? (rng: Rng) => low + rng.below(high - low + 1) : (rng: Rng) => (first + rng.below(count)) * step;
  return { sample: unitsSampler(draw, 0), exact: true };
}

export function compileNumber(facts: Facts): NodePlan {
  const range = numericRange(facts);
  if (facts.multipleOf.length > 0) {
    const low = range.low ?? (range.high !== undefined ? range.high - DEFAULT_SPAN : 0);
    const high = range.high ?? low + DEFAULT_SPAN;
    return compileMultiples(facts, low, high, false);
  }
  let low = range.low;
  let high = range.high;
  if (low === undefined && high === undefined) [low, high] = [0, DEFAULT_SPAN];
  else if (low === undefined) low = high! - DEFAULT_SPAN;
  else if (high === undefined) high = low + DEFAULT_SPAN;
  const lo = low!, hi = high!;
  if (lo > hi || (lo === hi && (range.lowExclusive || range.highExclusive))) {
    throw new SynthError("UNSATISFIABLE", `no number lies between the minimum and maximum`, { pointer: pointerOf(facts) });
  }
  const lowExclusive = range.lowExclusive, highExclusive = range.highExclusive;
  const fits = (value: number) => !(value < lo || value > hi || (lowExclusive && value === lo) || (highExclusive && value === hi));
  // A value every draw can fall back on, so that no loop runs for ever: none means no double fits.
  const fallback = [lo, nextUp(lo), lo / 2 + hi / 2, nextDown(hi), hi].find((value) => Number.isFinite(value) && fits(value));
  if (fallback === undefined) throw new SynthError("UNSATISFIABLE", `no number lies between the minimum and maximum`, { pointer: pointerOf(facts) });
  const [wlo, whi] = realisticWindow(lo, hi);
  const span = whi - wlo;
  if (span < 1 || Math.max(Math.abs(wlo), Math.abs(whi)) > HUNDREDTHS_LIMIT) {
    // Full precision for spans too small for two decimals, and for magnitudes too large for them.
    return {
      exact: true,
      sample: plain((rng) => {
        for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
          const value = wlo + rng.float53() * span;
          if (fits(value)) return value;
        }
        return fallback;
      }),
    };
  }
  // Two decimals look like measured data. Values are drawn as whole hundredths, which also gives
  // their text without converting a double (formats/number-text.ts).
  const scale = 100;
  const fallbackUnits = Math.round(fallback * scale);
  const hundredths = (rng: Rng): number => {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const n = Math.round((wlo + rng.float53() * span) * scale);
      if (fits(n / scale)) return n;
    }
    return fallbackUnits;
  };
  return { exact: true, sample: unitsSampler(hundredths, 2) };
}

/** Hundredths are drawn as whole numbers: exact only while they stay well inside 2^53. */
const HUNDREDTHS_LIMIT = 1e13;
/** Draws before a sampler settles for its fallback value (a range whose values are nearly all excluded). */
const MAX_ATTEMPTS = 64;
/** Where values are drawn when the range is huge (format double, maximum 1e308): a realistic size. */
const REALISTIC_MAGNITUDE = 1e6;

/**
 * The part of [lo, hi] values are drawn from. A range like [-MAX_VALUE, MAX_VALUE] has no finite
 * width, and values near its ends look like no data; so a huge range is narrowed to the values of
 * at most REALISTIC_MAGNITUDE it holds, or, when it holds none, to its end nearest zero (up to
 * twice that end's size).
 */
function realisticWindow(lo: number, hi: number): [number, number] {
  if (Number.isFinite(hi - lo) && Math.max(Math.abs(lo), Math.abs(hi)) <= HUNDREDTHS_LIMIT) return [lo, hi];
  const a = Math.max(lo, -REALISTIC_MAGNITUDE), b = Math.min(hi, REALISTIC_MAGNITUDE);
  if (a < b) return [a, b];
  if (lo > 0) return [lo, Math.min(hi, lo * 2)];
  return [Math.max(lo, hi * 2), hi];
}

function nextUp(x: number): number {
  if (!Number.isFinite(x)) return x;
  if (x === 0) return Number.MIN_VALUE;
  const bits = new BigInt64Array(new Float64Array([x]).buffer);
  bits[0]! += x > 0 ? 1n : -1n;
  return new Float64Array(bits.buffer)[0]!;
}

function nextDown(x: number): number {
  return -nextUp(-x);
}

/** Multiples of every `multipleOf` within [low, high]; checked by the caller's verification. */
function compileMultiples(facts: Facts, low: number, high: number, integerOnly: boolean): NodePlan {
  const step = Math.max(...facts.multipleOf);
  const range = numericRange(facts);
  let first = Math.ceil(low / step);
  let last = Math.floor(high / step);
  if (range.lowExclusive && first * step <= low) first++;
  if (range.highExclusive && last * step >= high) last--;
  if (first > last || !Number.isFinite(first) || !Number.isFinite(last)) {
    throw new SynthError("UNSATISFIABLE", `no multiple of ${step} lies in the allowed range`, { pointer: pointerOf(facts) });
  }
  const count = last - first + 1;
  const decimals = Math.min(15, (String(step).split(".")[1] ?? "").length);
  return {
    // Floating-point multiples (0.1 * 3) can fail an exact check: verified after generation.
    exact: false,
    sample: plain((rng) => {
      const k = first + rng.below(Math.min(count, 2 ** 52));
      const value = Number((k * step).toFixed(decimals));
      return integerOnly ? Math.round(value) : value;
    }),
  };
}
