/**
 * Spearman's rank correlation with a 95 % interval. Ties get average ranks, and rho is Pearson's r
 * on the ranks (the textbook 1 - 6 sum d^2 formula is wrong with ties, and judgements on a 0-3 scale
 * are nearly all ties). The interval is Fisher's z with the standard error sqrt(1.06 / (n - 3))
 * of Fieller, Hartley and Pearson (1957), which holds for Spearman's rho up to |rho| near 0.9.
 */
import { normalQuantile } from '../stats/distributions.ts';

export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const ranks = new Array<number>(values.length);
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]!.v === order[start]!.v) end++;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) ranks[order[k]!.i] = rank;
    start = end + 1;
  }
  return ranks;
}

function pearson(x: readonly number[], y: readonly number[]): number | null {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  if (sxx === 0 || syy === 0) return null;
  return sxy / Math.sqrt(sxx * syy);
}

export interface RankCorrelation {
  rho: number | null;
  ci95: [number, number] | null;
  n: number;
  method: string;
}

export function spearman(x: readonly number[], y: readonly number[]): RankCorrelation {
  if (x.length !== y.length) throw new RangeError('x and y must have the same length');
  const n = x.length;
  const method =
    "Spearman's rho (average ranks for ties), 95 % interval by Fisher's z with standard error sqrt(1.06 / (n - 3))";
  const rho = n >= 2 ? pearson(averageRanks(x), averageRanks(y)) : null;
  if (rho === null || n < 4) return { rho, ci95: null, n, method };
  const z = Math.atanh(Math.max(-0.999999, Math.min(0.999999, rho)));
  const half = normalQuantile(0.975) * Math.sqrt(1.06 / (n - 3));
  return { rho, ci95: [Math.tanh(z - half), Math.tanh(z + half)], n, method };
}
