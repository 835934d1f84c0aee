/**
 * Sufficient statistics for everything the driver analysis computes: the count, means and co-moment
 * matrix of the complete rows. Every later step (subset R², LMG, relative weights, OLS) works from the
 * correlation matrix alone, so the raw rows are read exactly once, whatever the number of drivers.
 */

/** Co-moments of k variables over the rows accumulated so far (listwise complete rows only). */
export interface Moments {
  /** Number of complete rows accumulated. */
  n: number;
  /** Number of variables k. */
  k: number;
  mean: Float64Array;
  /** Row-major k*k matrix of Σ (x_i - mean_i)(x_j - mean_j). */
  comoment: Float64Array;
  min: Float64Array;
  max: Float64Array;
  /** Per variable: every accumulated value was 0 or 1 (a binary variable, e.g. a 0/1 outcome). */
  binary: boolean[];
}

/**
 * One-pass, numerically stable accumulation: Welford's update generalised to co-moments, applied to
 * values shifted by the first row. The textbook Σx² - (Σx)²/n loses every digit when the spread is
 * small next to the mean; Welford keeps them, and the shift (exact for nearby values) keeps the
 * running mean near zero so its rounding stays proportional to the spread, not to the magnitude.
 */
export class MomentAccumulator {
  readonly k: number;
  private n = 0;
  private readonly mean: Float64Array;
  private readonly comoment: Float64Array;
  private readonly min: Float64Array;
  private readonly max: Float64Array;
  private readonly binary: Uint8Array;
  private readonly delta: Float64Array;
  private readonly shift: Float64Array;

  constructor(k: number) {
    this.k = k;
    this.mean = new Float64Array(k);
    this.comoment = new Float64Array(k * k);
    this.min = new Float64Array(k).fill(Infinity);
    this.max = new Float64Array(k).fill(-Infinity);
    this.binary = new Uint8Array(k).fill(1);
    this.delta = new Float64Array(k);
    this.shift = new Float64Array(k);
  }

  /** Adds one complete row (k finite values; the caller has already applied listwise deletion). */
  push(row: ArrayLike<number>): void {
    const { k, mean, comoment, delta, shift } = this;
    const n = ++this.n;
    if (n === 1) for (let i = 0; i < k; i++) shift[i] = row[i]!;
    for (let i = 0; i < k; i++) {
      const x = row[i]!;
      const d = x - shift[i]! - mean[i]!;
      delta[i] = d;
      mean[i] = mean[i]! + d / n;
      if (x < this.min[i]!) this.min[i] = x;
      if (x > this.max[i]!) this.max[i] = x;
      if (x !== 0 && x !== 1) this.binary[i] = 0;
    }
    // C_ij += δ_i (x_j - new mean_j); only the upper triangle, mirrored in `result`.
    for (let i = 0; i < k; i++) {
      const di = delta[i]!;
      const rowOffset = i * k;
      for (let j = i; j < k; j++) {
        comoment[rowOffset + j] = comoment[rowOffset + j]! + di * (row[j]! - shift[j]! - mean[j]!);
      }
    }
  }

  result(): Moments {
    const { k } = this;
    const comoment = Float64Array.from(this.comoment);
    for (let i = 0; i < k; i++) for (let j = 0; j < i; j++) comoment[i * k + j] = comoment[j * k + i]!;
    return {
      n: this.n,
      k,
      mean: Float64Array.from(this.mean, (v, i) => v + this.shift[i]!),
      comoment,
      min: Float64Array.from(this.min),
      max: Float64Array.from(this.max),
      binary: Array.from(this.binary, (b) => b === 1),
    };
  }
}

/**
 * Correlation matrix of the given variables (indices into the moments), row-major. Variables with
 * zero variance must be excluded by the caller first: their correlations are undefined.
 */
export function correlationMatrix(m: Moments, indices: readonly number[]): Float64Array {
  const q = indices.length;
  const out = new Float64Array(q * q);
  for (let a = 0; a < q; a++) {
    const i = indices[a]!;
    const sii = m.comoment[i * m.k + i]!;
    out[a * q + a] = 1;
    for (let b = a + 1; b < q; b++) {
      const j = indices[b]!;
      const sjj = m.comoment[j * m.k + j]!;
      // Clamped: rounding can push |r| a hair past 1 for (near-)duplicate columns.
      const r = Math.max(-1, Math.min(1, m.comoment[i * m.k + j]! / Math.sqrt(sii * sjj)));
      out[a * q + b] = r;
      out[b * q + a] = r;
    }
  }
  return out;
}

/** Sample standard deviation (n - 1 denominator) of variable i; 0 when n < 2. */
export function sampleSd(m: Moments, i: number): number {
  if (m.n < 2) return 0;
  return Math.sqrt(Math.max(0, m.comoment[i * m.k + i]!) / (m.n - 1));
}

/** One variable's raw values; NaN marks a missing value. */
export interface ColumnData {
  values: ArrayLike<number>;
  /** Codes that mean "not applicable" (e.g. 0 on a 1-5 rating): treated as missing. */
  notApplicable?: readonly number[];
}

export interface ListwiseMoments {
  moments: Moments;
  rowsRead: number;
  /** Per column: rows whose value was missing (NaN or not finite). */
  missing: number[];
  /** Per column: rows whose value was a "not applicable" code. */
  notApplicable: number[];
}

/**
 * Listwise deletion and accumulation in a single pass: a row counts only when every column holds a
 * usable value, so all statistics describe the same respondents (pairwise deletion can yield a
 * correlation matrix that no data set could produce, and then R² above 1).
 */
export function accumulateListwise(columns: readonly ColumnData[]): ListwiseMoments {
  const k = columns.length;
  const rowsRead = k === 0 ? 0 : columns[0]!.values.length;
  for (const c of columns) {
    if (c.values.length !== rowsRead) throw new RangeError('all columns must have the same number of rows');
  }
  const acc = new MomentAccumulator(k);
  const missing = new Array<number>(k).fill(0);
  const notApplicable = new Array<number>(k).fill(0);
  // Hoisted out of the row loop: this loop runs rows x columns times (2 M on the airline survey).
  const values = columns.map((c) => c.values);
  const codes = columns.map((c) => c.notApplicable ?? []);
  const row = new Float64Array(k);
  for (let r = 0; r < rowsRead; r++) {
    let complete = true;
    for (let i = 0; i < k; i++) {
      const x = values[i]![r]!;
      if (x - x !== 0) {
        // NaN or ±Infinity: missing.
        missing[i]!++;
        complete = false;
        continue;
      }
      const na = codes[i]!;
      let isNa = false;
      for (let c = 0; c < na.length; c++) if (na[c] === x) isNa = true;
      if (isNa) {
        notApplicable[i]!++;
        complete = false;
      } else {
        row[i] = x;
      }
    }
    if (complete) acc.push(row);
  }
  return { moments: acc.result(), rowsRead, missing, notApplicable };
}
