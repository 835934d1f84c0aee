import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { meanAndVariance, meanSumsOf } from './mean.ts';
import { ratingScore } from './rating.ts';
import { assertInterval, assertNoNaN } from './testing.ts';

describe('ratingScore', () => {
  it('mean with a t interval', () => {
    // 3 4 4 5 5 5: n = 6, sum = 26, mean = 4.3333333, sum of squares = 116
    // SS = 116 - 676 / 6 = 3.3333333; s^2 = .6666667; s = .8164966; se = .3333333
    // t(.975, 5) = 2.5705818 -> half = .8568606 -> [3.4764727, 5.1901939]
    const score = ratingScore(meanSumsOf([3, 4, 4, 5, 5, 5]));
    assertInterval(score.ci95, [3.47647274, 5.19019393], 1e-7);
    assert.equal(score.n, 6);
  });

  it('n = 1: the mean is the answer, no interval, flagged', () => {
    const score = ratingScore({ n: 1, sum: 4, sumSquares: 16 });
    assert.equal(score.value, 4);
    assert.equal(score.ci95, null);
    assert.equal(score.sd, null);
    assert.deepEqual(score.flags, ['single-response']);
    assert.equal(score.insufficient, true);
    assertNoNaN(score);
  });

  it('identical answers: zero-width interval, flagged, and no NaN from rounding', () => {
    // 0.1 * 3 rounds so that sumSquares - sum^2 / n is slightly negative without the clamp
    const score = ratingScore(meanSumsOf([0.1, 0.1, 0.1]));
    assert.equal(score.sd, 0);
    assert.deepEqual(score.flags, ['degenerate-interval']);
    assertNoNaN(score);
    assert.deepEqual(meanAndVariance(meanSumsOf([4.7, 4.7, 4.7, 4.7, 4.7, 4.7, 4.7]))?.variance, 0);
  });

  it('a 0-100 rating scale clips only when needed', () => {
    const score = ratingScore(meanSumsOf([0, 100]), { scale: { min: 0, max: 100 } });
    assert.deepEqual(score.ci95, [0, 100]);
  });

  it('n = 0 and invalid sums', () => {
    const score = ratingScore({ n: 0, sum: 0, sumSquares: 0 });
    assert.equal(score.value, null);
    assertNoNaN(score);
    assert.throws(() => ratingScore({ n: 2, sum: NaN, sumSquares: 1 }), RangeError);
  });
});
