/**
 * Whether a pair's association survives holding the journey's declared failures fixed. A late
 * delivery makes both the delivery and the shipping updates bad, so the crude pair "bad shipping
 * updates -> bad delivery" can be the same late delivery seen twice. Within a group of customers who
 * met the same declared failures (the stratum), that shared cause is constant; the Mantel-Haenszel
 * risk difference pools the pair over those groups.
 *
 * The verdict, for pairs whose crude difference is significant:
 * - explained-by-failure: the adjusted 95 % interval includes 0 and the adjusted difference is
 *   less than half the crude one (in size, or of the other sign);
 * - holds: the adjusted interval excludes 0 on the crude difference's side;
 * - unclear: the adjusted interval includes 0 but the difference kept at least half its size
 *   (too few customers within the groups to tell);
 * - not-separable: within every group everyone had the same experience at the row touchpoint (its
 *   bad experiences are the failure itself), so no comparison holds the failures fixed.
 * Pairs without a significant crude difference are not-tested.
 */
import type { Interval } from '../metrics/score-types.ts';
import type { Effect } from './compare.ts';
import type { TwoByTwo } from './intervals.ts';
import { mantelHaenszelRiskDifference } from './mantel-haenszel.ts';

export type AdjustedVerdict = 'explained-by-failure' | 'holds' | 'unclear' | 'not-separable' | 'not-tested';

export interface AdjustedPair {
  riskDifference: { estimate: number; ci95: Interval } | null;
  p: number | null;
  /** groups of customers (by declared failures met) with customers on both sides of the pair */
  informativeStrata: number;
  verdict: AdjustedVerdict;
  reason: string;
}

export function adjustForFailures(
  crude: Effect,
  strata: readonly TwoByTwo[],
  fromName: string,
): AdjustedPair {
  const mh = mantelHaenszelRiskDifference(strata);
  const adjusted = mh ? { estimate: mh.estimate, ci95: mh.ci95 } : null;
  const base = { riskDifference: adjusted, p: mh?.p ?? null, informativeStrata: mh?.informativeStrata ?? 0 };
  if (!crude.significant || !crude.riskDifference) {
    return { ...base, verdict: 'not-tested', reason: 'the crude difference is not significant' };
  }
  if (!mh) {
    return {
      ...base,
      verdict: 'not-separable',
      reason: `among customers who met the same declared failures, everyone had the same experience at ${fromName}: its bad experiences are the failures themselves`,
    };
  }
  const crudeRd = crude.riskDifference.estimate;
  const includesZero = mh.ci95[0] <= 0 && mh.ci95[1] >= 0;
  const sameSide = Math.sign(mh.estimate) === Math.sign(crudeRd);
  if (includesZero && (!sameSide || Math.abs(mh.estimate) < Math.abs(crudeRd) / 2)) {
    return {
      ...base,
      verdict: 'explained-by-failure',
      reason: `held within groups that met the same declared failures the difference falls from ${pts(crudeRd)} to ${pts(mh.estimate)} points and its interval includes 0: a shared failure explains it`,
    };
  }
  if (!includesZero && sameSide) {
    return {
      ...base,
      verdict: 'holds',
      reason: `held within groups that met the same declared failures the difference is ${pts(mh.estimate)} points (crude ${pts(crudeRd)}), interval excluding 0`,
    };
  }
  return {
    ...base,
    verdict: 'unclear',
    reason: `held within groups that met the same declared failures the difference is ${pts(mh.estimate)} points (crude ${pts(crudeRd)}) but its interval includes 0`,
  };
}

const pts = (rd: number) => `${rd > 0 ? '+' : ''}${(100 * rd).toFixed(1)}`;
