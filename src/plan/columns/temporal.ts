import { SynthError } from "../../errors/synth-error.js";
import type { TemporalStats } from "../../stats/types.js";
import { TWO_DIGITS, isoDate, isoToSeconds, secondsToIsoDateTime } from "../formats/calendar.js";
import type { Sample } from "../sampler.js";
import { isPlainText, plain } from "../plain-text.js";
import { contradiction } from "./contradiction.js";
import { histogramDraw, quantileDraw } from "./inverse-cdf.js";

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
 * Dates and date-times shaped by quantiles or a histogram over time. `asDateTime` follows the schema's
 * format when it has one, so a date column in the stats can feed a date-time column and vice versa.
 */
export function temporalFromStats(column: string, stats: TemporalStats, asDateTime: boolean): Sample<string> | undefined {
  let draw: ((rng: Parameters<Sample>[0]) => number) | undefined;
  if (stats.quantiles) draw = quantileDraw(stats.quantiles.map((q, i): [number, number] => [q[0], toSeconds(column, q[1], "quantiles", i, 1)]));
  else if (stats.histogram) {
    draw = histogramDraw(stats.histogram.map((b, i) => ({ from: toSeconds(column, String(b.from), "histogram", i, "from"), to: toSeconds(column, String(b.to), "histogram", i, "to"), frequency: b.frequency })));
  }
  if (!draw) return undefined;
  if (stats.textFormat !== undefined) {
    if (/%[^YmdHMSz%]/.test(stats.textFormat)) throw contradiction(column, `textFormat "${stats.textFormat}" uses tokens synth does not know`, "textFormat");
    const format = textFormatter(stats.textFormat);
    const d = draw;
    const sample: Sample<string> = (rng) => format(Math.floor(d(rng)));
    return isPlainText(stats.textFormat) ? plain(sample) : sample;
  }
  const d = draw;
  if (asDateTime) return plain((rng) => secondsToIsoDateTime(Math.floor(d(rng))));
  return plain((rng) => isoDate(Math.floor(d(rng) / SECONDS_PER_DAY)));
}

void TWO_DIGITS;
