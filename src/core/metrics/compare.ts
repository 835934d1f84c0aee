import { normalTwoSidedP, studentTQuantile, studentTTwoSidedP } from '../stats/distributions.ts';
import type { CsatCounts } from './csat.ts';
import { meanAndVariance, type MeanSums } from './mean.ts';
import { npsVariance, type NpsCounts } from './nps.ts';
import { wilsonInterval } from './proportion.ts';
import {
  requireCount,
  resolveAlpha,
  resolveMinN,
  Z_95,
  type CompareOptions,
  type Comparison,
  type ScoreFlag,
} from './score-types.ts';

// Every comparison reports b - a. Pass the earlier period (or the reference segment) as a.

function noTest(test: Comparison['test'], flags: ScoreFlag[], insufficient: boolean): Comparison {
  const result: Comparison = {
    difference: null,
    ci95: null,
    p: null,
    significant: false,
    test,
    statistic: null,
    insufficient,
    flags,
  };
  if (test === 'welch-t') result.df = null;
  return result;
}

function finish(
  base: Omit<Comparison, 'significant' | 'insufficient'>,
  alpha: number,
  insufficient: boolean,
): Comparison {
  return { ...base, significant: base.p !== null && base.p < alpha, insufficient };
}

/**
 * A z statistic from a difference and its standard error. A zero standard error means both
 * groups are degenerate (e.g. all promoters): equal values are no evidence of a change (z = 0,
 * p = 1); different values have no valid test at all, so p is null instead of a fake 0.
 */
function zTest(
  difference: number,
  se: number,
): { statistic: number | null; p: number | null; flags: ScoreFlag[] } {
  if (se > 0) {
    const statistic = difference / se;
    return { statistic, p: normalTwoSidedP(statistic), flags: [] };
  }
  if (difference === 0) return { statistic: 0, p: 1, flags: ['degenerate-interval'] };
  return { statistic: null, p: null, flags: ['degenerate-variance'] };
}

/**
 * NPS difference (points) with a z test on the unpooled variances of the two NPS estimators:
 * z = (NPS_b - NPS_a) / sqrt(V_a + V_b), V = 100^2 (p + d - (p - d)^2) / n.
 */
export function compareNps(a: NpsCounts, b: NpsCounts, options?: CompareOptions): Comparison {
  const alpha = resolveAlpha(options);
  const minN = resolveMinN(options);
  const va = npsVariance(a);
  const vb = npsVariance(b);
  const insufficient = a.n < minN || b.n < minN;
  if (va === null || vb === null) return noTest('z', ['no-responses'], insufficient);
  const difference = (100 * (b.promoters - b.detractors)) / b.n - (100 * (a.promoters - a.detractors)) / a.n;
  const se = Math.sqrt(va + vb);
  const { statistic, p, flags } = zTest(difference, se);
  // A difference of two NPS values lies in [-200, 200]; with se = 0 there is no interval unless
  // the two values agree.
  const ci95: [number, number] | null =
    se > 0
      ? [Math.max(-200, difference - Z_95 * se), Math.min(200, difference + Z_95 * se)]
      : difference === 0
        ? [0, 0]
        : null;
  return finish({ difference, ci95, p, test: 'z', statistic, flags }, alpha, insufficient);
}

/**
 * Difference of two proportions in percentage points: two-sided z test with the pooled
 * proportion (the standard test of "no difference"), and Newcombe's hybrid score interval
 * (method 10), built from the two Wilson intervals so that it never collapses at 0 % or 100 %.
 */
export function compareProportions(
  a: { n: number; successes: number },
  b: { n: number; successes: number },
  options?: CompareOptions,
): Comparison {
  const alpha = resolveAlpha(options);
  const minN = resolveMinN(options);
  for (const [name, group] of [
    ['a', a],
    ['b', b],
  ] as const) {
    requireCount(`${name}.n`, group.n);
    requireCount(`${name}.successes`, group.successes);
    if (group.successes > group.n) throw new RangeError(`${name}.successes exceed ${name}.n`);
  }
  const insufficient = a.n < minN || b.n < minN;
  if (a.n === 0 || b.n === 0) return noTest('z', ['no-responses'], insufficient);
  const pa = a.successes / a.n;
  const pb = b.successes / b.n;
  const pooled = (a.successes + b.successes) / (a.n + b.n);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / a.n + 1 / b.n));
  const difference = pb - pa;
  // With a pooled share of 0 or 1 both groups sit at the same extreme, so the difference is 0.
  const { statistic, p } = zTest(difference, se);
  const [la, ua] = wilsonInterval(a.successes, a.n) as [number, number];
  const [lb, ub] = wilsonInterval(b.successes, b.n) as [number, number];
  const lo = difference - Math.sqrt((pb - lb) ** 2 + (ua - pa) ** 2);
  const hi = difference + Math.sqrt((ub - pb) ** 2 + (pa - la) ** 2);
  return finish(
    { difference: 100 * difference, ci95: [100 * lo, 100 * hi], p, test: 'z', statistic, flags: [] },
    alpha,
    insufficient,
  );
}

/** CSAT difference in percentage points (pooled two-proportion z test, Newcombe interval). */
export function compareCsat(a: CsatCounts, b: CsatCounts, options?: CompareOptions): Comparison {
  return compareProportions({ n: a.n, successes: a.satisfied }, { n: b.n, successes: b.satisfied }, options);
}

/**
 * Difference of means (CES, ratings) with Welch's t test, which does not assume equal variances:
 * t = (mean_b - mean_a) / sqrt(s_a^2/n_a + s_b^2/n_b), with Welch-Satterthwaite df
 * (s_a^2/n_a + s_b^2/n_b)^2 / ((s_a^2/n_a)^2/(n_a - 1) + (s_b^2/n_b)^2/(n_b - 1)).
 */
export function compareMeans(a: MeanSums, b: MeanSums, options?: CompareOptions): Comparison {
  const alpha = resolveAlpha(options);
  const minN = resolveMinN(options);
  const ma = meanAndVariance(a);
  const mb = meanAndVariance(b);
  const insufficient = a.n < minN || b.n < minN;
  if (ma === null || mb === null) return noTest('welch-t', ['no-responses'], insufficient);
  // A group of one has no variance estimate, so Welch's test does not exist.
  if (a.n < 2 || b.n < 2) return noTest('welch-t', ['single-response'], insufficient);
  const difference = mb.mean - ma.mean;
  const wa = ma.variance / a.n;
  const wb = mb.variance / b.n;
  const se = Math.sqrt(wa + wb);
  if (!(se > 0)) {
    // Both groups have zero spread: identical means mean no evidence of change.
    const equal = difference === 0;
    return finish(
      {
        difference,
        ci95: equal ? [0, 0] : null,
        p: equal ? 1 : null,
        test: 'welch-t',
        statistic: equal ? 0 : null,
        df: null,
        flags: [equal ? 'degenerate-interval' : 'degenerate-variance'],
      },
      alpha,
      insufficient,
    );
  }
  const df = (wa + wb) ** 2 / (wa ** 2 / (a.n - 1) + wb ** 2 / (b.n - 1));
  const statistic = difference / se;
  const halfWidth = studentTQuantile(0.975, df) * se;
  return finish(
    {
      difference,
      ci95: [difference - halfWidth, difference + halfWidth],
      p: studentTTwoSidedP(statistic, df),
      test: 'welch-t',
      statistic,
      df,
      flags: [],
    },
    alpha,
    insufficient,
  );
}

/** CES mean difference (Welch t). */
export const compareCes = compareMeans;

/** Rating mean difference (Welch t). */
export const compareRating = compareMeans;
