/**
 * Key-driver analysis: the entry point. Two doors lead in: `analyzeDrivers` takes raw columns (the
 * CSV mode) and `analyzeMoments` takes the already accumulated co-moments, so a stored-data or HTTP
 * mode that aggregates elsewhere (or merges accumulators) reuses every step after the data pass.
 *
 * Degenerate input never throws and never yields NaN: it comes back as `{ ok: false, error }` with a
 * code, or, for a driver that cannot take part (constant, collinear, no data), as an entry in
 * `excluded` with the reason while the rest of the analysis goes ahead.
 */
import type { ColumnData, Moments } from './correlation.ts';
import { accumulateListwise, correlationMatrix, sampleSd } from './correlation.ts';
import { dominanceFromSums } from './dominance.ts';
import { findNonFinite } from './finite.ts';
import { choleskySolve, pivotedCholesky, subMatrix } from './linear-algebra.ts';
import { lmgFromSums } from './lmg.ts';
import { fitOls } from './ols.ts';
import { classifyQuadrants } from './quadrants.ts';
import type { CorrelationSystem } from './r-squared.ts';
import { subsetR2Sums } from './r-squared.ts';
import { relativeWeights } from './relative-weights.ts';
import type {
  ColumnSummary,
  DriverAnalysis,
  DriverAnalysisError,
  DriverAnalysisOk,
  DriverErrorCode,
  DriverInput,
  DriverOptions,
  DriverResult,
  ExcludedDriver,
} from './types.ts';

export const DEFAULT_MIN_N = 30;
export const DEFAULT_MAX_DRIVERS = 20;
/** 2^24 subsets take a few seconds; beyond that the exact Shapley value is not a sensible default. */
export const HARD_MAX_DRIVERS = 24;
export const DEFAULT_COLLINEARITY_TOLERANCE = 1e-9;

/** Co-moments of [outcome, ...drivers] plus the bookkeeping that the answer reports. */
export interface DriverStatistics {
  outcome: string;
  drivers: readonly string[];
  /** Variables in the order [outcome, ...drivers]. */
  moments: Moments;
  rowsRead: number;
  columns: ColumnSummary[];
  /** Drivers already set aside before accumulation (e.g. no data at all). */
  excluded?: ExcludedDriver[];
}

function fail(
  common: Omit<DriverAnalysisError, 'ok' | 'error'>,
  code: DriverErrorCode,
  message: string,
): DriverAnalysisError {
  return { ok: false, ...common, error: { code, message } };
}

/** Raw columns in, analysis out: one listwise pass, then `analyzeMoments`. */
export function analyzeDrivers(input: DriverInput, options: DriverOptions = {}): DriverAnalysis {
  const outcome = input.outcome.name;
  const names = input.drivers.map((d) => d.name);
  const base = { outcome, rowsRead: input.outcome.values.length, n: 0, columns: [], excluded: [] };
  if (names.length === 0) return fail(base, 'invalid_input', 'at least one driver is required');
  const seen = new Set<string>([outcome]);
  for (const name of names) {
    if (seen.has(name)) {
      const what = name === outcome ? 'is the outcome and cannot also be a driver' : 'is listed twice';
      return fail(base, 'invalid_input', `driver "${name}" ${what}`);
    }
    seen.add(name);
  }

  const toData = (c: { values: ArrayLike<number>; notApplicable?: readonly number[] }): ColumnData => ({
    values: c.values,
    ...(c.notApplicable ? { notApplicable: c.notApplicable } : {}),
  });
  let pass = accumulateListwise([input.outcome, ...input.drivers].map(toData));
  const columns: ColumnSummary[] = [outcome, ...names].map((name, i) => ({
    name,
    role: i === 0 ? 'outcome' : 'driver',
    missing: pass.missing[i]!,
    notApplicable: pass.notApplicable[i]!,
  }));

  const rowsRead = pass.rowsRead;
  if (rowsRead === 0) return fail({ ...base, columns }, 'no_complete_rows', 'the input has no rows');
  // A driver with no usable value at all would empty the listwise sample; more likely a wrong
  // not-applicable code or column than a wish to analyse nothing, so it is set aside and named.
  const usable = input.drivers.filter(
    (_, j) => columns[j + 1]!.missing + columns[j + 1]!.notApplicable < rowsRead,
  );
  const excluded: ExcludedDriver[] = input.drivers
    .filter((d) => !usable.includes(d))
    .map((d) => ({
      name: d.name,
      reason: 'no-data',
      message: `"${d.name}" has no usable value in any row (all missing or not applicable)`,
    }));
  if (usable.length === 0) {
    return fail(
      { outcome, rowsRead, n: 0, columns, excluded },
      'no_usable_drivers',
      'no driver has a usable value in any row',
    );
  }
  if (usable.length < input.drivers.length) pass = accumulateListwise([input.outcome, ...usable].map(toData));

  return analyzeMoments(
    { outcome, drivers: usable.map((d) => d.name), moments: pass.moments, rowsRead, columns, excluded },
    options,
  );
}

/** The drivers (indices into `kept`) that an excluded collinear driver is a combination of. */
function collinearPartners(rxx: Float64Array, p: number, kept: readonly number[], j: number): number[] {
  const earlier = kept.filter((k) => k < j);
  if (earlier.length === 0) return [];
  const { l } = pivotedCholesky(subMatrix(rxx, p, earlier), earlier.length, 0);
  const coef = choleskySolve(
    l,
    earlier.length,
    earlier.map((k) => rxx[k * p + j]!),
  );
  return earlier.filter((_, i) => Math.abs(coef[i]!) > 1e-6);
}

export function analyzeMoments(stats: DriverStatistics, options: DriverOptions = {}): DriverAnalysis {
  const minN = Math.max(1, Math.floor(options.minN ?? DEFAULT_MIN_N));
  const maxDrivers = Math.min(HARD_MAX_DRIVERS, options.maxDrivers ?? DEFAULT_MAX_DRIVERS);
  const tolerance = options.collinearityTolerance ?? DEFAULT_COLLINEARITY_TOLERANCE;
  const { moments: m, outcome } = stats;
  const n = m.n;
  const excluded: ExcludedDriver[] = [...(stats.excluded ?? [])];
  const common = { outcome, rowsRead: stats.rowsRead, n, columns: stats.columns, excluded };

  if (n === 0) {
    const worst = stats.columns
      .filter((c) => c.missing + c.notApplicable > 0)
      .sort((a, b) => b.missing + b.notApplicable - (a.missing + a.notApplicable))
      .slice(0, 3)
      .map((c) => `"${c.name}" (${c.missing + c.notApplicable} unusable)`);
    return fail(
      common,
      'no_complete_rows',
      `none of the ${stats.rowsRead} rows has a usable value in the outcome and every driver` +
        (worst.length > 0 ? `; most often unusable: ${worst.join(', ')}` : ''),
    );
  }
  if (m.min[0] === m.max[0]) {
    return fail(
      common,
      'constant_outcome',
      `the outcome "${outcome}" takes the single value ${m.min[0]} in all ${n} analysed rows: there is no variance to explain`,
    );
  }

  // Variable indices into the moments (0 = outcome) of the drivers still in play.
  let active: number[] = [];
  stats.drivers.forEach((name, j) => {
    const v = j + 1;
    if (m.min[v] === m.max[v]) {
      excluded.push({
        name,
        reason: 'constant',
        value: m.min[v]!,
        message: `"${name}" is ${m.min[v]} in every analysed row, so it cannot explain any variance`,
      });
    } else {
      active.push(v);
    }
  });
  if (active.length === 0)
    return fail(common, 'no_usable_drivers', 'every driver is constant in the analysed rows');
  if (n < active.length + 2) {
    return fail(
      common,
      'too_few_rows',
      `${n} complete rows for ${active.length} drivers: a regression needs at least drivers + 2 = ${active.length + 2}`,
    );
  }
  if (n < minN) {
    return fail(
      common,
      'below_min_n',
      `${n} complete rows is below the minimum of ${minN}; collect more responses or lower the minimum explicitly`,
    );
  }

  // Collinearity: a pivot ~0 means the driver is a linear combination of the earlier kept ones.
  {
    const corr = correlationMatrix(m, active);
    const p = active.length;
    const rxx = new Float64Array(p * p);
    for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) rxx[i * p + j] = corr[i * p + j]!;
    const { dependent } = pivotedCholesky(rxx, p, tolerance);
    if (dependent.length > 0) {
      const kept = Array.from({ length: p }, (_, i) => i).filter((i) => !dependent.includes(i));
      for (const j of dependent) {
        const name = stats.drivers[active[j]! - 1]!;
        const partners = collinearPartners(rxx, p, kept, j).map((i) => stats.drivers[active[i]! - 1]!);
        excluded.push({
          name,
          reason: 'collinear',
          collinearWith: partners,
          message: `"${name}" is a linear combination of ${partners.map((x) => `"${x}"`).join(', ') || 'earlier drivers'}; its share cannot be told apart from theirs`,
        });
      }
      active = kept.map((i) => active[i]!);
    }
  }
  if (active.length > maxDrivers) {
    return fail(
      common,
      'too_many_drivers',
      `${active.length} drivers need 2^${active.length} subset regressions for the exact LMG; the limit is ${maxDrivers} (at most ${HARD_MAX_DRIVERS})`,
    );
  }

  const result = computeAnalysis(stats, active, { minN, tolerance, excluded, options });
  const bad = findNonFinite(result);
  if (bad !== null) return fail(common, 'numerical_failure', `a non-finite number was produced at ${bad}`);
  return result;
}

function computeAnalysis(
  stats: DriverStatistics,
  active: readonly number[],
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

  const sums = subsetR2Sums(system);
  const lmg = lmgFromSums(sums).map((v) => Math.max(0, v));
  const dominance = dominanceFromSums(sums);
  const rw = relativeWeights(system);
  const ols = fitOls({
    system,
    n,
    meanY: m.mean[0]!,
    sdY: sampleSd(m, 0),
    meanX: active.map((v) => m.mean[v]!),
    sdX: active.map((v) => sampleSd(m, v)),
  });
  const r2 = ols.r2;
  const rwTotal = rw.reduce((a, b) => a + b, 0);
  const lmgTotal = lmg.reduce((a, b) => a + b, 0);
  // With nothing explained the shares have no meaning; report zeros rather than 0/0.
  const share = (v: number, total: number): number => (total > 1e-12 ? v / total : 0);

  const importanceKey = ctx.options.importance === 'relativeWeight' ? 'relativeWeightShare' : 'lmgShare';
  const perfRule = ctx.options.threshold ?? 'mean';
  const impRule = ctx.options.importanceThreshold ?? (typeof perfRule === 'number' ? 'mean' : perfRule);
  const names = active.map((v) => stats.drivers[v - 1]!);
  const lmgShares = Array.from(lmg, (v) => share(v, lmgTotal));
  const rwShares = Array.from(rw, (v) => share(v, rwTotal));
  const quadrants = classifyQuadrants(
    active.map((v, i) => ({
      importance: importanceKey === 'lmgShare' ? lmgShares[i]! : rwShares[i]!,
      performance: m.mean[v]!,
    })),
    impRule,
    perfRule,
  );

  const drivers: DriverResult[] = active.map((v, i) => {
    const c = ols.coefficients[i]!;
    return {
      name: names[i]!,
      rank: 0,
      lmg: lmg[i]!,
      lmgShare: lmgShares[i]!,
      relativeWeight: rw[i]!,
      relativeWeightShare: rwShares[i]!,
      generalDominance: dominance.general[i]!,
      conditionalDominance: Array.from(dominance.conditional[i]!),
      beta: c.beta,
      betaSe: c.betaSe,
      t: c.t,
      p: c.p,
      b: c.b,
      bSe: c.bSe,
      r: c.r,
      rP: c.rP,
      vif: c.vif,
      mean: m.mean[v]!,
      sd: sampleSd(m, v),
      min: m.min[v]!,
      max: m.max[v]!,
      quadrant: quadrants.quadrants[i]!,
    };
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
  if (dropped > stats.rowsRead / 2) {
    warnings.push(
      `More than half of the rows were left out by listwise deletion; the analysed respondents may differ from the rest.`,
    );
  }
  if (n < 10 * p)
    warnings.push(`Only ${n} rows for ${p} drivers (fewer than 10 per driver): estimates are unstable.`);
  for (const d of drivers) {
    if (d.vif > 10)
      warnings.push(`"${d.name}" has VIF ${d.vif.toFixed(1)}: strongly collinear with other drivers.`);
    if (Math.sign(d.beta) !== Math.sign(d.r) && d.p < 0.05) {
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
      performance: 'mean',
      thresholds: quadrants.thresholds,
      counts: quadrants.counts,
    },
    method: {
      missing: 'listwise',
      lmg: 'exact',
      subsets: sums.subsets,
      relativeWeights: 'johnson-2000',
      minN: ctx.minN,
      collinearityTolerance: ctx.tolerance,
    },
    notes,
    warnings,
  };
}
