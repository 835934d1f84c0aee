import { http, type Query } from './client.ts';
import type { Period } from '../lib/period.ts';
import type * as measure from '../../../src/capabilities/measure/contract.ts';

/** The measure APIs (/v1/analytics/*): the reply types are the server's contract (measure/contract.ts). */

export type CesScore = measure.CesScore;
export type CompareReport = measure.CompareReport;
export type Comparison = measure.Comparison;
export type CsatScore = measure.CsatScore;
export type FunnelReport = measure.FunnelReport;
export type JourneyTimeReport = measure.JourneyTimeReport;
export type MeanScore = measure.MeanScore;
export type NpsScore = measure.NpsScore;
export type PainPointsReport = measure.PainPointsReport;
export type RetentionReport = measure.RetentionReport;
export type Score = measure.Score;
export type ScoresReport = measure.ScoresReport;
export type ScoreMetric = 'nps' | 'csat' | 'ces' | 'rating';
export type Interval = [number, number];

/** One group (and time bucket): its keys at the top level next to one score per metric. */
export type ScoreRow = ScoresReport['rows'][number];
export type MetricScores = Pick<ScoreRow, ScoreMetric>;
export type CompareRow = CompareReport['rows'][number];
export type MetricChange = NonNullable<CompareRow[ScoreMetric]>;
export type FunnelStage = FunnelReport['stages'][number];
export type QuartileSummary = JourneyTimeReport['buying'];
export type Rate = Pick<RetentionReport['churn'], 'rate' | 'ci95'>;
export type PainPoint = PainPointsReport['painPoints'][number];
export type PainEvidence = PainPoint['evidence'][number];
export type GroupOutcome = PainEvidence['affected'];

export interface ScoresQuery {
  by?: string;
  interval?: 'day' | 'week' | 'month';
  metric?: ScoreMetric;
  touchpoint?: string;
}

const windowOf = (period: Period): Query => ({ from: period.from, to: period.to });

export const analytics = {
  scores: (period: Period, query: ScoresQuery, signal?: AbortSignal) =>
    http.get<ScoresReport>('/v1/analytics/scores', { ...windowOf(period), ...query }, signal),
  /** The change from the window just before `period` to `period`, per group, with its test. */
  compare: (period: Period, query: Omit<ScoresQuery, 'interval'> & Query, signal?: AbortSignal) =>
    http.get<CompareReport>('/v1/analytics/compare', { ...windowOf(period), ...query }, signal),
  funnel: (period: Period, by: string | null, signal?: AbortSignal) =>
    http.get<FunnelReport>('/v1/analytics/funnel', { ...windowOf(period), by }, signal),
  journeyTime: (period: Period, signal?: AbortSignal) =>
    http.get<JourneyTimeReport>('/v1/analytics/journey-time', windowOf(period), signal),
  painPoints: (period: Period, signal?: AbortSignal) =>
    http.get<PainPointsReport>('/v1/analytics/pain-points', windowOf(period), signal),
  /** churnDays: no activity for this many days counts as churn (the server's default when null). */
  retention: (period: Period, churnDays: number | null, signal?: AbortSignal) =>
    http.get<RetentionReport>('/v1/analytics/retention', { ...windowOf(period), churnDays }, signal),
};

/** A row's value for one grouping key, as text (null and missing alike become null). */
export function keyOf(row: Record<string, unknown>, key: string): string | null {
  const value = row[key];
  return value === null || value === undefined ? null : String(value);
}
