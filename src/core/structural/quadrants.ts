import { TIE_TOLERANCE } from './ranking.ts';

export const QUADRANTS = ['influential', 'relay', 'dependent', 'autonomous'] as const;
export type Quadrant = (typeof QUADRANTS)[number];

export const THRESHOLD_METHODS = ['mean', 'median', 'midpoint'] as const;
export type ThresholdMethod = (typeof THRESHOLD_METHODS)[number];
/** How the map is cut: a statistic of the scores, or one fixed value for both axes. */
export type ThresholdSpec = ThresholdMethod | number;

export interface Threshold {
  method: ThresholdMethod | 'value';
  influence: number;
  dependence: number;
}

function median(values: ArrayLike<number>): number {
  const sorted = Array.from(values).sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function statistic(method: ThresholdMethod, values: ArrayLike<number>): number {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    sum += v;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  if (method === 'mean') return sum / values.length;
  if (method === 'midpoint') return (min + max) / 2;
  return median(values);
}

/**
 * `scale` converts a fixed value into the units of these scores: 1 for the direct map (raw sums),
 * 1 / (sum of the direct matrix) for the indirect map, whose scores are normalised to sum 1.
 */
export function resolveThreshold(
  spec: ThresholdSpec,
  influence: ArrayLike<number>,
  dependence: ArrayLike<number>,
  scale = 1,
): Threshold {
  if (typeof spec === 'number') return { method: 'value', influence: spec * scale, dependence: spec * scale };
  return { method: spec, influence: statistic(spec, influence), dependence: statistic(spec, dependence) };
}

/**
 * "High" means strictly above the threshold, with a little slack so that a score equal to the mean
 * up to rounding (every variable alike, say) is not called high: such a map has nothing that stands out.
 */
export function classify(
  influence: ArrayLike<number>,
  dependence: ArrayLike<number>,
  threshold: Threshold,
): Quadrant[] {
  const above = (value: number, cut: number) =>
    value - cut > TIE_TOLERANCE * Math.max(Math.abs(value), Math.abs(cut));
  const out: Quadrant[] = [];
  for (let i = 0; i < influence.length; i++) {
    const high = above(influence[i]!, threshold.influence);
    const dependent = above(dependence[i]!, threshold.dependence);
    out.push(high ? (dependent ? 'relay' : 'influential') : dependent ? 'dependent' : 'autonomous');
  }
  return out;
}
