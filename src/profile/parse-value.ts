import { civilToDays } from "../plan/formats/calendar.js";

/**
 * Recognisers for the scalar types a table cell can hold. They are strict on purpose: a column is
 * given a type only when every value reads back as that type, so the inferred schema accepts the
 * real data and a CSV writer reproduces the values.
 */

const SECONDS_PER_DAY = 86400;

/** What numericToken found: not a number, a whole number, or a number with a fraction or exponent. */
export const NumericToken = { None: 0, Integer: 1, Decimal: 2 } as const;
export type NumericToken = (typeof NumericToken)[keyof typeof NumericToken];

/**
 * Whether text is a plain decimal number ([+-]digits[.digits][e[+-]digits]), and if so whether it is
 * a whole number. A hand-written scanner: this runs on every cell of every column, and is several
 * times faster than regular expressions. "007" is a code, not the number 7 (reading it as a number
 * would lose the zeros), so a leading zero before another digit makes it text.
 */
export function numericToken(text: string): NumericToken {
  const length = text.length;
  if (length === 0 || length > 40) return NumericToken.None;
  let i = 0;
  let c = text.charCodeAt(0);
  if (c === 43 || c === 45) {
    if (length === 1) return NumericToken.None;
    c = text.charCodeAt(++i);
  }
  const intStart = i;
  while (i < length && (c = text.charCodeAt(i)) >= 48 && c <= 57) i++;
  const intDigits = i - intStart;
  if (intDigits > 1 && text.charCodeAt(intStart) === 48) return NumericToken.None;
  if (i === length) {
    if (intDigits === 0) return NumericToken.None;
    return intDigits < 16 || Number.isSafeInteger(Number(text)) ? NumericToken.Integer : NumericToken.None;
  }
  let fractionDigits = 0;
  if (c === 46) {
    i++;
    const fractionStart = i;
    while (i < length && (c = text.charCodeAt(i)) >= 48 && c <= 57) i++;
    fractionDigits = i - fractionStart;
  }
  if (intDigits + fractionDigits === 0) return NumericToken.None;
  if (i < length) {
    if (c !== 101 && c !== 69) return NumericToken.None;
    i++;
    c = text.charCodeAt(i);
    if (c === 43 || c === 45) i++;
    const exponentStart = i;
    while (i < length && (c = text.charCodeAt(i)) >= 48 && c <= 57) i++;
    if (i === exponentStart || i < length) return NumericToken.None;
  }
  return Number.isFinite(Number(text)) ? NumericToken.Decimal : NumericToken.None;
}

/** Decimal places a number was written with ("2.50" has 2; "1.5e-3" has 4). Assumes numericToken accepted it. */
export function decimalPlaces(text: string): number {
  const point = text.indexOf(".");
  let exponentAt = text.indexOf("e");
  if (exponentAt === -1) exponentAt = text.indexOf("E");
  const mantissaEnd = exponentAt === -1 ? text.length : exponentAt;
  const fraction = point === -1 || point > mantissaEnd ? 0 : mantissaEnd - point - 1;
  const exponent = exponentAt === -1 ? 0 : Number(text.slice(exponentAt + 1));
  return Math.max(0, fraction - exponent);
}

/** Decimal places of a number that arrived as a JSON number. */
export function decimalPlacesOf(value: number): number {
  if (Number.isInteger(value)) return 0;
  return decimalPlaces(String(value));
}

function validCivil(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= days[month - 1]!;
}

function looksTemporal(text: string): boolean {
  // Cheap guard before the regular expressions: "YYYY-" at the start.
  return text.length >= 10 && text.charCodeAt(4) === 45 && text.charCodeAt(0) >= 48 && text.charCodeAt(0) <= 57;
}

/** Value of the two (or four) ASCII digits at `at`, or -1. */
function digits(text: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/** Days since 1970-01-01 of "YYYY-MM-DD" at the start of text, or undefined. */
function leadingDate(text: string): number | undefined {
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return undefined;
  const year = digits(text, 0, 4), month = digits(text, 5, 2), day = digits(text, 8, 2);
  if (year < 0 || month < 0 || day < 0 || !validCivil(year, month, day)) return undefined;
  return civilToDays(year, month, day);
}

/** Days since 1970-01-01 of an ISO date "YYYY-MM-DD", or undefined. */
export function parseIsoDate(text: string): number | undefined {
  if (text.length !== 10 || !looksTemporal(text)) return undefined;
  return leadingDate(text);
}

/**
 * Seconds since the epoch (UTC) of an RFC 3339 date-time ("YYYY-MM-DDTHH:MM:SS", optional fraction,
 * then Z or an offset; JSON Schema's "date-time" format requires both seconds and the zone), or undefined.
 */
export function parseIsoDateTime(text: string): number | undefined {
  const length = text.length;
  if (length < 20 || !looksTemporal(text)) return undefined;
  const separator = text.charCodeAt(10);
  if (separator !== 84 && separator !== 116 && separator !== 32) return undefined; // T, t, space
  if (text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return undefined;
  const days = leadingDate(text);
  const hour = digits(text, 11, 2), minute = digits(text, 14, 2), second = digits(text, 17, 2);
  if (days === undefined || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) return undefined;
  let i = 19;
  if (text.charCodeAt(i) === 46) {
    i++;
    const start = i;
    while (i < length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
    if (i === start) return undefined;
  }
  let seconds = days * SECONDS_PER_DAY + hour * 3600 + minute * 60 + Math.min(second, 59);
  const zone = text.charCodeAt(i);
  if ((zone === 90 || zone === 122) && i + 1 === length) return seconds; // Z, z
  if ((zone === 43 || zone === 45) && i + 6 === length && text.charCodeAt(i + 3) === 58) {
    const hours = digits(text, i + 1, 2), minutes = digits(text, i + 4, 2);
    if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return undefined;
    seconds -= (zone === 45 ? -1 : 1) * (hours * 3600 + minutes * 60);
    return seconds;
  }
  return undefined;
}

const TRUE_WORDS = new Set(["true", "TRUE", "True"]);
const FALSE_WORDS = new Set(["false", "FALSE", "False"]);

/** true / false for the spellings CSV writers use, else undefined. */
export function parseBooleanWord(text: string): boolean | undefined {
  if (TRUE_WORDS.has(text)) return true;
  if (FALSE_WORDS.has(text)) return false;
  return undefined;
}
