import { logGamma } from '../stats/special-functions.ts';

const logChoose = (n: number, k: number) => logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);

/**
 * P(X >= k) for X hypergeometric: k or more of `draws` customers (those who bought X) among the
 * `successes` (those who bought Y) of a population of `population`. Fisher's one-sided exact test
 * of "buying X and buying Y are independent" against "they go together".
 */
export function hypergeometricUpperTail(
  k: number,
  population: number,
  successes: number,
  draws: number,
): number {
  const lo = Math.max(0, draws + successes - population);
  const hi = Math.min(draws, successes);
  if (k <= lo) return 1;
  if (k > hi) return 0;
  const total = logChoose(population, draws);
  let p = 0;
  for (let i = k; i <= hi; i++)
    p += Math.exp(logChoose(successes, i) + logChoose(population - successes, draws - i) - total);
  return Math.min(1, p);
}
