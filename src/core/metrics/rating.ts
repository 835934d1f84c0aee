import type { Scale } from './csat.ts';
import { meanScore, type MeanScore, type MeanSums } from './mean.ts';
import type { ScoreOptions } from './score-types.ts';

export interface RatingOptions extends ScoreOptions {
  /** when known, the interval is clipped to the scale (a mean of 1-5 stars cannot exceed 5) */
  scale?: Scale;
}

/** Any rating metric: mean with a Student t interval; one response gives no interval (flagged). */
export function ratingScore(sums: MeanSums, options?: RatingOptions): MeanScore {
  return meanScore(sums, options);
}
