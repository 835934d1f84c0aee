import type { Failure } from '../../../core/journey/schema.ts';
import type { TimeWindow } from '../../../platform/time/window.ts';
import { badAnswerSql } from '../../../core/experience/answers-sql.ts';
import { feedbackColumns } from '../../../core/experience/sql.ts';
import { failurePredicate } from './failures.ts';
import { plusDays } from './fragments.ts';
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
 *
 * The shape is for speed (bench/analytics.ts, 5 M events): the events and answers are read once
 * (a failure's property test runs once per event, not twice), then grouped twice, by customer and
 * touchpoint number (an integer key, not the touchpoint's text; the first moments) and by customer
 * (latest activity, purchases, churn, the furthest stage, each failure's first bad and good
 * moment); a failure's moments join the touchpoint's from those per-customer rows instead of a
 * second copy of every event that could carry one. Only touchpoints of the map are reported; one
 * row with the window's people and each failure's customers and events (`totals`) always comes
 * back, even when nobody met a touchpoint.
 */
export function painBehaviourQuery(workspaceId: string, window: TimeWindow, input: PainQueryInput) {
  const params = new SqlParams();
  const ws = params.add(workspaceId);
  const from = params.add(window.from);
  const to = params.add(window.to);
  const until = params.add(input.observedUntil);
  const observable = plusDays(params, until, -input.followDays);
  const churnCutoff = plusDays(params, until, -input.churnDays);
  const tpNo = new Map(input.stageOf.map(([touchpoint], i) => [touchpoint, i]));
  const failures = input.failures.flatMap((failure) => {
    const no = tpNo.get(failure.touchpoint);
    return no === undefined ? [] : [{ failure, no }];
  });
  const fails = failures.map((_, k) => `f${k}`);
  const laterStages = Array.from({ length: Math.max(0, input.stageCount - 1) }, (_, k) => `later_${k}`);
  const laterOf =
    input.stageCount > 1
      ? `CASE x.stage_no ${laterStages.map((c, k) => `WHEN ${k} THEN p.${c}`).join(' ')} END`
      : 'NULL';
  const dropped = `x.stage_no < ${input.stageCount - 1} AND ${droppedOffSql(laterOf, 'x.at_ts')}`;
  const purchased = purchaseAfterSql({ lastPurchase: 'p.last_purchase' }, 'x.at_ts').hit;
  const churned = churnAfterSql({ lastChurn: 'p.last_churn' }, 'x.at_ts', {
    lastActivity: 'p.last_ts',
    before: churnCutoff,
  }).hit;
  // Someone who only answered in the window has no events to follow them by.
  const seen = `p.last_ts IS NOT NULL AND x.at_ts < ${observable}`;
  const inWindow = (alias: string) =>
    `${alias}.workspace_id = ${ws} AND ${alias}.ts >= ${from} AND ${alias}.ts < ${to}`;
  const nullBool = 'CAST(NULL AS BOOLEAN)';
  // per failure k: NULL for other events, else whether this event carries the failure
  const eventFails = failures.map(
    ({ failure }, k) =>
      `CASE WHEN e.name = ${params.text(failure.event)} THEN coalesce(${failurePredicate(params, failure)}, FALSE) END AS f${k}`,
  );
  const support = input.support.length > 0;
  const sql = `
WITH ${valuesTable(
    params,
    'stage_map',
    ['touchpoint', 'tp_no', 'stage_no'],
    input.stageOf.map(([touchpoint, stage], i) => [touchpoint, i, stage]),
  )},
rows_in AS (
  SELECT e.resolved_customer_id AS person, m.tp_no, m.stage_no, e.ts, ${nullBool} AS bad, TRUE AS is_event,
         ${inList(params, 'e.name', input.outcomes.purchase)} AS is_purchase,
         ${inList(params, 'e.name', input.outcomes.churn)} AS is_churn
         ${eventFails.map((c) => `, ${c}`).join('')}
  FROM events_resolved e LEFT JOIN stage_map m ON m.touchpoint = e.touchpoint
  WHERE ${inWindow('e')} AND e.resolved_customer_id IS NOT NULL
  UNION ALL
  SELECT f.customer_id, m.tp_no, m.stage_no, f.ts, ${badAnswerSql(feedbackColumns('f'))}, FALSE, FALSE, FALSE
         ${fails.map((c) => `, ${nullBool} AS ${c}`).join('')}
  FROM feedback f LEFT JOIN stage_map m ON m.touchpoint = f.touchpoint
  WHERE ${inWindow('f')}
),
pt AS (
  SELECT person, tp_no,
         min(ts) AS first_ts, min(ts) FILTER (WHERE bad) AS bad_ts, min(ts) FILTER (WHERE NOT bad) AS good_ts
  FROM rows_in WHERE tp_no IS NOT NULL GROUP BY person, tp_no
),
people AS (
  SELECT person, max(ts) FILTER (WHERE is_event) AS last_ts,
         max(ts) FILTER (WHERE is_purchase) AS last_purchase, max(ts) FILTER (WHERE is_churn) AS last_churn
         ${laterStages.map((c, k) => `, max(ts) FILTER (WHERE is_event AND stage_no > ${k}) AS ${c}`).join('')}
         ${fails.map((c) => `, min(ts) FILTER (WHERE ${c}) AS ${c}_bad, min(ts) FILTER (WHERE NOT ${c}) AS ${c}_good, count(*) FILTER (WHERE ${c}) AS ${c}_events`).join('')}
  FROM rows_in GROUP BY person
),
failed AS (
  SELECT person, tp_no, min(bad_ts) AS bad_ts, min(good_ts) AS good_ts FROM (
    ${
      failures.length === 0
        ? `SELECT person, CAST(NULL AS INTEGER) AS tp_no, last_ts AS bad_ts, last_ts AS good_ts FROM people WHERE FALSE`
        : failures
            .map(
              ({ no }, k) =>
                `SELECT person, ${no} AS tp_no, f${k}_bad AS bad_ts, f${k}_good AS good_ts FROM people WHERE f${k}_bad IS NOT NULL OR f${k}_good IS NOT NULL`,
            )
            .join('\n    UNION ALL ')
    }
  ) per_failure GROUP BY person, tp_no
),
assessed AS (
  SELECT coalesce(t.person, f.person) AS person, coalesce(t.tp_no, f.tp_no) AS tp_no,
         least(t.first_ts, f.bad_ts, f.good_ts) AS first_ts,
         least(t.bad_ts, f.bad_ts) AS bad_ts, least(t.good_ts, f.good_ts) AS good_ts
  FROM pt t
  FULL JOIN failed f ON f.person = t.person AND f.tp_no = t.tp_no
),
exposed AS (
  SELECT a.person, a.tp_no, m.stage_no, a.bad_ts IS NOT NULL AS affected,
         CASE WHEN a.bad_ts IS NOT NULL AND (a.good_ts IS NULL OR a.bad_ts <= a.good_ts) THEN 'bad'
              WHEN a.good_ts IS NOT NULL THEN 'good' ELSE 'unassessed' END AS assessment,
         CASE WHEN a.bad_ts IS NOT NULL AND (a.good_ts IS NULL OR a.bad_ts <= a.good_ts) THEN a.bad_ts
              ELSE coalesce(a.good_ts, a.first_ts) END AS at_ts
  FROM assessed a JOIN stage_map m ON m.tp_no = a.tp_no
)${
    support
      ? `,
support_ev AS (
  SELECT e.resolved_customer_id AS person, m.tp_no, e.ts
  FROM events_resolved e JOIN stage_map m ON m.touchpoint = e.touchpoint
  WHERE ${inWindow('e')} AND e.resolved_customer_id IS NOT NULL AND ${inList(params, 'e.touchpoint', input.support)}
),
supported AS (
  SELECT DISTINCT x.person, x.tp_no
  FROM exposed x JOIN support_ev s ON s.person = x.person
  WHERE s.tp_no <> x.tp_no AND ${supportContactSql('s.ts', 'x.at_ts', input.followDays)}
)`
      : ''
  },
per_touchpoint AS (
  SELECT x.tp_no, x.assessment,
         count(*) AS customers,
         count(*) FILTER (WHERE x.affected) AS affected,
         count(*) FILTER (WHERE ${seen}) AS observed,
         count(*) FILTER (WHERE ${seen} AND x.stage_no < ${input.stageCount - 1}) AS observed_before_last_stage,
         count(*) FILTER (WHERE ${seen} AND ${dropped}) AS dropped,
         ${support ? `count(s.person) FILTER (WHERE ${seen})` : '0'} AS supported,
         count(*) FILTER (WHERE ${seen} AND ${purchased}) AS purchased,
         count(*) FILTER (WHERE ${seen} AND ${churned}) AS churned
  FROM exposed x
  LEFT JOIN people p ON p.person = x.person
  ${support ? 'LEFT JOIN supported s ON s.person = x.person AND s.tp_no = x.tp_no' : ''}
  GROUP BY 1, 2
),
totals AS (
  SELECT count(*) AS people
         ${fails.map((c, k) => `, count(*) FILTER (WHERE ${c}_bad IS NOT NULL) AS failure_customers_${k}, coalesce(sum(${c}_events), 0) AS failure_events_${k}`).join('')}
  FROM people
)
SELECT t.*, m.touchpoint, r.assessment, r.customers, r.affected, r.observed, r.observed_before_last_stage,
       r.dropped, r.supported, r.purchased, r.churned
FROM totals t
LEFT JOIN per_touchpoint r ON TRUE
LEFT JOIN stage_map m ON m.tp_no = r.tp_no`;
  return { sql, params: params.values, failures: failures.map(({ failure }) => failure.id) };
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
