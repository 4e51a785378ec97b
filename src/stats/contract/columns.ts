import { joinPointer } from "../../errors/json-pointer.js";
import type { ColumnStats, StatsFile } from "../types.js";

/** Each column with its name and pointer, in the file's order. */
export function* eachColumn(stats: StatsFile): Iterable<{ name: string; column: ColumnStats; at: string }> {
  for (const [name, column] of Object.entries(stats.columns)) yield { name, column, at: joinPointer("/columns", name) };
}

/** Frequencies are shares of a whole: this much rounding is allowed (profile rounds each to 1e-6). */
export const SHARE_TOLERANCE = 1e-3;

/** The problem with a set of shares that should make a whole, or undefined when they do. */
export function wholeProblem(shares: readonly number[], what: string): string | undefined {
  const sum = shares.reduce((a, b) => a + b, 0);
  if (sum === 0) return `${what} are all 0: they must add up to 1`;
  if (Math.abs(sum - 1) > SHARE_TOLERANCE) return `${what} add up to ${Number(sum.toPrecision(6))}, not 1`;
  return undefined;
}
