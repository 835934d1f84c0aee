import assert from 'node:assert/strict';
import { test } from 'node:test';
import { averageRanks, spearman } from './spearman.ts';
import { summariseCell } from './cells.ts';

test('average ranks for ties', () => {
  assert.deepEqual(averageRanks([10, 20, 20, 30]), [1, 2.5, 2.5, 4]);
});

test("Spearman's rho against a hand computation", () => {
  // x ranks 1..5, y = [2, 1, 4, 3, 5]: d = [-1, 1, -1, 1, 0], sum d^2 = 4, no ties:
  // rho = 1 - 6 * 4 / (5 * 24) = 0.8. z = atanh(0.8) = 1.0986; se = sqrt(1.06 / 2) = 0.72801;
  // 1.95996 * se = 1.42687: interval tanh(-0.32826), tanh(2.52548) = [-0.31691, 0.98731].
  const r = spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5]);
  assert.ok(Math.abs(r.rho! - 0.8) < 1e-12);
  assert.ok(Math.abs(r.ci95![0] - -0.31691) < 1e-4, String(r.ci95));
  assert.ok(Math.abs(r.ci95![1] - 0.98731) < 1e-4, String(r.ci95));
  // with ties: x = [0, 0, 1, 2] ranks [1.5, 1.5, 3, 4]; y = [1, 2, 3, 4]: Pearson on ranks
  // = sum (rx - 2.5)(ry - 2.5) / sqrt(sum (rx - 2.5)^2 sum (ry - 2.5)^2) = 4.5 / sqrt(4.5 * 5) = 0.94868
  assert.ok(Math.abs(spearman([0, 0, 1, 2], [1, 2, 3, 4]).rho! - 0.948683) < 1e-6);
  assert.equal(spearman([1, 1, 1, 1], [1, 2, 3, 4]).rho, null);
});

test('cell summary: median, interquartile range and the disagreement rule', () => {
  const scale = { min: 0, max: 3 };
  assert.deepEqual(summariseCell([0, 3, null], scale), {
    n: 2,
    unknown: 1,
    median: 1.5,
    iqr: 1.5,
    min: 0,
    max: 3,
    disagreement: true,
  });
  assert.equal(summariseCell([2, 3, 3], scale).disagreement, false);
  assert.equal(summariseCell([1, 3], scale).disagreement, true);
  assert.equal(summariseCell([3], scale).disagreement, false);
  assert.equal(summariseCell([null], scale).median, null);
});
