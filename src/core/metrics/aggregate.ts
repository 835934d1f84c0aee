/**
 * In-memory reference for the score report: plain feedback rows in, one score object per metric,
 * group and time bucket out. The SQL path produces the same MetricSums per group and finishes
 * them with the same finishScores, so "SQL and in-memory give the same numbers" reduces to
 * "they count and sum the same rows"; see the SQL equivalents noted on each field.
 */
import { isGoodAnswer } from '../experience/answers.ts';
import { cesScore, type CesScore, type CesSums } from './ces.ts';
import { csatScore, csatTopTwoBoxMin, type CsatCounts, type CsatScore } from './csat.ts';
import type { MeanScore, MeanSums } from './mean.ts';
import { npsCategory, npsScore, type NpsCounts, type NpsScore } from './nps.ts';
import { bucketStart, periodLabel, type TimeBucket } from './period.ts';
import { ratingScore } from './rating.ts';
import type { ScoreOptions } from './score-types.ts';

export type ScoreMetric = 'nps' | 'csat' | 'ces' | 'rating';
export const SCORE_METRICS: readonly ScoreMetric[] = ['nps', 'csat', 'ces', 'rating'];

export interface FeedbackRow {
  touchpoint: string;
  /** rows whose metric is not a ScoreMetric (free text, ...) are counted in skippedRows */
  metric: string;
  score: number;
  scaleMin: number;
  scaleMax: number;
  /** ms since the epoch */
  timestamp: number;
  /** grouping keys such as stage, channel or customer traits */
  readonly [key: string]: unknown;
}

export type GroupValue = string | number | boolean | null;

export interface AggregateOptions extends ScoreOptions {
  /** row fields to group by, e.g. ['touchpoint'] or ['stage', 'channel']; default none */
  groupBy?: readonly string[];
  /** time bucket (UTC); default none, i.e. the whole window is one period */
  interval?: TimeBucket;
}

/** Scale bounds over a group's rows: SQL min(scale_min), max(scale_max), count(DISTINCT ...) > 1. */
export interface ScaleRange {
  scaleMin: number;
  scaleMax: number;
  mixedScales: boolean;
}

/** What SQL aggregates per group; every count is over the group's rows of that metric. */
export interface MetricSums {
  /** n, count FILTER (score >= 9), count FILTER (score <= 6) */
  nps?: NpsCounts;
  /** n, count FILTER (score >= scale_max - 1) */
  csat?: CsatCounts;
  /** n, sum(score), sum(score * score), count FILTER (2 * score > scale_min + scale_max) */
  ces?: CesSums & ScaleRange;
  /** n, sum(score), sum(score * score) */
  rating?: MeanSums & ScaleRange;
}

export interface GroupSums {
  keys: Record<string, GroupValue>;
  /** bucket start in ms, null without an interval */
  periodStart: number | null;
  sums: MetricSums;
}

export interface MetricScores {
  nps?: NpsScore;
  csat?: CsatScore;
  ces?: CesScore;
  rating?: MeanScore;
}

export interface ScoreRow extends MetricScores {
  keys: Record<string, GroupValue>;
  /** bucket's first day, YYYY-MM-DD (date_trunc in UTC); null without an interval */
  period: string | null;
  periodStart: number | null;
}

function isScoreMetric(metric: string): metric is ScoreMetric {
  return (SCORE_METRICS as readonly string[]).includes(metric);
}

function fail(index: number, field: string, message: string): never {
  throw new RangeError(`rows[${index}].${field} ${message}`);
}

function validateRow(row: FeedbackRow, index: number, metric: ScoreMetric): void {
  for (const field of ['score', 'scaleMin', 'scaleMax', 'timestamp'] as const) {
    if (typeof row[field] !== 'number' || !Number.isFinite(row[field])) {
      fail(index, field, `must be a finite number, got ${String(row[field])}`);
    }
  }
  if (!(row.scaleMin < row.scaleMax)) fail(index, 'scaleMax', `must exceed scaleMin (${row.scaleMin})`);
  if (row.score < row.scaleMin || row.score > row.scaleMax) {
    fail(index, 'score', `must be within [${row.scaleMin}, ${row.scaleMax}], got ${row.score}`);
  }
  // An NPS asked on another scale is not an NPS: its 9-10 / 0-6 cut-offs would mean nothing.
  if (metric === 'nps' && (row.scaleMin !== 0 || row.scaleMax !== 10)) {
    fail(index, 'scaleMin', `an NPS must be on the 0-10 scale, got ${row.scaleMin}-${row.scaleMax}`);
  }
}

function groupValue(row: FeedbackRow, key: string, index: number): GroupValue {
  const value = Object.hasOwn(row, key) ? row[key] : undefined;
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  return fail(index, key, `must be a string, number, boolean or null to group by, got ${typeof value}`);
}

function newMeanSums(row: FeedbackRow): MeanSums & ScaleRange {
  return { n: 0, sum: 0, sumSquares: 0, scaleMin: row.scaleMin, scaleMax: row.scaleMax, mixedScales: false };
}

function addToMean(sums: MeanSums & ScaleRange, row: FeedbackRow): void {
  sums.n += 1;
  sums.sum += row.score;
  sums.sumSquares += row.score * row.score;
  if (row.scaleMin !== sums.scaleMin || row.scaleMax !== sums.scaleMax) {
    sums.mixedScales = true;
    sums.scaleMin = Math.min(sums.scaleMin, row.scaleMin);
    sums.scaleMax = Math.max(sums.scaleMax, row.scaleMax);
  }
}

function addRow(sums: MetricSums, row: FeedbackRow, metric: ScoreMetric): void {
  switch (metric) {
    case 'nps': {
      const counts = (sums.nps ??= { n: 0, promoters: 0, detractors: 0 });
      const category = npsCategory(row.score);
      counts.n += 1;
      if (category === 'promoter') counts.promoters += 1;
      if (category === 'detractor') counts.detractors += 1;
      return;
    }
    case 'csat': {
      const counts = (sums.csat ??= { n: 0, satisfied: 0 });
      counts.n += 1;
      if (row.score >= csatTopTwoBoxMin({ min: row.scaleMin, max: row.scaleMax })) counts.satisfied += 1;
      return;
    }
    case 'ces': {
      const ces = (sums.ces ??= { ...newMeanSums(row), easy: 0 });
      addToMean(ces, row);
      // "easy" is core/experience's good CES answer: above the scale's midpoint, 5-7 on 1-7
      if (isGoodAnswer('ces', row.score, { min: row.scaleMin, max: row.scaleMax })) ces.easy += 1;
      return;
    }
    case 'rating':
      addToMean((sums.rating ??= newMeanSums(row)), row);
      return;
  }
}

/** Groups rows and counts them per metric, as the SQL GROUP BY does. */
export function accumulateFeedback(
  rows: Iterable<FeedbackRow>,
  options: AggregateOptions = {},
): { groups: GroupSums[]; skippedRows: number } {
  const groupBy = options.groupBy ?? [];
  const groups = new Map<string, GroupSums>();
  let skippedRows = 0;
  let index = -1;
  for (const row of rows) {
    index += 1;
    const metric = row.metric;
    if (!isScoreMetric(metric)) {
      skippedRows += 1;
      continue;
    }
    validateRow(row, index, metric);
    const periodStart = options.interval ? bucketStart(row.timestamp, options.interval) : null;
    const values = groupBy.map((key) => groupValue(row, key, index));
    const id = JSON.stringify([periodStart, ...values]);
    let group = groups.get(id);
    if (!group) {
      // fromEntries defines own properties: a key "__proto__" stays a key, not the prototype.
      const keys: Record<string, GroupValue> = Object.fromEntries(groupBy.map((key, i) => [key, values[i]!]));
      group = { keys, periodStart, sums: {} };
      groups.set(id, group);
    }
    addRow(group.sums, row, metric);
  }
  const sorted = [...groups.values()].sort((a, b) => compareKeyed(a, b, groupBy));
  return { groups: sorted, skippedRows };
}

/**
 * Row order of every grouped report, in memory and from SQL alike: nulls last (as ORDER BY ... ASC
 * does in PostgreSQL and DuckDB), numbers by value, strings by code unit, which SQL collations
 * would not guarantee across engines.
 */
export function compareGroupValues(a: GroupValue, b: GroupValue): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** By period, then by each key in the order asked. */
export function compareKeyed(
  a: { periodStart: number | null; keys: Record<string, GroupValue> },
  b: { periodStart: number | null; keys: Record<string, GroupValue> },
  order: readonly string[],
): number {
  const byPeriod = compareGroupValues(a.periodStart, b.periodStart);
  if (byPeriod !== 0) return byPeriod;
  for (const key of order) {
    const byKey = compareGroupValues(a.keys[key] ?? null, b.keys[key] ?? null);
    if (byKey !== 0) return byKey;
  }
  return 0;
}

/** Turns one group's counts and sums into score objects; the SQL path calls this too. */
export function finishScores(sums: MetricSums, options?: ScoreOptions): MetricScores {
  const minN = options?.minN;
  const scores: MetricScores = {};
  if (sums.nps) scores.nps = npsScore(sums.nps, { minN });
  if (sums.csat) scores.csat = csatScore(sums.csat, { minN });
  if (sums.ces) {
    const { scaleMin, scaleMax, mixedScales } = sums.ces;
    const ces = cesScore(sums.ces, { minN, scale: { min: scaleMin, max: scaleMax } });
    if (mixedScales) ces.flags.push('mixed-scales');
    scores.ces = ces;
  }
  if (sums.rating) {
    const { scaleMin, scaleMax, mixedScales } = sums.rating;
    const rating = ratingScore(sums.rating, { minN, scale: { min: scaleMin, max: scaleMax } });
    if (mixedScales) rating.flags.push('mixed-scales');
    scores.rating = rating;
  }
  return scores;
}

/** Scores per group and time bucket from plain rows. */
export function aggregateScores(
  rows: Iterable<FeedbackRow>,
  options: AggregateOptions = {},
): { rows: ScoreRow[]; skippedRows: number } {
  const { groups, skippedRows } = accumulateFeedback(rows, options);
  return {
    rows: groups.map((group) => ({
      keys: group.keys,
      period: group.periodStart === null ? null : periodLabel(group.periodStart),
      periodStart: group.periodStart,
      ...finishScores(group.sums, options),
    })),
    skippedRows,
  };
}

/**
 * The row shape of `cxloop report scores --format json`: grouping keys and period at the top
 * level next to one object per metric present.
 */
export function toReportRow(row: ScoreRow): Record<string, unknown> {
  const report: Record<string, unknown> = { ...row.keys };
  if (row.period !== null) report.period = row.period;
  for (const metric of SCORE_METRICS) if (row[metric]) report[metric] = row[metric];
  return report;
}
