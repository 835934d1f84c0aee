/**
 * What customers' data says about the effort each touchpoint asks, beside the team's judged effort:
 *
 * - high-effort CES answers: the share of CES answers at the touchpoint that the one definition of a
 *   bad answer (core/experience) calls bad, i.e. high effort, with its Wilson interval and n;
 * - repeat contacts: of the customers with a ticket there (events carrying a `ticketId`), the share
 *   who opened another there within 7 days of one, since having to come back is effort a CES
 *   question never asks about. Only tickets count: a second visit to a product page is browsing,
 *   not a failed contact;
 * - time to resolution: median hours from a ticket's first to its last event there.
 *
 * Shared SQL for DuckDB and PostgreSQL, like the analytics queries.
 */
import { badAnswerSql } from '../../core/experience/answers-sql.ts';
import { feedbackColumns } from '../../core/experience/sql.ts';
import { wilsonInterval } from '../../core/metrics/proportion.ts';
import { inList, SqlParams } from '../../platform/sql/params.ts';
import type { Store } from '../../platform/store/port.ts';

export const REPEAT_DAYS = 7;

export interface MeasuredEffort {
  highEffort: { n: number; share: number | null; ci95: [number, number] | null };
  repeatContacts: { n: number; share: number | null; ci95: [number, number] | null };
  resolutionHours: { n: number; median: number | null };
}

const proportion = (events: number, n: number) => ({
  n,
  share: n > 0 ? events / n : null,
  ci95: wilsonInterval(events, n),
});

export async function measuredEffort(
  store: Store,
  workspaceId: string,
  window: { from: Date; to: Date },
  touchpoints: readonly string[],
): Promise<Map<string, MeasuredEffort>> {
  const out = new Map<string, MeasuredEffort>(
    touchpoints.map((t) => [
      t,
      {
        highEffort: proportion(0, 0),
        repeatContacts: proportion(0, 0),
        resolutionHours: { n: 0, median: null },
      },
    ]),
  );
  if (touchpoints.length === 0) return out;
  const base = (column: string) => {
    const p = new SqlParams();
    p.add(workspaceId);
    p.add(window.from);
    p.add(window.to);
    return { p, list: inList(p, column, touchpoints) };
  };
  {
    const { p, list } = base('f.touchpoint');
    const rows = await store.read(
      `SELECT f.touchpoint AS tp, count(*) AS n, sum(CASE WHEN ${badAnswerSql(feedbackColumns('f'))} THEN 1 ELSE 0 END) AS bad
       FROM feedback f
       WHERE f.workspace_id = $1 AND f.ts >= $2 AND f.ts < $3 AND f.metric = 'ces' AND ${list}
       GROUP BY f.touchpoint`,
      p.values,
    );
    for (const r of rows) out.get(String(r.tp))!.highEffort = proportion(Number(r.bad), Number(r.n));
  }
  // One row per ticket, at its first event.
  const contacts = (list: string) => `
    SELECT customer_id, touchpoint, ticket, min(ts) AS first_ts FROM (
      SELECT customer_id, touchpoint, ts, properties ->> CAST('ticketId' AS VARCHAR) AS ticket
      FROM events
      WHERE workspace_id = $1 AND ts >= $2 AND ts < $3 AND customer_id IS NOT NULL AND ${list}
        AND (properties ->> CAST('ticketId' AS VARCHAR)) IS NOT NULL
    ) e GROUP BY customer_id, touchpoint, ticket`;
  {
    const { p, list } = base('touchpoint');
    const rows = await store.read(
      `SELECT touchpoint AS tp, count(DISTINCT customer_id) AS n,
         count(DISTINCT CASE WHEN next_ts IS NOT NULL
           AND extract(epoch FROM next_ts) - extract(epoch FROM first_ts) <= ${REPEAT_DAYS * 86400}
           THEN customer_id END) AS repeated
       FROM (
         SELECT customer_id, touchpoint, first_ts,
           lead(first_ts) OVER (PARTITION BY customer_id, touchpoint ORDER BY first_ts) AS next_ts
         FROM (${contacts(list)}) c
       ) x GROUP BY touchpoint`,
      p.values,
    );
    for (const r of rows) out.get(String(r.tp))!.repeatContacts = proportion(Number(r.repeated), Number(r.n));
  }
  {
    const { p, list } = base('touchpoint');
    const rows = await store.read(
      `SELECT e.touchpoint AS tp, count(*) AS n,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY (extract(epoch FROM e.last_ts) - extract(epoch FROM e.first_ts)) / 3600.0) AS median
       FROM (
         SELECT touchpoint, properties ->> CAST('ticketId' AS VARCHAR) AS ticket, min(ts) AS first_ts, max(ts) AS last_ts
         FROM events
         WHERE workspace_id = $1 AND ts >= $2 AND ts < $3 AND ${list}
           AND (properties ->> CAST('ticketId' AS VARCHAR)) IS NOT NULL
         GROUP BY touchpoint, properties ->> CAST('ticketId' AS VARCHAR)
       ) e GROUP BY e.touchpoint`,
      p.values,
    );
    for (const r of rows)
      out.get(String(r.tp))!.resolutionHours = {
        n: Number(r.n),
        median: r.median === null ? null : Number(r.median),
      };
  }
  return out;
}
