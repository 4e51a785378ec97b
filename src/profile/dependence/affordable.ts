/**
 * How big a table a privacy budget can pay for. PrivBayes (Zhang et al., 2017) calls a noisy table
 * θ-useful when its average count per cell is at least θ times the noise's scale; below that the
 * noise drowns the counts, and a model built from them distorts even the columns' own distributions
 * (at ε = 1 on 189 rows, smoking rates fell from 0.98 to 0.61 TVComplement). We keep θ = 4, as
 * PrivBayes and DataSynthesizer do, and size every table by the share each would get if every column
 * had one (the model's shares are never smaller than that).
 */

export const THETA = 4;
/** The smallest table: two states of a child given two states of one parent. */
export const SMALLEST_TABLE = 4;

/** The largest table (cells) one node may have when the model's budget is `epsilon`, over `columns` columns. */
export function affordableCells(rows: number, epsilon: number, columns: number): number {
  const perTable = epsilon / Math.max(1, columns + 1);
  return Math.floor((rows * perTable) / THETA);
}

/** Whether a budget can pay for any table at all: if not, the model is not learned and its share goes to the columns. */
export function modelAffordable(rows: number, epsilon: number, columns: number): boolean {
  return affordableCells(rows, epsilon, columns) >= SMALLEST_TABLE;
}
