/**
 * Which drivers may be given importance-performance advice, and which advice. A quadrant is a
 * recommendation ("concentrate here"), so it needs evidence: the model's F-test below alpha, and the
 * driver's own test (t; the partial F of a categorical driver's dummies) below alpha after Holm's
 * adjustment across the model's drivers, which keeps the chance of advising on any null driver at
 * alpha however many drivers there are. A driver whose better score goes with a worse outcome gets no
 * quadrant either: "keep up the good work" on it would be the opposite of the data.
 *
 * Performance is the mean's place on the driver's scale (0 = bottom, 1 = top), so months, dollars
 * and 0/1 flags meet on one axis; the cut is over the numeric drivers, whether significant or not,
 * so that the bar does not move with the evidence.
 */
import {
  ADVICE_STATES,
  classifyQuadrants,
  type Advice,
  type ResolvedThreshold,
  type ThresholdRule,
} from './quadrants.ts';
import type { DriverResult } from './types.ts';

export interface AdviceOptions {
  modelP: number;
  alpha: number;
  better: 'higher' | 'lower';
  importance: 'lmgShare' | 'relativeWeightShare';
  threshold: ThresholdRule;
  importanceThreshold?: ThresholdRule;
}

export interface AdviceSummary {
  thresholds: { importance: ResolvedThreshold; performance: ResolvedThreshold };
  counts: Record<Advice, number>;
  evidence: { alpha: number; better: 'higher' | 'lower'; modelSignificant: boolean; rule: string };
}

const percent = (x: number): string => `${+(x * 100).toFixed(2)} %`;
const pText = (p: number): string => (p < 0.001 ? p.toExponential(2) : p.toFixed(3));

/** Sets each driver's `significant`, `quadrant` and `evidence`; returns the cuts and counts. */
export function giveAdvice(drivers: DriverResult[], o: AdviceOptions): AdviceSummary {
  const modelSignificant = o.modelP < o.alpha;
  const numeric = drivers.filter((d) => d.kind === 'numeric');
  const importanceRule = o.importanceThreshold ?? (typeof o.threshold === 'number' ? 'mean' : o.threshold);
  const placed = classifyQuadrants(
    numeric.map((d) => ({ importance: d[o.importance], performance: d.performance ?? 0 })),
    importanceRule,
    o.threshold,
  );
  const counts = Object.fromEntries(ADVICE_STATES.map((s) => [s, 0])) as Record<Advice, number>;
  const direction = o.better === 'higher' ? 1 : -1;
  for (const d of drivers) {
    d.significant = modelSignificant && d.pAdjusted < o.alpha;
    const test =
      d.test.kind === 't' ? `t-test p = ${pText(d.p)}` : `F(${d.test.df1}, ${d.test.df2}) p = ${pText(d.p)}`;
    let quadrant: Advice;
    let evidence: string;
    if (!modelSignificant) {
      quadrant = 'not-enough-evidence';
      evidence = `the model as a whole is not significant (F-test p = ${pText(o.modelP)}, not below ${percent(o.alpha)})`;
    } else if (!d.significant) {
      quadrant = 'not-enough-evidence';
      evidence = `${test}, Holm-adjusted ${pText(d.pAdjusted)}: not below ${percent(o.alpha)}`;
    } else if (d.kind === 'categorical') {
      quadrant = 'not-placed';
      evidence = `significant (${test}, Holm-adjusted ${pText(d.pAdjusted)}); a categorical driver has no performance scale: read its levels’ effects`;
    } else if (Math.sign(d.b) * direction < 0) {
      quadrant = 'works-against-outcome';
      evidence = `significant, but a higher "${d.name}" goes with a ${o.better === 'higher' ? 'lower' : 'higher'} outcome (b = ${d.b.toPrecision(3)}), the worse direction: no improve or keep-up advice follows`;
    } else if (numeric.length < 2) {
      quadrant = 'not-placed';
      evidence = 'significant, but quadrants compare drivers and this is the only one';
    } else {
      quadrant = placed.quadrants[numeric.indexOf(d)]!;
      evidence = `significant (${test}, Holm-adjusted ${pText(d.pAdjusted)})`;
    }
    d.quadrant = quadrant;
    d.evidence = evidence;
    counts[quadrant]++;
  }
  return {
    thresholds: placed.thresholds,
    counts,
    evidence: {
      alpha: o.alpha,
      better: o.better,
      modelSignificant,
      rule:
        `A quadrant only where the model's F-test and the driver's test (t; the partial F of a categorical driver's levels), ` +
        `Holm-adjusted across the model's drivers (${drivers.length}), are both below ${percent(o.alpha)}, and where a higher score goes with a ${o.better === 'higher' ? 'higher' : 'lower'} (better) outcome. ` +
        `Performance is the mean's place on the driver's scale (0 = bottom, 1 = top; the observed range when no scale is declared).`,
    },
  };
}
