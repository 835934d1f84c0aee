import type { TimeWindow } from '../../../platform/time/window.ts';
import { msBetween, PERSON, plusDays, quartileColumns } from './fragments.ts';
import { inList, SqlParams } from '../../../platform/sql/params.ts';

/**
 * Time spent buying and owning, per person whose journey starts in the window:
 * - buying: first event in the window -> first purchase event;
 * - owning: first purchase -> the churn event if one follows, else the last event in the window.
 * A person with events in the `lookbackDays` before the window is mid-journey: they are counted
 * in `started_before` and left out, since their first touch (or first purchase) lies earlier.
 * Durations are milliseconds; percentile_cont is the same on both engines.
 */
export function journeyTimeQuery(
  workspaceId: string,
  window: TimeWindow,
  outcomes: { purchase: readonly string[]; churn: readonly string[] },
  lookbackDays: number,
) {
  const params = new SqlParams();
  const ws = params.add(workspaceId);
  const from = params.add(window.from);
  const to = params.add(window.to);
  const lookFrom = plusDays(params, from, -lookbackDays);
  const purchase = inList(params, 'name', outcomes.purchase);
  const churn = inList(params, 'name', outcomes.churn);
  const sql = `
WITH ev AS (
  SELECT ${PERSON} AS person, e.name, e.ts FROM events_resolved e
  WHERE e.workspace_id = ${ws} AND e.ts >= ${from} AND e.ts < ${to}
),
earlier AS (
  SELECT DISTINCT ${PERSON} AS person FROM events_resolved e
  WHERE e.workspace_id = ${ws} AND e.ts >= ${lookFrom} AND e.ts < ${from}
),
per_person AS (
  SELECT person, min(ts) AS first_ts, max(ts) AS last_ts,
         min(ts) FILTER (WHERE ${purchase}) AS first_purchase,
         min(ts) FILTER (WHERE ${churn}) AS churned_at
  FROM ev GROUP BY person
),
journeys AS (
  SELECT p.first_purchase,
         ${msBetween('p.first_purchase', 'p.first_ts')} AS buying,
         ${msBetween('CASE WHEN p.churned_at >= p.first_purchase THEN p.churned_at ELSE p.last_ts END', 'p.first_purchase')} AS owning,
         p.churned_at >= p.first_purchase AS ended_by_churn,
         x.person IS NOT NULL AS started_before
  FROM per_person p LEFT JOIN earlier x ON x.person = p.person
),
started AS (SELECT * FROM journeys WHERE NOT started_before)
SELECT (SELECT count(*) FROM journeys WHERE started_before) AS started_before,
       count(*) AS journeys,
       count(first_purchase) AS purchased,
       count(*) FILTER (WHERE ended_by_churn) AS ended_by_churn,
       ${quartileColumns('buying', 'buying')},
       ${quartileColumns('owning', 'owning')}
FROM started`;
  return { sql, params: params.values };
}
