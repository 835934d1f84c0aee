/**
 * The one definition of a bad and a good answer, per metric. Every report that says "bad
 * experience", "low answer", "detractor", "satisfied" or "easy" uses it, in TypeScript through the
 * predicates here and in SQL through answers-sql.ts, which says the same thing (a parity test runs
 * the SQL on DuckDB and PostgreSQL over every answer of every scale and compares).
 *
 * Bad (the thresholds can be overridden per analysis; these are the defaults):
 * - NPS 0-6: detractors, as Bain defines NPS (the scale is always 0-10).
 * - CSAT in the bottom two boxes (1-2 on 1-5): the usual "dissatisfied" reading of a CSAT scale.
 *   The threshold counts boxes, so a 1-7 CSAT is bad at 1-2 too.
 * - CES at or below 3 on the 1-7 scale of CES 2.0 (the three "disagree it was easy" answers: high
 *   effort); another scale is mapped onto 1-7 linearly (1-2 on a 1-5 variant).
 * - A rating in the bottom 40 % of its own scale (1-2 on 1-5, 1-4 on 1-10): a rating has no
 *   standard scale, so its threshold is a share of the one each response carries.
 *
 * Good (fixed, because published scores are built on them):
 * - NPS 9-10: promoters.
 * - CSAT in the top two boxes (4-5 on 1-5, 6-7 on 1-7, 9-10 on 0-10): "satisfied".
 * - CES above the midpoint of its scale (5-7 on 1-7, 4-5 on 1-5): "easy".
 * - A rating in the top 40 % of its scale (4-5 on 1-5, 7-10 on 1-10).
 *
 * Answers in between are neutral. A bad experience at a touchpoint is a bad answer there or one of
 * the journey map's declared failures there (a late delivery); see experience.ts.
 */
import { z } from 'zod';
import type { Metric, Scale } from '../ingest/schemas.ts';

export const badThresholdsSchema = z.strictObject({
  /** bad at or below this NPS answer */
  nps: z.number().min(0).max(10).default(6),
  /** bad in this many bottom boxes of the CSAT scale (1-2 on 1-5 with 2) */
  csat: z.number().min(0).default(2),
  /** bad at or below this answer on the 1-7 CES scale, other scales mapped linearly */
  ces: z.number().min(1).max(7).default(3),
  /** bad in this bottom share of a rating's own scale */
  rating: z.number().min(0).max(1).default(0.4),
});
export type BadThresholds = z.infer<typeof badThresholdsSchema>;
export const DEFAULT_BAD: BadThresholds = badThresholdsSchema.parse({});

/** The good side, fixed: see the module comment for why. */
export const GOOD = {
  /** promoters: at or above this NPS answer */
  npsAtLeast: 9,
  /** satisfied: the top this many boxes of the CSAT scale */
  csatTopBoxes: 2,
  /** a rating in the top share of its scale: at or above min + (1 - share) * (max - min) */
  ratingTopShare: 0.4,
} as const;

/** The standard CES scale the CES threshold is written on. */
export const CES_SCALE: Scale = { min: 1, max: 7 };

export type Experience = 'bad' | 'neutral' | 'good';

/**
 * Whether one answer is bad. The arithmetic is written in the same order as the SQL so that both
 * round the same way (the rating's share is the only non-integer step).
 */
export function isBadAnswer(t: BadThresholds, metric: Metric, score: number, scale: Scale): boolean {
  switch (metric) {
    case 'nps':
      return score <= t.nps;
    case 'csat':
      return score <= scale.min + (t.csat - 1);
    case 'ces':
      return (
        (score - scale.min) * (CES_SCALE.max - CES_SCALE.min) <=
        (t.ces - CES_SCALE.min) * (scale.max - scale.min)
      );
    case 'rating':
      return score <= scale.min + t.rating * (scale.max - scale.min);
  }
}

export function isGoodAnswer(metric: Metric, score: number, scale: Scale): boolean {
  switch (metric) {
    case 'nps':
      return score >= GOOD.npsAtLeast;
    case 'csat':
      return score >= scale.max - (GOOD.csatTopBoxes - 1);
    case 'ces':
      return 2 * score > scale.min + scale.max;
    case 'rating':
      return score >= scale.min + (1 - GOOD.ratingTopShare) * (scale.max - scale.min);
  }
}

/** Bad wins where overridden thresholds make both true: a bad answer is never reported as good. */
export function experienceOf(t: BadThresholds, metric: Metric, score: number, scale: Scale): Experience {
  if (isBadAnswer(t, metric, score, scale)) return 'bad';
  return isGoodAnswer(metric, score, scale) ? 'good' : 'neutral';
}

/** The bad rule in words, for replies and screens that show a count of bad answers. */
export function describeBad(t: BadThresholds = DEFAULT_BAD): string {
  const share = (x: number) => `${Math.round(100 * x)} %`;
  return (
    `NPS 0-${t.nps}, CSAT in the bottom ${t.csat} boxes, CES at or below ${t.ces} on 1-7 (other scales mapped), ` +
    `a rating in the bottom ${share(t.rating)} of its scale`
  );
}

export const GOOD_RULE =
  'NPS 9-10, CSAT in the top two boxes, CES above the midpoint of its scale, a rating in the top 40 % of its scale';
