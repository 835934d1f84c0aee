import type { Failure } from '../../../core/journey/schema.ts';
import type { TimeBucket } from '../../../core/metrics/period.ts';
import type { TimeWindow } from '../../../platform/time/window.ts';
import { badAnswerSql, goodAnswerSql } from '../../../core/experience/answers-sql.ts';
import { feedbackColumns } from '../../../core/experience/sql.ts';
import { failurePredicate } from './failures.ts';
import { inList, SqlParams } from '../../../platform/sql/params.ts';

export interface ScoresQueryOptions {
  interval: TimeBucket | null;
  /** group by touchpoint too (needed for touchpoint, stage, phase and channel) */
  byTouchpoint: boolean;
  /** customer traits to group by, read from customers.traits */
  traits: readonly string[];
  /** only these metrics; null for all */
  metrics: readonly string[] | null;
  /** only these touchpoints; null for all */
  touchpoints: readonly string[] | null;
  /**
   * Also group by whether the same customer had this failure in the `days` before the response
   * (column `after_failure`): delivery CSAT after a late delivery against the rest.
   */
  failure?: { failure: Failure; days: number } | null;
}

/**
 * Counts and sums per (period, touchpoint, traits..., metric): exactly the MetricSums fields of
 * core/metrics/aggregate.ts, so the service finishes them with the same finishScores as the
 * in-memory reference. Every metric gets every count; the service picks the ones its metric uses.
 *
 * The scale bounds come as min and max of both ends: a group mixes scales exactly when either
 * end varies, which saves a count(DISTINCT ...).
 */
export function scoresQuery(workspaceId: string, window: TimeWindow, options: ScoresQueryOptions) {
  const params = new SqlParams();
  const where = [
    `f.workspace_id = ${params.add(workspaceId)}`,
    `f.ts >= ${params.add(window.from)}`,
    `f.ts < ${params.add(window.to)}`,
  ];
  const keys: string[] = [];
  if (options.interval) keys.push(`date_trunc('${options.interval}', f.ts) AS period_start`);
  if (options.byTouchpoint) keys.push('f.touchpoint AS touchpoint');
  options.traits.forEach((name, i) => keys.push(`c.traits ->> ${params.text(name)} AS trait_${i}`));
  if (options.failure) {
    const { failure, days } = options.failure;
    keys.push(`EXISTS (
         SELECT 1 FROM events_resolved e
         WHERE e.workspace_id = f.workspace_id AND e.resolved_customer_id = f.customer_id
           AND ${failurePredicate(params, failure)}
           AND e.ts <= f.ts AND e.ts > f.ts - CAST(${params.add(days)} AS DOUBLE PRECISION) * INTERVAL '1 day'
       ) AS after_failure`);
  }
  keys.push('f.metric AS metric');
  if (options.metrics) where.push(inList(params, 'f.metric', options.metrics));
  if (options.touchpoints) where.push(inList(params, 'f.touchpoint', options.touchpoints));
  const join = options.traits.length
    ? 'LEFT JOIN customers c ON c.workspace_id = f.workspace_id AND c.id = f.customer_id'
    : '';
  // good and bad as core/experience defines them: promoters and detractors for NPS, the top two
  // boxes for CSAT, "easy" for CES (each metric's row reads the count it needs)
  const answer = feedbackColumns('f');
  const groupBy = keys.map((_, i) => i + 1).join(', ');
  const sql = `
SELECT ${keys.join(',\n       ')},
       count(*) AS n,
       sum(f.score) AS score_sum,
       sum(f.score * f.score) AS score_squares,
       count(*) FILTER (WHERE ${goodAnswerSql(answer)}) AS good,
       count(*) FILTER (WHERE ${badAnswerSql(answer)}) AS bad,
       min(f.scale_min) AS scale_min_lo,
       max(f.scale_min) AS scale_min_hi,
       min(f.scale_max) AS scale_max_lo,
       max(f.scale_max) AS scale_max_hi
FROM feedback f ${join}
WHERE ${where.join('\n  AND ')}
GROUP BY ${groupBy}`;
  return { sql, params: params.values };
}
