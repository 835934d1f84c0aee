import type { Failure } from '../../../core/journey/schema.ts';
import type { TimeWindow } from '../../../platform/time/window.ts';
import { badAnswerSql } from '../../../core/experience/answers-sql.ts';
import { feedbackColumns } from '../../../core/experience/sql.ts';
import { failurePredicate } from './failures.ts';
import { plusDays } from './fragments.ts';
import { answerMoments, failureMoments } from './moments.ts';
import {
  churnAfterSql,
  droppedOffSql,
  purchaseAfterSql,
  supportContactSql,
} from '../../../core/experience/outcomes-sql.ts';
import { inList, SqlParams, valuesTable } from '../../../platform/sql/params.ts';

export interface PainQueryInput {
  /** every touchpoint of the map with the index of its stage */
  stageOf: readonly (readonly [string, number])[];
  stageCount: number;
  failures: readonly Failure[];
  support: readonly string[];
  outcomes: { purchase: readonly string[]; churn: readonly string[] };
  followDays: number;
  churnDays: number;
  /** the window's end, or now if that is earlier: the future shows no activity yet */
  observedUntil: Date;
}

/**
 * Per touchpoint, the people who met it and what happened to them next, split by whether their
 * first assessed moment there was bad. The moments are those of moments.ts: a bad answer at the
 * touchpoint or one of the map's failure events attributed to it (a late delivery) is bad; any
 * other answer, or the failure's event without the failure (a delivery on time), is not. The
 * outcomes are core/experience/outcomes.ts's, judged from the reference time.
 *
 * Both groups are followed from a moment of the same kind: the bad group from its first bad
 * moment, the good group from its first good moment. Following people from first contact instead
 * would credit them with everything between contact and assessment (the order completed between
 * "Checkout Started" and the CES answer, say), so people never assessed form a third group,
 * followed from first contact: the service compares with them only where nobody can have a good
 * moment (a failure such as "Payment Failed" that is an event of its own). Someone whose first
 * moment was good and a later one bad stays in the good group; `affected` still counts them.
 *
 * Everything here is about customers: anonymous visitors never answer a survey and rarely buy, so
 * comparing them with respondents would make any failure they can meet (out of stock, say) look
 * like it stops purchases. A customer who only answered in the window (no event) counts among
 * those who met the touchpoint and, if the answer was bad, among the affected, but has nothing to
 * follow. After the reference time, among customers seen at least `followDays` before the window
 * ends (or now, if earlier):
 * - dropped: no event at any later stage of the journey (only for touchpoints before the last stage);
 * - supported: an event at a support touchpoint (other than this one) within `followDays`;
 * - purchased: a purchase event later in the window;
 * - churned: a churn event later, or no activity in the last `churnDays` before that end.
 */
export function painBehaviourQuery(workspaceId: string, window: TimeWindow, input: PainQueryInput) {
  const params = new SqlParams();
  const ws = params.add(workspaceId);
  const from = params.add(window.from);
  const to = params.add(window.to);
  const until = params.add(input.observedUntil);
  const observable = plusDays(params, until, -input.followDays);
  const churnCutoff = plusDays(params, until, -input.churnDays);
  const laterStages = Array.from(
    { length: Math.max(0, input.stageCount - 1) },
    (_, k) => `max(ev.ts) FILTER (WHERE m.stage_no > ${k}) AS later_${k}`,
  );
  const laterOf =
    input.stageCount > 1
      ? `CASE x.stage_no ${laterStages.map((_, k) => `WHEN ${k} THEN p.later_${k}`).join(' ')} END`
      : 'NULL';
  const dropped = `x.stage_no < ${input.stageCount - 1} AND ${droppedOffSql(laterOf, 'x.at_ts')}`;
  const purchased = purchaseAfterSql({ lastPurchase: 'p.last_purchase' }, 'x.at_ts').hit;
  const churned = churnAfterSql({ lastChurn: 'p.last_churn' }, 'x.at_ts', {
    lastActivity: 'p.last_ts',
    before: churnCutoff,
  }).hit;
  // Someone who only answered in the window has no events to follow them by.
  const seen = `p.person IS NOT NULL AND x.at_ts < ${observable}`;
  const sql = `
WITH ${valuesTable(params, 'stage_map', ['touchpoint', 'stage_no'], input.stageOf)},
ev AS (
  SELECT e.resolved_customer_id AS person, e.name, e.touchpoint, e.ts, e.properties
  FROM events_resolved e
  WHERE e.workspace_id = ${ws} AND e.ts >= ${from} AND e.ts < ${to} AND e.resolved_customer_id IS NOT NULL
),
fb AS (
  ${answerMoments(`f.workspace_id = ${ws} AND f.ts >= ${from} AND f.ts < ${to}`)}
),
failure_ev AS (
  ${failureMoments(params, input.failures, 'ev')}
),
people AS (
  SELECT ev.person, max(ev.ts) AS last_ts,
         max(ev.ts) FILTER (WHERE ${inList(params, 'ev.name', input.outcomes.purchase)}) AS last_purchase,
         max(ev.ts) FILTER (WHERE ${inList(params, 'ev.name', input.outcomes.churn)}) AS last_churn
         ${laterStages.map((c) => `, ${c}`).join('')}
  FROM ev LEFT JOIN stage_map m ON m.touchpoint = ev.touchpoint
  GROUP BY ev.person
),
touch AS (
  SELECT person, touchpoint, min(ts) AS first_ts FROM (
    SELECT person, touchpoint, ts FROM ev WHERE touchpoint IS NOT NULL
    UNION ALL SELECT person, touchpoint, ts FROM fb
    UNION ALL SELECT person, touchpoint, ts FROM failure_ev
  ) t GROUP BY person, touchpoint
),
moments AS (
  SELECT person, touchpoint, min(ts) FILTER (WHERE bad) AS bad_ts, min(ts) FILTER (WHERE NOT bad) AS good_ts
  FROM (
    SELECT person, touchpoint, ts, bad FROM fb
    UNION ALL SELECT person, touchpoint, ts, bad FROM failure_ev
  ) b GROUP BY person, touchpoint
),
assessed AS (
  SELECT t.person, t.touchpoint, t.first_ts, mo.bad_ts, mo.good_ts,
         mo.bad_ts IS NOT NULL AND (mo.good_ts IS NULL OR mo.bad_ts <= mo.good_ts) AS bad_first
  FROM touch t LEFT JOIN moments mo ON mo.person = t.person AND mo.touchpoint = t.touchpoint
),
exposed AS (
  SELECT a.person, a.touchpoint, m.stage_no, a.bad_ts IS NOT NULL AS affected,
         CASE WHEN a.bad_first THEN 'bad' WHEN a.good_ts IS NOT NULL THEN 'good' ELSE 'unassessed' END AS assessment,
         CASE WHEN a.bad_first THEN a.bad_ts ELSE coalesce(a.good_ts, a.first_ts) END AS at_ts
  FROM assessed a LEFT JOIN stage_map m ON m.touchpoint = a.touchpoint
),
supported AS (
  SELECT DISTINCT x.person, x.touchpoint
  FROM exposed x JOIN ev s ON s.person = x.person
  WHERE ${inList(params, 's.touchpoint', input.support)} AND s.touchpoint <> x.touchpoint
    AND ${supportContactSql('s.ts', 'x.at_ts', input.followDays)}
)
SELECT x.touchpoint, x.assessment,
       (SELECT count(*) FROM (SELECT person FROM ev UNION SELECT person FROM fb) active) AS people,
       count(*) AS customers,
       count(*) FILTER (WHERE x.affected) AS affected,
       count(*) FILTER (WHERE ${seen}) AS observed,
       count(*) FILTER (WHERE ${seen} AND x.stage_no < ${input.stageCount - 1}) AS observed_before_last_stage,
       count(*) FILTER (WHERE ${seen} AND ${dropped}) AS dropped,
       count(s.person) FILTER (WHERE ${seen}) AS supported,
       count(*) FILTER (WHERE ${seen} AND ${purchased}) AS purchased,
       count(*) FILTER (WHERE ${seen} AND ${churned}) AS churned
FROM exposed x
LEFT JOIN people p ON p.person = x.person
LEFT JOIN supported s ON s.person = x.person AND s.touchpoint = x.touchpoint
GROUP BY 1, 2`;
  return { sql, params: params.values };
}

/** Responses per touchpoint: how many, how many low, and the mean answer as a share of its scale. */
export function painFeedbackQuery(workspaceId: string, window: TimeWindow) {
  const params = new SqlParams();
  const sql = `
SELECT f.touchpoint,
       count(*) AS responses,
       count(*) FILTER (WHERE ${badAnswerSql(feedbackColumns('f'))}) AS low,
       sum((f.score - f.scale_min) / (f.scale_max - f.scale_min)) AS normalised_sum
FROM feedback f
WHERE f.workspace_id = ${params.add(workspaceId)} AND f.ts >= ${params.add(window.from)} AND f.ts < ${params.add(window.to)}
GROUP BY 1`;
  return { sql, params: params.values };
}

/** Customers and events per failure of the journey map. */
export function failureCountsQuery(workspaceId: string, window: TimeWindow, failures: readonly Failure[]) {
  const params = new SqlParams();
  const ws = params.add(workspaceId);
  const from = params.add(window.from);
  const to = params.add(window.to);
  const parts = failures.map(
    (
      failure,
    ) => `SELECT ${params.text(failure.id)} AS failure, e.resolved_customer_id AS person FROM events_resolved e
    WHERE e.workspace_id = ${ws} AND e.ts >= ${from} AND e.ts < ${to} AND e.resolved_customer_id IS NOT NULL
      AND ${failurePredicate(params, failure)}`,
  );
  if (parts.length === 0) return null;
  const sql = `
SELECT failure, count(DISTINCT person) AS customers, count(*) AS events
FROM (${parts.join('\n  UNION ALL ')}) failed
GROUP BY 1`;
  return { sql, params: params.values };
}
