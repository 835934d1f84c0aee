import type { JourneyMap } from '../../core/journey/schema.ts';
import { SqlParams, inList, valuesTable } from '../../platform/sql/params.ts';

/**
 * Each identified customer's current stage in one statement (shared SQL: DuckDB and PostgreSQL).
 *
 * The current cycle: a customer who has never bought is in their first cycle (all their events).
 * After a purchase, the next event at a pre-purchase stage starts a new cycle (they are looking
 * again); without one, the cycle is the one that holds their last purchase, which began at their
 * first pre-purchase event after the purchase before it, or at the last purchase itself (a repeat
 * purchase with no browsing before it). The current stage is the furthest stage (in the map's
 * order) of the current cycle; the customer entered it at their first event there in the cycle.
 *
 * The typical time at a stage: over every customer who moved on from it, the milliseconds from
 * their first event at the stage to their first event at a later stage no earlier than that. The
 * 90th percentile of those is the line past which a customer still there counts as stalled.
 */
export const STALL_PERCENTILE = 0.9;

export function currentStageQuery(
  workspaceId: string,
  map: JourneyMap,
  now: Date,
  customerId: string | null,
) {
  const params = new SqlParams();
  const stageRows = map.stages.flatMap((stage, k) =>
    stage.touchpoints.map((t) => [t.id, k, stage.phase === 'pre-purchase' ? 1 : 0] as const),
  );
  const ws = params.add(workspaceId);
  const until = params.add(now);
  const purchaseNames = inList(params, 'e.name', map.outcomes.purchase);
  const ctes = [
    valuesTable(params, 'stage_map', ['touchpoint', 'stage_no', 'pre'], stageRows),
    `ev AS (
  SELECT e.resolved_customer_id AS person, e.ts, m.stage_no, m.pre
  FROM events_resolved e JOIN stage_map m ON m.touchpoint = e.touchpoint
  WHERE e.workspace_id = ${ws} AND e.resolved_customer_id IS NOT NULL AND e.ts <= ${until}
)`,
    `purchases AS (
  SELECT e.resolved_customer_id AS person, e.ts,
    row_number() OVER (PARTITION BY e.resolved_customer_id ORDER BY e.ts DESC) AS n
  FROM events_resolved e
  WHERE e.workspace_id = ${ws} AND e.resolved_customer_id IS NOT NULL AND e.ts <= ${until} AND ${purchaseNames}
)`,
    `last_two AS (
  SELECT person, max(ts) FILTER (WHERE n = 1) AS p1, max(ts) FILTER (WHERE n = 2) AS p0
  FROM purchases WHERE n <= 2 GROUP BY person
)`,
    // cycle_start NULL: the first cycle, every event counts.
    `starts AS (
  SELECT ev.person,
    CASE
      WHEN lt.p1 IS NULL THEN NULL
      WHEN min(ev.ts) FILTER (WHERE ev.pre = 1 AND ev.ts > lt.p1) IS NOT NULL
        THEN min(ev.ts) FILTER (WHERE ev.pre = 1 AND ev.ts > lt.p1)
      WHEN lt.p0 IS NULL THEN NULL
      ELSE coalesce(min(ev.ts) FILTER (WHERE ev.pre = 1 AND ev.ts > lt.p0 AND ev.ts <= lt.p1), lt.p1)
    END AS cycle_start
  FROM ev LEFT JOIN last_two lt ON lt.person = ev.person
  GROUP BY ev.person, lt.p1, lt.p0
)`,
    `in_cycle AS (
  SELECT ev.* FROM ev JOIN starts s ON s.person = ev.person
  WHERE s.cycle_start IS NULL OR ev.ts >= s.cycle_start
)`,
    `furthest AS (SELECT person, max(stage_no) AS stage_no FROM in_cycle GROUP BY person)`,
    `current_stage AS (
  SELECT f.person, f.stage_no, min(c.ts) AS entered
  FROM furthest f JOIN in_cycle c ON c.person = f.person AND c.stage_no = f.stage_no
  GROUP BY f.person, f.stage_no
)`,
    `firsts AS (SELECT person, stage_no, min(ts) AS ts FROM ev GROUP BY person, stage_no)`,
    `moves AS (
  SELECT a.stage_no, a.ts AS entered, min(b.ts) AS moved_on
  FROM firsts a JOIN firsts b ON b.person = a.person AND b.stage_no > a.stage_no AND b.ts >= a.ts
  GROUP BY a.person, a.stage_no, a.ts
)`,
    `typical AS (
  SELECT stage_no, count(*) AS moved,
    percentile_cont(${STALL_PERCENTILE}) WITHIN GROUP (ORDER BY extract(epoch FROM moved_on) - extract(epoch FROM entered)) AS p90_s
  FROM moves GROUP BY stage_no
)`,
  ];
  const only = customerId === null ? '' : `WHERE cs.person = ${params.add(customerId)}`;
  // Without a customer, every stage's typical time too (person NULL), also for empty stages.
  const typicalRows =
    customerId === null
      ? `UNION ALL SELECT CAST(NULL AS VARCHAR), stage_no, CAST(NULL AS TIMESTAMP), moved, p90_s FROM typical`
      : '';
  const sql = `WITH ${ctes.join(',\n')}
SELECT cs.person, cs.stage_no, cs.entered, coalesce(t.moved, 0) AS moved, t.p90_s
FROM current_stage cs LEFT JOIN typical t ON t.stage_no = cs.stage_no
${only}
${typicalRows}`;
  return { sql, params: params.values };
}
