import { normalQuantile } from '../stats/distributions.ts';

/** One group's conversions to the goal. */
export interface Group {
  entered: number;
  converted: number;
}

export interface Lift {
  treated: { entered: number; converted: number; rate: number | null };
  holdout: { entered: number; converted: number; rate: number | null };
  /** treated rate minus holdout rate, in proportion points (0.05 = 5 points). */
  difference: number | null;
  /** The 95 % Newcombe (hybrid Wilson score) interval of the difference. */
  interval: [number, number] | null;
  /**
   * significant: the interval excludes 0; not_significant: it holds 0 (no lift shown, which is not
   * proof of none); too_few: a group has fewer than `minimum` entrants, so nothing is claimed.
   */
  verdict: 'significant' | 'not_significant' | 'too_few';
}

/** Wilson score interval of one proportion. */
export function wilson(successes: number, n: number, z: number): [number, number] {
  const p = successes / n;
  const denominator = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denominator;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/**
 * Goal conversion of entrants who went through the workflow against the holdout, with Newcombe's
 * method 10 interval for the difference of two independent proportions (Newcombe 1998), which
 * keeps its coverage with small counts and rates near 0 or 1 where the Wald interval does not.
 */
export function liftOf(treated: Group, holdout: Group, confidence = 0.95, minimum = 20): Lift {
  const rate = (g: Group) => (g.entered > 0 ? g.converted / g.entered : null);
  const base = {
    treated: { ...treated, rate: rate(treated) },
    holdout: { ...holdout, rate: rate(holdout) },
  };
  if (treated.entered < minimum || holdout.entered < minimum)
    return {
      ...base,
      difference: treated.entered && holdout.entered ? rate(treated)! - rate(holdout)! : null,
      interval: null,
      verdict: 'too_few',
    };
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const p1 = treated.converted / treated.entered;
  const p2 = holdout.converted / holdout.entered;
  const [l1, u1] = wilson(treated.converted, treated.entered, z);
  const [l2, u2] = wilson(holdout.converted, holdout.entered, z);
  const d = p1 - p2;
  const lower = d - Math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2);
  const upper = d + Math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2);
  return {
    ...base,
    difference: d,
    interval: [lower, upper],
    verdict: lower > 0 || upper < 0 ? 'significant' : 'not_significant',
  };
}
