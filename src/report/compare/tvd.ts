/**
 * Total variation distance between two categorical distributions given as counts: half the sum, over
 * every value seen in either, of the absolute difference in frequency. SDMetrics' TVComplement is
 * 1 minus this (nulls dropped; a dummy value never seen in the real data counts fully against it).
 */
export function totalVariation(real: ReadonlyMap<string, number>, dummy: ReadonlyMap<string, number>): number {
  const realTotal = sum(real);
  const dummyTotal = sum(dummy);
  if (realTotal === 0 || dummyTotal === 0) return realTotal === dummyTotal ? 0 : 1;
  let distance = 0;
  for (const [value, count] of real) distance += Math.abs(count / realTotal - (dummy.get(value) ?? 0) / dummyTotal);
  for (const [value, count] of dummy) if (!real.has(value)) distance += count / dummyTotal;
  return distance / 2;
}

export function tvComplement(real: ReadonlyMap<string, number>, dummy: ReadonlyMap<string, number>): number {
  return 1 - totalVariation(real, dummy);
}

function sum(counts: ReadonlyMap<string, number>): number {
  let total = 0;
  for (const count of counts.values()) total += count;
  return total;
}
