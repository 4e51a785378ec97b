import { civilToDays, daysToIsoDate, secondsToIsoDateTime } from "../../plan/formats/calendar.js";

const SECONDS_PER_DAY = 86400;

/**
 * The roundest number in (low, high]: the one with the fewest significant digits, preferring
 * multiples of 5 and 2 at each power of ten. A threshold found between two groups of values is
 * published as this number (2500 between 2495 and 2523), never as a value a record holds unless no
 * rounder number lies between them.
 */
export function roundestNumber(low: number, high: number): number {
  if (!(high > low)) return high;
  const top = Math.ceil(Math.log10(Math.max(Math.abs(low), Math.abs(high), 1e-12))) + 1;
  for (let exponent = top; exponent >= -12; exponent--) {
    for (const multiple of [10, 5, 2, 1]) {
      const step = multiple * 10 ** (exponent - 1);
      const k = Math.floor(low / step) + 1;
      const candidate = Number((k * step).toPrecision(15));
      if (candidate > low && candidate <= high) return candidate;
    }
  }
  return high;
}

/**
 * The roundest date in (low, high] (seconds since 1970): a 1 January, then a 1 September (the school
 * year) or 1 April (the financial year), then the first of a month, then any day.
 */
export function roundestDate(low: number, high: number): number {
  const lowDay = Math.floor(low / SECONDS_PER_DAY);
  const highDay = Math.floor(high / SECONDS_PER_DAY);
  const fromYear = Number(daysToIsoDate(lowDay).slice(0, 4));
  const toYear = Number(daysToIsoDate(highDay).slice(0, 4));
  const within = (days: number) => days * SECONDS_PER_DAY > low && days * SECONDS_PER_DAY <= high;
  for (const months of [[1], [9, 4], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]]) {
    for (let year = fromYear; year <= toYear; year++) {
      for (const month of months) {
        const days = civilToDays(year, month, 1);
        if (within(days)) return days * SECONDS_PER_DAY;
      }
    }
  }
  for (let day = lowDay; day <= highDay; day++) if (within(day)) return day * SECONDS_PER_DAY;
  return high;
}

/** A bound as a rule writes it: a number, an ISO date, or an ISO date-time. */
export function boundText(seconds: number, kind: "number" | "date" | "datetime"): number | string {
  if (kind === "number") return seconds;
  return kind === "date" ? daysToIsoDate(Math.floor(seconds / SECONDS_PER_DAY)) : secondsToIsoDateTime(seconds);
}
