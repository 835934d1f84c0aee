import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cesEasyMin, cesScore } from './ces.ts';
import { meanSumsOf } from './mean.ts';
import { assertClose, assertInterval, assertNoNaN } from './testing.ts';

describe('cesScore', () => {
  it('mean with a t interval and percent easy', () => {
    // scores 2 4 5 6 7 7 3 5: n = 8, sum = 39, mean = 4.875, sum of squares = 213
    // SS = 213 - 39^2 / 8 = 22.875; s^2 = 22.875 / 7 = 3.2678571; s = 1.8077215; se = s / sqrt(8) = .6391261
    // t(.975, 7) = 2.3646243 (t table); half = 1.5112930 -> [3.3637070, 6.3862930]
    // easy (5-7): 5 6 7 7 5 = 5 of 8 = 62.5 %
    const scores = [2, 4, 5, 6, 7, 7, 3, 5];
    const sums = meanSumsOf(scores);
    assert.deepEqual(sums, { n: 8, sum: 39, sumSquares: 213 });
    const score = cesScore({ ...sums, easy: scores.filter((s) => s >= cesEasyMin()).length });
    assert.equal(score.value, 4.875);
    assertClose(score.sd, 1.8077215335, 1e-9);
    assertInterval(score.ci95, [3.36370698, 6.38629302], 1e-7);
    assert.equal(score.insufficient, true);
    assert.equal(score.easy.value, 62.5);
    assert.equal(score.easy.n, 8);
    assertNoNaN(score);
  });

  it('"easy" is above the midpoint: 5-7 on 1-7, 4-5 on a 1-5 variant', () => {
    assert.equal(cesEasyMin(), 5);
    assert.equal(cesEasyMin({ min: 1, max: 5 }), 4);
  });

  it('clips the interval to the 1-7 scale for tiny samples', () => {
    // 1 and 7: mean 4, s = 4.2426, se = 3, t(.975, 1) = 12.706 -> +/- 38.1, clipped to [1, 7]
    const score = cesScore({ n: 2, sum: 8, sumSquares: 50, easy: 1 });
    assert.deepEqual(score.ci95, [1, 7]);
  });

  it('n = 0 and one response', () => {
    const empty = cesScore({ n: 0, sum: 0, sumSquares: 0, easy: 0 });
    assert.equal(empty.value, null);
    assert.equal(empty.ci95, null);
    assert.deepEqual(empty.flags, ['no-responses']);
    assert.equal(empty.easy.value, null);
    assertNoNaN(empty);
    const one = cesScore({ n: 1, sum: 6, sumSquares: 36, easy: 1 });
    assert.equal(one.value, 6);
    assert.equal(one.ci95, null);
    assert.deepEqual(one.flags, ['single-response']);
    assert.equal(one.easy.value, 100);
    assertNoNaN(one);
  });
});
