import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { median, percentileCont, quartiles } from './quantiles.ts';

describe('percentile_cont', () => {
  it('interpolates linearly at f * (n - 1)', () => {
    // sorted 1 2 4 8: p25 at position .75 -> 1 + (2 - 1) * .75 = 1.75
    // median at 1.5 -> 2 + (4 - 2) * .5 = 3; p75 at 2.25 -> 4 + (8 - 4) * .25 = 5
    assert.deepEqual(quartiles([8, 1, 4, 2]), { n: 4, p25: 1.75, median: 3, p75: 5 });
    // odd n hits an element: 3 5 9 -> median 5, p25 at .5 -> 4, p75 at 1.5 -> 7
    assert.deepEqual(quartiles([9, 3, 5]), { n: 3, p25: 4, median: 5, p75: 7 });
    // p90 of 10 20 30 40 50 60 70 80 90 100 at position 8.1 -> 90 + 10 * .1 = 91
    assert.equal(percentileCont([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 0.9), 91);
  });

  it('edges: empty, one value, fractions 0 and 1, negative values', () => {
    assert.deepEqual(quartiles([]), { n: 0, p25: null, median: null, p75: null });
    assert.equal(median([]), null);
    assert.deepEqual(quartiles([42]), { n: 1, p25: 42, median: 42, p75: 42 });
    assert.equal(percentileCont([5, -3, 2], 0), -3);
    assert.equal(percentileCont([5, -3, 2], 1), 5);
    assert.equal(median([-10, -20]), -15);
  });

  it('sorts numerically (not as strings) and leaves the input alone', () => {
    const values = [100, 9, 25];
    assert.equal(median(values), 25);
    assert.deepEqual(values, [100, 9, 25]);
  });

  it('rejects NaN and bad fractions', () => {
    assert.throws(() => median([1, NaN]), RangeError);
    assert.throws(() => percentileCont([1], 1.5), RangeError);
  });
});
