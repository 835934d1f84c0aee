import type { ScoreMetric } from '../api/analytics.ts';
import { formatDecimal, formatInterval, formatSigned } from './format.ts';

/**
 * What each score means for display: its name, unit, and the range its colour scale spans from
 * poor to good (typical benchmarks, not targets). Colour always comes with the number in text.
 */
export interface MetricInfo {
  id: ScoreMetric;
  label: string;
  long: string;
  unit: string;
  /** value at the bad end, the middle and the good end of the colour scale */
  scale: [bad: number, mid: number, good: number];
}

export const METRICS: Record<ScoreMetric, MetricInfo> = {
  nps: { id: 'nps', label: 'NPS', long: 'Net Promoter Score (−100 to 100)', unit: '', scale: [-20, 20, 60] },
  csat: {
    id: 'csat',
    label: 'CSAT',
    long: 'Satisfied customers, top two boxes (%)',
    unit: ' %',
    scale: [60, 78, 92],
  },
  ces: {
    id: 'ces',
    label: 'CES',
    long: 'Customer Effort Score, mean on 1 (hard) to 7 (easy)',
    unit: '',
    scale: [3.5, 5, 6.2],
  },
  rating: { id: 'rating', label: 'Rating', long: 'Mean rating', unit: '', scale: [2, 3, 4] },
};

export const MAP_METRICS = ['nps', 'csat', 'ces'] as const satisfies readonly ScoreMetric[];
export type MapMetric = (typeof MAP_METRICS)[number];
/** Most touchpoints ask for CSAT, so it colours the most of the map; NPS is usually one relationship survey. */
export const DEFAULT_METRIC: MapMetric = 'csat';

export const formatScore = (metric: ScoreMetric, value: number | null | undefined) =>
  value === null || value === undefined ? '–' : `${formatDecimal(value)}${METRICS[metric].unit}`;

export const formatScoreChange = (metric: ScoreMetric, value: number | null | undefined) =>
  value === null || value === undefined ? '–' : `${formatSigned(value)}${metric === 'csat' ? ' pts' : ''}`;

export const formatScoreInterval = (metric: ScoreMetric, ci: readonly [number, number] | null | undefined) =>
  formatInterval(ci, METRICS[metric].unit);

const BAD = [194, 55, 43];
const MID = [240, 190, 70];
const GOOD = [31, 138, 76];

const mix = (a: number[], b: number[], t: number) =>
  `rgb(${a.map((v, i) => Math.round(v + (b[i]! - v) * t)).join(', ')})`;

/** The cell colour for a score on its metric's poor-to-good scale; null for no score. */
export function scoreColor(metric: ScoreMetric, value: number | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const [bad, mid, good] = METRICS[metric].scale;
  if (value <= mid) return mix(BAD, MID, Math.max(0, (value - bad) / (mid - bad)));
  return mix(MID, GOOD, Math.min(1, (value - mid) / (good - mid)));
}
