/**
 * Dominance analysis (Budescu 1993; Azen and Budescu 2003). Conditional dominance of driver j at size
 * k is the average R² it adds to the subsets of k other drivers; general dominance is the average of
 * those over k = 0..p-1. General dominance equals LMG, which the tests check on computed values, as a
 * guard on both code paths.
 */
import type { SubsetSums } from './r-squared.ts';

/** Binomial coefficient as a float; exact up to far beyond the p this module meets. */
export function choose(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let c = 1;
  for (let i = 1; i <= Math.min(k, n - k); i++) c = (c * (n - i + 1)) / i;
  return Math.round(c);
}

export interface Dominance {
  /** conditional[j][k]: mean R² increment of driver j over all subsets of k other drivers. */
  conditional: Float64Array[];
  /** Mean of each driver's conditional dominance values. */
  general: Float64Array;
}

/**
 * From the per-size sums: Σ_{|S|=k, j∉S} R²(S ∪ {j}) is withDriver[k+1][j] and
 * Σ_{|S|=k, j∉S} R²(S) is total[k] - withDriver[k][j]; there are C(p-1, k) such subsets.
 */
export function dominanceFromSums(sums: SubsetSums): Dominance {
  const { p, total, withDriver } = sums;
  const conditional: Float64Array[] = [];
  const general = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const c = new Float64Array(p);
    let sum = 0;
    for (let k = 0; k < p; k++) {
      const withJ = withDriver[(k + 1) * p + j]!;
      const withoutJ = total[k]! - withDriver[k * p + j]!;
      c[k] = (withJ - withoutJ) / choose(p - 1, k);
      sum += c[k]!;
    }
    conditional.push(c);
    general[j] = p === 0 ? 0 : sum / p;
  }
  return { conditional, general };
}
