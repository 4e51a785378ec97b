import type { NumberStats } from "../../stats/types.js";
import type { Facts } from "../facts.js";
import type { Sample } from "../sampler.js";
import { plain } from "../plain-text.js";
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
  const scale = round === undefined ? 1 : 10 ** round;
  const lowExclusive = range.lowExclusive, highExclusive = range.highExclusive;
  return plain((rng) => {
    for (let attempt = 0; ; attempt++) {
      let value = draw(rng);
      if (round !== undefined) value = Math.round(value * scale) / scale;
      if (value < low) value = round === undefined ? low : Math.ceil(low * scale) / scale;
      if (value > high) value = round === undefined ? high : Math.floor(high * scale) / scale;
      if ((lowExclusive && value <= range.low!) || (highExclusive && value >= range.high!)) {
        if (attempt < 20) continue;
      }
      return value;
    }
  });
}
