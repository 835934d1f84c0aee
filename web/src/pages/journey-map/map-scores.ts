import { analytics, keyOf, type MetricChange, type Score, type ScoreMetric } from '../../api/analytics.ts';
import { trendInterval, type Period } from '../../lib/period.ts';

/** Everything the map colours its cells with, for one metric and window. */
export interface MapScores {
  touchpoints: Map<string, Score>;
  stages: Map<string, Score>;
  /** per touchpoint, the metric's value in each time bucket of the window (null where no responses) */
  trends: Map<string, (number | null)[]>;
  changes: Map<string, MetricChange>;
  interval: 'day' | 'week' | 'month';
}

function byKey(rows: Record<string, unknown>[], key: string, metric: ScoreMetric): Map<string, Score> {
  const out = new Map<string, Score>();
  for (const row of rows) {
    const id = keyOf(row, key);
    const score = row[metric] as Score | undefined;
    if (id !== null && score) out.set(id, score);
  }
  return out;
}

export async function loadMapScores(
  period: Period,
  metric: ScoreMetric,
  signal: AbortSignal,
): Promise<MapScores> {
  const interval = trendInterval(period);
  const [touchpoints, stages, trend, compare] = await Promise.all([
    analytics.scores(period, { by: 'touchpoint', metric }, signal),
    analytics.scores(period, { by: 'stage', metric }, signal),
    analytics.scores(period, { by: 'touchpoint', metric, interval }, signal),
    analytics.compare(period, { by: 'touchpoint', metric }, signal),
  ]);

  const periods = [...new Set(trend.rows.map((r) => r.period).filter((p): p is string => !!p))].sort();
  const trends = new Map<string, (number | null)[]>();
  for (const row of trend.rows) {
    const id = keyOf(row, 'touchpoint');
    const score = row[metric];
    if (id === null || !row.period) continue;
    const series = trends.get(id) ?? periods.map(() => null);
    series[periods.indexOf(row.period)] = score?.value ?? null;
    trends.set(id, series);
  }

  const changes = new Map<string, MetricChange>();
  for (const row of compare.rows) {
    const id = keyOf(row, 'touchpoint');
    const change = row[metric];
    if (id !== null && change) changes.set(id, change);
  }

  return {
    touchpoints: byKey(touchpoints.rows, 'touchpoint', metric),
    stages: byKey(stages.rows, 'stage', metric),
    trends,
    changes,
    interval,
  };
}
