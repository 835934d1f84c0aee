/**
 * The shapes that cross the core boundary: what callers hand to the driver analysis and the JSON
 * document it returns (printed as-is by `cxloop analyze drivers --format json`).
 */
import type { Quadrant, ResolvedThreshold, ThresholdRule } from './quadrants.ts';

export interface DriverColumn {
  name: string;
  /** One value per row; NaN (or any non-finite value) marks a missing answer. */
  values: ArrayLike<number>;
  /** Codes meaning "not applicable" (e.g. 0 on a 1-5 rating), treated as missing. */
  notApplicable?: readonly number[];
}

export interface DriverInput {
  outcome: DriverColumn;
  drivers: readonly DriverColumn[];
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
  reason: 'constant' | 'collinear' | 'no-data';
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

export interface DriverResult {
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
  beta: number;
  betaSe: number;
  t: number | null;
  /** Two-sided p-value of beta. */
  p: number;
  /** Raw coefficient in outcome units per driver point. */
  b: number;
  bSe: number;
  r: number;
  /** Two-sided p-value of r. */
  rP: number;
  vif: number;
  /** Performance: the driver's mean over the analysed rows. */
  mean: number;
  sd: number;
  min: number;
  max: number;
  quadrant: Quadrant;
}

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
    performance: 'mean';
    thresholds: { importance: ResolvedThreshold; performance: ResolvedThreshold };
    counts: Record<Quadrant, number>;
  };
  method: {
    missing: 'listwise';
    lmg: 'exact';
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
