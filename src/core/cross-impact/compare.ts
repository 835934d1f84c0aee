/**
 * One comparison: how often an outcome (a bad experience at another touchpoint, a promoter score, a
 * repeat purchase, a churn) happens after a bad experience at a touchpoint against after a good one.
 * A comparison with too few customers on either side is reported as insufficient, with its counts
 * and no estimate: "unknown" must never read as "no effect".
 */
import type { Interval } from '../metrics/score-types.ts';
import { lift, riskDifference, twoProportionP, type TwoByTwo } from './intervals.ts';

/** Fewest customers on each side (bad and good experience) before an effect is estimated. */
export const DEFAULT_MIN_GROUP = 20;

export interface Group {
  /** Customers in the group. */
  n: number;
  /** Of them, customers with the outcome. */
  events: number;
  /** events / n; null when n = 0. */
  rate: number | null;
}

export interface Effect {
  status: 'ok' | 'insufficient';
  /** Why there is no estimate (status insufficient). */
  reason?: string;
  /** Customers compared: exposed.n + unexposed.n. */
  n: number;
  /** Customers with a bad experience at the touchpoint. */
  exposed: Group;
  /** Customers with a good experience there. */
  unexposed: Group;
  /** exposed.rate - unexposed.rate, Newcombe hybrid score interval. */
  riskDifference: { estimate: number; ci95: Interval } | null;
  /** exposed.rate / unexposed.rate, Katz log interval (null when no customer had the outcome). */
  lift: { estimate: number; ci95: Interval; corrected: boolean } | null;
  /** Two-sided p of the pooled two-proportion z test. */
  p: number | null;
  /** Benjamini-Hochberg adjusted p over the comparisons of one answer (set by `adjustFdr`). */
  q: number | null;
  /** The risk difference interval excludes 0. */
  significant: boolean;
}

const group = (n: number, events: number): Group => ({ n, events, rate: n > 0 ? events / n : null });

export function compare(table: TwoByTwo, minGroup: number = DEFAULT_MIN_GROUP): Effect {
  const exposed = group(table.n1, table.a);
  const unexposed = group(table.n0, table.c);
  const base = { n: table.n1 + table.n0, exposed, unexposed };
  if (table.n1 < minGroup || table.n0 < minGroup) {
    const reason =
      table.n1 + table.n0 === 0
        ? 'no customer has signals at both'
        : `${table.n1} customers with a bad and ${table.n0} with a good experience; at least ${minGroup} on each side are needed`;
    return {
      status: 'insufficient',
      reason,
      ...base,
      riskDifference: null,
      lift: null,
      p: null,
      q: null,
      significant: false,
    };
  }
  const rd = riskDifference(table)!;
  return {
    status: 'ok',
    ...base,
    riskDifference: rd,
    lift: lift(table),
    p: twoProportionP(table),
    q: null,
    significant: rd.ci95[0] > 0 || rd.ci95[1] < 0,
  };
}

/**
 * Benjamini-Hochberg false-discovery-rate adjustment, in place. A 30-touchpoint matrix holds 870
 * ordered pairs: at the 5 % level about 43 would look significant by chance alone, so each effect
 * also carries its q-value.
 */
export function adjustFdr(effects: readonly Effect[]): void {
  const tested = effects.filter((e) => e.p !== null).sort((x, y) => x.p! - y.p!);
  const m = tested.length;
  let running = 1;
  for (let k = m - 1; k >= 0; k--) {
    running = Math.min(running, (tested[k]!.p! * m) / (k + 1));
    tested[k]!.q = running;
  }
}
