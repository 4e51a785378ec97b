import type { NumberStats } from "../../stats/types.js";
import type { Facts } from "../facts.js";
import type { Sample } from "../sampler.js";
import { plain, unitsSampler } from "../plain-text.js";
import type { Rng } from "../../random/rng.js";
import { numericRange } from "../types/number.js";
import { contradiction } from "./contradiction.js";
import { histogramShape, quantileShape, type NumericShape } from "./distribution.js";

export function numericShape(stats: { quantiles?: Array<[number, number]>; histogram?: Array<{ from: number; to: number; frequency: number }> }): NumericShape | undefined {
  if (stats.quantiles) return quantileShape(stats.quantiles);
  if (stats.histogram) return histogramShape(stats.histogram);
  return undefined;
}

/**
 * A numeric column's values as functions of a position u in [0, 1) of its published distribution:
 * clamped to the schema's range and rounded as published. Both independent draws and the dependence
 * model go through it, so the column's distribution is the same either way.
 */
export interface NumberScale {
  shape: NumericShape;
  /** Decimal places values are rounded to, or undefined when they are not rounded. */
  decimals: number | undefined;
  /** The value at u (rounded when `decimals` is set). */
  value(u: number): number;
  /** The value at u in whole units of 10^-decimals (when rounded). */
  units(u: number): number;
  /** True for values an exclusive bound of the schema rules out. */
  excluded(value: number): boolean;
  /** Half a rounding unit: a published value x stands for every draw that rounds to it. */
  halfUnit: number;
}

export function numberScale(column: string, stats: NumberStats, facts: Facts, integerOnly: boolean): NumberScale | undefined {
  const shape = numericShape(stats);
  if (!shape) return undefined;
  const range = numericRange(facts);
  // Only the schema's own bounds clamp values drawn from statistics: the default span used when a
  // schema leaves a side open (integerBounds) would cut a published distribution short.
  const integral = integerOnly || stats.integer === true;
  const low = range.low === undefined ? -Infinity : integral ? (range.lowExclusive ? Math.floor(range.low) + 1 : Math.ceil(range.low)) : range.low;
  const high = range.high === undefined ? Infinity : integral ? (range.highExclusive ? Math.ceil(range.high) - 1 : Math.floor(range.high)) : range.high;
  if (low > high) throw contradiction(column, "no integer lies between the schema's minimum and maximum", "kind");
  const values: Array<[number, Array<string | number>]> = [
    ...(stats.quantiles ?? []).map((q, i): [number, Array<string | number>] => [q[1], ["quantiles", i, 1]]),
    ...(stats.histogram ?? []).flatMap((b, i): Array<[number, Array<string | number>]> => [[b.from, ["histogram", i, "from"]], [b.to, ["histogram", i, "to"]]]),
  ];
  for (const [value, path] of values) {
    const below = range.low !== undefined && (value < range.low || (range.lowExclusive && value === range.low && path[0] === "quantiles"));
    const above = range.high !== undefined && (value > range.high || (range.highExclusive && value === range.high && path[0] === "quantiles"));
    if (below || above) throw contradiction(column, `statistics value ${value} lies outside the schema's range`, ...path);
  }
  const decimals = integerOnly || stats.integer ? 0 : stats.decimals;
  const lowExclusive = range.lowExclusive, highExclusive = range.highExclusive;
  const excluded = (value: number) => (lowExclusive && value <= range.low!) || (highExclusive && value >= range.high!);
  if (decimals === undefined) {
    const value = (u: number) => {
      const v = shape.at(u);
      return v < low ? low : v > high ? high : v;
    };
    return { shape, decimals, value, units: value, excluded, halfUnit: 0 };
  }
  // Rounded values are drawn as whole units of the last decimal, which also gives their text
  // without converting a double (formats/number-text.ts).
  const scale = 10 ** decimals;
  const units = (u: number) => {
    let n = Math.round(shape.at(u) * scale);
    if (n / scale < low) n = Math.ceil(low * scale);
    if (n / scale > high) n = Math.floor(high * scale);
    return n;
  };
  return { shape, decimals, value: (u) => units(u) / scale, units, excluded, halfUnit: 0.5 / scale };
}

/** A bounded number of fresh positions until a value no exclusive bound rules out (then the last). */
function drawAvoiding(scale: NumberScale, at: (u: number) => number, divisor: number): (rng: Rng) => number {
  return (rng) => {
    for (let attempt = 0; ; attempt++) {
      const n = at(rng.float());
      if (scale.excluded(n / divisor) && attempt < 20) continue;
      return n;
    }
  };
}

/** Numbers shaped by quantiles or a histogram, rounded as published, never outside the schema's range. */
export function numberFromStats(column: string, stats: NumberStats, facts: Facts, integerOnly: boolean): Sample<number> | undefined {
  const scale = numberScale(column, stats, facts, integerOnly);
  if (!scale) return undefined;
  if (scale.decimals === undefined) return plain(drawAvoiding(scale, scale.value, 1));
  return unitsSampler(drawAvoiding(scale, scale.units, 10 ** scale.decimals), scale.decimals);
}
