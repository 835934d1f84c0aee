import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { measure, measureChange, measureOf, shiftAnswers, shiftFor } from './units.ts';

const nps = [
  { score: 3, count: 20 },
  { score: 7, count: 30 },
  { score: 8, count: 20 },
  { score: 9, count: 20 },
  { score: 10, count: 10 },
];
const csat = [
  { score: 2, count: 10 },
  { score: 3, count: 40 },
  { score: 4, count: 30 },
  { score: 5, count: 20 },
];
const ZERO_TEN = { min: 0, max: 10 };
const ONE_FIVE = { min: 1, max: 5 };

describe('what-if units', () => {
  it('read NPS in points from -100 to 100 and CSAT as the top-2-box percentage', () => {
    assert.equal(measure(nps, 'nps', ZERO_TEN), 30 - 20);
    assert.equal(measure(csat, 'top-2-box', ONE_FIVE), 50);
    assert.deepEqual(measureOf('nps', ZERO_TEN).measure, 'nps');
    assert.deepEqual(measureOf('csat', ONE_FIVE).measure, 'top-2-box');
    assert.deepEqual(measureOf('ces', { min: 1, max: 7 }), {
      measure: 'mean',
      unit: 'points on the 1-7 scale',
    });
  });

  it('move a fractional share of answers one point further, inside the scale', () => {
    const shifted = shiftAnswers(csat, 0.5, ONE_FIVE);
    assert.equal(
      shifted.reduce((s, x) => s + x.count, 0),
      100,
    );
    // Half of the 3s become 4s: top-2-box rises by 20 points; the 5s stay at 5.
    assert.equal(measure(shifted, 'top-2-box', ONE_FIVE), 70);
    assert.equal(measureChange(csat, 0.5, 'top-2-box', ONE_FIVE), 20);
    assert.ok(Math.abs(measureChange(csat, 10, 'mean', ONE_FIVE) - (5 - 3.6)) < 1e-12, 'capped at the top');
  });

  it('find the shift for a lift given in NPS points, and refuse one beyond reach', () => {
    const d = shiftFor(nps, 10, 'nps', ZERO_TEN)!;
    assert.ok(Math.abs(measureChange(nps, d, 'nps', ZERO_TEN) - 10) < 1e-6);
    assert.ok(d > 0 && d < 1, `shift ${d}`);
    assert.equal(shiftFor(nps, 120, 'nps', ZERO_TEN), null, 'NPS cannot rise past 100');
    assert.equal(shiftFor(csat, 60, 'top-2-box', ONE_FIVE), null, 'top-2-box cannot pass 100 %');
  });

  it('are monotone, so an interval maps to an interval', () => {
    let last = -Infinity;
    for (let d = -3; d <= 3; d += 0.05) {
      const g = measureChange(nps, d, 'nps', ZERO_TEN);
      assert.ok(g >= last - 1e-12);
      last = g;
    }
  });
});
