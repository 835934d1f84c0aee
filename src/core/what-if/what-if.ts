/**
 * What-if: "if we improve touchpoint X, what happens to the outcome?" as a path model.
 *
 *   direct   = b_X · ΔS_X                 the driver model's coefficient of X times X's score change
 *   indirect = Σ_j b_j · ΔS_j,  ΔS_j = -RD(X→j) · Δbad_X · g_j
 *
 * Fewer bad experiences at X (Δbad_X < 0) mean RD(X→j) · Δbad_X fewer bad experiences at each other
 * driver touchpoint j (the measured cross-impact), and every bad experience avoided at j lifts j's
 * score by g_j, the mean score gap between good and bad experiences there. b_X is the effect of X
 * holding the other touchpoints fixed, so the indirect paths add to it rather than count it twice.
 *
 * The interval is Monte Carlo propagation of the estimates' sampling uncertainty: the coefficients
 * drawn jointly normal with their OLS covariance, each risk difference and score gap normal with its
 * standard error, 10,000 draws from a fixed seed, 2.5 and 97.5 percentiles.
 */
import { createRandom } from '../demo/random.ts';
import { pivotedCholesky } from '../drivers/linear-algebra.ts';
import type { Interval } from '../metrics/score-types.ts';
import { percentileContSorted } from '../stats/quantiles.ts';

/** A touchpoint's entry, never an inherited one: a touchpoint may be called "constructor". */
const own = <T>(record: Readonly<Record<string, T>>, id: string): T | undefined =>
  Object.hasOwn(record, id) ? record[id] : undefined;

export interface Uncertain {
  estimate: number;
  se: number;
}

export type Change =
  /** Every score at X moves up by d points, capped at the top of the scale (from X's distribution). */
  | { kind: 'lift'; points: number; deltaScore: number; deltaBad: number }
  /** A fraction of X's bad experiences become good ones (0.5 halves them). */
  | { kind: 'reduce-bad'; fraction: number; badShare: number };

export interface WhatIfInput {
  target: string;
  /** Drivers of the model, their coefficients (outcome units per driver unit) and covariance. */
  drivers: readonly string[];
  b: readonly number[];
  covB: Float64Array;
  /** Per driver: mean score of good minus bad experiences, in driver units (null: unknown). */
  gaps: Readonly<Record<string, Uncertain | null>>;
  /** Per other driver j: the risk difference of a bad experience at j after a bad one at X. */
  rd: Readonly<Record<string, Uncertain | null>>;
  change: Change;
  draws?: number;
  seed?: number;
}

export interface Estimate {
  estimate: number;
  ci95: Interval;
}

export interface PathEffect {
  touchpoint: string;
  riskDifference: number | null;
  scoreGap: number | null;
  b: number;
  /** Change in bad-experience share at j and in its mean score. */
  deltaBad: number;
  deltaScore: number;
  contribution: number;
}

export interface WhatIfResult {
  deltaScore: number;
  deltaBad: number;
  direct: Estimate;
  indirect: Estimate;
  total: Estimate;
  paths: PathEffect[];
  /** Driver touchpoints whose path could not be measured (no risk difference or gap): counted as 0. */
  unmeasured: string[];
  method: string;
}

interface Draw {
  b: Float64Array;
  gap: (id: string) => number | null;
  rd: (id: string) => number | null;
}

function evaluate(input: WhatIfInput, d: Draw) {
  const x = input.drivers.indexOf(input.target);
  const gx = d.gap(input.target);
  let deltaScore: number;
  let deltaBad: number;
  if (input.change.kind === 'lift') {
    deltaScore = input.change.deltaScore;
    deltaBad = input.change.deltaBad;
  } else {
    deltaBad = -input.change.fraction * input.change.badShare;
    deltaScore = gx === null ? 0 : -deltaBad * gx;
  }
  const direct = d.b[x]! * deltaScore;
  const paths: PathEffect[] = [];
  let indirect = 0;
  input.drivers.forEach((id, j) => {
    if (j === x) return;
    const rd = d.rd(id);
    const gap = d.gap(id);
    const dBad = rd === null ? 0 : rd * deltaBad;
    const dScore = gap === null ? 0 : -dBad * gap;
    const contribution = d.b[j]! * dScore;
    indirect += contribution;
    paths.push({
      touchpoint: id,
      riskDifference: rd,
      scoreGap: gap,
      b: d.b[j]!,
      deltaBad: dBad,
      deltaScore: dScore,
      contribution,
    });
  });
  return { deltaScore, deltaBad, direct, indirect, paths };
}

export function whatIf(input: WhatIfInput): WhatIfResult {
  const p = input.drivers.length;
  if (input.b.length !== p || input.covB.length !== p * p) throw new RangeError('one coefficient per driver');
  if (!input.drivers.includes(input.target)) throw new RangeError(`${input.target} is not a driver`);
  const point = evaluate(input, {
    b: Float64Array.from(input.b),
    gap: (id) => own(input.gaps, id)?.estimate ?? null,
    rd: (id) => own(input.rd, id)?.estimate ?? null,
  });

  // Correlated normal draws of b: b̂ + L z with L Lᵀ = Cov(b) (a singular direction has no spread).
  const { l } = pivotedCholesky(input.covB, p, 0);
  const random = createRandom(input.seed ?? 1);
  const n = input.draws ?? 10_000;
  const sums = { direct: new Float64Array(n), indirect: new Float64Array(n), total: new Float64Array(n) };
  const z = new Float64Array(p);
  const b = new Float64Array(p);
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < p; i++) z[i] = random.normal(0, 1);
    for (let i = 0; i < p; i++) {
      let s = input.b[i]!;
      for (let j = 0; j <= i; j++) s += l[i * p + j]! * z[j]!;
      b[i] = s;
    }
    const gaps = new Map<string, number | null>();
    const rds = new Map<string, number | null>();
    for (const id of input.drivers) {
      const g = own(input.gaps, id);
      gaps.set(id, g ? random.normal(g.estimate, g.se) : null);
      const r = own(input.rd, id);
      rds.set(id, r ? random.normal(r.estimate, r.se) : null);
    }
    const e = evaluate(input, { b, gap: (id) => gaps.get(id) ?? null, rd: (id) => rds.get(id) ?? null });
    sums.direct[k] = e.direct;
    sums.indirect[k] = e.indirect;
    sums.total[k] = e.direct + e.indirect;
  }
  const interval = (values: Float64Array): Interval => {
    values.sort();
    return [percentileContSorted(values, 0.025)!, percentileContSorted(values, 0.975)!];
  };
  const unmeasured = input.drivers.filter(
    (id) => id !== input.target && (!own(input.rd, id) || !own(input.gaps, id)),
  );
  return {
    deltaScore: point.deltaScore,
    deltaBad: point.deltaBad,
    direct: { estimate: point.direct, ci95: interval(sums.direct) },
    indirect: { estimate: point.indirect, ci95: interval(sums.indirect) },
    total: { estimate: point.direct + point.indirect, ci95: interval(sums.total) },
    paths: point.paths,
    unmeasured,
    method: `Monte Carlo propagation of sampling uncertainty (${n} draws, seed ${input.seed ?? 1}): coefficients jointly normal with their OLS covariance, risk differences and score gaps normal with their standard errors; 2.5 and 97.5 percentiles`,
  };
}
