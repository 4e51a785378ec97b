import { isoToSeconds } from "../plan/formats/calendar.js";
import type { RuleValue } from "./types.js";

/**
 * How rules read the values of a row. A value is empty when it is null or absent; codes compare by
 * their text, so a rule that names the code "1" holds for a column that stores the number 1 (CSV
 * cannot tell them apart, and neither should a rule); dates compare as instants.
 */

export const isEmpty = (value: unknown): boolean => value === null || value === undefined || typeof value === "symbol";

export function sameCode(a: unknown, b: RuleValue | null): boolean {
  if (b === null) return isEmpty(a);
  if (isEmpty(a)) return false;
  return a === b || String(a) === String(b);
}

/** A value as a number to compare: numbers as they are, dates as seconds; undefined otherwise. */
export function comparable(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "string") return isoToSeconds(value);
  return undefined;
}

/** A value or bound written for people: codes in quotes, numbers and dates as they are. */
export function shown(value: RuleValue | null | undefined): string {
  if (value === null || value === undefined) return "empty";
  return typeof value === "string" && isoToSeconds(value) === undefined ? `"${value}"` : String(value);
}
