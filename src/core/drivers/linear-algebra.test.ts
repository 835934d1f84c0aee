import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { choleskySolve, invertSpd, jacobiEigen, pivotedCholesky, subMatrix } from './linear-algebra.ts';
import { close, normal, rng } from './test-helpers.ts';

/** A random correlation-like SPD matrix: Gram matrix of random vectors, normalised. */
function randomSpd(n: number, seed: number): Float64Array {
  const z = normal(rng(seed));
  const v = Array.from({ length: n }, () => Array.from({ length: n + 3 }, z));
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) a[i * n + j] = v[i]!.reduce((s, x, k) => s + x * v[j]![k]!, 0);
  const d = Array.from({ length: n }, (_, i) => Math.sqrt(a[i * n + i]!));
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = a[i * n + j]! / (d[i]! * d[j]!);
  return a;
}

describe('pivotedCholesky', () => {
  it('reproduces A = L Lᵀ on a full-rank matrix', () => {
    const n = 7;
    const a = randomSpd(n, 1);
    const { l, dependent } = pivotedCholesky(a, n, 1e-12);
    assert.deepEqual(dependent, []);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += l[i * n + k]! * l[j * n + k]!;
        close(s, a[i * n + j]!, 1e-12, `A[${i}][${j}]`);
      }
    }
  });

  it('skips an index that duplicates an earlier one and one that is a sum of two others', () => {
    // Variables: x0, x1, x2 = x0 (duplicate), x3 = (x0 + x1)/√(2 + 2r) (a normalised sum).
    const r = 0.3;
    const s = Math.sqrt(2 + 2 * r);
    const a = Float64Array.from(
      [
        [1, r, 1, (1 + r) / s],
        [r, 1, r, (1 + r) / s],
        [1, r, 1, (1 + r) / s],
        [(1 + r) / s, (1 + r) / s, (1 + r) / s, 1],
      ].flat(),
    );
    const { dependent, pivots } = pivotedCholesky(a, 4, 1e-9);
    assert.deepEqual(dependent, [2, 3]);
    close(pivots[0]!, 1, 1e-15, 'first pivot');
    close(pivots[1]!, 1 - r * r, 1e-15, 'second pivot = 1 - r²');
  });

  it('solves a system and inverts', () => {
    const n = 5;
    const a = randomSpd(n, 2);
    const { l } = pivotedCholesky(a, n, 1e-12);
    const b = [1, -2, 0.5, 3, 0];
    const x = choleskySolve(l, n, b);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s += a[i * n + j]! * x[j]!;
      close(s, b[i]!, 1e-12, `Ax[${i}]`);
    }
    const inv = invertSpd(a, n)!;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += a[i * n + k]! * inv[k * n + j]!;
        close(s, i === j ? 1 : 0, 1e-11, `A·A⁻¹[${i}][${j}]`);
      }
    }
    assert.equal(invertSpd(Float64Array.from([1, 1, 1, 1]), 2), null, 'singular matrix has no inverse');
  });

  it('extracts sub-matrices in the requested order', () => {
    const a = Float64Array.from([0, 1, 2, 10, 11, 12, 20, 21, 22]);
    assert.deepEqual(Array.from(subMatrix(a, 3, [2, 0])), [22, 20, 2, 0]);
  });
});

describe('jacobiEigen', () => {
  it('reconstructs A = V Λ Vᵀ with orthonormal V and descending eigenvalues', () => {
    const n = 8;
    const a = randomSpd(n, 3);
    const { values, vectors } = jacobiEigen(a, n);
    for (let k = 1; k < n; k++) assert.ok(values[k - 1]! >= values[k]!, 'descending');
    close(
      Array.from(values).reduce((x, y) => x + y, 0),
      n,
      1e-12,
      'trace of a correlation matrix',
    );
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        let o = 0;
        for (let k = 0; k < n; k++) {
          s += vectors[i * n + k]! * values[k]! * vectors[j * n + k]!;
          o += vectors[k * n + i]! * vectors[k * n + j]!;
        }
        close(s, a[i * n + j]!, 1e-12, `VΛVᵀ[${i}][${j}]`);
        close(o, i === j ? 1 : 0, 1e-12, `VᵀV[${i}][${j}]`);
      }
    }
  });

  it('gives the closed form for a 2x2 correlation matrix', () => {
    const { values } = jacobiEigen(Float64Array.from([1, 0.5, 0.5, 1]), 2);
    close(values[0]!, 1.5, 1e-15, 'λ1');
    close(values[1]!, 0.5, 1e-15, 'λ2');
  });
});
