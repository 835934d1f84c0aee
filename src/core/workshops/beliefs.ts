/**
 * The team's judged influences set against the effects measured in customers' data.
 *
 * A judged influence of touchpoint A on touchpoint B is the median of the participants' 0-3
 * judgements. The measured effect is the cross-impact matrix's risk difference: the share of
 * customers with a bad experience at B after a bad experience at A, minus that share after a good
 * one (core/cross-impact). The two are on different scales, so they are compared by rank (Spearman)
 * and, pair by pair, by two rules that only fire when the data's interval says so:
 *
 * - **believed, not supported**: the team judges the influence moderate or strong (median >= 2) and
 *   the whole interval lies below `minEffect` (default 0.05): the data rules out an influence even
 *   as large as 5 percentage points.
 * - **not believed, measured strong**: the team judges it none or weak (median <= 1, at least one
 *   judgement) and the whole interval lies above `strongEffect` (default 0.10): the data shows an
 *   influence of surely more than 10 points.
 *
 * "The interval" here is a simultaneous one: the Newcombe interval recomputed at the Bonferroni
 * level 1 - 0.05 / m over the m pairs with an estimate, so that the chance of any false flag in the
 * whole report stays under 5 % rather than 5 % per pair (a 6-touchpoint workshop compares 30 pairs).
 * A pair without enough data is "not measured" and never flagged: unknown is not "no effect".
 */
import { riskDifference } from '../cross-impact/intervals.ts';
import type { Effect } from '../cross-impact/compare.ts';
import { normalQuantile } from '../stats/distributions.ts';
import { spearman, type RankCorrelation } from './spearman.ts';
import type { CellSummary } from './cells.ts';

export const DEFAULT_MIN_EFFECT = 0.05;
export const DEFAULT_STRONG_EFFECT = 0.1;
/** Judged medians at or above this are "believed" (moderate or strong on 0-3). */
export const BELIEVED = 2;
/** Judged medians at or below this are "not believed" (none or weak). */
export const NOT_BELIEVED = 1;

export type BeliefFlag = 'believed-not-supported' | 'strong-not-believed';

export interface BeliefPair {
  from: string;
  to: string;
  judged: CellSummary;
  measured: {
    status: 'ok' | 'insufficient' | 'not-measured';
    /** Customers compared (with signals at both touchpoints). */
    n: number;
    riskDifference: number | null;
    ci95: [number, number] | null;
    /** The simultaneous (Bonferroni) interval the flags use. */
    simultaneous: [number, number] | null;
    reason?: string;
  };
  flag: BeliefFlag | null;
  why: string | null;
}

export interface BeliefOptions {
  minEffect?: number;
  strongEffect?: number;
}

export interface BeliefComparison {
  pairs: BeliefPair[];
  rank: RankCorrelation;
  rule: string;
  /** Bonferroni level of the simultaneous intervals (e.g. 0.998 for 25 pairs). */
  level: number | null;
}

const pct = (x: number) => `${(x * 100).toFixed(1)} points`;

export function compareBeliefs(
  judged: readonly { from: string; to: string; summary: CellSummary }[],
  measured: ReadonlyMap<string, Effect>,
  options: BeliefOptions = {},
): BeliefComparison {
  const minEffect = options.minEffect ?? DEFAULT_MIN_EFFECT;
  const strongEffect = options.strongEffect ?? DEFAULT_STRONG_EFFECT;
  const key = (from: string, to: string) => `${from}\u0000${to}`;
  const estimated = judged.filter((j) => measured.get(key(j.from, j.to))?.status === 'ok').length;
  const alpha = 0.05 / Math.max(1, estimated);
  const z = normalQuantile(1 - alpha / 2);
  const pairs = judged.map(({ from, to, summary }): BeliefPair => {
    const effect = measured.get(key(from, to));
    if (!effect || effect.status !== 'ok') {
      return {
        from,
        to,
        judged: summary,
        measured: {
          status: effect ? 'insufficient' : 'not-measured',
          n: effect?.n ?? 0,
          riskDifference: null,
          ci95: null,
          simultaneous: null,
          ...(effect?.reason
            ? { reason: effect.reason }
            : effect
              ? {}
              : { reason: 'no signals at one of the touchpoints' }),
        },
        flag: null,
        why: null,
      };
    }
    const rd = effect.riskDifference!;
    const wide = riskDifference(
      { a: effect.exposed.events, n1: effect.exposed.n, c: effect.unexposed.events, n0: effect.unexposed.n },
      z,
    )!;
    let flag: BeliefFlag | null = null;
    let why: string | null = null;
    const m = summary.median;
    if (m !== null && m >= BELIEVED && wide.ci95[1] < minEffect) {
      flag = 'believed-not-supported';
      why = `judged ${m} of 3, but the data rules out an effect of ${pct(minEffect)} or more (simultaneous interval ${pct(wide.ci95[0])} to ${pct(wide.ci95[1])}, n = ${effect.n})`;
    } else if (m !== null && m <= NOT_BELIEVED && wide.ci95[0] > strongEffect) {
      flag = 'strong-not-believed';
      why = `judged ${m} of 3, but the data shows an effect of surely more than ${pct(strongEffect)} (simultaneous interval ${pct(wide.ci95[0])} to ${pct(wide.ci95[1])}, n = ${effect.n})`;
    }
    return {
      from,
      to,
      judged: summary,
      measured: {
        status: 'ok',
        n: effect.n,
        riskDifference: rd.estimate,
        ci95: rd.ci95,
        simultaneous: wide.ci95,
      },
      flag,
      why,
    };
  });
  const both = pairs.filter((p) => p.judged.median !== null && p.measured.riskDifference !== null);
  return {
    pairs,
    rank: spearman(
      both.map((p) => p.judged.median!),
      both.map((p) => p.measured.riskDifference!),
    ),
    level: estimated > 0 ? 1 - alpha : null,
    rule: `believed but not supported: judged median >= ${BELIEVED} of 3 and the simultaneous interval of the risk difference entirely below ${minEffect}; strong but not believed: judged median <= ${NOT_BELIEVED} and the interval entirely above ${strongEffect}. Simultaneous intervals: Newcombe's at the Bonferroni level 1 - 0.05 / ${estimated} over the pairs with an estimate. Pairs without enough data are never flagged.`,
  };
}
