/**
 * Key-driver analysis: the entry point. Two doors lead in: `analyzeDrivers` takes raw columns (the
 * CSV mode) and `analyzeMoments` takes the already accumulated co-moments, so a stored-data or HTTP
 * mode that aggregates elsewhere (or merges accumulators) reuses every step after the data pass.
 *
 * Degenerate input never throws and never yields NaN: it comes back as `{ ok: false, error }` with a
 * code, or, for a driver that cannot take part (constant, collinear, no data), as an entry in
 * `excluded` with the reason while the rest of the analysis goes ahead.
 */
import { dummyCode, type DummyCoding } from './categorical.ts';
import type { ColumnData, Moments } from './correlation.ts';
import { accumulateListwise, correlationMatrix } from './correlation.ts';
import { findNonFinite } from './finite.ts';
import { choleskySolve, pivotedCholesky, subMatrix } from './linear-algebra.ts';
import { computeAnalysis, type ActiveGroup } from './model.ts';
import type {
  ColumnSummary,
  DriverAnalysis,
  DriverAnalysisError,
  DriverErrorCode,
  DriverInput,
  DriverOptions,
  ExcludedDriver,
  RegressorGroup,
  Scale,
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
  /** How the regressors form drivers; default one numeric driver per regressor. */
  groups?: readonly RegressorGroup[];
  /** Per regressor: its declared scale, if any (performance then uses it, not the observed range). */
  scales?: readonly (Scale | undefined)[];
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
  const categorical = input.categorical ?? [];
  const names = [...input.drivers.map((d) => d.name), ...categorical.map((c) => c.name)];
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

  // Categorical columns become groups of dummies; one that cannot (a single level) is named, not dropped.
  const excluded: ExcludedDriver[] = [...(input.excluded ?? [])];
  const coded: DummyCoding[] = [];
  for (const c of categorical) {
    const coding = dummyCode(c);
    if ('error' in coding) {
      const noData = coding.error.includes('no usable value');
      excluded.push({ name: c.name, reason: noData ? 'no-data' : 'constant', message: coding.error });
    } else coded.push(coding);
  }

  const toData = (c: { values: ArrayLike<number>; notApplicable?: readonly number[] }): ColumnData => ({
    values: c.values,
    ...(c.notApplicable ? { notApplicable: c.notApplicable } : {}),
  });
  const allColumns = [input.outcome, ...input.drivers, ...coded.map((c) => c.columns[0]!)];
  let pass = accumulateListwise(allColumns.map(toData));
  const columns: ColumnSummary[] = [
    outcome,
    ...input.drivers.map((d) => d.name),
    ...coded.map((c) => c.group.name),
  ].map((name, i) => ({
    name,
    role: i === 0 ? 'outcome' : 'driver',
    missing: pass.missing[i]!,
    notApplicable: pass.notApplicable[i]!,
  }));

  const rowsRead = pass.rowsRead;
  if (rowsRead === 0)
    return fail({ ...base, columns, excluded }, 'no_complete_rows', 'the input has no rows');
  // A driver with no usable value at all would empty the listwise sample; more likely a wrong
  // not-applicable code or column than a wish to analyse nothing, so it is set aside and named.
  const usable = input.drivers.filter(
    (_, j) => columns[j + 1]!.missing + columns[j + 1]!.notApplicable < rowsRead,
  );
  for (const d of input.drivers.filter((d) => !usable.includes(d))) {
    excluded.push({
      name: d.name,
      reason: 'no-data',
      message: `"${d.name}" has no usable value in any row (all missing or not applicable)`,
    });
  }
  if (usable.length + coded.length === 0) {
    return fail(
      { outcome, rowsRead, n: 0, columns, excluded },
      'no_usable_drivers',
      'no driver has a usable value in any row',
    );
  }
  const regressors = [...usable, ...coded.flatMap((c) => c.columns)];
  pass = accumulateListwise([input.outcome, ...regressors].map(toData));
  const groups: RegressorGroup[] = [
    ...usable.map((d): RegressorGroup => ({ name: d.name, kind: 'numeric', members: [d.name] })),
    ...coded.map((c) => c.group),
  ];

  return analyzeMoments(
    {
      outcome,
      drivers: regressors.map((d) => d.name),
      groups,
      scales: regressors.map((d) => d.scale),
      moments: pass.moments,
      rowsRead,
      columns,
      excluded,
    },
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
  const groups = activeGroups(stats, active);
  if (groups.length > maxDrivers) {
    return fail(
      common,
      'too_many_drivers',
      `${groups.length} drivers need 2^${groups.length} subset regressions for the exact LMG; the limit is ${maxDrivers} (at most ${HARD_MAX_DRIVERS})`,
    );
  }

  const result = computeAnalysis(stats, active, groups, { minN, tolerance, excluded, options });
  const bad = findNonFinite(result);
  if (bad !== null) return fail(common, 'numerical_failure', `a non-finite number was produced at ${bad}`);
  return result;
}

function activeGroups(stats: DriverStatistics, active: readonly number[]): ActiveGroup[] {
  const groups =
    stats.groups ?? stats.drivers.map((name): RegressorGroup => ({ name, kind: 'numeric', members: [name] }));
  const out: ActiveGroup[] = [];
  for (const group of groups) {
    const at: number[] = [];
    const levels: string[] = [];
    group.members.forEach((member, k) => {
      const i = active.findIndex((v) => stats.drivers[v - 1] === member);
      if (i >= 0) {
        at.push(i);
        if (group.levels) levels.push(group.levels[k]!);
      }
    });
    if (at.length > 0) out.push({ group, at, levels });
  }
  return out;
}
