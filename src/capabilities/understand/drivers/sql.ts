/**
 * SQL for key-driver analysis over stored data: one row per customer (their mean score at each driver
 * touchpoint and their outcome), reduced in the database to what the driver core needs: counts for
 * the coverage of each driver, then the co-moments of the complete rows. No customer row leaves the
 * engine, so a million customers cost one aggregate, not a million objects.
 *
 * Shared by DuckDB and PostgreSQL (avg, covar_pop, FILTER), like the analytics queries.
 */
import { inList, SqlParams } from '../../../platform/sql/params.ts';
import type { OutcomeSpec } from '../../../core/experience/outcomes.ts';
import { churnAfterSql, repeatPurchaseSql } from '../../../core/experience/outcomes-sql.ts';
import type { SqlValue } from '../../../platform/store/port.ts';

export interface DriverSource {
  /** The driver's name in the answer: the touchpoint id. */
  touchpoint: string;
  metric: string;
  /** Rescale each response to 0-100 by its own scale (when the drivers' scales differ). */
  rescale: boolean;
}

export interface DriverQuery {
  workspaceId: string;
  from: Date;
  to: Date;
  followUntil: Date;
  outcome: OutcomeSpec;
  drivers: readonly DriverSource[];
  purchaseEvents: readonly string[];
  churnEvents: readonly string[];
}

/** The per-customer CTEs; the final SELECT is the caller's (coverage or moments) over `rows`. */
function customerRows(q: DriverQuery, params: SqlParams): string {
  for (const value of [q.workspaceId, q.from, q.to]) params.add(value);
  const score = (d: DriverSource) =>
    d.rescale ? '100.0 * (f.score - f.scale_min) / (f.scale_max - f.scale_min)' : 'f.score';
  const xs = q.drivers.map((d, j) => {
    const where = `f.touchpoint = ${params.add(d.touchpoint)} AND f.metric = ${params.add(d.metric)}`;
    return { sql: `avg(CASE WHEN ${where} THEN ${score(d)} END) AS x${j}`, where };
  });
  const anyDriver = xs.length ? xs.map((x) => `(${x.where})`).join(' OR ') : 'FALSE';
  const columns = [
    ...xs.map((x) => x.sql),
    // The first driver response: "after the experience" for repeat purchase and churn.
    `min(CASE WHEN ${anyDriver} THEN f.ts END) AS anchor`,
  ];
  const o = q.outcome;
  if (o.kind === 'feedback') {
    const at = o.touchpoint === null ? '' : ` AND f.touchpoint = ${params.add(o.touchpoint)}`;
    columns.push(`avg(CASE WHEN f.metric = ${params.add(o.metric)}${at} THEN f.score END) AS y`);
  }
  const ctes = [
    `wide AS (
    SELECT f.customer_id AS c, ${columns.join(', ')}
    FROM feedback f
    WHERE f.workspace_id = $1 AND f.ts >= $2 AND f.ts < $3
    GROUP BY f.customer_id)`,
  ];
  let outcome = 'w.y';
  let join = '';
  if (o.kind !== 'feedback') {
    const purchase = inList(params, 'e.name', q.purchaseEvents);
    const churn = inList(params, 'e.name', q.churnEvents);
    // Bound only here: DuckDB refuses a parameter that the statement never uses.
    const until = params.add(q.followUntil);
    ctes.push(`life AS (
    SELECT e.resolved_customer_id AS c,
      min(e.ts) FILTER (WHERE ${purchase}) AS first_purchase,
      max(e.ts) FILTER (WHERE ${purchase}) AS last_purchase,
      max(e.ts) FILTER (WHERE ${churn}) AS last_churn
    FROM events_resolved e
    WHERE e.workspace_id = $1 AND e.ts < ${until} AND e.resolved_customer_id IS NOT NULL AND (${purchase} OR ${churn})
    GROUP BY e.resolved_customer_id)`);
    join = 'LEFT JOIN life l ON l.c = w.c';
    // The outcome is the one definition's (core/experience/outcomes.ts), judged at the anchor; a
    // customer outside its base (no anchor, or no purchase before it for a repeat) has no outcome.
    const times = {
      firstPurchase: 'l.first_purchase',
      lastPurchase: 'l.last_purchase',
      lastChurn: 'l.last_churn',
    };
    const verdict =
      o.kind === 'churn' ? churnAfterSql(times, 'w.anchor', null) : repeatPurchaseSql(times, 'w.anchor');
    outcome = `CASE WHEN w.anchor IS NULL OR NOT ${verdict.measured} THEN NULL WHEN ${verdict.hit} THEN 1 ELSE 0 END`;
  }
  const xCols = q.drivers.map((_, j) => `w.x${j} AS x${j}`);
  ctes.push(
    `rows AS (SELECT ${[`CAST(${outcome} AS DOUBLE PRECISION) AS y`, ...xCols].join(', ')} FROM wide w ${join})`,
  );
  return `WITH ${ctes.join(',\n')}`;
}

/** Customers with the outcome, and of them how many have each driver. */
export function coverageSql(q: DriverQuery): { sql: string; params: SqlValue[] } {
  const params = new SqlParams();
  const head = customerRows(q, params);
  const counts = q.drivers.map((_, j) => `count(x${j}) AS x${j}`);
  const sql = `${head}
SELECT ${['count(*) AS n', ...counts].join(', ')} FROM rows WHERE y IS NOT NULL`;
  return { sql, params: params.values };
}

/** n, means, min, max, 0/1 flags and covar_pop of every pair over the complete rows. */
export function momentsSql(q: DriverQuery): { sql: string; params: SqlValue[] } {
  const params = new SqlParams();
  const head = customerRows(q, params);
  const vars = ['y', ...q.drivers.map((_, j) => `x${j}`)];
  const cols = ['count(*) AS n'];
  vars.forEach((v, i) => {
    cols.push(`avg(${v}) AS mean_${i}`, `min(${v}) AS min_${i}`, `max(${v}) AS max_${i}`);
    cols.push(`min(CASE WHEN ${v} IN (0, 1) THEN 1 ELSE 0 END) AS binary_${i}`);
    for (let j = i; j < vars.length; j++) cols.push(`covar_pop(${v}, ${vars[j]}) AS cov_${i}_${j}`);
  });
  const complete = vars.map((v) => `${v} IS NOT NULL`).join(' AND ');
  return { sql: `${head}\nSELECT ${cols.join(', ')} FROM rows WHERE ${complete}`, params: params.values };
}

/** The touchpoints with feedback in the window, per metric: responses, customers and scale. */
export function inventorySql(workspaceId: string, from: Date, to: Date): { sql: string; params: SqlValue[] } {
  return {
    sql: `SELECT touchpoint, metric, count(*) AS responses, count(DISTINCT customer_id) AS customers,
        min(scale_min) AS scale_min, max(scale_max) AS scale_max, min(scale_max - scale_min) AS min_span
      FROM feedback WHERE workspace_id = $1 AND ts >= $2 AND ts < $3
      GROUP BY touchpoint, metric ORDER BY touchpoint, metric`,
    params: [workspaceId, from, to],
  };
}
