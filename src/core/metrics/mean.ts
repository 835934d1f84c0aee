import { studentTQuantile } from '../stats/distributions.ts';
import {
  clip,
  requireCount,
  requireFiniteNumber,
  resolveMinN,
  type Score,
  type ScoreFlag,
  type ScoreOptions,
} from './score-types.ts';

/** What SQL gives for a mean metric: count(score), sum(score), sum(score * score). */
export interface MeanSums {
  n: number;
  sum: number;
  sumSquares: number;
}

export interface MeanScore extends Score {
  /** sample standard deviation (n - 1 denominator); null for n < 2 */
  sd: number | null;
}

export interface MeanScoreOptions extends ScoreOptions {
  /** the scale's bounds: a mean cannot leave them, so neither does its interval */
  scale?: { min: number; max: number };
}

export function meanSumsOf(scores: readonly number[]): MeanSums {
  let sum = 0;
  let sumSquares = 0;
  for (const score of scores) {
    requireFiniteNumber('score', score);
    sum += score;
    sumSquares += score * score;
  }
  return { n: scores.length, sum, sumSquares };
}

function validate(sums: MeanSums): void {
  requireCount('n', sums.n);
  requireFiniteNumber('sum', sums.sum);
  requireFiniteNumber('sumSquares', sums.sumSquares);
}

/** Mean and sample variance from sums; the variance is clamped at 0 against rounding. */
export function meanAndVariance(sums: MeanSums): { mean: number; variance: number } | null {
  validate(sums);
  const { n, sum, sumSquares } = sums;
  if (n === 0) return null;
  const mean = sum / n;
  if (n === 1) return { mean, variance: 0 };
  // sum((x - mean)^2) = sumSquares - sum^2 / n. When every score is equal, rounding leaves a
  // residue of either sign (a negative one would become NaN under sqrt). Integer scores sum
  // exactly; for fractional ones the residue stays far below 1e-10 of sumSquares, and a real
  // spread that small is meaningless on any rating scale, so it counts as zero.
  const squaredDeviations = sumSquares - (sum * sum) / n;
  const variance = squaredDeviations <= 1e-10 * sumSquares ? 0 : squaredDeviations / (n - 1);
  return { mean, variance };
}

/**
 * t(0.975, df) by degrees of freedom. A score report finishes thousands of groups whose sizes
 * repeat, and the quantile (an iterative inverse of the incomplete beta) was the largest cost there.
 */
const T975 = new Map<number, number>();
export function t975(df: number): number {
  let t = T975.get(df);
  if (t === undefined) {
    t = studentTQuantile(0.975, df);
    if (T975.size < 100_000) T975.set(df, t);
  }
  return t;
}

/** Mean with a Student t 95 % interval: mean +/- t(0.975, n - 1) * sd / sqrt(n). */
export function meanScore(sums: MeanSums, options?: MeanScoreOptions): MeanScore {
  const minN = resolveMinN(options);
  const moments = meanAndVariance(sums);
  const { n } = sums;
  if (moments === null) {
    return { value: null, n, ci95: null, insufficient: true, flags: ['no-responses'], sd: null };
  }
  const { mean } = moments;
  if (n === 1) {
    return { value: mean, n, ci95: null, insufficient: 1 < minN, flags: ['single-response'], sd: null };
  }
  const sd = Math.sqrt(moments.variance);
  const halfWidth = (t975(n - 1) * sd) / Math.sqrt(n);
  const lo = options?.scale?.min ?? -Infinity;
  const hi = options?.scale?.max ?? Infinity;
  const flags: ScoreFlag[] = sd === 0 ? ['degenerate-interval'] : [];
  return {
    value: mean,
    n,
    ci95: [clip(mean - halfWidth, lo, hi), clip(mean + halfWidth, lo, hi)],
    insufficient: n < minN,
    flags,
    sd,
  };
}
