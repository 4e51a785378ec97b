/**
 * Kolmogorov-Smirnov two-sample statistic: the largest gap between the two empirical CDFs, evaluated
 * at every distinct value (ties in either sample advance together, as scipy.stats.ks_2samp does).
 * SDMetrics' KSComplement is 1 minus this, for numeric and datetime columns, nulls dropped.
 */
export function ksStatistic(a: Float64Array, b: Float64Array): number {
  const x = a.slice().sort();
  const y = b.slice().sort();
  const n = x.length, m = y.length;
  if (n === 0 || m === 0) return n === m ? 0 : 1;
  let i = 0, j = 0, gap = 0;
  while (i < n && j < m) {
    const value = x[i]! <= y[j]! ? x[i]! : y[j]!;
    while (i < n && x[i]! <= value) i++;
    while (j < m && y[j]! <= value) j++;
    const d = Math.abs(i / n - j / m);
    if (d > gap) gap = d;
  }
  return gap;
}

/** SDMetrics' KSComplement: 1 - KS statistic, 1 when the distributions are identical. */
export function ksComplement(real: Float64Array, dummy: Float64Array): number {
  return 1 - ksStatistic(real, dummy);
}
