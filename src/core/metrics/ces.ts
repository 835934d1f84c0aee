import type { Scale } from './csat.ts';
import { meanScore, type MeanScore, type MeanSums } from './mean.ts';
import { percentScore } from './proportion.ts';
import { requireCount, type Score, type ScoreOptions } from './score-types.ts';

/** What SQL gives for CES: count, sum, sum of squares, and count(*) FILTER (score >= 5). */
export interface CesSums extends MeanSums {
  /** responses above the scale's midpoint (5-7 on 1-7) */
  easy: number;
}

export interface CesScore extends MeanScore {
  /** percent "easy" with a Wilson interval */
  easy: Score;
}

export const DEFAULT_CES_SCALE: Scale = { min: 1, max: 7 };

/**
 * Lowest "easy" answer: the first integer above the scale's midpoint, which is 5 on the standard
 * 1-7 CES scale (somewhat agree and above) and 4 on a 1-5 variant.
 */
export function cesEasyMin(scale: Scale = DEFAULT_CES_SCALE): number {
  // the smallest integer answer that core/experience calls a good CES answer (above the midpoint)
  return Math.floor((scale.min + scale.max) / 2) + 1;
}

export interface CesOptions extends ScoreOptions {
  /** default 1-7; the mean's interval is clipped to it */
  scale?: Scale;
}

/** CES: mean with a t interval, plus the percent "easy". */
export function cesScore(sums: CesSums, options?: CesOptions): CesScore {
  requireCount('easy', sums.easy);
  const scale = options?.scale ?? DEFAULT_CES_SCALE;
  const mean = meanScore(sums, { minN: options?.minN, scale });
  return { ...mean, easy: percentScore(sums.easy, sums.n, options) };
}
