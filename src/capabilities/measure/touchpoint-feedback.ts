import { DEFAULT_BAD, describeBad, experienceOf } from '../../core/experience/answers.ts';
import { METRICS } from '../../core/ingest/schemas.ts';
import type { Failure } from '../../core/journey/schema.ts';
import { SqlParams } from '../../platform/sql/params.ts';
import type { SqlValue, Store } from '../../platform/store/port.ts';
import type { TimeWindow } from '../../platform/time/window.ts';
import { answerMoments, failureMoments } from './sql/moments.ts';
import type { TouchpointFeedback } from './contract.ts';

/**
 * What customers said at one touchpoint in a window: the distribution of every score, the
 * customers who had a bad experience there, and the responses themselves (comments included)
 * newest first. The touchpoint page of the dashboard reads it; comments are returned as stored,
 * and it is for whoever shows them to treat them as text.
 *
 * "A bad experience" is the one of core/experience, counted from the same moments as the pain
 * points (sql/moments.ts): a bad answer at the touchpoint or one of the journey map's failures
 * there, by identified customers in the window. So this page's count and the pain-point card's
 * "affected" for the same touchpoint and window are the same number.
 */

/** What `affected.customers` counts, in words: the screens show it next to the number. */
export const AFFECTED_POPULATION =
  'customers with at least one bad answer or declared failure at this touchpoint in the window';

export interface TouchpointFeedbackQuery {
  window: TimeWindow;
  touchpoint: string;
  /** the journey map's failures (those at other touchpoints are ignored) */
  failures: readonly Failure[];
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

/**
 * The bad moments here in the window as (person, failure, ts): failure is NULL for a bad answer.
 * Parameters $1-$4 are those of `scope`; the failures' own are added to `params`.
 */
function badMomentsSql(params: SqlParams, failures: readonly Failure[]): string {
  const answers = answerMoments(`f.workspace_id = $1 AND f.touchpoint = $2 AND f.ts >= $3 AND f.ts < $4`);
  if (failures.length === 0) return `SELECT person, failure, ts FROM (${answers}) m WHERE bad`;
  const events = `SELECT e.resolved_customer_id AS person, e.name, e.ts, e.properties FROM events_resolved e
      WHERE e.workspace_id = $1 AND e.ts >= $3 AND e.ts < $4 AND e.resolved_customer_id IS NOT NULL
        AND e.name IN (${params.list([...new Set(failures.map((f) => f.event))])})`;
  return `SELECT person, failure, ts FROM (
    ${answers}
    UNION ALL ${failureMoments(params, failures, `(${events})`)}
  ) m WHERE bad`;
}

function affectedSql(base: readonly SqlValue[], failures: readonly Failure[]) {
  const params = new SqlParams();
  for (const value of base) params.add(value);
  const bad = badMomentsSql(params, failures);
  return {
    params: params.values,
    list: `
  SELECT person, count(*) FILTER (WHERE failure IS NULL) AS low_responses,
         count(*) FILTER (WHERE failure IS NOT NULL) AS failure_events, max(ts) AS last_at
  FROM (${bad}) bad
  GROUP BY person
  ORDER BY last_at DESC, person
  LIMIT ${AFFECTED_LISTED}`,
    totals: `
  SELECT count(DISTINCT person) AS customers, count(DISTINCT person) FILTER (WHERE failure IS NULL) AS by_answer
  FROM (${bad}) bad`,
    byFailure: `SELECT failure, count(DISTINCT person) AS customers FROM (${bad}) bad WHERE failure IS NOT NULL GROUP BY failure`,
  };
}

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
  const failures = query.failures.filter((f) => f.touchpoint === query.touchpoint);
  const affected = affectedSql(base, failures);
  const [distributionRows, affectedRows, totalRows, failureRows, responseRows] = await Promise.all([
    store.read(DISTRIBUTION_SQL, base),
    store.read(affected.list, affected.params),
    store.read(affected.totals, affected.params),
    failures.length ? store.read(affected.byFailure, affected.params) : Promise.resolve([]),
    store.read(RESPONSES_SQL, [...base, query.commentsOnly, query.limit + 1, query.offset]),
  ]);

  const distribution: ScoreDistribution[] = [];
  for (const row of distributionRows) {
    const scale = { min: Number(row.scale_min), max: Number(row.scale_max) };
    let entry = distribution.find(
      (d) => d.metric === row.metric && d.scale.min === scale.min && d.scale.max === scale.max,
    );
    if (!entry) {
      entry = {
        metric: String(row.metric),
        scale,
        n: 0,
        counts: [],
        experience: { bad: [], neutral: [], good: [] },
      };
      distribution.push(entry);
    }
    const metric = METRICS.find((m) => m === entry.metric);
    const score = Number(row.score);
    entry.counts.push({ score, n: Number(row.n) });
    if (metric) entry.experience[experienceOf(DEFAULT_BAD, metric, score, scale)].push(score);
    entry.n += Number(row.n);
  }

  return {
    touchpoint: query.touchpoint,
    window: { from: query.window.from.toISOString(), to: query.window.to.toISOString() },
    distribution,
    affected: {
      customers: Number(totalRows[0]?.customers ?? 0),
      population: AFFECTED_POPULATION,
      byAnswer: Number(totalRows[0]?.by_answer ?? 0),
      byFailure: failures.map((f) => ({
        id: f.id,
        label: f.label ?? null,
        customers: Number(failureRows.find((r) => r.failure === f.id)?.customers ?? 0),
      })),
      rule: `a bad answer (${describeBad()}) or a declared failure (${failures.map((f) => f.label ?? f.id).join(', ') || 'none here'})`,
      list: affectedRows.map((r) => ({
        id: String(r.person),
        lowResponses: Number(r.low_responses),
        failureEvents: Number(r.failure_events),
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
