/**
 * Importance-performance analysis (Martilla and James 1977): each driver placed by how much it
 * matters (its share of explained variance) and how well it does (its mean score). The cut-offs are
 * always reported, because the same data read with a mean or a median split can move a touchpoint
 * from "fix first" to "keep up".
 */

/** 'mean' or 'median' of the drivers' values on that axis, or a fixed number. */
export type ThresholdRule = 'mean' | 'median' | number;

export type Quadrant =
  /** High importance, low performance: where improvement pays most. */
  | 'concentrate-here'
  /** High importance, high performance. */
  | 'keep-up-the-good-work'
  /** Low importance, low performance. */
  | 'low-priority'
  /** Low importance, high performance: effort may be better spent elsewhere. */
  | 'possible-overkill';

/**
 * What a driver is told: a quadrant only with evidence behind it, otherwise why not. A driver that
 * is not significant, whose effect runs against the outcome (better score, worse outcome), or that has
 * no performance axis (a categorical column, or a lone driver with nothing to compare against) gets
 * no quadrant: advice the statistics do not support would mislead.
 */
export type Advice = Quadrant | 'not-enough-evidence' | 'works-against-outcome' | 'not-placed';

export const ADVICE_STATES: readonly Advice[] = [
  'concentrate-here',
  'keep-up-the-good-work',
  'low-priority',
  'possible-overkill',
  'not-enough-evidence',
  'works-against-outcome',
  'not-placed',
];

export interface ResolvedThreshold {
  rule: 'mean' | 'median' | 'value';
  value: number;
}

export interface QuadrantPoint {
  importance: number;
  performance: number;
}

export interface QuadrantResult {
  thresholds: { importance: ResolvedThreshold; performance: ResolvedThreshold };
  quadrants: Quadrant[];
  counts: Record<Quadrant, number>;
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function resolveThreshold(rule: ThresholdRule, values: readonly number[]): ResolvedThreshold {
  if (typeof rule === 'number') return { rule: 'value', value: rule };
  if (values.length === 0) return { rule, value: 0 };
  if (rule === 'median') return { rule, value: median(values) };
  return { rule, value: values.reduce((a, b) => a + b, 0) / values.length };
}

/** A point on a threshold counts as high: "at least average" reads as meeting the bar. */
export function classifyQuadrants(
  points: readonly QuadrantPoint[],
  importanceRule: ThresholdRule,
  performanceRule: ThresholdRule,
): QuadrantResult {
  const importance = resolveThreshold(
    importanceRule,
    points.map((p) => p.importance),
  );
  const performance = resolveThreshold(
    performanceRule,
    points.map((p) => p.performance),
  );
  const counts: Record<Quadrant, number> = {
    'concentrate-here': 0,
    'keep-up-the-good-work': 0,
    'low-priority': 0,
    'possible-overkill': 0,
  };
  const quadrants = points.map((p): Quadrant => {
    const important = p.importance >= importance.value;
    const performing = p.performance >= performance.value;
    const q: Quadrant = important
      ? performing
        ? 'keep-up-the-good-work'
        : 'concentrate-here'
      : performing
        ? 'possible-overkill'
        : 'low-priority';
    counts[q]++;
    return q;
  });
  return { thresholds: { importance, performance }, quadrants, counts };
}
