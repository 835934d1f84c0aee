// Reference: domir's README, domir(mpg ~ am + vs + cyl, lm_wrapper, data = mtcars): conditional
// dominance am 0.3597989, 0.1389842, 0.033684441; vs 0.4409477, 0.1641982, 0.002963748;
// cyl 0.7261800, 0.3432799, 0.075894823; general dominance 0.1774892, 0.2027032, 0.3817849.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { choose, dominanceFromSums } from './dominance.ts';
import { mtcarsColumn } from './fixtures/mtcars.ts';
import { swissColumn } from './fixtures/swiss.ts';
import { lmgFromSums } from './lmg.ts';
import { subsetR2Sums } from './r-squared.ts';
import { closeAll, plantedData, systemOf } from './test-helpers.ts';

describe('dominance analysis', () => {
  it('matches domir on mtcars, conditional and general', () => {
    const system = systemOf(mtcarsColumn('mpg'), [
      mtcarsColumn('am'),
      mtcarsColumn('vs'),
      mtcarsColumn('cyl'),
    ]);
    const d = dominanceFromSums(subsetR2Sums(system));
    closeAll(d.conditional[0]!, [0.3597989, 0.1389842, 0.033684441], 5e-8, 'am');
    closeAll(d.conditional[1]!, [0.4409477, 0.1641982, 0.002963748], 5e-8, 'vs');
    closeAll(d.conditional[2]!, [0.72618, 0.3432799, 0.075894823], 5e-8, 'cyl');
    closeAll(d.general, [0.1774892, 0.2027032, 0.3817849], 5e-8, 'general');
  });

  it('general dominance equals LMG (two formulas over the same subset sums)', () => {
    const cases = [
      systemOf(
        swissColumn('Fertility'),
        (['Agriculture', 'Examination', 'Education', 'Catholic', 'Infant.Mortality'] as const).map(
          swissColumn,
        ),
      ),
      systemOf(
        ...(({ y, xs }) => [y, xs] as const)(
          plantedData(9, 500, [0.5, 0.5, -0.2, 0.1, 0, 0.8, 0.3, 0.05], 0.6),
        ),
      ),
    ];
    for (const system of cases) {
      const sums = subsetR2Sums(system);
      closeAll(
        dominanceFromSums(sums).general,
        Array.from(lmgFromSums(sums)),
        1e-13,
        'general dominance vs lmg',
      );
    }
  });

  it('conditional dominance at size 0 is the squared correlation, at size p-1 the last-entry gain', () => {
    const system = { p: 2, rxx: Float64Array.from([1, 0.5, 0.5, 1]), rxy: Float64Array.from([0.6, 0.4]) };
    const d = dominanceFromSums(subsetR2Sums(system));
    const r2 = 0.28 / 0.75;
    closeAll(d.conditional[0]!, [0.36, r2 - 0.16], 1e-15, 'driver 1');
    closeAll(d.conditional[1]!, [0.16, r2 - 0.36], 1e-15, 'driver 2');
  });

  it('binomial coefficients', () => {
    assert.equal(choose(5, 2), 10);
    assert.equal(choose(23, 11), 1352078);
    assert.equal(choose(3, 4), 0);
  });
});
