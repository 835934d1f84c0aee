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

const windowOf = (period: Period): Query => ({ from: period.from, to: period.to });

export const analytics = {
  scores: (period: Period, query: ScoresQuery, signal?: AbortSignal) =>
    http.get<ScoresReport>('/v1/analytics/scores', { ...windowOf(period), ...query }, signal),
  /** The change from the window just before `period` to `period`, per group, with its test. */
  compare: (period: Period, query: Omit<ScoresQuery, 'interval'> & Query, signal?: AbortSignal) =>
    http.get<CompareReport>('/v1/analytics/compare', { ...windowOf(period), ...query }, signal),
};

/** A row's value for one grouping key, as text (null and missing alike become null). */
export function keyOf(row: Record<string, unknown>, key: string): string | null {
  const value = row[key];
  return value === null || value === undefined ? null : String(value);
}
