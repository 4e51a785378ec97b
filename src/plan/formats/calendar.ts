/**
 * Integer calendar arithmetic for the hot path: days since 1970-01-01 to ISO text and back without
 * Date objects (Howard Hinnant's civil-from-days algorithm, exact over the proleptic Gregorian calendar).
 */

export const TWO_DIGITS: readonly string[] = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, "0"));
const SECONDS_PER_DAY = 86400;

function yearText(year: number): string {
  return year >= 1000 && year <= 9999 ? String(year) : String(year).padStart(4, "0");
}

export function daysToIsoDate(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return yearText(year) + "-" + TWO_DIGITS[month] + "-" + TWO_DIGITS[day];
}

/** Days since 1970-01-01 of a civil date. */
export function civilToDays(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function secondsToIsoTime(secondsOfDay: number): string {
  const s = secondsOfDay | 0;
  return TWO_DIGITS[(s / 3600) | 0] + ":" + TWO_DIGITS[((s / 60) | 0) % 60] + ":" + TWO_DIGITS[s % 60];
}

/** "THH:MM:" for each minute of the day, and "SSZ" for each second: a date-time is three pieces. */
const MINUTE_TEXT: readonly string[] = Array.from({ length: 1440 }, (_, m) => "T" + TWO_DIGITS[(m / 60) | 0] + ":" + TWO_DIGITS[m % 60] + ":");
const SECOND_TEXT: readonly string[] = TWO_DIGITS.slice(0, 60).map((s) => s + "Z");

/** Seconds since the epoch to "YYYY-MM-DDTHH:MM:SSZ". */
export function secondsToIsoDateTime(seconds: number): string {
  const days = Math.floor(seconds / SECONDS_PER_DAY);
  return isoDateTime(days, seconds - days * SECONDS_PER_DAY);
}

/** A day (since the epoch) and a second of that day (0 to 86399) to "YYYY-MM-DDTHH:MM:SSZ". */
export function isoDateTime(days: number, secondOfDay: number): string {
  const second = secondOfDay | 0;
  const minute = (second / 60) | 0;
  return isoDate(days) + MINUTE_TEXT[minute] + SECOND_TEXT[second - minute * 60];
}

// Dates from 1900 to 2099 are kept as text once made: most data lives there, and a lookup costs a
// fraction of the arithmetic. 73,049 slots of 8 bytes, filled only as dates are drawn.
const CACHED_FROM = civilToDays(1900, 1, 1);
const CACHED_DAYS = civilToDays(2100, 1, 1) - CACHED_FROM;
let cachedDates: string[] | undefined;

/** daysToIsoDate, remembered for the common span (integer days only). */
export function isoDate(days: number): string {
  const i = days - CACHED_FROM;
  if (i >>> 0 !== i || i >= CACHED_DAYS) return daysToIsoDate(days);
  const cache = (cachedDates ??= new Array<string>(CACHED_DAYS).fill(""));
  const text = cache[i]!;
  return text !== "" ? text : (cache[i] = daysToIsoDate(days));
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;
const ISO_TIME = /[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** Days since the epoch of an ISO date (time part ignored); undefined when not ISO. */
export function isoToDays(text: string): number | undefined {
  const m = ISO_DATE.exec(text);
  if (!m) return undefined;
  return civilToDays(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Seconds since the epoch of an ISO date or date-time (UTC offsets applied); undefined when not ISO. */
export function isoToSeconds(text: string): number | undefined {
  const days = isoToDays(text);
  if (days === undefined) return undefined;
  const t = ISO_TIME.exec(text);
  let seconds = days * SECONDS_PER_DAY;
  if (t) {
    seconds += Number(t[1]) * 3600 + Number(t[2]) * 60 + Number(t[3] ?? 0);
    const zone = t[4];
    if (zone && zone.toUpperCase() !== "Z") {
      const sign = zone.startsWith("-") ? -1 : 1;
      const digits = zone.slice(1).replace(":", "");
      seconds -= sign * (Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2, 4)) * 60);
    }
  }
  return seconds;
}

/** The default span for dates nobody described: fixed, so output does not depend on today's date. */
export const DEFAULT_DATE_RANGE = { from: civilToDays(1940, 1, 1), to: civilToDays(2025, 12, 31) } as const;
