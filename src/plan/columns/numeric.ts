import type { NumberStats } from "../../stats/types.js";
import type { Facts } from "../facts.js";
import type { Sample } from "../sampler.js";
import { plain, unitsSampler } from "../plain-text.js";
import type { Rng } from "../../random/rng.js";
import { numericRange } from "../types/number.js";
import { contradiction } from "./contradiction.js";
import { histogramDraw, quantileDraw, type NumericDraw } from "./inverse-cdf.js";

export function numericDraw(stats: { quantiles?: Array<[number, number]>; histogram?: Array<{ from: number; to: number; frequency: number }> }): NumericDraw | undefined {
  if (stats.quantiles) return quantileDraw(stats.quantiles);
  if (stats.histogram) return histogramDraw(stats.histogram);
  return undefined;
}

/** Numbers shaped by quantiles or a histogram, rounded as published, never outside the schema's range. */
export function numberFromStats(column: string, stats: NumberStats, facts: Facts, integerOnly: boolean): Sample<number> | undefined {
  const draw = numericDraw(stats);
  if (!draw) return undefined;
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
  const round = integerOnly || stats.integer ? 0 : stats.decimals;
  const lowExclusive = range.lowExclusive, highExclusive = range.highExclusive;
  const excluded = (value: number) => (lowExclusive && value <= range.low!) || (highExclusive && value >= range.high!);
  if (round === undefined) {
    return plain((rng) => {
      for (let attempt = 0; ; attempt++) {
        let value = draw(rng);
        if (value < low) value = low;
        if (value > high) value = high;
        if (excluded(value) && attempt < 20) continue;
        return value;
      }
    });
  }
  // Rounded values are drawn as whole units of the last decimal, which also gives their text
  // without converting a double (formats/number-text.ts).
  const scale = 10 ** round;
  const units = (rng: Rng): number => {
    for (let attempt = 0; ; attempt++) {
      let n = Math.round(draw(rng) * scale);
      if (n / scale < low) n = Math.ceil(low * scale);
      if (n / scale > high) n = Math.floor(high * scale);
      if (excluded(n / scale) && attempt < 20) continue;
      return n;
    }
  };
  return unitsSampler(units, round);
}
