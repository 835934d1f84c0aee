/**
 * Below this pivot magnitude a matrix whose entries are at most about 1 is treated as singular:
 * solving would return numbers dominated by rounding error rather than an answer.
 */
export const SINGULAR_PIVOT = 1e-12;

export type LuResult = { ok: true; lu: Float64Array; pivots: Int32Array } | { ok: false; column: number };

/**
 * LU factorisation with partial pivoting (row exchanges), in place on a copy of the row-major `a`.
 * Partial pivoting keeps every multiplier at most 1 in magnitude, which is what keeps the
 * elimination stable for the diagonally dominant I - N of DEMATEL and for anything else.
 */
export function luFactor(a: Float64Array, n: number): LuResult {
  const lu = Float64Array.from(a);
  const pivots = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    let p = k;
    let best = Math.abs(lu[k * n + k]!);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(lu[i * n + k]!);
      if (v > best) {
        best = v;
        p = i;
      }
    }
    if (best < SINGULAR_PIVOT) return { ok: false, column: k };
    pivots[k] = p;
    if (p !== k) {
      for (let j = 0; j < n; j++) {
        const t = lu[k * n + j]!;
        lu[k * n + j] = lu[p * n + j]!;
        lu[p * n + j] = t;
      }
    }
    const pivot = lu[k * n + k]!;
    for (let i = k + 1; i < n; i++) {
      const factor = (lu[i * n + k]! /= pivot);
      if (factor === 0) continue;
      const ri = i * n;
      const rk = k * n;
      for (let j = k + 1; j < n; j++) lu[ri + j]! -= factor * lu[rk + j]!;
    }
  }
  return { ok: true, lu, pivots };
}

/** Solves A X = B for every column of the row-major n x m matrix B, given A's factorisation. */
export function luSolve(
  lu: Float64Array,
  pivots: Int32Array,
  n: number,
  b: Float64Array,
  m: number,
): Float64Array {
  const x = Float64Array.from(b);
  for (let k = 0; k < n; k++) {
    const p = pivots[k]!;
    if (p === k) continue;
    for (let j = 0; j < m; j++) {
      const t = x[k * m + j]!;
      x[k * m + j] = x[p * m + j]!;
      x[p * m + j] = t;
    }
  }
  // Forward substitution with the unit lower triangle, row by row so the inner loop runs along rows.
  for (let i = 1; i < n; i++) {
    for (let k = 0; k < i; k++) {
      const l = lu[i * n + k]!;
      if (l === 0) continue;
      for (let j = 0; j < m; j++) x[i * m + j]! -= l * x[k * m + j]!;
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    for (let k = i + 1; k < n; k++) {
      const u = lu[i * n + k]!;
      if (u === 0) continue;
      for (let j = 0; j < m; j++) x[i * m + j]! -= u * x[k * m + j]!;
    }
    const d = lu[i * n + i]!;
    for (let j = 0; j < m; j++) x[i * m + j]! /= d;
  }
  return x;
}
