import { SynthError } from "../../errors/synth-error.js";
import type { TemporalStats } from "../../stats/types.js";
import { isoDate, isoToSeconds, secondsToIsoDateTime } from "../formats/calendar.js";
import type { Sample } from "../sampler.js";
import { isPlainText, plain } from "../plain-text.js";
import { contradiction } from "./contradiction.js";
import { histogramShape, quantileShape, type NumericShape } from "./distribution.js";

const SECONDS_PER_DAY = 86400;

function toSeconds(column: string, text: string, ...path: Array<string | number>): number {
  const seconds = isoToSeconds(text);
  if (seconds === undefined) throw new SynthError("STATS_INVALID", `"${text}" is not an ISO 8601 date or date-time`, { column, pointer: ["/columns", column, ...path].join("/") });
  return seconds;
}

/** strftime-style rendering for the tokens profile writes: %Y %m %d %H %M %S %z and %%. */
function textFormatter(pattern: string): (seconds: number) => string {
  const iso = secondsToIsoDateTime; // "YYYY-MM-DDTHH:MM:SSZ"
  return (seconds) => {
    const text = iso(seconds);
    return pattern.replace(/%[YmdHMSz%]/g, (token) => {
      switch (token) {
        case "%Y": return text.slice(0, 4);
        case "%m": return text.slice(5, 7);
        case "%d": return text.slice(8, 10);
        case "%H": return text.slice(11, 13);
        case "%M": return text.slice(14, 16);
        case "%S": return text.slice(17, 19);
        case "%z": return "Z";
        default: return "%";
      }
    });
  };
}

/**
 * A date or date-time column as functions of a position u in [0, 1) of its published distribution
 * over time (seconds since 1970), like numeric.ts's NumberScale: `seconds(u)` is the instant, already
 * cut to a whole day for dates, and `text(seconds)` writes it.
 */
export interface TemporalScale {
  shape: NumericShape;
  seconds(u: number): number;
  text(seconds: number): string;
  /** True when every text is plain (no CSV quoting or JSON escaping). */
  plain: boolean;
  /** A day for dates, a second for date-times: the unit a written value stands for. */
  unit: number;
}

/**
 * `asDateTime` follows the schema's format when it has one, so a date column in the statistics can
 * feed a date-time column and vice versa.
 */
export function temporalScale(column: string, stats: TemporalStats, asDateTime: boolean): TemporalScale | undefined {
  let shape: NumericShape | undefined;
  if (stats.quantiles) shape = quantileShape(stats.quantiles.map((q, i): [number, number] => [q[0], toSeconds(column, q[1], "quantiles", i, 1)]));
  else if (stats.histogram) {
    shape = histogramShape(stats.histogram.map((b, i) => ({ from: toSeconds(column, String(b.from), "histogram", i, "from"), to: toSeconds(column, String(b.to), "histogram", i, "to"), frequency: b.frequency })));
  }
  if (!shape) return undefined;
  const at = shape.at;
  if (stats.textFormat !== undefined) {
    if (/%[^YmdHMSz%]/.test(stats.textFormat)) throw contradiction(column, `textFormat "${stats.textFormat}" uses tokens synth does not know`, "textFormat");
    const format = textFormatter(stats.textFormat);
    return { shape, seconds: (u) => Math.floor(at(u)), text: format, plain: isPlainText(stats.textFormat), unit: 1 };
  }
  if (asDateTime) return { shape, seconds: (u) => Math.floor(at(u)), text: secondsToIsoDateTime, plain: true, unit: 1 };
  return {
    shape,
    seconds: (u) => Math.floor(at(u) / SECONDS_PER_DAY) * SECONDS_PER_DAY,
    text: (seconds) => isoDate(Math.floor(seconds / SECONDS_PER_DAY)),
    plain: true,
    unit: SECONDS_PER_DAY,
  };
}

/** Dates and date-times shaped by quantiles or a histogram over time. */
export function temporalFromStats(column: string, stats: TemporalStats, asDateTime: boolean): Sample<string> | undefined {
  const scale = temporalScale(column, stats, asDateTime);
  if (!scale) return undefined;
  const sample: Sample<string> = (rng) => scale.text(scale.seconds(rng.float()));
  return scale.plain ? plain(sample) : sample;
}
