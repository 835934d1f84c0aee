import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { holmAdjust } from './holm.ts';

describe('holmAdjust', () => {
  it('matches R p.adjust(method = "holm") on a hand-worked example', () => {
    // p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm") = 0.03 0.06 0.06 0.02
    const adjusted = holmAdjust([0.01, 0.04, 0.03, 0.005]);
    const expected = [0.03, 0.06, 0.06, 0.02];
    adjusted.forEach((p, i) => assert.ok(Math.abs((p as number) - expected[i]!) < 1e-12, `${i}: ${p}`));
  });

  it('passes nulls through and leaves them out of the count of tests', () => {
    assert.deepEqual(holmAdjust([null, 0.02, null, 0.5]), [null, 0.04, null, 0.5]);
  });

  it('caps at 1 and keeps the order of the sorted p-values (monotone)', () => {
    assert.deepEqual(holmAdjust([0.6, 0.5, 0.9]), [1, 1, 1]);
    assert.deepEqual(holmAdjust([]), []);
    assert.deepEqual(holmAdjust([0.2]), [0.2]);
  });

  it('rejects values that are not p-values', () => {
    assert.throws(() => holmAdjust([0.1, Number.NaN]), RangeError);
    assert.throws(() => holmAdjust([1.5]), RangeError);
  });
});
