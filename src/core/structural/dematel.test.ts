import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseInfluenceMatrix, type InfluenceMatrix } from './matrix-input.ts';
import { dematel, type DematelResult } from './dematel.ts';
import { randomInfluenceValues } from './seeded.ts';

function matrixOf(
  matrix: (number | string)[][],
  variables = matrix.map((_, i) => `x${i + 1}`),
): InfluenceMatrix {
  const parsed = parseInfluenceMatrix({ variables, matrix });
  assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.issues));
  return parsed.matrix;
}

function run(m: InfluenceMatrix, potentialWeight?: number): DematelResult {
  const outcome = dematel(m, potentialWeight === undefined ? {} : { potentialWeight });
  assert.ok(outcome.ok, JSON.stringify(!outcome.ok && outcome.issues));
  return outcome.result;
}

function assertClose(actual: number[], expected: number[], tolerance: number) {
  assert.equal(actual.length, expected.length);
  actual.forEach((a, i) =>
    assert.ok(Math.abs(a - expected[i]!) <= tolerance, `index ${i}: ${a} vs ${expected[i]}`),
  );
}

test('hand-worked: a single link is its own total relation (N is nilpotent)', () => {
  const r = run(
    matrixOf([
      [0, 2],
      [0, 0],
    ]),
  );
  assert.equal(r.normalisation.value, 2);
  assert.deepEqual(r.total, [
    [0, 1],
    [0, 0],
  ]);
  assert.deepEqual(r.given, [1, 0]);
  assert.deepEqual(r.received, [0, 1]);
  assert.deepEqual(r.prominence, [1, 1]);
  assert.deepEqual(r.relation, [1, -1]);
  assert.deepEqual(r.groups, ['cause', 'effect']);
  assert.deepEqual(r.diagram.arrows, [{ from: 'x1', to: 'x2', value: 1 }]);
});

test('hand-worked: a two-way pair sums the geometric series', () => {
  // s = 3, N = [[0, 1], [2/3, 0]], (I - N)^-1 = [[1, 1], [2/3, 1]] / (1 - 2/3), T = N (I - N)^-1.
  const r = run(
    matrixOf([
      [0, 3],
      [2, 0],
    ]),
  );
  assertClose(r.total.flat(), [2, 3, 2, 2], 1e-12);
  assertClose(r.relation, [1, -1], 1e-12);
});

// Celikbilek (2018), the worked example that JMcDM's DEMATEL test reproduces: the direct matrix,
// row sums of T ("c"), column sums ("r"), the mean of T as threshold and the cells of T above it.
const CELIKBILEK = [
  [0, 3, 0, 2, 0, 0, 0, 0, 3, 0],
  [3, 0, 0, 0, 0, 0, 0, 0, 0, 2],
  [4, 1, 0, 2, 1, 3, 1, 2, 3, 2],
  [4, 1, 4, 0, 1, 2, 0, 1, 0, 0],
  [3, 2, 3, 1, 0, 3, 0, 2, 0, 0],
  [4, 1, 4, 4, 0, 0, 0, 1, 1, 3],
  [3, 0, 0, 0, 0, 2, 0, 0, 0, 0],
  [3, 0, 4, 3, 2, 3, 1, 0, 0, 0],
  [4, 3, 2, 0, 0, 1, 0, 0, 0, 2],
  [2, 1, 0, 0, 0, 0, 0, 0, 3, 0],
];
const CELIKBILEK_ROW_SUMS = [
  0.3991458, 0.2261648, 1.0204318, 0.7538625, 0.809676, 0.9780926, 0.2717874, 0.945539, 0.5960514, 0.2937537,
];
const CELIKBILEK_COLUMN_SUMS = [
  1.5527024, 0.7251791, 0.8551461, 0.6895615, 0.2059141, 0.6790404, 0.1057168, 0.3163574, 0.6484014,
  0.5164858,
];
const CELIKBILEK_ABOVE_MEAN = [
  [0, 1, 0, 1, 0, 0, 0, 0, 1, 0],
  [1, 0, 0, 0, 0, 0, 0, 0, 0, 1],
  [1, 1, 0, 1, 0, 1, 0, 1, 1, 1],
  [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
  [1, 1, 1, 1, 0, 1, 0, 1, 0, 0],
  [1, 1, 1, 1, 0, 0, 0, 0, 1, 1],
  [1, 0, 0, 0, 0, 1, 0, 0, 0, 0],
  [1, 0, 1, 1, 1, 1, 0, 0, 0, 0],
  [1, 1, 1, 0, 0, 0, 0, 0, 0, 1],
  [1, 0, 0, 0, 0, 0, 0, 0, 1, 0],
];

test('published example (Celikbilek 2018 via JMcDM): R, C, threshold and the relation map', () => {
  const r = run(matrixOf(CELIKBILEK));
  assertClose(r.given, CELIKBILEK_ROW_SUMS, 1e-6);
  assertClose(r.received, CELIKBILEK_COLUMN_SUMS, 1e-6);
  assert.ok(Math.abs(r.diagram.threshold - 0.062945) < 1e-6);
  const above = CELIKBILEK.map((row, i) =>
    row.map((_, j) => (r.diagram.arrows.some((a) => a.from === `x${i + 1}` && a.to === `x${j + 1}`) ? 1 : 0)),
  );
  assert.deepEqual(above, CELIKBILEK_ABOVE_MEAN);
  // Factor 1 receives far more than it gives: the clearest effect; factor 8 the clearest cause.
  assert.equal(r.groups[0], 'effect');
  assert.equal(r.groups[7], 'cause');
});

test('T equals the series N + N^2 + ... on a random 200 x 200 matrix', () => {
  const n = 200;
  const values = randomInfluenceValues(7, n, 0.2);
  const rows = Array.from({ length: n }, (_, i) => Array.from(values.subarray(i * n, (i + 1) * n)));
  const r = run(matrixOf(rows));
  const s = r.normalisation.value;
  // T - N T = N  <=>  (I - N) T = N: check the residual instead of summing a slow series.
  let worst = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let nt = 0;
      for (let k = 0; k < n; k++) nt += (rows[i]![k]! / s) * r.total[k]![j]!;
      worst = Math.max(worst, Math.abs(r.total[i]![j]! - nt - rows[i]![j]! / s));
    }
  }
  assert.ok(worst < 1e-12, `residual ${worst}`);
  assert.ok(r.prominence.every(Number.isFinite));
});

test('a closed loop at the largest sum makes I - N singular, and the answer names it', () => {
  const pair = dematel(
    matrixOf(
      [
        [0, 3, 0, 0],
        [3, 0, 0, 0],
        [0, 0, 0, 1],
        [0, 0, 2, 0],
      ],
      ['support', 'returns', 'ads', 'search'],
    ),
  );
  assert.ok(!pair.ok);
  assert.equal(pair.issues[0]!.code, 'singular');
  assert.match(pair.issues[0]!.message, /"support", "returns" influence only one another/);
  const complete = dematel(
    matrixOf([
      [0, 1, 1],
      [1, 0, 1],
      [1, 1, 0],
    ]),
  );
  assert.ok(!complete.ok);
  assert.equal(complete.issues[0]!.code, 'singular');
  const self = dematel(matrixOf([[2]]));
  assert.ok(!self.ok);
});

test('equal largest sums without a closed loop are fine', () => {
  // Every row sums to 3, but x3 receives more than 3: no group is closed at the largest sum.
  const r = run(
    matrixOf([
      [0, 0, 3],
      [0, 0, 3],
      [3, 0, 0],
    ]),
  );
  assert.equal(r.normalisation.value, 6);
  assert.ok(r.total.flat().every(Number.isFinite));
});

test('no influence, P cells and symmetric matrices', () => {
  const none = dematel(
    matrixOf([
      [0, 'P'],
      [0, 0],
    ]),
  );
  assert.ok(!none.ok);
  assert.equal(none.issues[0]!.code, 'no_influence');
  const weighted = run(
    matrixOf([
      [0, 'P'],
      [0, 0],
    ]),
    2,
  );
  assert.equal(weighted.potentialWeight, 2);
  assert.deepEqual(weighted.given, [1, 0]);
  const symmetric = run(
    matrixOf([
      [0, 1, 2],
      [1, 0, 1],
      [2, 1, 0],
    ]),
  );
  assert.deepEqual(symmetric.groups, ['neutral', 'neutral', 'neutral']);
});
