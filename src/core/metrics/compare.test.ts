import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareCsat, compareMeans, compareNps, compareProportions } from './compare.ts';
import { meanSumsOf } from './mean.ts';
import { assertClose, assertInterval, assertNoNaN } from './testing.ts';

describe('compareNps', () => {
  it('z test on the difference of two NPS values', () => {
    // a: n 200, 90 P, 40 D -> NPS 25, variance 29.375 (see nps.test.ts)
    // b: n 150, 60 P, 45 D -> p .4, d .3, NPS 10; .7 - .01 = .69; variance 10^4 * .69 / 150 = 46
    // difference -15; se = sqrt(75.375) = 8.6818777; z = -1.7277369; p = 2 Phi(-1.7277) = .0840354
    // ci: -15 +/- 1.96 * 8.6818777 = [-32.0164802, 2.0164802]
    const result = compareNps(
      { n: 200, promoters: 90, detractors: 40 },
      { n: 150, promoters: 60, detractors: 45 },
    );
    assert.equal(result.test, 'z');
    assert.equal(result.difference, -15);
    assertClose(result.statistic, -1.72773685, 1e-8);
    assertClose(result.p, 0.0840354135, 1e-9);
    assertInterval(result.ci95, [-32.01648025, 2.01648025], 1e-7);
    assert.equal(result.significant, false);
    assert.equal(result.insufficient, false);
    assert.equal(
      compareNps(
        { n: 200, promoters: 90, detractors: 40 },
        { n: 150, promoters: 60, detractors: 45 },
        { alpha: 0.1 },
      ).significant,
      true,
    );
  });

  it('identical groups give p = 1', () => {
    const group = { n: 120, promoters: 50, detractors: 30 };
    const result = compareNps(group, { ...group });
    assert.equal(result.difference, 0);
    assert.equal(result.statistic, 0);
    assert.equal(result.p, 1);
    assert.equal(result.significant, false);
  });

  it('n = 0 in a group: nothing to test, no NaN', () => {
    const result = compareNps({ n: 0, promoters: 0, detractors: 0 }, { n: 40, promoters: 20, detractors: 5 });
    assert.equal(result.difference, null);
    assert.equal(result.p, null);
    assert.equal(result.significant, false);
    assert.deepEqual(result.flags, ['no-responses']);
    assertNoNaN(result);
  });

  it('degenerate groups: all promoters vs all promoters is p = 1, vs all detractors has no test', () => {
    const same = compareNps({ n: 5, promoters: 5, detractors: 0 }, { n: 3, promoters: 3, detractors: 0 });
    assert.equal(same.p, 1);
    assert.deepEqual(same.ci95, [0, 0]);
    assert.equal(same.insufficient, true);
    // se = 0 but the values differ: a z statistic would be infinite and p a fake 0
    const opposite = compareNps({ n: 1, promoters: 1, detractors: 0 }, { n: 1, promoters: 0, detractors: 1 });
    assert.equal(opposite.difference, -200);
    assert.equal(opposite.p, null);
    assert.equal(opposite.ci95, null);
    assert.equal(opposite.significant, false);
    assert.deepEqual(opposite.flags, ['degenerate-variance']);
    assertNoNaN(opposite);
  });

  it('tiny groups are flagged insufficient but still tested', () => {
    // a: 2 P 1 D of 4 -> NPS 25, variance 10^4 (.75 - .0625) / 4 = 1718.75
    // b: 1 P 2 D of 4 -> NPS -25, variance 1718.75; se = sqrt(3437.5) = 58.6302; z = -.8528
    const result = compareNps({ n: 4, promoters: 2, detractors: 1 }, { n: 4, promoters: 1, detractors: 2 });
    assert.equal(result.difference, -50);
    assertClose(result.statistic, -50 / Math.sqrt(3437.5), 1e-12);
    assert.equal(result.insufficient, true);
    assert.equal(result.significant, false);
    assertNoNaN(result);
  });
});

describe('compareCsat / compareProportions', () => {
  it('pooled two-proportion z test', () => {
    // 80/100 vs 65/100: pooled .725; se = sqrt(.725 * .275 * (1/100 + 1/100)) = .0631467
    // z = -.15 / .0631467 = -2.3754227; p = .0175289 -> significant at .05
    const result = compareCsat({ n: 100, satisfied: 80 }, { n: 100, satisfied: 65 });
    assertClose(result.difference, -15, 1e-12);
    assertClose(result.statistic, -2.37542275, 1e-8);
    assertClose(result.p, 0.0175288613, 1e-9);
    assert.equal(result.significant, true);
    // Newcombe: Wilson(80/100) = [.7111690, .8666341], Wilson(65/100) = [.5525426, .7363590]
    // lo = -.15 - sqrt((.65 - .5525426)^2 + (.8666341 - .8)^2) = -.2680595
    // hi = -.15 + sqrt((.7363590 - .65)^2 + (.8 - .7111690)^2) = -.0261097
    assertInterval(result.ci95, [-26.80594946, -2.61096911], 1e-6);
  });

  it("Newcombe's interval matches his published example", () => {
    // Newcombe (1998), Stat Med 17:873, example 56/70 - 48/80: method 10 gives 0.0524 to 0.3339
    const result = compareProportions({ n: 80, successes: 48 }, { n: 70, successes: 56 });
    assertClose(result.difference, 20, 1e-12);
    assertInterval(result.ci95, [5.24, 33.39], 0.005);
  });

  it('identical groups give p = 1; both at 100 % too', () => {
    const identical = compareCsat({ n: 60, satisfied: 45 }, { n: 60, satisfied: 45 });
    assert.equal(identical.p, 1);
    assert.equal(identical.difference, 0);
    const allSatisfied = compareCsat({ n: 10, satisfied: 10 }, { n: 12, satisfied: 12 });
    assert.equal(allSatisfied.p, 1);
    assert.equal(allSatisfied.significant, false);
    assert.ok(allSatisfied.ci95 && allSatisfied.ci95[0] < 0 && allSatisfied.ci95[1] > 0); // Newcombe stays open
    assertNoNaN(allSatisfied);
  });

  it('n = 0 and tiny groups', () => {
    const empty = compareCsat({ n: 0, satisfied: 0 }, { n: 5, satisfied: 3 });
    assert.equal(empty.p, null);
    assertNoNaN(empty);
    const tiny = compareCsat({ n: 1, satisfied: 0 }, { n: 1, satisfied: 1 });
    // pooled .5: se = sqrt(.25 * 2) = .7071; z = 1.4142; p = .1573
    assertClose(tiny.p, 0.157299207, 1e-8);
    assert.equal(tiny.insufficient, true);
    assertNoNaN(tiny);
  });
});

describe('compareMeans (Welch)', () => {
  it('Welch t with Welch-Satterthwaite df', () => {
    // a = 1 2 3 4 5: mean 3, s^2 2.5, s^2/n = .5; b = 2 4 ... 12: mean 7, s^2 14, s^2/n = 2.3333333
    // se = sqrt(2.8333333) = 1.6832508; t = 4 / 1.6832508 = 2.3763541
    // df = 2.8333333^2 / (.5^2 / 4 + 2.3333333^2 / 5) = 8.0277778 / 1.1513889 = 6.9722557
    // p = .0492843 (scipy.stats.ttest_ind(b, a, equal_var=False)); t(.975, 6.97) = 2.3665330
    // ci: 4 +/- 2.3665330 * 1.6832508 = [.0165313, 7.9834687]
    const result = compareMeans(meanSumsOf([1, 2, 3, 4, 5]), meanSumsOf([2, 4, 6, 8, 10, 12]));
    assert.equal(result.test, 'welch-t');
    assert.equal(result.difference, 4);
    assertClose(result.statistic, 2.3763541031, 1e-9);
    assertClose(result.df, 6.9722557298, 1e-9);
    assertClose(result.p, 0.0492843382, 1e-9);
    assertInterval(result.ci95, [0.0165313044, 7.9834686956], 1e-8);
    assert.equal(result.significant, true);
    assert.equal(result.insufficient, true);
  });

  it('identical groups give p = 1', () => {
    const group = meanSumsOf([4, 5, 6, 6, 7]);
    const result = compareMeans(group, { ...group });
    assert.equal(result.p, 1);
    assert.equal(result.statistic, 0);
    assert.equal(result.significant, false);
  });

  it('one response or none: no test, no NaN', () => {
    const single = compareMeans({ n: 1, sum: 5, sumSquares: 25 }, meanSumsOf([4, 5, 6]));
    assert.equal(single.p, null);
    assert.deepEqual(single.flags, ['single-response']);
    assertNoNaN(single);
    const none = compareMeans({ n: 0, sum: 0, sumSquares: 0 }, meanSumsOf([4, 5, 6]));
    assert.deepEqual(none.flags, ['no-responses']);
    assertNoNaN(none);
  });

  it('zero spread in both groups', () => {
    const same = compareMeans(meanSumsOf([5, 5]), meanSumsOf([5, 5, 5]));
    assert.equal(same.p, 1);
    const different = compareMeans(meanSumsOf([5, 5]), meanSumsOf([6, 6, 6]));
    assert.equal(different.p, null);
    assert.deepEqual(different.flags, ['degenerate-variance']);
    assertNoNaN(different);
    // one group without spread: df falls back to the other group's n - 1
    const oneSided = compareMeans(meanSumsOf([5, 5, 5]), meanSumsOf([4, 6, 5, 7]));
    assertClose(oneSided.df, 3, 1e-12);
  });
});
