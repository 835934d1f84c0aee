/**
 * Quantiles defined as SQL's percentile_cont (PostgreSQL and DuckDB): sort the values, take
 * position f * (n - 1) counted from 0, and interpolate linearly between the neighbours.
 * The interpolation is evaluated as lo * (1 - d) + hi * d, the expression DuckDB (the default
 * store) uses for doubles, so in-memory and DuckDB results agree to the bit. PostgreSQL writes
 * lo + (hi - lo) * d, which can differ in the last bit: compare with a relative 1e-15 there.
 */

export interface QuartileSummary {
  n: number;
  /** all null when n = 0 */
  p25: number | null;
  median: number | null;
  p75: number | null;
}

function requireFraction(fraction: number): void {
  if (!(fraction >= 0 && fraction <= 1)) throw new RangeError(`fraction must be in [0, 1], got ${fraction}`);
}

/** Sorted copy; rejects NaN and infinities, which have no place in a duration or a score. */
export function sortedCopy(values: readonly number[]): Float64Array {
  const sorted = Float64Array.from(values);
  for (const value of sorted) {
    if (!Number.isFinite(value)) throw new RangeError(`quantile input must be finite, got ${value}`);
  }
  return sorted.sort(); // typed arrays sort numerically
}

/** percentile_cont over values already sorted ascending. */
export function percentileContSorted(sorted: ArrayLike<number>, fraction: number): number | null {
  requireFraction(fraction);
  const n = sorted.length;
  if (n === 0) return null;
  const position = fraction * (n - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const lo = sorted[lower] as number;
  const hi = sorted[upper] as number;
  if (lower === upper) return lo;
  const d = position - lower;
  return lo * (1 - d) + hi * d;
}

/** percentile_cont(fraction) WITHIN GROUP (ORDER BY value); null for no values. */
export function percentileCont(values: readonly number[], fraction: number): number | null {
  return percentileContSorted(sortedCopy(values), fraction);
}

export function median(values: readonly number[]): number | null {
  return percentileCont(values, 0.5);
}

/** p25, median and p75 with a single sort. */
export function quartiles(values: readonly number[]): QuartileSummary {
  const sorted = sortedCopy(values);
  return {
    n: sorted.length,
    p25: percentileContSorted(sorted, 0.25),
    median: percentileContSorted(sorted, 0.5),
    p75: percentileContSorted(sorted, 0.75),
  };
}
