import { GOOD } from '../experience/answers.ts';
import { percentScore } from './proportion.ts';
import { requireCount, type Score, type ScoreOptions } from './score-types.ts';

/** What SQL gives for CSAT: count(*), count(*) FILTER (score >= scale_max - 1). */
export interface CsatCounts {
  n: number;
  /** responses in the top two boxes */
  satisfied: number;
}

export interface CsatScore extends Score {
  satisfied: number;
}

export interface Scale {
  min: number;
  max: number;
}

export const DEFAULT_CSAT_SCALE: Scale = { min: 1, max: 5 };

/**
 * Lowest answer in the top two boxes of an integer scale: 4 on 1-5, 6 on 1-7, 9 on 1-10 or 0-10.
 * In SQL: `score >= scale_max - 1`.
 */
export function csatTopTwoBoxMin(scale: Scale = DEFAULT_CSAT_SCALE): number {
  if (!Number.isInteger(scale.min) || !Number.isInteger(scale.max) || scale.max - scale.min < 2) {
    throw new RangeError(
      `a CSAT scale needs integer bounds at least 3 points apart, got ${scale.min}-${scale.max}`,
    );
  }
  // core/experience's good CSAT answer: the top two boxes
  return scale.max - (GOOD.csatTopBoxes - 1);
}

export function isSatisfied(score: number, scale: Scale = DEFAULT_CSAT_SCALE): boolean {
  return score >= csatTopTwoBoxMin(scale);
}

/** CSAT: percent of responses in the top two boxes, with a Wilson interval in percent. */
export function csatScore(counts: CsatCounts, options?: ScoreOptions): CsatScore {
  requireCount('satisfied', counts.satisfied);
  return { ...percentScore(counts.satisfied, counts.n, options), satisfied: counts.satisfied };
}
