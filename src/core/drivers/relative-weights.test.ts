// References: the rwa package documentation (rwa_multiregress(mtcars, "mpg", c("cyl", "disp", "hp",
// "wt"))): raw weights 0.2096904, 0.1883043, 0.1799590, 0.2706812; rescaled 24.70914, 22.18908,
// 21.20570, 31.89607 %. Johnson's weights on swiss as the Python relativeImp package computes them
// (quoted in an independent test suite): 0.048416895812, 0.154708249806, 0.271964104646,
// 0.114680029948, 0.116965721381.
import { describe, it } from 'node:test';
import { mtcarsColumn } from './fixtures/mtcars.ts';
import { swissColumn } from './fixtures/swiss.ts';
import { subsetR2 } from './r-squared.ts';
import { relativeWeights } from './relative-weights.ts';
import { close, closeAll, plantedData, sum, systemOf } from './test-helpers.ts';

describe("Johnson's relative weights", () => {
  it('match the rwa package on mtcars', () => {
    const system = systemOf(
      mtcarsColumn('mpg'),
      (['cyl', 'disp', 'hp', 'wt'] as const).map((c) => mtcarsColumn(c)),
    );
    const rw = relativeWeights(system);
    closeAll(rw, [0.2096904, 0.1883043, 0.179959, 0.2706812], 5e-8, 'raw');
    closeAll(
      Array.from(rw, (v) => (100 * v) / sum(rw)),
      [24.70914, 22.18908, 21.2057, 31.89607],
      5e-6,
      'rescaled %',
    );
  });

  it('match relativeImp on swiss', () => {
    const system = systemOf(
      swissColumn('Fertility'),
      (['Agriculture', 'Examination', 'Education', 'Catholic', 'Infant.Mortality'] as const).map(swissColumn),
    );
    closeAll(
      relativeWeights(system),
      [0.048416895812, 0.154708249806, 0.271964104646, 0.114680029948, 0.116965721381],
      1e-11,
      'raw',
    );
  });

  it('sum to R² and equal LMG with two drivers (by hand)', () => {
    const system = { p: 2, rxx: Float64Array.from([1, 0.5, 0.5, 1]), rxy: Float64Array.from([0.6, 0.4]) };
    const r2 = 0.28 / 0.75;
    closeAll(relativeWeights(system), [(0.36 + r2 - 0.16) / 2, (0.16 + r2 - 0.36) / 2], 1e-14, 'rw');
    const { y, xs } = plantedData(2, 300, [0.4, -0.6, 0.2, 0.9, 0], 0.5);
    const big = systemOf(y, xs);
    close(sum(relativeWeights(big)), subsetR2(big, [0, 1, 2, 3, 4]), 1e-12, 'Σ rw = R²');
  });

  it('give uncorrelated drivers their squared correlations', () => {
    const system = {
      p: 3,
      rxx: Float64Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1]),
      rxy: Float64Array.from([0.5, 0.3, -0.1]),
    };
    closeAll(relativeWeights(system), [0.25, 0.09, 0.01], 1e-15, 'rw');
  });
});
