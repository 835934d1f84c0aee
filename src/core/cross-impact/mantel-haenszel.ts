/**
 * The risk difference of a pair held within strata: the Mantel-Haenszel weighted risk difference
 * with Sato's variance (Greenland and Robins 1985; Sato 1989; as in Rothman, Greenland and Lash,
 * Modern Epidemiology, 3rd ed., ch. 15), which stays valid when strata are many and small, as
 * strata made of "which declared failures did this customer meet" are.
 *
 * Per stratum k with a of n1 exposed and c of n0 unexposed having the outcome, N = n1 + n0:
 *   RD_MH = sum (a n0 - c n1) / N  /  sum n1 n0 / N
 *   Var   = (RD_MH sum P + sum Q) / (sum n1 n0 / N)^2
 *   P = (n1^2 c - n0^2 a + n1 n0 (n0 - n1) / 2) / N^2,   Q = (a (n0 - c) + c (n1 - a)) / (2 N)
 * A stratum where everyone was exposed, or nobody was, says nothing about the pair and carries no
 * weight: when every stratum is like that (the bad experience at the row touchpoint is the failure
 * itself), the pair cannot be separated from the failures and the answer is null.
 */
import { Z_95, type Interval } from '../metrics/score-types.ts';
import { normalTwoSidedP } from '../stats/distributions.ts';
import type { TwoByTwo } from './intervals.ts';

export interface StratifiedDifference {
  estimate: number;
  ci95: Interval;
  /** two-sided p of RD_MH / SE against 0 */
  p: number;
  /** strata with customers on both sides (the others carry no weight) */
  informativeStrata: number;
}

export function mantelHaenszelRiskDifference(
  tables: readonly TwoByTwo[],
  z: number = Z_95,
): StratifiedDifference | null {
  let numerator = 0;
  let weight = 0;
  let sumP = 0;
  let sumQ = 0;
  let informative = 0;
  for (const { a, n1, c, n0 } of tables) {
    const n = n1 + n0;
    if (n1 === 0 || n0 === 0) continue;
    informative++;
    numerator += (a * n0 - c * n1) / n;
    weight += (n1 * n0) / n;
    sumP += (n1 * n1 * c - n0 * n0 * a + (n1 * n0 * (n0 - n1)) / 2) / (n * n);
    sumQ += (a * (n0 - c) + c * (n1 - a)) / (2 * n);
  }
  if (informative === 0) return null;
  const estimate = numerator / weight;
  // Sato's estimate can come out a hair below 0 by rounding when every risk is 0 or 1.
  const variance = Math.max(0, (estimate * sumP + sumQ) / (weight * weight));
  const se = Math.sqrt(variance);
  const ci95: Interval = [Math.max(-1, estimate - z * se), Math.min(1, estimate + z * se)];
  const p = se > 0 ? normalTwoSidedP(estimate / se) : estimate === 0 ? 1 : 0;
  return { estimate, ci95, p, informativeStrata: informative };
}
