/**
 * ISO 8601 dates and date-times as statistics write them, checked against the real calendar: a
 * 29 February only in a leap year, no 31 April, no month 13, no hour 24. Lenient parsers roll such a
 * date over into the next month; a statistics file that holds one was not made from real values.
 */

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-](\d{2}):?(\d{2}))?)?$/i;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Seconds since 1970 of a real ISO 8601 date or date-time (its UTC offset applied), or why the text
 * is not one (a string).
 */
export function instantSeconds(text: unknown): number | string {
  const problem = instantProblem(text);
  if (problem !== undefined) return problem;
  const m = ISO.exec(text as string)!;
  const date = new Date(0);
  date.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  date.setUTCHours(Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
  const offset = m[8] === undefined ? 0 : (m[7]!.startsWith("-") ? -1 : 1) * (Number(m[8]) * 3600 + Number(m[9]) * 60);
  return date.getTime() / 1000 - offset;
}

/** Why the text is not a real ISO 8601 date or date-time, or undefined when it is one. */
export function instantProblem(text: unknown): string | undefined {
  if (typeof text !== "string") return `${JSON.stringify(text)} is not an ISO 8601 date or date-time (write it as text, e.g. "2021-03-01")`;
  const m = ISO.exec(text);
  if (!m) return `${JSON.stringify(text)} is not an ISO 8601 date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM:SSZ)`;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12) return `${JSON.stringify(text)} has no month ${m[2]}`;
  if (day < 1 || day > daysInMonth(year, month)) return `${JSON.stringify(text)} is not a day of the calendar (${m[1]}-${m[2]} has ${daysInMonth(year, month)} days)`;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59)) return `${JSON.stringify(text)} is not a time of day`;
  if (m[8] !== undefined && (Number(m[8]) > 23 || Number(m[9]) > 59)) return `${JSON.stringify(text)} has no such UTC offset`;
  return undefined;
}
