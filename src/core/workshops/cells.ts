/**
 * One cell of a workshop (a touchpoint's effort or importance, or one pair's influence) summarised
 * from the participants' judgements: the median (the team's judgement; robust to one outlier, and
 * a value of the scale or halfway between two), the interquartile range as the spread, and whether
 * the team disagrees.
 *
 * Disagreement rule: at least two judgements, and the lowest and highest differ by at least half the
 * scale's range rounded up (2 points on the 0-3 influence scale, 2 on the 1-5 scales): someone says
 * "none" or "weak" where someone else says "moderate" or "strong". With the 2-3 judgements a cell
 * typically gets, an interval on the median would be wider than the scale, so the flag is a plain
 * statement about the judgements, not a test.
 */
import { median, percentileCont } from '../stats/quantiles.ts';

export interface CellSummary {
  /** Judgements given (not "don't know"). */
  n: number;
  /** "Don't know" answers. */
  unknown: number;
  median: number | null;
  /** Interquartile range (linear interpolation, like percentile_cont). */
  iqr: number | null;
  min: number | null;
  max: number | null;
  disagreement: boolean;
}

export function disagreementGap(scale: { min: number; max: number }): number {
  return Math.ceil((scale.max - scale.min) / 2);
}

export function summariseCell(
  answers: readonly (number | null)[],
  scale: { min: number; max: number },
): CellSummary {
  const values = answers.filter((a): a is number => a !== null);
  const unknown = answers.length - values.length;
  if (values.length === 0)
    return { n: 0, unknown, median: null, iqr: null, min: null, max: null, disagreement: false };
  const min = Math.min(...values);
  const max = Math.max(...values);
  return {
    n: values.length,
    unknown,
    median: median(values),
    iqr: percentileCont(values, 0.75)! - percentileCont(values, 0.25)!,
    min,
    max,
    disagreement: values.length >= 2 && max - min >= disagreementGap(scale),
  };
}
