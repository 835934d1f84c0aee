import { test } from 'node:test';
import assert from 'node:assert/strict';
import { luFactor, luSolve } from './lu.ts';
import { seededRandom } from './seeded.ts';

test('LU with partial pivoting solves a system that needs a row exchange', () => {
  // A zero first pivot: without exchanging rows the elimination would divide by 0.
  const a = Float64Array.from([0, 2, 1, 1, 1, 0, 2, 1, 3]);
  const f = luFactor(a, 3);
  assert.ok(f.ok);
  const x = luSolve(f.lu, f.pivots, 3, Float64Array.from([3, 2, 6]), 1);
  Array.from(x).forEach((v) => assert.ok(Math.abs(v - 1) < 1e-14, String(v)));
});

test('LU solves many right-hand sides at once on a random 50 x 50 system', () => {
  const random = seededRandom(3);
  const n = 50;
  const m = 7;
  const a = Float64Array.from({ length: n * n }, () => random() - 0.5);
  const b = Float64Array.from({ length: n * m }, () => random());
  const f = luFactor(a, n);
  assert.ok(f.ok);
  const x = luSolve(f.lu, f.pivots, n, b, m);
  let worst = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += a[i * n + k]! * x[k * m + j]!;
      worst = Math.max(worst, Math.abs(s - b[i * m + j]!));
    }
  }
  assert.ok(worst < 1e-12, String(worst));
});

test('a singular matrix is reported with the column where elimination broke down', () => {
  const f = luFactor(Float64Array.from([1, 2, 2, 4]), 2);
  assert.deepEqual(f, { ok: false, column: 1 });
});
