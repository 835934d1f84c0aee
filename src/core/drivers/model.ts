/**
 * The fitted driver model, once the regressors in play are known: importance (exact Shapley over the
 * drivers, a categorical driver's dummies being one player), the OLS coefficients and tests, the
 * Holm-adjusted evidence per driver and the advice it supports (advice.ts).
 */
import { fSf, studentTQuantile } from '../stats/distributions.ts';
import { holmAdjust } from '../stats/holm.ts';
import { giveAdvice } from './advice.ts';
import type { DriverStatistics } from './analyze.ts';
import { correlationMatrix, sampleSd } from './correlation.ts';
import { dominanceFromSums } from './dominance.ts';
import { groupSubsetR2Sums } from './group-r-squared.ts';
import { lmgFromSums } from './lmg.ts';
import { fitOls, type OlsCoefficient } from './ols.ts';
import type { CorrelationSystem } from './r-squared.ts';
import { subsetR2, subsetR2Sums } from './r-squared.ts';
import { relativeWeights } from './relative-weights.ts';
import type {
  DriverAnalysisOk,
  DriverOptions,
  DriverResult,
  ExcludedDriver,
  LevelEffect,
  RegressorGroup,
} from './types.ts';

export const DEFAULT_ALPHA = 0.05;

/** A driver in play: its group and the positions of its surviving regressors in `active`. */
export interface ActiveGroup {
  group: RegressorGroup;
  /** Indices into `active` (the regressors of the fitted model). */
  at: number[];
  /** Categorical: the level of each surviving member. */
  levels: string[];
}

/** An F statistic and its upper-tail p; a perfect fit has an infinite F, reported as null and p = 0. */
function fTest(
  gain: number,
  k: number,
  unexplained: number,
  df: number,
): { statistic: number | null; p: number } {
  if (unexplained <= 0) return { statistic: null, p: 0 };
  const f = Math.max(0, gain) / k / (unexplained / df);
  return { statistic: f, p: fSf(f, k, df) };
}

export function computeAnalysis(
  stats: DriverStatistics,
  active: readonly number[],
  groups: readonly ActiveGroup[],
  ctx: { minN: number; tolerance: number; excluded: ExcludedDriver[]; options: DriverOptions },
): DriverAnalysisOk {
  const m = stats.moments;
  const n = m.n;
  const p = active.length;
  const corr = correlationMatrix(m, [0, ...active]);
  const q = p + 1;
  const rxx = new Float64Array(p * p);
  const rxy = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    rxy[i] = corr[(i + 1) * q]!;
    for (let j = 0; j < p; j++) rxx[i * p + j] = corr[(i + 1) * q + j + 1]!;
  }
  const system: CorrelationSystem = { p, rxx, rxy };

  const grouped = groups.some((g) => g.at.length > 1 || g.group.kind === 'categorical');
  // Drivers in the order of `groups`; with single regressors the faster one-column walk is the same game.
  const sums = grouped
    ? groupSubsetR2Sums(
        system,
        groups.map((g) => g.at),
      )
    : subsetR2Sums(system);
  const lmg = lmgFromSums(sums).map((v) => Math.max(0, v));
  const dominance = dominanceFromSums(sums);
  const rwColumns = relativeWeights(system);
  const rw = groups.map((g) => g.at.reduce((s, i) => s + rwColumns[i]!, 0));
  const ols = fitOls({
    system,
    n,
    meanY: m.mean[0]!,
    sdY: sampleSd(m, 0),
    meanX: active.map((v) => m.mean[v]!),
    sdX: active.map((v) => sampleSd(m, v)),
  });
  const r2 = ols.r2;
  const df = n - p - 1;
  const unexplained = Math.max(0, 1 - r2);
  const rwTotal = rw.reduce((a, b) => a + b, 0);
  const lmgTotal = lmg.reduce((a, b) => a + b, 0);
  // With nothing explained the shares have no meaning; report zeros rather than 0/0.
  const share = (v: number, total: number): number => (total > 1e-12 ? v / total : 0);
  const lmgShares = Array.from(lmg, (v) => share(v, lmgTotal));
  const rwShares = rw.map((v) => share(v, rwTotal));
  const tCrit = studentTQuantile(0.975, df);

  const tests = groups.map((g) => {
    if (g.group.kind === 'numeric') {
      const c = ols.coefficients[g.at[0]!]!;
      return { kind: 't' as const, statistic: c.t, df1: 1, df2: df, p: c.p };
    }
    // Partial F of the dummies together: the R² they add to all other regressors.
    const others = Array.from({ length: p }, (_, i) => i).filter((i) => !g.at.includes(i));
    const f = fTest(r2 - subsetR2(system, others), g.at.length, unexplained, df);
    return { kind: 'F' as const, statistic: f.statistic, df1: g.at.length, df2: df, p: f.p };
  });
  const adjusted = holmAdjust(tests.map((t) => t.p));
  const alpha = ctx.options.alpha ?? DEFAULT_ALPHA;
  const better = ctx.options.better ?? 'higher';

  const drivers: DriverResult[] = groups.map((g, k) => {
    const common = {
      name: g.group.name,
      rank: 0,
      lmg: lmg[k]!,
      lmgShare: lmgShares[k]!,
      relativeWeight: rw[k]!,
      relativeWeightShare: rwShares[k]!,
      generalDominance: dominance.general[k]!,
      conditionalDominance: Array.from(dominance.conditional[k]!),
      test: { kind: tests[k]!.kind, statistic: tests[k]!.statistic, df1: tests[k]!.df1, df2: tests[k]!.df2 },
      p: tests[k]!.p,
      pAdjusted: adjusted[k]!,
      significant: false,
      quadrant: 'not-placed' as const,
      evidence: '',
    };
    const coefficients: OlsCoefficient[] = g.at.map((i) => ols.coefficients[i]!);
    if (g.group.kind === 'numeric') {
      const v = active[g.at[0]!]!;
      const c = coefficients[0]!;
      const declared = stats.scales?.[v - 1];
      const scale = declared
        ? { ...declared, source: 'declared' as const }
        : { min: m.min[v]!, max: m.max[v]!, source: 'observed' as const };
      const span = scale.max - scale.min;
      return {
        ...common,
        kind: 'numeric',
        beta: c.beta,
        betaSe: c.betaSe,
        t: c.t,
        b: c.b,
        bSe: c.bSe,
        r: c.r,
        rP: c.rP,
        vif: c.vif,
        performance: span > 0 ? (m.mean[v]! - scale.min) / span : 0,
        mean: m.mean[v]!,
        sd: sampleSd(m, v),
        min: m.min[v]!,
        max: m.max[v]!,
        scale,
      };
    }
    // The group's own correlation with the outcome: the multiple R of its dummies alone.
    const alone = subsetR2(system, g.at);
    const k1 = g.at.length;
    const levels: LevelEffect[] = g.at.map((i, j) => {
      const c = coefficients[j]!;
      const rows = Math.round(m.mean[active[i]!]! * n);
      return {
        level: g.levels[j]!,
        n: rows,
        b: c.b,
        bSe: c.bSe,
        ci95: [c.b - tCrit * c.bSe, c.b + tCrit * c.bSe],
        p: c.p,
      };
    });
    return {
      ...common,
      kind: 'categorical',
      r: Math.sqrt(Math.max(0, alone)),
      rP: fTest(alone, k1, 1 - alone, n - k1 - 1).p,
      vif: Math.max(...coefficients.map((c) => c.vif)),
      performance: null,
      reference: { level: g.group.reference ?? '', n: n - levels.reduce((s, l) => s + l.n, 0) },
      levels,
    };
  });

  const importanceKey = ctx.options.importance === 'relativeWeight' ? 'relativeWeightShare' : 'lmgShare';
  const advice = giveAdvice(drivers, {
    modelP: ols.fTest.p,
    alpha,
    better,
    importance: importanceKey,
    threshold: ctx.options.threshold ?? 'mean',
    ...(ctx.options.importanceThreshold === undefined
      ? {}
      : { importanceThreshold: ctx.options.importanceThreshold }),
  });

  drivers.sort((a, b) => b.lmg - a.lmg);
  drivers.forEach((d, i) => (d.rank = i + 1));

  const binary = m.binary[0] === true;
  const notes: string[] = [];
  const warnings: string[] = [];
  if (binary) {
    notes.push(
      'The outcome is coded 0/1, so the model is a linear probability model: R² and the shares describe the variance of the 0/1 outcome, and b is the change in the probability of the positive outcome per driver point.',
    );
  }
  const dropped = stats.rowsRead - n;
  if (dropped > 0) {
    notes.push(
      `${dropped} of ${stats.rowsRead} rows were left out (listwise) because the outcome or a driver was missing or not applicable there.`,
    );
  }
  if (drivers.some((d) => d.kind === 'categorical')) {
    notes.push(
      'A categorical driver is one player in the Shapley decomposition (all its levels enter together), so its LMG share does not depend on the reference level; its relative weight is the sum of its dummies’ weights, which does. Each level’s b is its difference from the reference level.',
    );
  }
  if (dropped > stats.rowsRead / 2) {
    warnings.push(
      `More than half of the rows were left out by listwise deletion; the analysed respondents may differ from the rest.`,
    );
  }
  if (n < 10 * p)
    warnings.push(
      `Only ${n} rows for ${p} regressors (fewer than 10 per regressor): estimates are unstable.`,
    );
  for (const d of drivers) {
    if (d.vif > 10)
      warnings.push(`"${d.name}" has VIF ${d.vif.toFixed(1)}: strongly collinear with other drivers.`);
    if (d.kind === 'numeric' && Math.sign(d.beta) !== Math.sign(d.r) && d.p < 0.05) {
      warnings.push(
        `"${d.name}": its beta and its correlation with the outcome have opposite signs (suppression); read its importance from lmg, not from beta.`,
      );
    }
  }
  if (r2 <= 1e-12)
    warnings.push('The drivers explain none of the variance (R² = 0); shares are reported as 0.');

  return {
    ok: true,
    outcome: stats.outcome,
    rowsRead: stats.rowsRead,
    n,
    columns: stats.columns,
    excluded: ctx.excluded,
    outcomeKind: binary ? 'binary' : 'numeric',
    model: binary ? 'linear-probability' : 'linear-regression',
    outcomeMean: m.mean[0]!,
    outcomeSd: sampleSd(m, 0),
    r2,
    adjustedR2: ols.adjustedR2,
    fTest: ols.fTest,
    intercept: ols.intercept,
    residualSd: ols.residualSd,
    drivers,
    quadrants: {
      importance: importanceKey,
      performance: 'share-of-scale',
      thresholds: advice.thresholds,
      counts: advice.counts,
    },
    evidence: advice.evidence,
    method: {
      missing: 'listwise',
      lmg: 'exact',
      players: grouped ? 'groups' : 'drivers',
      subsets: sums.subsets,
      relativeWeights: 'johnson-2000',
      minN: ctx.minN,
      collinearityTolerance: ctx.tolerance,
    },
    notes,
    warnings,
  };
}
