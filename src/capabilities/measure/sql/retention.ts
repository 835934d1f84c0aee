import type { TimeWindow } from '../../../platform/time/window.ts';
import { plusDays } from './fragments.ts';
import { inList, SqlParams } from '../../../platform/sql/params.ts';

/** Months since year 0 as an integer: cheaper to group by than a truncated timestamp. */
const monthIndex = (column: string) =>
  `(CAST(extract(year FROM ${column}) AS INTEGER) * 12 + CAST(extract(month FROM ${column}) AS INTEGER) - 1)`;

/**
 * Retention in one pass over the window's events of identified customers, aggregated per
 * customer and month (`act`); both parts of the answer are read from that much smaller table:
 *
 * - kind 'cohort': monthly retention cohorts. A customer's cohort is the month of their first
 *   activity in the window (first purchase with `purchases only`), and they are retained in month
 *   k when active k months later. Customers active in the `lookbackDays` before the window are not
 *   new and belong to no cohort. Months are year * 12 + month - 1, so an offset is a subtraction.
 * - kind 'outcomes' (one row): repeat purchase, of the customers with a purchase in the window
 *   those with two or more; churn, a churn event or no activity in the last `churnDays` before
 *   `observedUntil` (the window's end, or now if earlier). Only customers first active before that
 *   last stretch can show inactivity, so they alone are at risk; the rest are too new to tell.
 */
export function retentionQuery(
  workspaceId: string,
  window: TimeWindow,
  input: {
    outcomes: { purchase: readonly string[]; churn: readonly string[] };
    purchasesOnly: boolean;
    lookbackDays: number;
    churnDays: number;
    observedUntil: Date;
  },
) {
  const params = new SqlParams();
  const ws = params.add(workspaceId);
  const from = params.add(window.from);
  const to = params.add(window.to);
  const purchase = inList(params, 'e.name', input.outcomes.purchase);
  const churn = inList(params, 'e.name', input.outcomes.churn);
  const lookFrom = plusDays(params, from, -input.lookbackDays);
  const cutoff = plusDays(params, params.add(input.observedUntil), -input.churnDays);
  const earlierActivity = input.purchasesOnly ? `AND ${purchase}` : '';
  const sql = `
WITH act AS (
  SELECT e.resolved_customer_id AS person, ${monthIndex('e.ts')} AS month,
         min(e.ts) AS first_ts, max(e.ts) AS last_ts,
         count(*) FILTER (WHERE ${purchase}) AS purchases,
         min(e.ts) FILTER (WHERE ${churn}) AS churned_at
  FROM events_resolved e
  WHERE e.workspace_id = ${ws} AND e.ts >= ${from} AND e.ts < ${to} AND e.resolved_customer_id IS NOT NULL
  GROUP BY 1, 2
),
earlier AS (
  SELECT DISTINCT e.resolved_customer_id AS person FROM events_resolved e
  WHERE e.workspace_id = ${ws} AND e.ts >= ${lookFrom} AND e.ts < ${from} AND e.resolved_customer_id IS NOT NULL
    ${earlierActivity}
),
active AS (SELECT person, month FROM act ${input.purchasesOnly ? 'WHERE purchases > 0' : ''}),
cohort AS (
  SELECT a.person, min(a.month) AS cohort
  FROM active a LEFT JOIN earlier x ON x.person = a.person
  WHERE x.person IS NULL
  GROUP BY a.person
),
per_person AS (
  SELECT person, min(first_ts) AS first_ts, max(last_ts) AS last_ts, sum(purchases) AS purchases, min(churned_at) AS churned_at
  FROM act GROUP BY person
)
SELECT 'cohort' AS kind, c.cohort, a.month - c.cohort AS month_offset, count(*) AS active,
       CAST(NULL AS BIGINT) AS buyers, CAST(NULL AS BIGINT) AS repeaters, CAST(NULL AS BIGINT) AS at_risk,
       CAST(NULL AS BIGINT) AS churned_by_event, CAST(NULL AS BIGINT) AS churned_by_inactivity
FROM active a JOIN cohort c ON c.person = a.person
GROUP BY 2, 3
UNION ALL
SELECT 'outcomes', NULL, NULL, NULL,
       count(*) FILTER (WHERE purchases >= 1),
       count(*) FILTER (WHERE purchases >= 2),
       count(*) FILTER (WHERE first_ts < ${cutoff}),
       count(*) FILTER (WHERE first_ts < ${cutoff} AND churned_at IS NOT NULL),
       count(*) FILTER (WHERE first_ts < ${cutoff} AND churned_at IS NULL AND last_ts < ${cutoff})
FROM per_person`;
  return { sql, params: params.values };
}
