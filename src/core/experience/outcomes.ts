/**
 * The outcomes an experience can lead to, defined once: what each means for one customer after an
 * experience at time `t`, as TypeScript predicates here and as SQL in outcomes-sql.ts (the parity
 * test holds them together). Each query only gathers the customer's times (their last purchase, last
 * churn event ...) over its own period; whether that makes an outcome is decided here.
 *
 * - purchase after: a purchase event after t.
 * - repeat purchase: a purchase after t by a customer who had bought at or before t (measured only
 *   for them: a first purchase is conversion, not repetition).
 * - churn: a churn event after t (any, not only the first: a customer who came back and left again
 *   churned after this experience), or, where the report gives an inactivity period, no activity
 *   since `inactiveBefore`.
 * - support contact: an event at a support touchpoint after t and within `days` of it.
 * - drop-off: no activity at a later stage of the journey after t.
 * - feedback: the customer's latest answer at or after t (at another touchpoint) is good
 *   (answers.ts), or at least the `>=VALUE` the analysis asked for.
 */
import type { FieldIssue } from '../issues.ts';
import { METRICS, type Metric, type Scale } from '../ingest/schemas.ts';
import { GOOD, isGoodAnswer } from './answers.ts';

const DAY_MS = 86_400_000;

/** A customer's times (epoch ms), null where there is none. */
export interface CustomerTimes {
  firstPurchase: number | null;
  lastPurchase: number | null;
  /** the latest churn event */
  lastChurn: number | null;
  /** the latest event of any kind */
  lastActivity: number | null;
}

/** An outcome judged for one customer: measured (in its base) and, if so, whether it happened. */
export interface Verdict {
  measured: boolean;
  hit: boolean;
}

const after = (time: number | null, t: number) => time !== null && time > t;

export function purchaseAfter(c: CustomerTimes, t: number): Verdict {
  return { measured: true, hit: after(c.lastPurchase, t) };
}

export function repeatPurchase(c: CustomerTimes, t: number): Verdict {
  const measured = c.firstPurchase !== null && c.firstPurchase <= t;
  return { measured, hit: measured && after(c.lastPurchase, t) };
}

/** `inactiveBefore`: no activity since then is churn too; null when the report does not say so. */
export function churnAfter(c: CustomerTimes, t: number, inactiveBefore: number | null): Verdict {
  const inactive = inactiveBefore !== null && c.lastActivity !== null && c.lastActivity < inactiveBefore;
  return { measured: true, hit: after(c.lastChurn, t) || inactive };
}

/** Whether one support contact at `contact` follows an experience at `t` closely enough. */
export function isSupportContact(contact: number, t: number, days: number): boolean {
  return contact > t && contact <= t + days * DAY_MS;
}

/** `laterStage`: the customer's latest activity at a later stage than the experience's, or null. */
export function droppedOff(laterStage: number | null, t: number): boolean {
  return !after(laterStage, t);
}

/** An outcome an analysis asks for: a feedback answer (optionally at one touchpoint), a repeat purchase or a churn. */
export type OutcomeSpec =
  | {
      kind: 'feedback';
      id: string;
      metric: Metric;
      touchpoint: string | null;
      /** positive when score >= this; null means a good answer as answers.ts defines it */
      positiveAtLeast: number | null;
    }
  | { kind: 'repeat-purchase'; id: 'repeat-purchase' }
  | { kind: 'churn'; id: 'churn' };

type FeedbackOutcome = Extract<OutcomeSpec, { kind: 'feedback' }>;

/** Whether one answer makes a feedback outcome positive. */
export function isPositiveAnswer(o: FeedbackOutcome, score: number, scale: Scale): boolean {
  return o.positiveAtLeast === null ? isGoodAnswer(o.metric, score, scale) : score >= o.positiveAtLeast;
}

const SPEC = /^(nps|csat|ces|rating)(?:@([a-z0-9][a-z0-9_-]*))?(?:>=(-?\d+(?:\.\d+)?))?$/;

/**
 * Reads `nps`, `csat@delivery`, `rating@trip-survey>=1`, `repeat-purchase` or `churn`. A feedback
 * outcome is the customer's score (mean in the driver analysis, latest in the matrix); `>=VALUE`
 * sets where it counts as positive when a 0/1 outcome is needed, instead of a good answer.
 */
export function parseOutcomeSpec(text: string, path = 'outcome'): OutcomeSpec | FieldIssue {
  const spec = text.trim();
  if (spec === 'repeat-purchase') return { kind: spec, id: spec };
  if (spec === 'churn') return { kind: spec, id: spec };
  const m = SPEC.exec(spec);
  const metric = METRICS.find((x) => x === m?.[1]);
  if (!m || !metric) {
    return {
      path,
      code: 'invalid_outcome',
      message: `"${text}" is not an outcome; use ${METRICS.join(', ')} (optionally @TOUCHPOINT and >=VALUE, e.g. csat@delivery or rating@trip-survey>=1), repeat-purchase or churn`,
    };
  }
  // NPS is always 0-10, so a promoter is a fixed answer and says so; the other scales vary.
  const fixed = metric === 'nps' ? GOOD.npsAtLeast : null;
  return {
    kind: 'feedback',
    id: spec,
    metric,
    touchpoint: m[2] ?? null,
    positiveAtLeast: m[3] === undefined ? fixed : Number(m[3]),
  };
}

const GOOD_WORDS: Record<Metric, string> = {
  nps: 'a promoter (9-10)',
  csat: 'in the top two boxes',
  ces: 'above the midpoint (easy)',
  rating: 'in the top 40 % of its scale',
};

export function describeOutcome(spec: OutcomeSpec): string {
  if (spec.kind === 'repeat-purchase') {
    return 'a purchase after the experience, among customers who had bought before or at it';
  }
  if (spec.kind === 'churn') return 'a churn event after the experience';
  const where = spec.touchpoint ? ` at ${spec.touchpoint}` : '';
  const positive =
    spec.positiveAtLeast === null || (spec.metric === 'nps' && spec.positiveAtLeast === GOOD.npsAtLeast)
      ? GOOD_WORDS[spec.metric]
      : `${spec.positiveAtLeast} or more`;
  return `the latest ${spec.metric.toUpperCase()} response${where} given at or after the experience (not at the same touchpoint) is ${positive}`;
}
