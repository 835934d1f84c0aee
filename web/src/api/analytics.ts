import { http, type Query } from './client.ts';
import type { Period } from '../lib/period.ts';

/** The measure and understand APIs (/v1/analytics/*): scores with n and intervals, changes, journeys. */

export type ScoreMetric = 'nps' | 'csat' | 'ces' | 'rating';
export type Interval = [number, number];

export interface Score {
  /** null exactly when n = 0 */
  value: number | null;
  n: number;
  ci95: Interval | null;
  insufficient: boolean;
  flags: string[];
}

export interface NpsScore extends Score {
  promotersPct: number | null;
  passivesPct: number | null;
  detractorsPct: number | null;
}

export interface CsatScore extends Score {
  satisfied: number;
}

export interface MeanScore extends Score {
  sd?: number | null;
}

export interface CesScore extends MeanScore {
  easy: Score;
}

export interface MetricScores {
  nps?: NpsScore;
  csat?: CsatScore;
  ces?: CesScore;
  rating?: MeanScore;
}

/** One group (and time bucket): its keys at the top level next to one score per metric. */
export type ScoreRow = MetricScores & {
  period?: string | null;
  periodStart?: number | null;
  [key: string]: unknown;
};

export interface ScoresReport {
  window: { from: string; to: string };
  by: string[];
  interval: 'day' | 'week' | 'month' | null;
  minN: number;
  rows: ScoreRow[];
  notes: string[];
}

export interface Comparison {
  /** b - a */
  difference: number | null;
  ci95: Interval | null;
  p: number | null;
  significant: boolean;
  test: string;
  insufficient: boolean;
  flags: string[];
}

export interface MetricChange<S extends Score = Score> {
  a: S;
  b: S;
  change: Comparison;
}

export type CompareRow = { [K in ScoreMetric]?: MetricChange } & { [key: string]: unknown };

export interface CompareReport {
  window: { from: string; to: string };
  mode: string;
  a: { label: string; window: { from: string; to: string } };
  b: { label: string; window: { from: string; to: string } };
  by: string[];
  alpha: number;
  rows: CompareRow[];
  notes: string[];
}

export interface ScoresQuery {
  by?: string;
  interval?: 'day' | 'week' | 'month';
  metric?: ScoreMetric;
  touchpoint?: string;
}

export interface QuartileSummary {
  n: number;
  p25: number | null;
  median: number | null;
  p75: number | null;
}

export interface FunnelStage {
  stage: string;
  /** people who reached this stage in order */
  customers: number;
  conversionRate: number | null;
  conversionCi95: Interval | null;
  dropOff: number;
  dropOffRate: number | null;
  overallRate: number | null;
  /** ms from the previous stage */
  timeFromPrevious: QuartileSummary | null;
}

export interface FunnelReport {
  window: { from: string; to: string };
  by: string | null;
  stages: FunnelStage[];
  breakdown: (Record<string, unknown> & { stages: FunnelStage[] })[] | null;
}

export interface JourneyTimeReport {
  journeys: number;
  startedBefore: number;
  outcomes: { purchase: string[]; churn: string[] };
  /** ms, first touch to first purchase */
  buying: QuartileSummary;
  /** ms, first purchase to churn or last interaction */
  owning: QuartileSummary & { endedByChurn: number };
  notes: string[];
}

export interface Rate {
  rate: number | null;
  ci95: Interval | null;
}

export interface RetentionReport {
  churnDays: number;
  cohorts: {
    cohort: string;
    customers: number;
    months: { offset: number; active: number; rate: number }[];
  }[];
  repeatPurchase: { customers: number; repeaters: number } & Rate;
  churn: { customers: number; churned: number; byEvent: number; byInactivity: number } & Rate;
  notes: string[];
}

export interface GroupOutcome {
  n: number;
  count: number;
  rate: number | null;
}

export interface PainEvidence {
  outcome: 'dropOff' | 'support' | 'purchase' | 'churn';
  description: string;
  affected: GroupOutcome;
  unaffected: GroupOutcome;
  /** affected − unaffected in percentage points */
  change: Comparison & { pAdjusted: number | null };
}

export interface PainPoint {
  rank: number;
  touchpoint: string;
  name: string;
  stage: string;
  channel: string;
  painScore: number;
  significant: boolean;
  customers: number;
  affected: number;
  reach: number;
  severity: number;
  feedback: { responses: number; low: number; lowShare: number | null; meanShareOfScale: number | null };
  failures: { id: string; label: string | null; customers: number; events: number }[];
  evidence: PainEvidence[];
  summary: string[];
}

export interface PainPointsReport {
  formula: string;
  followDays: number;
  churnDays: number;
  alpha: number;
  people: number;
  painPoints: PainPoint[];
  notes: string[];
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
  retention: (period: Period, signal?: AbortSignal) =>
    http.get<RetentionReport>('/v1/analytics/retention', windowOf(period), signal),
};

/** A row's value for one grouping key, as text (null and missing alike become null). */
export function keyOf(row: Record<string, unknown>, key: string): string | null {
  const value = row[key];
  return value === null || value === undefined ? null : String(value);
}
