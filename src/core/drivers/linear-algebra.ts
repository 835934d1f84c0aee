/**
 * Small dense linear algebra for symmetric positive (semi-)definite matrices, the only kind the
 * driver analysis meets (correlation matrices). Matrices are row-major `Float64Array`s of n*n values:
 * driver counts are small (p <= ~25), so plain loops beat any general-purpose library and keep core
 * free of dependencies.
 */

/** Result of a Cholesky factorisation that skips pivots it cannot take instead of failing. */
export interface PivotedCholesky {
  /** Lower-triangular factor, row-major n*n; rows and columns of skipped indices are zero. */
  l: Float64Array;
  /** Indices (in input order) whose pivot was below the tolerance: linear combinations of earlier kept ones. */
  dependent: number[];
  /**
   * Per index, the pivot before the square root: the share of that variable's variance left after
   * regressing it on the earlier kept variables (1 - R² on a correlation matrix). Reported so that
   * near-collinearity is visible, not only the exact kind.
   */
  pivots: Float64Array;
}

/**
 * Cholesky factorisation A = L Lᵀ taking indices in their given order and skipping any index whose
 * remaining variance (the pivot) is at or below `tolerance`. On a correlation matrix the pivot of
 * index j is 1 - R²(j on the earlier kept indices), so a skipped index is (numerically) a linear
 * combination of earlier ones: exactly how perfectly collinear drivers are detected.
 */
export function pivotedCholesky(a: Float64Array, n: number, tolerance: number): PivotedCholesky {
  const l = new Float64Array(n * n);
  const pivots = new Float64Array(n);
  const dependent: number[] = [];
  for (let j = 0; j < n; j++) {
    let pivot = a[j * n + j]!;
    for (let k = 0; k < j; k++) {
      const v = l[j * n + k]!;
      pivot -= v * v;
    }
    pivots[j] = pivot;
    if (!(pivot > tolerance)) {
      dependent.push(j);
      continue;
    }
    const d = Math.sqrt(pivot);
    l[j * n + j] = d;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j]!;
      for (let k = 0; k < j; k++) s -= l[i * n + k]! * l[j * n + k]!;
      l[i * n + j] = s / d;
    }
  }
  // Skipped columns are never written, so they stay zero and later rows ignore them.
  return { l, dependent, pivots };
}

/** Solves (L Lᵀ) x = b for a full-rank lower-triangular factor L (no skipped pivots). */
export function choleskySolve(l: Float64Array, n: number, b: ArrayLike<number>): Float64Array {
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * n + k]! * y[k]!;
    y[i] = s / l[i * n + i]!;
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * x[k]!;
    x[i] = s / l[i * n + i]!;
  }
  return x;
}

/** Extracts the square sub-matrix of `a` (size n) on `indices`, in that order. */
export function subMatrix(a: Float64Array, n: number, indices: readonly number[]): Float64Array {
  const m = indices.length;
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    const row = indices[i]! * n;
    for (let j = 0; j < m; j++) out[i * m + j] = a[row + indices[j]!]!;
  }
  return out;
}

/** Inverse of a symmetric positive definite matrix through its Cholesky factor; null if singular. */
export function invertSpd(a: Float64Array, n: number, tolerance = 1e-12): Float64Array | null {
  const { l, dependent } = pivotedCholesky(a, n, tolerance);
  if (dependent.length > 0) return null;
  const inv = new Float64Array(n * n);
  const e = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    e.fill(0);
    e[j] = 1;
    const col = choleskySolve(l, n, e);
    for (let i = 0; i < n; i++) inv[i * n + j] = col[i]!;
  }
  return inv;
}

export interface Eigen {
  /** Eigenvalues, descending. */
  values: Float64Array;
  /** Eigenvectors as columns, row-major n*n, matching `values`. */
  vectors: Float64Array;
}

/**
 * Eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations. Chosen over QR iteration
 * because it is short, unconditionally stable and accurate to full precision for the small,
 * well-scaled correlation matrices met here; its O(n³) sweeps cost microseconds at n = 20.
 */
export function jacobiEigen(a: Float64Array, n: number, maxSweeps = 100): Eigen {
  const m = Float64Array.from(a);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off += m[i * n + j]! * m[i * n + j]!;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const app = m[p * n + p]!;
        const aqq = m[q * n + q]!;
        // Rotation angle chosen to zero m[p][q]; the smaller root keeps the rotation stable.
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const mkp = m[k * n + p]!;
          const mkq = m[k * n + q]!;
          m[k * n + p] = c * mkp - s * mkq;
          m[k * n + q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          const mpk = m[p * n + k]!;
          const mqk = m[q * n + k]!;
          m[p * n + k] = c * mpk - s * mqk;
          m[q * n + k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]!;
          const vkq = v[k * n + q]!;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => m[y * n + y]! - m[x * n + x]!);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((src, dst) => {
    values[dst] = m[src * n + src]!;
    for (let k = 0; k < n; k++) vectors[k * n + dst] = v[k * n + src]!;
  });
  return { values, vectors };
}
