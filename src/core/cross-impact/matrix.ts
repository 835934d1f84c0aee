/**
 * The touchpoint cross-impact matrix from signal counts: for each ordered pair (i, j) the effect of a
 * bad experience at i on a bad experience at j among customers with signals at both, and for each
 * touchpoint its effect on each outcome. Pure: counts and names in, the JSON answer out.
 */
import { adjustFdr, compare, DEFAULT_MIN_GROUP, type Effect } from './compare.ts';
import { outcomeTable, pairTable, type SignalCounts } from './profiles.ts';
import { adjustForFailures, type AdjustedPair } from './adjusted-pairs.ts';

export interface TouchpointInfo {
  id: string;
  name: string;
  stage: string;
}

export interface OutcomeInfo {
  id: string;
  label: string;
  /** How the outcome is measured, in words, for the answer. */
  definition: string;
}

export interface PairEffect extends Effect {
  from: string;
  to: string;
  /** the pair held within groups of customers who met the same declared failures (when the map declares any) */
  adjusted?: AdjustedPair;
}

export interface OutcomeEffect extends Effect {
  touchpoint: string;
}

export interface TouchpointSummary extends TouchpointInfo {
  /** Customers with a signal here. */
  customers: number;
  /** Of them, customers with a bad experience. */
  bad: number;
  badShare: number | null;
}

export interface OutcomeSummary extends OutcomeInfo {
  /** Customers with a signal somewhere for whom the outcome could be measured after it. */
  measured: number;
  effects: OutcomeEffect[];
}

export interface CrossImpactMatrix {
  customers: number;
  /** Touchpoints with at least one signal, in journey order; matrix rows and columns follow it. */
  touchpoints: TouchpointSummary[];
  /** Touchpoints of the map without any signal in the data. */
  withoutSignals: string[];
  /** Every ordered pair i != j, row by row. */
  pairs: PairEffect[];
  /** The risk differences as a grid (rows influence columns); null on the diagonal and where insufficient. */
  riskDifference: (number | null)[][];
  lift: (number | null)[][];
  outcomes: OutcomeSummary[];
  /** The significant effects, the one surely largest first (by the interval end nearer to 0). */
  strongest: { pairs: PairEffect[]; outcomes: Record<string, OutcomeEffect[]> };
  notes: string[];
  warnings: string[];
}

export interface MatrixOptions {
  minGroup?: number;
  /** How many entries `strongest` lists (default 10). */
  top?: number;
  /** The counts per stratum (customers who met the same set of declared failures) and the failures' names. */
  strata?: { counts: readonly SignalCounts[]; failures: readonly string[] };
}

/**
 * How large an effect surely is: the end of its interval nearer to 0. Ranking by it rather than by
 * the estimate keeps a touchpoint with 40 customers and a wide interval from outranking a
 * well-measured effect by luck.
 */
export const assuredSize = (e: Effect): number =>
  e.riskDifference ? Math.min(Math.abs(e.riskDifference.ci95[0]), Math.abs(e.riskDifference.ci95[1])) : 0;

const byStrength = (a: Effect, b: Effect): number => assuredSize(b) - assuredSize(a);

export function buildMatrix(
  counts: SignalCounts,
  touchpoints: readonly TouchpointInfo[],
  outcomes: readonly OutcomeInfo[],
  options: MatrixOptions = {},
): CrossImpactMatrix {
  const minGroup = options.minGroup ?? DEFAULT_MIN_GROUP;
  const top = options.top ?? 10;
  if (touchpoints.length !== counts.touchpoints) throw new RangeError('one name per counted touchpoint');
  if (outcomes.length !== counts.outcomes.length) throw new RangeError('one name per counted outcome');

  const kept = touchpoints.map((_, i) => i).filter((i) => counts.observed[i]! > 0);
  const summaries: TouchpointSummary[] = kept.map((i) => ({
    ...touchpoints[i]!,
    customers: counts.observed[i]!,
    bad: counts.bad[i]!,
    badShare: counts.bad[i]! / counts.observed[i]!,
  }));

  const pairs: PairEffect[] = [];
  const grid = (): (number | null)[][] => kept.map(() => kept.map(() => null));
  const rd = grid();
  const lift = grid();
  kept.forEach((i, r) => {
    kept.forEach((j, c) => {
      if (i === j) return;
      const effect = compare(pairTable(counts, i, j), minGroup);
      const pair: PairEffect = { from: touchpoints[i]!.id, to: touchpoints[j]!.id, ...effect };
      if (options.strata)
        pair.adjusted = adjustForFailures(
          effect,
          options.strata.counts.map((stratum) => pairTable(stratum, i, j)),
          touchpoints[i]!.name,
        );
      pairs.push(pair);
      rd[r]![c] = effect.riskDifference?.estimate ?? null;
      lift[r]![c] = effect.lift?.estimate ?? null;
    });
  });
  adjustFdr(pairs);

  const outcomeSummaries: OutcomeSummary[] = outcomes.map((info, m) => {
    const effects = kept.map((i): OutcomeEffect => ({
      touchpoint: touchpoints[i]!.id,
      ...compare(outcomeTable(counts, m, i), minGroup),
    }));
    adjustFdr(effects);
    const measured = kept.reduce((max, i) => {
      const t = outcomeTable(counts, m, i);
      return Math.max(max, t.n1 + t.n0);
    }, 0);
    return { ...info, measured, effects };
  });

  const notes = [
    'Each pair compares customers with signals at both touchpoints: the share with a bad experience at the column touchpoint after a bad versus a good experience at the row touchpoint. These are associations among customers, not proof of cause.',
    `Risk differences carry Newcombe hybrid score intervals, lifts Katz log intervals (0.5 added to every cell when a count is 0); comparisons with fewer than ${minGroup} customers on either side are reported as insufficient, without an estimate.`,
    'q is the Benjamini-Hochberg adjusted p-value over the comparisons of the same table: with many pairs some intervals exclude 0 by chance.',
  ];
  const warnings: string[] = [];
  if (counts.customers === 0) warnings.push('No customer has an experience signal in the window.');
  else if (kept.length === 1) {
    warnings.push(
      `Only one touchpoint ("${touchpoints[kept[0]!]!.id}") has signals in the window: there are no pairs, only its effects on the outcomes.`,
    );
  }
  if (options.strata) {
    const explained = pairs.filter((p) => p.adjusted?.verdict === 'explained-by-failure').length;
    notes.push(
      `Adjusted for shared failures: each significant pair is also compared within groups of customers who met the same declared failures (${options.strata.failures.join(', ')}), pooled by Mantel-Haenszel (risk difference, Sato's variance); ${explained} pair(s) are explained by a shared failure (the adjusted interval includes 0 and the difference shrank by at least half).`,
    );
  }
  const insufficient = pairs.filter((p) => p.status === 'insufficient').length;
  if (insufficient > 0)
    notes.push(`${insufficient} of ${pairs.length} pairs have too little data to estimate.`);
  for (const o of outcomeSummaries) {
    if (o.measured === 0) warnings.push(`No customer has data for the outcome "${o.id}" (${o.definition}).`);
  }

  const significant = <T extends Effect>(list: T[]) =>
    list
      .filter((e) => e.significant)
      .sort(byStrength)
      .slice(0, top);
  return {
    customers: counts.customers,
    touchpoints: summaries,
    withoutSignals: touchpoints.filter((_, i) => counts.observed[i] === 0).map((t) => t.id),
    pairs,
    riskDifference: rd,
    lift,
    outcomes: outcomeSummaries,
    strongest: {
      pairs: significant(pairs),
      outcomes: Object.fromEntries(outcomeSummaries.map((o) => [o.id, significant(o.effects)])),
    },
    notes,
    warnings,
  };
}
