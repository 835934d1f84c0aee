import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { npsCategory, npsScore } from './nps.ts';
import { assertClose, assertInterval, assertNoNaN } from './testing.ts';

describe('npsScore', () => {
  it('computes the value and the Wald interval', () => {
    // n = 200, 90 promoters, 40 detractors: p = .45, d = .20, NPS = 100 (.45 - .20) = 25
    // p + d - (p - d)^2 = .65 - .0625 = .5875; variance = 10^4 * .5875 / 200 = 29.375
    // sqrt(29.375) = 5.41987085; 1.96 * 5.41987085 = 10.62294686 -> [14.37705314, 35.62294686]
    const score = npsScore({ n: 200, promoters: 90, detractors: 40 });
    assert.equal(score.value, 25);
    assert.equal(score.n, 200);
    assertInterval(score.ci95, [14.37705314, 35.62294686], 1e-8);
    assert.equal(score.insufficient, false);
    assert.deepEqual(score.flags, []);
    assert.equal(score.promotersPct, 45);
    assert.equal(score.passivesPct, 35);
    assert.equal(score.detractorsPct, 20);
  });

  it('clips the interval to [-100, 100]', () => {
    // n = 10, 9 promoters: p = .9, d = 0; .9 - .81 = .09; variance = 10^4 * .09 / 10 = 90
    // 90 - 1.96 sqrt(90) = 90 - 18.5942 = 71.4058; 90 + 18.5942 = 108.59 -> clipped to 100
    const score = npsScore({ n: 10, promoters: 9, detractors: 0 });
    assert.equal(score.value, 90);
    assertInterval(score.ci95, [71.40580736, 100], 1e-8);
    assert.equal(score.insufficient, true);
  });

  it('n = 0: value and interval null, flagged, no NaN', () => {
    const score = npsScore({ n: 0, promoters: 0, detractors: 0 });
    assert.equal(score.value, null);
    assert.equal(score.ci95, null);
    assert.equal(score.insufficient, true);
    assert.deepEqual(score.flags, ['no-responses']);
    assertNoNaN(score);
  });

  it('all promoters: the Wald interval collapses to [100, 100], flagged degenerate', () => {
    // p = 1, d = 0: p + d - (p - d)^2 = 1 - 1 = 0. We return the formula's [100, 100] so SQL and
    // hand reproductions agree, and flag it so the dashboard does not present it as certainty.
    const score = npsScore({ n: 50, promoters: 50, detractors: 0 });
    assert.equal(score.value, 100);
    assert.deepEqual(score.ci95, [100, 100]);
    assert.deepEqual(score.flags, ['degenerate-interval']);
    assert.equal(score.insufficient, false);
    assertNoNaN(score);
    assert.deepEqual(npsScore({ n: 40, promoters: 0, detractors: 40 }).ci95, [-100, -100]);
    assert.deepEqual(npsScore({ n: 40, promoters: 0, detractors: 0 }).ci95, [0, 0]); // all passives
  });

  it('one response', () => {
    const detractor = npsScore({ n: 1, promoters: 0, detractors: 1 });
    assert.equal(detractor.value, -100);
    assert.deepEqual(detractor.ci95, [-100, -100]);
    assert.equal(detractor.insufficient, true);
    assert.deepEqual(detractor.flags, ['degenerate-interval']);
    assertNoNaN(detractor);
  });

  it('minN is configurable', () => {
    assert.equal(npsScore({ n: 20, promoters: 10, detractors: 5 }, { minN: 10 }).insufficient, false);
    assert.equal(npsScore({ n: 20, promoters: 10, detractors: 5 }).insufficient, true);
  });

  it('rejects impossible counts', () => {
    assert.throws(() => npsScore({ n: 5, promoters: 4, detractors: 2 }), RangeError);
    assert.throws(() => npsScore({ n: -1, promoters: 0, detractors: 0 }), RangeError);
    assert.throws(() => npsScore({ n: 2.5, promoters: 0, detractors: 0 }), RangeError);
    assert.throws(() => npsScore({ n: NaN, promoters: 0, detractors: 0 }), RangeError);
  });

  it('categorises answers: 9-10 promoters, 7-8 passives, 0-6 detractors', () => {
    assert.deepEqual([0, 6, 7, 8, 9, 10].map(npsCategory), [
      'detractor',
      'detractor',
      'passive',
      'passive',
      'promoter',
      'promoter',
    ]);
    assert.throws(() => npsCategory(11), RangeError);
  });

  it('never produces NaN over a grid of counts', () => {
    for (let n = 0; n <= 12; n++) {
      for (let promoters = 0; promoters <= n; promoters++) {
        for (let detractors = 0; promoters + detractors <= n; detractors++) {
          const score = npsScore({ n, promoters, detractors });
          assertNoNaN(score);
          if (score.ci95) assert.ok(score.ci95[0] <= score.value! && score.value! <= score.ci95[1]);
        }
      }
    }
    assertClose(npsScore({ n: 3, promoters: 1, detractors: 1 }).value, 0);
  });
});
