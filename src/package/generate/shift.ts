/**
 * Moves a value by the difference between two others, in its own kind: numbers as numbers, dates by
 * whole days, date-times by milliseconds, each written in the form it came in. A child row that takes
 * its parent's date of birth moves its later dates with it, so the gaps it drew (published gap
 * distributions) survive the copy. Undefined when the values are not of one comparable kind.
 */
export function shiftLike(value: unknown, drawnFirst: unknown, newFirst: unknown): unknown {
  if (typeof value === "number" && typeof drawnFirst === "number" && typeof newFirst === "number") {
    return value + (newFirst - drawnFirst);
  }
  if (typeof value !== "string" || typeof drawnFirst !== "string" || typeof newFirst !== "string") return undefined;
  const date = /^\d{4}-\d{2}-\d{2}$/;
  if (date.test(value) && date.test(drawnFirst) && date.test(newFirst)) {
    const shifted = new Date(Date.parse(`${value}T00:00:00Z`) + (Date.parse(`${newFirst}T00:00:00Z`) - Date.parse(`${drawnFirst}T00:00:00Z`)));
    return Number.isNaN(shifted.getTime()) ? undefined : shifted.toISOString().slice(0, 10);
  }
  const [at, from, to] = [value, drawnFirst, newFirst].map((v) => Date.parse(v));
  if ([at, from, to].some((v) => Number.isNaN(v)) || !value.includes("T")) return undefined;
  const text = new Date(at! + (to! - from!)).toISOString();
  // Keep the value's own form: no milliseconds when it had none, its own zone designator when it had "Z".
  return /\.\d+/.test(value) ? text : text.replace(/\.\d{3}Z$/, "Z");
}
