import { SynthError } from "../../errors/synth-error.js";
import type { Rng } from "../../random/rng.js";
import { normalQuantile } from "./normal.js";

/**
 * Correlated standard normal scores for the numbers and dates of the model, given the scores of the
 * codes in the copula (numeric codes and flags, taken in order), whose values the model's tables have
 * already drawn: z_N | z_C is normal with mean A z_C and covariance S = R_NN - R_NC R_CC^-1 R_CN, drawn
 * as A z_C + L e with L the Cholesky factor of S. A matrix that is not quite positive definite
 * (rounding to three places can do that) is nudged towards the identity until it factors.
 */
export interface Copula {
  /** Positions in `columns` of the members given by codes. */
  readonly given: readonly number[];
  /** Positions of the members drawn here (numbers and dates). */
  readonly drawn: readonly number[];
  /** Fills `out` (by member position) for the drawn members, from the given members' scores in `out`. */
  draw(rng: Rng, out: Float64Array): void;
}

function cholesky(matrix: Float64Array, n: number): Float64Array | undefined {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = matrix[i * n + j]!;
      for (let k = 0; k < j; k++) sum -= l[i * n + k]! * l[j * n + k]!;
      if (i === j) {
        if (!(sum > 1e-10)) return undefined;
        l[i * n + i] = Math.sqrt(sum);
      } else l[i * n + j] = sum / l[j * n + j]!;
    }
  }
  return l;
}

/** Solves (L L^T) x = b for x, L lower triangular. */
function solve(l: Float64Array, n: number, b: Float64Array): Float64Array {
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = b[i]!;
    for (let k = 0; k < i; k++) sum -= l[i * n + k]! * y[k]!;
    y[i] = sum / l[i * n + i]!;
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let sum = y[i]!;
    for (let k = i + 1; k < n; k++) sum -= l[k * n + i]! * x[k]!;
    x[i] = sum / l[i * n + i]!;
  }
  return x;
}

export function compileCopula(correlations: number[][], given: readonly number[], pointer: string): Copula {
  const size = correlations.length;
  if (correlations.some((row, i) => row.length !== size || Math.abs(row[i]! - 1) > 1e-9 || row.some((v, j) => Math.abs(v - correlations[j]![i]!) > 1e-9))) {
    throw new SynthError("STATS_INVALID", "the copula's correlations must be a symmetric square matrix with ones on the diagonal", { pointer });
  }
  const drawn = correlations.map((_, i) => i).filter((i) => !given.includes(i));
  const c = given.length, n = drawn.length;
  for (let shrink = 0; shrink <= 20; shrink++) {
    const keep = 1 - shrink / 20;
    const r = (i: number, j: number) => (i === j ? 1 : correlations[i]![j]! * keep);
    const rcc = new Float64Array(c * c);
    given.forEach((gi, i) => given.forEach((gj, j) => (rcc[i * c + j] = r(gi, gj))));
    const lcc = c > 0 ? cholesky(rcc, c) : new Float64Array(0);
    if (!lcc) continue;
    // A = R_NC R_CC^-1, one row per drawn member.
    const a = new Float64Array(n * c);
    const s = new Float64Array(n * n);
    const rows = drawn.map((di) => solve(lcc, c, Float64Array.from(given, (gj) => r(di, gj))));
    drawn.forEach((_, i) => rows[i]!.forEach((v, j) => (a[i * c + j] = v)));
    drawn.forEach((di, i) =>
      drawn.forEach((dj, j) => {
        let v = r(di, dj);
        for (let k = 0; k < c; k++) v -= a[i * c + k]! * r(given[k]!, dj);
        s[i * n + j] = v;
      }),
    );
    const l = cholesky(s, n);
    if (!l) continue;
    const e = new Float64Array(n);
    return {
      given,
      drawn,
      draw(rng, out) {
        for (let i = 0; i < n; i++) e[i] = normalQuantile((rng.nextU32() + 0.5) / 4294967296);
        for (let i = 0; i < n; i++) {
          let z = 0;
          for (let k = 0; k < c; k++) z += a[i * c + k]! * out[given[k]!]!;
          for (let k = 0; k <= i; k++) z += l[i * n + k]! * e[k]!;
          out[drawn[i]!] = z;
        }
      },
    };
  }
  throw new SynthError("STATS_INVALID", "the copula's correlations do not form a correlation matrix", { pointer });
}
