/**
 * Iterative proportional fitting of a conditional table to a column's own distribution. The counts a
 * model publishes leave out cells under K, so the states they imply drift a little from the column's
 * published distribution; scaling each state's column of the table (and renormalising every row) until
 * the table, weighted by how often each parent combination occurs, gives back that distribution
 * removes the drift. Cells that are zero stay zero, so withheld combinations are never generated.
 */
export function fitToTarget(rows: Float64Array[], weights: readonly number[], target: Float64Array, iterations = 30): void {
  const states = target.length;
  const implied = new Float64Array(states);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  if (totalWeight <= 0) return;
  for (let iteration = 0; iteration < iterations; iteration++) {
    implied.fill(0);
    rows.forEach((row, c) => {
      const w = weights[c]! / totalWeight;
      for (let s = 0; s < states; s++) implied[s]! += w * row[s]!;
    });
    let worst = 0;
    for (let s = 0; s < states; s++) {
      const factor = implied[s]! > 0 ? target[s]! / implied[s]! : 1;
      worst = Math.max(worst, Math.abs(implied[s]! - target[s]!));
      implied[s] = factor;
    }
    if (worst < 1e-9) return;
    for (const row of rows) {
      let sum = 0;
      for (let s = 0; s < states; s++) sum += row[s]! *= implied[s]!;
      if (sum > 0) for (let s = 0; s < states; s++) row[s]! /= sum;
    }
  }
}
