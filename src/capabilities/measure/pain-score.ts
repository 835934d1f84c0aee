import type { Comparison } from '../../core/metrics/score-types.ts';

/**
 * How pain points are ranked. Every part is a share in [0, 1], so the parts add up without
 * weights that would need tuning per shop:
 *
 *   painScore = 100 × reach × severity
 *   reach     = affected customers / customers active in the window  (how many it hurts)
 *   severity  = lowScore + lowShare + dropOff + support + outcomes   (how much, 0..5)
 *
 *   lowScore  = how far the touchpoint's mean answer sits below the mean answer of the whole
 *               journey, both as shares of their scales (0 when it is at or above the average)
 *   lowShare  = the share of answers at the touchpoint that are low
 *   dropOff   = extra share of the affected who reach no later stage
 *   support   = extra share of the affected who contact support within followDays
 *   outcomes  = fewer later purchases plus extra churn among the affected (capped at 1)
 *
 * "Affected" people had a bad experience at the touchpoint (a low answer or one of the map's
 * failures there). "Extra" compares people whose first assessed moment there was bad with those
 * whose first was good, each followed from that moment (sql/pain-points.ts). A
 * behavioural part counts only when its difference is significant after Holm's correction across
 * every test in the report, and only in the harmful direction: an unhappy moment that changes
 * nothing afterwards (the demo's unboxing placebo) keeps just its low-score parts.
 */
/** The formula as the screens and the CLI print it: in words, without the code's names. */
export const PAIN_SCORE_FORMULA =
  'Pain score = 100 × (the share of active customers who had a bad experience here) × severity. ' +
  'Severity adds up, each as a share from 0 to 1: how far the average answer here sits below the average answer ' +
  'of the whole journey; the share of answers here that are bad; and, only where the difference is significant ' +
  "after Holm's correction and harmful, how many more of the customers with a bad experience here reached no later " +
  'stage, contacted support, bought less often afterwards or churned than comparable customers without one.';

export type Outcome = 'dropOff' | 'support' | 'purchase' | 'churn';

/** Which direction of (affected − unaffected) hurts. */
export const HARMFUL_SIGN: Record<Outcome, 1 | -1> = { dropOff: 1, support: 1, purchase: -1, churn: 1 };

export interface PainComponents {
  lowScore: number | null;
  lowShare: number | null;
  dropOff: number;
  support: number;
  outcomes: number;
}

/** The harmful part of a significant difference, as a share (differences come in percentage points). */
export function harm(
  outcome: Outcome,
  change: Comparison & { pAdjusted: number | null },
  alpha: number,
): number {
  if (change.difference === null || change.insufficient) return 0;
  if (change.pAdjusted === null || !(change.pAdjusted < alpha)) return 0;
  return Math.max(0, (HARMFUL_SIGN[outcome] * change.difference) / 100);
}

export function severity(components: PainComponents): number {
  return (
    (components.lowScore ?? 0) +
    (components.lowShare ?? 0) +
    components.dropOff +
    components.support +
    components.outcomes
  );
}

export function painScore(reach: number, components: PainComponents): number {
  return 100 * reach * severity(components);
}
