/**
 * Intervals for comparing the risk of a bad outcome between an exposed group (a bad experience at a
 * touchpoint) and an unexposed one (a good experience there), from the four cells of a 2 x 2 table.
 *
 * - Risk difference: Newcombe's hybrid score interval (method 10 of Newcombe 1998), built from the two
 *   Wilson intervals. Unlike the Wald interval it stays inside [-1, 1] and keeps a sensible width when
 *   a risk is 0 or 1, which happens often for rare failures in small segments.
 * - Lift (relative risk): Katz's log interval, exp(log RR ± z·sqrt(1/a - 1/n1 + 1/c - 1/n0)). When the
 *   exposed or unexposed count of bad outcomes is 0 the log is undefined; then 0.5 is added to every
 *   cell (Haldane-Anscombe) and the answer says so.
 */
import { wilsonInterval } from '../metrics/proportion.ts';
import { Z_95, type Interval } from '../metrics/score-types.ts';
import { normalTwoSidedP } from '../stats/distributions.ts';

/** Bad outcomes among the exposed (`a` of `n1`) and the unexposed (`c` of `n0`). */
export interface TwoByTwo {
  a: number;
  n1: number;
  c: number;
  n0: number;
}

function checkTable({ a, n1, c, n0 }: TwoByTwo): void {
  for (const [name, v] of Object.entries({ a, n1, c, n0 })) {
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`${name} must be a whole number >= 0, got ${v}`);
  }
  if (a > n1 || c > n0) throw new RangeError(`counts exceed their groups: ${a}/${n1}, ${c}/${n0}`);
}

/** p1 - p0 with Newcombe's hybrid score interval; null when a group is empty. */
export function riskDifference(
  table: TwoByTwo,
  z: number = Z_95,
): { estimate: number; ci95: Interval } | null {
  checkTable(table);
  const { a, n1, c, n0 } = table;
  if (n1 === 0 || n0 === 0) return null;
  const p1 = a / n1;
  const p0 = c / n0;
  const [l1, u1] = wilsonInterval(a, n1, z)!;
  const [l0, u0] = wilsonInterval(c, n0, z)!;
  const d = p1 - p0;
  const lower = d - Math.sqrt((p1 - l1) ** 2 + (u0 - p0) ** 2);
  const upper = d + Math.sqrt((u1 - p1) ** 2 + (p0 - l0) ** 2);
  return { estimate: d, ci95: [Math.max(-1, lower), Math.min(1, upper)] };
}

export interface Lift {
  estimate: number;
  ci95: Interval;
  /** 0.5 was added to every cell because a count of bad outcomes was 0. */
  corrected: boolean;
}

/** p1 / p0 with Katz's log interval; null when a group is empty or nobody had the bad outcome. */
export function lift(table: TwoByTwo, z: number = Z_95): Lift | null {
  checkTable(table);
  const { a, n1, c, n0 } = table;
  if (n1 === 0 || n0 === 0 || a + c === 0) return null;
  const corrected = a === 0 || c === 0;
  const k = corrected ? 0.5 : 0;
  // With the correction each group gains one cell's worth: 0.5 bad and 0.5 good outcomes.
  const [a2, m1, c2, m0] = [a + k, n1 + 2 * k, c + k, n0 + 2 * k];
  const rr = a2 / m1 / (c2 / m0);
  const se = Math.sqrt(1 / a2 - 1 / m1 + 1 / c2 - 1 / m0);
  return { estimate: rr, ci95: [rr * Math.exp(-z * se), rr * Math.exp(z * se)], corrected };
}

/**
 * Two-sided p-value of the pooled two-proportion z test (the Pearson chi-square test without
 * continuity correction); null when the pooled risk is 0 or 1, where the test has no variance.
 */
export function twoProportionP(table: TwoByTwo): number | null {
  checkTable(table);
  const { a, n1, c, n0 } = table;
  if (n1 === 0 || n0 === 0) return null;
  const pooled = (a + c) / (n1 + n0);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n0));
  if (!(se > 0)) return null;
  return normalTwoSidedP((a / n1 - c / n0) / se);
}
