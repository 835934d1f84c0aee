/**
 * The shapes that cross the core boundary: what callers hand to the driver analysis and the JSON
 * document it returns (printed as-is by `cxloop analyze drivers --format json`).
 */
import type { Advice, ResolvedThreshold, ThresholdRule } from './quadrants.ts';

export interface DriverColumn {
  name: string;
  /** One value per row; NaN (or any non-finite value) marks a missing answer. */
  values: ArrayLike<number>;
  /** Codes meaning "not applicable" (e.g. 0 on a 1-5 rating), treated as missing. */
  notApplicable?: readonly number[];
  /** The declared scale (e.g. 1-5); performance is the mean's place on it. Default: the observed range. */
  scale?: Scale;
}

/**
 * A categorical column: each row's level as an index into `levels` (NaN when missing). It enters the
 * model as one dummy per level except `reference`, and its importance is the Shapley value of the
 * dummies taken as one group.
 */
export interface CategoricalColumn {
  name: string;
  codes: ArrayLike<number>;
  levels: readonly string[];
  /** The level without a dummy; default the most frequent level in the analysed rows. */
  reference?: string;
}

export interface DriverInput {
  outcome: DriverColumn;
  drivers: readonly DriverColumn[];
  categorical?: readonly CategoricalColumn[];
  /** Drivers the reader already had to set aside (e.g. a text column with too many values), reported as such. */
  excluded?: readonly ExcludedDriver[];
}

export interface Scale {
  min: number;
  max: number;
}

/** Co-moment names and groups of the regressors: one group per driver, several dummies per categorical. */
export interface RegressorGroup {
  name: string;
  kind: 'numeric' | 'categorical';
  /** Regressor names (for a categorical driver, one per non-reference level). */
  members: readonly string[];
  /** Categorical only: the level of each member, and the reference level. */
  levels?: readonly string[];
  reference?: string;
}

export interface DriverOptions {
  /** Fewest complete rows accepted (default 30); n >= drivers + 2 is always required. */
  minN?: number;
  /** Importance axis of the quadrants (default 'lmg'). */
  importance?: 'lmg' | 'relativeWeight';
  /** Performance cut-off (default 'mean' of the drivers' means). */
  threshold?: ThresholdRule;
  /** Importance cut-off; defaults to the same rule as `threshold`, or 'mean' when that is a number. */
  importanceThreshold?: ThresholdRule;
  /** Pivot below which a driver counts as a linear combination of earlier ones (default 1e-9). */
  collinearityTolerance?: number;
  /** Most drivers for the exact 2^p LMG (default 20; at most 24, about 17 M subsets). */
  maxDrivers?: number;
  /** Which way the outcome is better (default 'higher'); churn is better 'lower'. */
  better?: 'higher' | 'lower';
  /** Significance level of the model's F-test and the drivers' Holm-adjusted tests (default 0.05). */
  alpha?: number;
}

export type DriverErrorCode =
  | 'invalid_input'
  | 'no_complete_rows'
  | 'constant_outcome'
  | 'no_usable_drivers'
  | 'too_few_rows'
  | 'below_min_n'
  | 'too_many_drivers'
  | 'numerical_failure';

export interface ExcludedDriver {
  name: string;
  reason: 'constant' | 'collinear' | 'no-data' | 'too-many-levels';
  message: string;
  /** For a constant driver: its only value. */
  value?: number;
  /** For a collinear driver: the earlier drivers it is a linear combination of. */
  collinearWith?: string[];
}

export interface ColumnSummary {
  name: string;
  role: 'outcome' | 'driver';
  /** Rows where the value was missing (empty or not a number). */
  missing: number;
  /** Rows where the value was a "not applicable" code. */
  notApplicable: number;
}

interface DriverResultCommon {
  name: string;
  /** 1 = largest LMG. */
  rank: number;
  /** Shapley value of R² (units of R²; the drivers' values sum to r2). */
  lmg: number;
  /** lmg / r2 (sums to 1 over the drivers). */
  lmgShare: number;
  /** Johnson's relative weight (units of R²; sums to r2). */
  relativeWeight: number;
  relativeWeightShare: number;
  /** Mean of the conditional dominance values; equal to lmg. */
  generalDominance: number;
  /** Entry k: average R² added to the subsets of k other drivers (k = 0 is r²). */
  conditionalDominance: number[];
  /** The driver's test: t for a single regressor, the partial F of its dummies for a categorical one. */
  test: { kind: 't' | 'F'; statistic: number | null; df1: number; df2: number };
  /** p-value of that test (two-sided for t). */
  p: number;
  /** p Holm-adjusted across the drivers of the model. */
  pAdjusted: number;
  /** The model's F-test and this driver's adjusted p are both below alpha. */
  significant: boolean;
  /** Correlation with the outcome (a categorical driver: the multiple correlation of its dummies). */
  r: number;
  /** p-value of r. */
  rP: number;
  /** Variance inflation (a categorical driver: the largest of its dummies'). */
  vif: number;
  /** The mean's place on the scale, 0 = bottom, 1 = top; null for a categorical driver. */
  performance: number | null;
  /** Advice, given only with evidence; otherwise the reason there is none. */
  quadrant: Advice;
  /** Why the driver has this quadrant, in words. */
  evidence: string;
}

export interface NumericDriverResult extends DriverResultCommon {
  kind: 'numeric';
  beta: number;
  betaSe: number;
  t: number | null;
  /** Raw coefficient in outcome units per driver point. */
  b: number;
  bSe: number;
  /** The driver's mean over the analysed rows. */
  mean: number;
  sd: number;
  min: number;
  max: number;
  /** The scale performance is measured on. */
  scale: Scale & { source: 'declared' | 'observed' };
}

export interface LevelEffect {
  level: string;
  /** Analysed rows at this level. */
  n: number;
  /** Difference from the reference level in outcome units, others held fixed. */
  b: number;
  bSe: number;
  ci95: [number, number];
  p: number;
}

export interface CategoricalDriverResult extends DriverResultCommon {
  kind: 'categorical';
  reference: { level: string; n: number };
  levels: LevelEffect[];
}

export type DriverResult = NumericDriverResult | CategoricalDriverResult;

interface AnalysisCommon {
  outcome: string;
  /** Rows offered to the analysis. */
  rowsRead: number;
  /** Complete rows analysed (listwise deletion). */
  n: number;
  columns: ColumnSummary[];
  excluded: ExcludedDriver[];
}

export interface DriverAnalysisOk extends AnalysisCommon {
  ok: true;
  /** 'binary' when every analysed outcome value is 0 or 1: the model is then a linear probability model. */
  outcomeKind: 'numeric' | 'binary';
  model: 'linear-regression' | 'linear-probability';
  outcomeMean: number;
  outcomeSd: number;
  r2: number;
  adjustedR2: number;
  fTest: { f: number | null; df1: number; df2: number; p: number };
  intercept: number;
  residualSd: number;
  /** Sorted by LMG, largest first. */
  drivers: DriverResult[];
  quadrants: {
    importance: 'lmgShare' | 'relativeWeightShare';
    performance: 'share-of-scale';
    thresholds: { importance: ResolvedThreshold; performance: ResolvedThreshold };
    counts: Record<Advice, number>;
  };
  evidence: {
    alpha: number;
    better: 'higher' | 'lower';
    modelSignificant: boolean;
    rule: string;
  };
  method: {
    missing: 'listwise';
    lmg: 'exact';
    /** 'groups' when a categorical driver's dummies enter the Shapley game together. */
    players: 'drivers' | 'groups';
    subsets: number;
    relativeWeights: 'johnson-2000';
    minN: number;
    collinearityTolerance: number;
  };
  notes: string[];
  warnings: string[];
}

export interface DriverAnalysisError extends AnalysisCommon {
  ok: false;
  error: { code: DriverErrorCode; message: string };
}

export type DriverAnalysis = DriverAnalysisOk | DriverAnalysisError;
