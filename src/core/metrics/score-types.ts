/**
 * Shapes shared by every score. A score is finished in the core from counts and sums that SQL
 * (or the in-memory reference in aggregate.ts) produces, so both paths give the same numbers.
 */

/** Below this many responses a score is still returned, flagged `insufficient: true`. */
export const DEFAULT_MIN_N = 30;

/**
 * The normal critical value for every z-based 95 % interval. The issue states the NPS interval
 * with 1.96, and using the same constant for Wilson and the comparison intervals keeps hand and
 * SQL-side reproductions exact; the exact quantile 1.959963985 differs by 2e-5 relative.
 */
export const Z_95 = 1.96;

export const DEFAULT_ALPHA = 0.05;

/**
 * Why a score or a comparison is less than a plain number with an interval:
 * - no-responses: n = 0, so value, interval and test are null.
 * - single-response: one response has no spread, so a mean has no interval (or a group no test).
 * - degenerate-interval: every response fell in one category (or all scores were equal), so the
 *   interval formula collapses to zero width; the point is real, the certainty is not.
 * - degenerate-variance: a comparison whose estimated standard error is 0 while the values
 *   differ; a z or t statistic would be infinite, so p is null rather than a fake 0.
 * - mixed-scales: a mean over responses collected on different scales.
 */
export type ScoreFlag =
  'no-responses' | 'single-response' | 'degenerate-interval' | 'degenerate-variance' | 'mixed-scales';

export type Interval = [lo: number, hi: number];

export interface Score {
  /** null exactly when n = 0 */
  value: number | null;
  n: number;
  ci95: Interval | null;
  /** n < minN */
  insufficient: boolean;
  flags: ScoreFlag[];
}

export interface ScoreOptions {
  /** default DEFAULT_MIN_N */
  minN?: number;
}

export interface CompareOptions extends ScoreOptions {
  /** two-sided significance level, default DEFAULT_ALPHA */
  alpha?: number;
}

export interface Comparison {
  /** b - a: with a the earlier period (or the reference segment), positive means b is higher */
  difference: number | null;
  ci95: Interval | null;
  /** two-sided p-value; null when no valid test exists (see flags) */
  p: number | null;
  /** p < alpha; false whenever p is null */
  significant: boolean;
  test: 'z' | 'welch-t';
  /** the z or t statistic */
  statistic: number | null;
  /** Welch-Satterthwaite degrees of freedom (welch-t only) */
  df?: number | null;
  /** either group has n < minN: large-sample tests are rough there */
  insufficient: boolean;
  flags: ScoreFlag[];
}

export function resolveMinN(options: ScoreOptions | undefined): number {
  const minN = options?.minN ?? DEFAULT_MIN_N;
  if (!(minN >= 0) || !Number.isFinite(minN)) throw new RangeError(`minN must be >= 0, got ${minN}`);
  return minN;
}

export function resolveAlpha(options: CompareOptions | undefined): number {
  const alpha = options?.alpha ?? DEFAULT_ALPHA;
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`);
  return alpha;
}

/** Counts come from SQL or user code; a negative or fractional count is a bug upstream. */
export function requireCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
}

export function requireFiniteNumber(name: string, value: number): void {
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be a finite number, got ${value}`);
}

export function clip(value: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, value));
}
