import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { csatScore, csatTopTwoBoxMin, isSatisfied } from './csat.ts';
import { wilsonInterval } from './proportion.ts';
import { assertInterval, assertNoNaN } from './testing.ts';

describe('csatScore', () => {
  it('percent in the top two boxes with a Wilson interval', () => {
    // 80 of 100: p = .8, z^2 = 3.8416, denominator 1 + z^2/n = 1.038416
    // centre = (.8 + 3.8416 / 200) / 1.038416 = .819208 / 1.038416 = .78890137
    // half = (1.96 / 1.038416) sqrt(.8 * .2 / 100 + 3.8416 / 40000) = 1.88749 * .0411830 = .07773635
    // -> [.71116904, .86663408], in percent [71.116904, 86.663408]
    const score = csatScore({ n: 100, satisfied: 80 });
    assert.equal(score.value, 80);
    assertInterval(score.ci95, [71.11690381, 86.66340774], 1e-7);
    assert.equal(score.insufficient, false);
    assert.equal(score.satisfied, 80);
  });

  it('all satisfied keeps a real interval: lower bound n / (n + z^2)', () => {
    // 10 of 10: lower = 10 / (10 + 3.8416) = .72245983, upper = 1
    const score = csatScore({ n: 10, satisfied: 10 });
    assert.equal(score.value, 100);
    assertInterval(score.ci95, [72.24598312, 100], 1e-7);
    assert.equal(score.insufficient, true);
    assert.deepEqual(csatScore({ n: 10, satisfied: 0 }).ci95?.[0], 0);
  });

  it('n = 0 and one response', () => {
    const empty = csatScore({ n: 0, satisfied: 0 });
    assert.equal(empty.value, null);
    assert.equal(empty.ci95, null);
    assert.deepEqual(empty.flags, ['no-responses']);
    assertNoNaN(empty);
    // 1 of 1: lower = 1 / (1 + 3.8416) = .20654329
    const one = csatScore({ n: 1, satisfied: 1 });
    assert.equal(one.value, 100);
    assertInterval(one.ci95, [20.6543292, 100], 1e-7);
    assertNoNaN(one);
  });

  it('top two boxes depend on the scale', () => {
    assert.equal(csatTopTwoBoxMin(), 4); // 1-5: 4-5
    assert.equal(csatTopTwoBoxMin({ min: 1, max: 7 }), 6); // 6-7
    assert.equal(csatTopTwoBoxMin({ min: 1, max: 10 }), 9); // 9-10
    assert.equal(csatTopTwoBoxMin({ min: 0, max: 10 }), 9);
    assert.equal(isSatisfied(5, { min: 1, max: 7 }), false);
    assert.equal(isSatisfied(6, { min: 1, max: 7 }), true);
    assert.throws(() => csatTopTwoBoxMin({ min: 1, max: 2 }), RangeError);
  });

  it('Wilson interval never produces NaN and always contains the estimate', () => {
    for (let n = 0; n <= 40; n++) {
      for (let x = 0; x <= n; x++) {
        const interval = wilsonInterval(x, n);
        assertNoNaN(interval);
        if (interval) assert.ok(interval[0] <= x / n + 1e-15 && x / n <= interval[1] + 1e-15);
      }
    }
    assert.throws(() => csatScore({ n: 3, satisfied: 4 }), RangeError);
  });
});
