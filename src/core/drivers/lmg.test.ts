// Published references: relaimpo's calc.relimp(mpg ~ am + vs + cyl, mtcars, type = "lmg") as printed in
// the domir package README (am 0.1774892, vs 0.2027032, cyl 0.3817849, R² 0.7619773), and
// calc.relimp(swiss, type = "lmg") (Grömping 2006, JSS 17(1); relaimpo's own example) to 13 digits:
// 0.0570912207681, 0.1711730289002, 0.2601346786244, 0.1055701503735, 0.1127659229265, R² 0.706735001593
// (relaimpo 2.2-7 output as quoted in an independent implementation's test suite).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mtcarsColumn } from './fixtures/mtcars.ts';
import { swissColumn } from './fixtures/swiss.ts';
import { exactLmg, lmgFromSums, shapleyWeights } from './lmg.ts';
import { subsetR2Sums } from './r-squared.ts';
import { choose } from './dominance.ts';
import { close, closeAll, lmgByPermutations, plantedData, sum, systemOf } from './test-helpers.ts';

const swissSystem = () =>
  systemOf(
    swissColumn('Fertility'),
    (['Agriculture', 'Examination', 'Education', 'Catholic', 'Infant.Mortality'] as const).map(swissColumn),
  );

describe('Shapley weights', () => {
  it('are s!(p-s-1)!/p! and sum to 1 over all subsets of the other drivers', () => {
    const w = shapleyWeights(5);
    close(w[0]!, 1 / 5, 1e-16, 'w(0)');
    close(w[2]!, (2 * 2) / 120, 1e-16, 'w(2) = 2!2!/5!');
    for (const p of [1, 2, 7, 20, 24]) {
      const ws = shapleyWeights(p);
      close(
        Array.from(ws).reduce((acc, x, s) => acc + choose(p - 1, s) * x, 0),
        1,
        1e-12,
        `p = ${p}`,
      );
    }
  });
});

describe('exact LMG', () => {
  it('two drivers: the average of the two orderings (closed form)', () => {
    const system = { p: 2, rxx: Float64Array.from([1, 0.5, 0.5, 1]), rxy: Float64Array.from([0.6, 0.4]) };
    const r2 = 0.28 / 0.75;
    // Driver 1 first gains 0.36; second it gains R² - 0.16. LMG is the mean of the two.
    closeAll(exactLmg(system), [(0.36 + (r2 - 0.16)) / 2, (0.16 + (r2 - 0.36)) / 2], 1e-15, 'lmg');
  });

  it('uncorrelated drivers each get exactly their squared correlation', () => {
    const system = {
      p: 3,
      rxx: Float64Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1]),
      rxy: Float64Array.from([0.5, 0.3, -0.1]),
    };
    closeAll(exactLmg(system), [0.25, 0.09, 0.01], 1e-15, 'lmg');
  });

  it('equals the average over all p! orderings (p = 6, 720 orders)', () => {
    const { y, xs } = plantedData(5, 300, [0.9, 0.2, -0.4, 0, 0.6, 0.1], 0.5);
    const system = systemOf(y, xs);
    closeAll(exactLmg(system), lmgByPermutations(system), 1e-13, 'lmg');
  });

  it('matches relaimpo on mtcars (mpg ~ am + vs + cyl)', () => {
    const system = systemOf(mtcarsColumn('mpg'), [
      mtcarsColumn('am'),
      mtcarsColumn('vs'),
      mtcarsColumn('cyl'),
    ]);
    const lmg = exactLmg(system);
    closeAll(lmg, [0.1774892, 0.2027032, 0.3817849], 5e-8, 'lmg');
    close(sum(lmg), 0.7619773, 5e-8, 'Σ lmg = R²');
  });

  it('matches relaimpo on swiss (Fertility on the other five)', () => {
    const lmg = exactLmg(swissSystem());
    closeAll(
      lmg,
      [0.0570912207681, 0.1711730289002, 0.2601346786244, 0.1055701503735, 0.1127659229265],
      1e-12,
      'lmg',
    );
    close(sum(lmg), 0.706735001593, 1e-11, 'Σ lmg = R²');
  });

  it('runs at p = 20 (a million subsets) and still adds up to R²', () => {
    const coef = Array.from({ length: 20 }, (_, j) => (j % 3 === 0 ? 0.5 : 0.1 * (j % 4)));
    const { y, xs } = plantedData(3, 2000, coef, 0.3);
    const system = systemOf(y, xs);
    const sums = subsetR2Sums(system);
    assert.equal(sums.subsets, 1 << 20);
    const lmg = lmgFromSums(sums);
    close(sum(lmg), sums.fullR2, 1e-10, 'Σ lmg = R²');
    for (const v of lmg) assert.ok(v > -1e-12, 'LMG is never negative');
  });
});
