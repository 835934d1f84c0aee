import type { MetricSums, ScaleRange } from '../core/metrics/aggregate.ts';
import type { MeanSums } from '../core/metrics/mean.ts';

/** One row of sql/scores.ts: the counts of one metric in one group. */
export interface MetricSumsRow {
  metric: string;
  n: number;
  score_sum: number;
  score_squares: number;
  promoters: number;
  detractors: number;
  top_two: number;
  above_mid: number;
  scale_min_lo: number;
  scale_min_hi: number;
  scale_max_lo: number;
  scale_max_hi: number;
}

function meanPart(row: MetricSumsRow): MeanSums & ScaleRange {
  return {
    n: row.n,
    sum: row.score_sum,
    sumSquares: row.score_squares,
    scaleMin: row.scale_min_lo,
    scaleMax: row.scale_max_hi,
    mixedScales: row.scale_min_lo !== row.scale_min_hi || row.scale_max_lo !== row.scale_max_hi,
  };
}

/** The MetricSums one SQL row contributes (a row holds one metric); unknown metrics give nothing. */
export function sumsFromRow(row: MetricSumsRow): MetricSums {
  switch (row.metric) {
    case 'nps':
      return { nps: { n: row.n, promoters: row.promoters, detractors: row.detractors } };
    case 'csat':
      return { csat: { n: row.n, satisfied: row.top_two } };
    case 'ces':
      return { ces: { ...meanPart(row), easy: row.above_mid } };
    case 'rating':
      return { rating: meanPart(row) };
    default:
      return {};
  }
}

function mergeRange<T extends MeanSums & ScaleRange>(a: T, b: T): ScaleRange {
  // Two groups on one scale each: mixed when either was mixed or their scales differ.
  return {
    scaleMin: Math.min(a.scaleMin, b.scaleMin),
    scaleMax: Math.max(a.scaleMax, b.scaleMax),
    mixedScales: a.mixedScales || b.mixedScales || a.scaleMin !== b.scaleMin || a.scaleMax !== b.scaleMax,
  };
}

function mergeMean<T extends MeanSums & ScaleRange>(a: T, b: T): MeanSums & ScaleRange {
  return { n: a.n + b.n, sum: a.sum + b.sum, sumSquares: a.sumSquares + b.sumSquares, ...mergeRange(a, b) };
}

/**
 * Adds `more` into `into`. Counts and sums are additive, which is what lets the service group by
 * touchpoint in SQL and roll touchpoints up into stages, phases and channels from the journey map.
 */
export function addSums(into: MetricSums, more: MetricSums): void {
  if (more.nps) {
    const a = into.nps;
    into.nps = a
      ? {
          n: a.n + more.nps.n,
          promoters: a.promoters + more.nps.promoters,
          detractors: a.detractors + more.nps.detractors,
        }
      : { ...more.nps };
  }
  if (more.csat) {
    const a = into.csat;
    into.csat = a ? { n: a.n + more.csat.n, satisfied: a.satisfied + more.csat.satisfied } : { ...more.csat };
  }
  if (more.ces) {
    const a = into.ces;
    into.ces = a ? { ...mergeMean(a, more.ces), easy: a.easy + more.ces.easy } : { ...more.ces };
  }
  if (more.rating) {
    const a = into.rating;
    into.rating = a ? mergeMean(a, more.rating) : { ...more.rating };
  }
}
