import { DEFAULT_BAD, GOOD } from '../experience/answers.ts';
import { clip, requireCount, resolveMinN, Z_95, type Score, type ScoreOptions } from './score-types.ts';

/** What SQL gives for NPS: count(*), count(*) FILTER (score >= 9), count(*) FILTER (score <= 6). */
export interface NpsCounts {
  n: number;
  promoters: number;
  detractors: number;
}

export interface NpsScore extends Score {
  /** shares of n in percent; null when n = 0 */
  promotersPct: number | null;
  passivesPct: number | null;
  detractorsPct: number | null;
}

/** Promoters and detractors are core/experience's good and (default) bad NPS answers. */
export const NPS_PROMOTER_MIN = GOOD.npsAtLeast;
export const NPS_DETRACTOR_MAX = DEFAULT_BAD.nps;

export type NpsCategory = 'promoter' | 'passive' | 'detractor';

/** Promoters answer 9-10, detractors 0-6, passives 7-8 on the 0-10 scale. */
export function npsCategory(score: number): NpsCategory {
  if (!(score >= 0 && score <= 10)) throw new RangeError(`an NPS answer must be in [0, 10], got ${score}`);
  if (score >= NPS_PROMOTER_MIN) return 'promoter';
  if (score <= NPS_DETRACTOR_MAX) return 'detractor';
  return 'passive';
}

export function validateNpsCounts(counts: NpsCounts): void {
  requireCount('n', counts.n);
  requireCount('promoters', counts.promoters);
  requireCount('detractors', counts.detractors);
  if (counts.promoters + counts.detractors > counts.n) {
    throw new RangeError(
      `promoters + detractors (${counts.promoters + counts.detractors}) exceed n (${counts.n})`,
    );
  }
}

/**
 * Variance of the NPS estimator on the -100..100 scale: 100^2 (p + d - (p - d)^2) / n, the
 * multinomial variance of an indicator that is +1 for promoters, -1 for detractors, 0 otherwise.
 * Clamped at 0: at p = 1 the bracket is 1 - 1 and rounding could make it slightly negative.
 */
export function npsVariance(counts: NpsCounts): number | null {
  validateNpsCounts(counts);
  if (counts.n === 0) return null;
  const p = counts.promoters / counts.n;
  const d = counts.detractors / counts.n;
  return (1e4 * Math.max(0, p + d - (p - d) ** 2)) / counts.n;
}

/**
 * NPS = 100 (p - d) with the Wald interval NPS +/- 1.96 sqrt(variance), clipped to [-100, 100].
 *
 * When every response falls in one category (all promoters, all passives or all detractors) the
 * estimated variance is 0 and Wald gives a zero-width interval such as [100, 100]. We return it
 * as the formula gives it, so SQL and in-memory paths agree and the number is reproducible by
 * hand, and flag it `degenerate-interval` so that a dashboard shows "interval not available"
 * instead of false certainty (with small n it is also flagged insufficient).
 */
export function npsScore(counts: NpsCounts, options?: ScoreOptions): NpsScore {
  const minN = resolveMinN(options);
  const variance = npsVariance(counts);
  const { n, promoters, detractors } = counts;
  if (variance === null) {
    return {
      value: null,
      n: 0,
      ci95: null,
      insufficient: true,
      flags: ['no-responses'],
      promotersPct: null,
      passivesPct: null,
      detractorsPct: null,
    };
  }
  const value = (100 * (promoters - detractors)) / n;
  const halfWidth = Z_95 * Math.sqrt(variance);
  return {
    value,
    n,
    ci95: [clip(value - halfWidth, -100, 100), clip(value + halfWidth, -100, 100)],
    insufficient: n < minN,
    flags: variance === 0 ? ['degenerate-interval'] : [],
    promotersPct: (100 * promoters) / n,
    passivesPct: (100 * (n - promoters - detractors)) / n,
    detractorsPct: (100 * detractors) / n,
  };
}
