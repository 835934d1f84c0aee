import {
  clip,
  requireCount,
  resolveMinN,
  Z_95,
  type Interval,
  type Score,
  type ScoreOptions,
} from './score-types.ts';

/**
 * Wilson score interval for a binomial proportion, as fractions in [0, 1]. Unlike the Wald
 * interval it stays inside [0, 1] and keeps a non-zero width at 0 % and 100 %.
 */
export function wilsonInterval(successes: number, n: number, z: number = Z_95): Interval | null {
  requireCount('successes', successes);
  requireCount('n', n);
  if (successes > n) throw new RangeError(`successes (${successes}) must be <= n (${n})`);
  if (n === 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const halfWidth = (z / denominator) * Math.sqrt(Math.max(0, (p * (1 - p)) / n + z2 / (4 * n * n)));
  // Clip only rounding noise: the exact bounds lie in [0, 1], and equal 0 or 1 at p = 0 or 1.
  return [clip(centre - halfWidth, 0, 1), clip(centre + halfWidth, 0, 1)];
}

/** A share of responses as a percent score with a Wilson interval (CSAT, CES "easy"). */
export function percentScore(successes: number, n: number, options?: ScoreOptions): Score {
  const minN = resolveMinN(options);
  const interval = wilsonInterval(successes, n);
  if (interval === null) return { value: null, n, ci95: null, insufficient: true, flags: ['no-responses'] };
  return {
    value: (100 * successes) / n,
    n,
    ci95: [100 * interval[0], 100 * interval[1]],
    insufficient: n < minN,
    flags: [],
  };
}
