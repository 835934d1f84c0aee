/**
 * LMG (Lindeman, Merenda and Gold 1980): each driver's R² contribution averaged over all p! orders
 * of entering the drivers, which is the Shapley value of the R² "game". Computed exactly from the
 * per-size subset sums, never by sampling orders.
 */
import type { CorrelationSystem, SubsetSums } from './r-squared.ts';
import { subsetR2Sums } from './r-squared.ts';

/**
 * Shapley weights w(s) = s! (p - s - 1)! / p!, the probability that, in a random order, exactly the
 * s drivers of a given subset precede driver j. Built by the recurrence w(s+1) = w(s) (s+1)/(p-s-1)
 * so no factorial overflows (20! is already past 2^53).
 */
export function shapleyWeights(p: number): Float64Array {
  const w = new Float64Array(Math.max(p, 0));
  if (p === 0) return w;
  w[0] = 1 / p;
  for (let s = 0; s + 1 < p; s++) w[s + 1] = (w[s]! * (s + 1)) / (p - s - 1);
  return w;
}

/**
 * φ_j = Σ_{S ∌ j} w(|S|) [R²(S ∪ {j}) - R²(S)]. Regrouped by subset: a subset T containing j enters
 * with +w(|T| - 1), a subset S without j with -w(|S|). Summing R² per size first (the SubsetSums)
 * means each of the 2^p R² values is computed once and used for all p drivers.
 */
export function lmgFromSums(sums: SubsetSums): Float64Array {
  const { p, total, withDriver } = sums;
  const w = shapleyWeights(p);
  const lmg = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let phi = 0;
    for (let size = 1; size <= p; size++) phi += w[size - 1]! * withDriver[size * p + j]!;
    for (let size = 0; size < p; size++) phi -= w[size]! * (total[size]! - withDriver[size * p + j]!);
    lmg[j] = phi;
  }
  return lmg;
}

/** Exact LMG of every driver, in units of R² (they sum to the full model's R²). */
export function exactLmg(system: CorrelationSystem): Float64Array {
  return lmgFromSums(subsetR2Sums(system));
}
