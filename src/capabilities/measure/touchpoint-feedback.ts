import type { SqlValue, Store } from '../../platform/store/port.ts';
import type { TouchpointFeedback } from './contract.ts';

/**
 * What customers said at one touchpoint in a window: the distribution of every score, the
 * customers who had a bad experience there, and the responses themselves (comments included)
 * newest first. The touchpoint page of the dashboard reads it; comments are returned as stored,
 * and it is for whoever shows them to treat them as text.
 */

/** A bad experience, as the cross-impact analysis counts it: NPS 0-6, CSAT bottom two boxes, CES 1-3 on 1-7. */
export const LOW_SCORE_SQL = `(
  (metric = 'nps' AND score <= 6) OR
  (metric = 'csat' AND score <= scale_min + 1) OR
  (metric = 'ces' AND score <= scale_min + 2))`;
export const LOW_SCORE_RULE = 'NPS 0-6, CSAT in the bottom two boxes, CES in the bottom three (1-3 on 1-7)';

export interface FeedbackWindow {
  from: Date;
  /** exclusive */
  to: Date;
}

export interface TouchpointFeedbackQuery {
  window: FeedbackWindow;
  touchpoint: string;
  /** only responses with a comment (default) or all responses */
  commentsOnly: boolean;
  limit: number;
  offset: number;
}

type ScoreDistribution = TouchpointFeedback['distribution'][number];

const AFFECTED_LISTED = 50;

const scope = `workspace_id = $1 AND touchpoint = $2 AND ts >= $3 AND ts < $4`;

const DISTRIBUTION_SQL = `
  SELECT metric, score, scale_min, scale_max, count(*) AS n
  FROM feedback WHERE ${scope}
  GROUP BY metric, score, scale_min, scale_max
  ORDER BY metric, scale_min, scale_max, score`;

const AFFECTED_SQL = `
  SELECT customer_id, count(*) AS low_responses, max(ts) AS last_at, count(*) OVER () AS total
  FROM feedback WHERE ${scope} AND ${LOW_SCORE_SQL}
  GROUP BY customer_id
  ORDER BY last_at DESC, customer_id
  LIMIT ${AFFECTED_LISTED}`;

const RESPONSES_SQL = `
  SELECT id, customer_id, metric, score, scale_min, scale_max, comment, ts
  FROM feedback WHERE ${scope} AND ($5 = FALSE OR (comment IS NOT NULL AND comment <> ''))
  ORDER BY ts DESC, id DESC
  LIMIT $6 OFFSET $7`;

const ms = (value: unknown) => (value instanceof Date ? value.getTime() : Number(value));

export async function touchpointFeedback(
  store: Store,
  workspaceId: string,
  query: TouchpointFeedbackQuery,
): Promise<TouchpointFeedback> {
  const base: SqlValue[] = [workspaceId, query.touchpoint, query.window.from, query.window.to];
  const [distributionRows, affectedRows, responseRows] = await Promise.all([
    store.read(DISTRIBUTION_SQL, base),
    store.read(AFFECTED_SQL, base),
    store.read(RESPONSES_SQL, [...base, query.commentsOnly, query.limit + 1, query.offset]),
  ]);

  const distribution: ScoreDistribution[] = [];
  for (const row of distributionRows) {
    const scale = { min: Number(row.scale_min), max: Number(row.scale_max) };
    let entry = distribution.find(
      (d) => d.metric === row.metric && d.scale.min === scale.min && d.scale.max === scale.max,
    );
    if (!entry) {
      entry = { metric: String(row.metric), scale, n: 0, counts: [] };
      distribution.push(entry);
    }
    entry.counts.push({ score: Number(row.score), n: Number(row.n) });
    entry.n += Number(row.n);
  }

  return {
    touchpoint: query.touchpoint,
    window: { from: query.window.from.toISOString(), to: query.window.to.toISOString() },
    distribution,
    affected: {
      customers: Number(affectedRows[0]?.total ?? 0),
      rule: LOW_SCORE_RULE,
      list: affectedRows.map((r) => ({
        id: String(r.customer_id),
        lowResponses: Number(r.low_responses),
        lastAt: ms(r.last_at),
      })),
    },
    responses: responseRows.slice(0, query.limit).map((r) => ({
      id: String(r.id),
      customerId: String(r.customer_id),
      metric: String(r.metric),
      score: Number(r.score),
      scale: { min: Number(r.scale_min), max: Number(r.scale_max) },
      comment: r.comment === null || r.comment === undefined ? null : String(r.comment),
      timestamp: ms(r.ts),
    })),
    next: responseRows.length > query.limit ? query.offset + query.limit : null,
  };
}
