import type { TimeWindow } from '../window.ts';
import { plusDays } from './fragments.ts';
import { inList, SqlParams } from './params.ts';

/** Months since year 0 as an integer: cheaper to group by than a truncated timestamp. */
const monthIndex = (column: string) =>
  `(CAST(extract(year FROM ${column}) AS INTEGER) * 12 + CAST(extract(month FROM ${column}) AS INTEGER) - 1)`;

/**
 * Monthly retention cohorts of identified customers (months as year * 12 + month - 1, so the
 * offset is a subtraction): a customer's cohort is the month of their
 * first activity in the window (first purchase with `activity = purchase`), and they are retained
 * in month k when they are active k months later. Customers active in the `lookbackDays` before
 * the window are not new and belong to no cohort.
 */
export function cohortsQuery(
  workspaceId: string,
  window: TimeWindow,
  purchaseEvents: readonly string[] | null,
  lookbackDays: number,
) {
  const params = new SqlParams();
  const ws = params.add(workspaceId);
  const from = params.add(window.from);
  const to = params.add(window.to);
  const lookFrom = plusDays(params, from, -lookbackDays);
  const activity = purchaseEvents ? `AND ${inList(params, 'e.name', purchaseEvents)}` : '';
  const sql = `
WITH act AS (
  SELECT e.resolved_customer_id AS person, ${monthIndex('e.ts')} AS month
  FROM events_resolved e
  WHERE e.workspace_id = ${ws} AND e.ts >= ${from} AND e.ts < ${to} AND e.resolved_customer_id IS NOT NULL ${activity}
  GROUP BY 1, 2
),
earlier AS (
  SELECT DISTINCT e.resolved_customer_id AS person FROM events_resolved e
  WHERE e.workspace_id = ${ws} AND e.ts >= ${lookFrom} AND e.ts < ${from} AND e.resolved_customer_id IS NOT NULL ${activity}
),
cohort AS (
  SELECT a.person, min(a.month) AS cohort
  FROM act a LEFT JOIN earlier x ON x.person = a.person
  WHERE x.person IS NULL
  GROUP BY a.person
)
SELECT c.cohort, a.month - c.cohort AS month_offset, count(*) AS active
FROM act a JOIN cohort c ON c.person = a.person
GROUP BY 1, 2`;
  return { sql, params: params.values };
}

/**
 * Repeat purchase and churn over identified customers active in the window.
 * - repeat purchase: of the customers with a purchase in the window, those with two or more;
 * - churn: a churn event, or no activity in the last `churnDays` before `observedUntil` (the
 *   window's end, or now if earlier). Only customers first active before that last stretch can
 *   show inactivity, so they alone are at risk (the denominator); the rest are too new to tell.
 */
export function customerOutcomesQuery(
  workspaceId: string,
  window: TimeWindow,
  outcomes: { purchase: readonly string[]; churn: readonly string[] },
  churnDays: number,
  observedUntil: Date,
) {
  const params = new SqlParams();
  const ws = params.add(workspaceId);
  const from = params.add(window.from);
  const to = params.add(window.to);
  const cutoff = plusDays(params, params.add(observedUntil), -churnDays);
  const purchase = inList(params, 'name', outcomes.purchase);
  const churn = inList(params, 'name', outcomes.churn);
  const sql = `
WITH per_person AS (
  SELECT e.resolved_customer_id AS person, min(e.ts) AS first_ts, max(e.ts) AS last_ts,
         count(*) FILTER (WHERE ${purchase}) AS purchases,
         min(e.ts) FILTER (WHERE ${churn}) AS churned_at
  FROM events_resolved e
  WHERE e.workspace_id = ${ws} AND e.ts >= ${from} AND e.ts < ${to} AND e.resolved_customer_id IS NOT NULL
  GROUP BY 1
)
SELECT count(*) AS customers,
       count(*) FILTER (WHERE purchases >= 1) AS buyers,
       count(*) FILTER (WHERE purchases >= 2) AS repeaters,
       count(*) FILTER (WHERE first_ts < ${cutoff}) AS at_risk,
       count(*) FILTER (WHERE first_ts < ${cutoff} AND churned_at IS NOT NULL) AS churned_by_event,
       count(*) FILTER (WHERE first_ts < ${cutoff} AND churned_at IS NULL AND last_ts < ${cutoff}) AS churned_by_inactivity
FROM per_person`;
  return { sql, params: params.values };
}
