import type { MetricSums, ScaleRange } from '../../core/metrics/aggregate.ts';
import type { MeanSums } from '../../core/metrics/mean.ts';
import { num, text, type RowOf } from '../../platform/store/rows.ts';

/** The columns of one row of sql/scores.ts: the counts of one metric in one group. */
export const metricSumsColumns = {
  metric: text,
  n: num,
  score_sum: num,
  score_squares: num,
  /** good answers (core/experience): promoters, satisfied, easy */
  good: num,
  /** bad answers with the default thresholds: detractors for NPS */
  bad: num,
  scale_min_lo: num,
  scale_min_hi: num,
  scale_max_lo: num,
  scale_max_hi: num,
};
export type MetricSumsRow = RowOf<typeof metricSumsColumns>;

function addMean(into: MeanSums & ScaleRange, row: MetricSumsRow): void {
  // Two sets of rows on one scale each: mixed when either was mixed or their scales differ.
  const mixed = row.scale_min_lo !== row.scale_min_hi || row.scale_max_lo !== row.scale_max_hi;
  into.mixedScales ||= mixed || into.scaleMin !== row.scale_min_lo || into.scaleMax !== row.scale_max_hi;
  into.scaleMin = Math.min(into.scaleMin, row.scale_min_lo);
  into.scaleMax = Math.max(into.scaleMax, row.scale_max_hi);
  into.n += row.n;
  into.sum += row.score_sum;
  into.sumSquares += row.score_squares;
}

function emptyMean(row: MetricSumsRow): MeanSums & ScaleRange {
  return {
    n: 0,
    sum: 0,
    sumSquares: 0,
    scaleMin: row.scale_min_lo,
    scaleMax: row.scale_max_hi,
    mixedScales: false,
  };
}

/**
 * Adds one SQL row (one metric of one group) into a group's MetricSums, in place. Counts and sums
 * are additive, which is what lets the service group by touchpoint in SQL and roll touchpoints up
 * into stages, phases and channels from the journey map. The scale bounds arrive as min and max
 * of both ends: a group mixes scales exactly when either end varies. Rows of unknown metrics add
 * nothing. In place and without intermediate objects, because it runs once per SQL row.
 */
export function addSumsRow(into: MetricSums, row: MetricSumsRow): void {
  switch (row.metric) {
    case 'nps': {
      const nps = (into.nps ??= { n: 0, promoters: 0, detractors: 0 });
      nps.n += row.n;
      nps.promoters += row.good;
      nps.detractors += row.bad;
      return;
    }
    case 'csat': {
      const csat = (into.csat ??= { n: 0, satisfied: 0 });
      csat.n += row.n;
      csat.satisfied += row.good;
      return;
    }
    case 'ces': {
      const ces = (into.ces ??= { ...emptyMean(row), easy: 0 });
      addMean(ces, row);
      ces.easy += row.good;
      return;
    }
    case 'rating':
      addMean((into.rating ??= emptyMean(row)), row);
      return;
  }
}
