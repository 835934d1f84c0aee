import {
  analytics,
  keyOf,
  type MetricChange,
  type MetricScores,
  type ScoreMetric,
} from '../../api/analytics.ts';
import { trendInterval, type Period } from '../../lib/period.ts';

export interface TouchpointScores {
  scores: MetricScores;
  changes: Partial<Record<ScoreMetric, MetricChange>>;
  trends: Partial<Record<ScoreMetric, (number | null)[]>>;
  interval: string;
}

const METRICS: ScoreMetric[] = ['nps', 'csat', 'ces', 'rating'];

/** Every score of one touchpoint for the window, its change from the window before, and its trend. */
export async function loadTouchpointScores(
  id: string,
  period: Period,
  signal: AbortSignal,
): Promise<TouchpointScores> {
  const interval = trendInterval(period);
  const query = { by: 'touchpoint', touchpoint: id };
  const [totals, compare, trend] = await Promise.all([
    analytics.scores(period, query, signal),
    analytics.compare(period, query, signal),
    analytics.scores(period, { ...query, interval }, signal),
  ]);
  const mine = <R extends Record<string, unknown>>(rows: R[]) =>
    rows.filter((r) => keyOf(r, 'touchpoint') === id);
  const scores = (mine(totals.rows)[0] ?? {}) as MetricScores;
  const compareRow = mine(compare.rows)[0] ?? {};
  const periods = [...new Set(trend.rows.map((r) => r.period).filter((p): p is string => !!p))].sort();
  const trendRows = mine(trend.rows);
  const changes: TouchpointScores['changes'] = {};
  const trends: TouchpointScores['trends'] = {};
  for (const metric of METRICS) {
    const change = compareRow[metric] as MetricChange | undefined;
    if (change) changes[metric] = change;
    if (scores[metric]) {
      trends[metric] = periods.map((p) => trendRows.find((r) => r.period === p)?.[metric]?.value ?? null);
    }
  }
  return { scores, changes, trends, interval };
}
