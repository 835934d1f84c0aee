import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { subsetR2, subsetR2Sums } from './r-squared.ts';
import { close, plantedData, systemOf } from './test-helpers.ts';

describe('subset R²', () => {
  it('two drivers by hand: R² = (r1² + r2² - 2 r1 r2 r12) / (1 - r12²)', () => {
    const system = { p: 2, rxx: Float64Array.from([1, 0.5, 0.5, 1]), rxy: Float64Array.from([0.6, 0.4]) };
    close(subsetR2(system, [0, 1]), 0.28 / 0.75, 1e-15, 'R²');
    close(subsetR2(system, [0]), 0.36, 1e-15, 'R² of driver 1 alone = r²');
    assert.equal(subsetR2(system, []), 0);
  });

  it('the incremental enumeration agrees with a fresh solve for every subset', () => {
    const { y, xs } = plantedData(11, 400, [0.8, -0.3, 0.5, 0, 0.2, 0.4]);
    const system = systemOf(y, xs);
    const p = system.p;
    const total = new Float64Array(p + 1);
    const withDriver = new Float64Array((p + 1) * p);
    for (let mask = 0; mask < 1 << p; mask++) {
      const subset = Array.from({ length: p }, (_, j) => j).filter((j) => mask & (1 << j));
      const r2 = subsetR2(system, subset);
      total[subset.length] = total[subset.length]! + r2;
      for (const j of subset) withDriver[subset.length * p + j] = withDriver[subset.length * p + j]! + r2;
    }
    const sums = subsetR2Sums(system);
    assert.equal(sums.subsets, 1 << p);
    for (let k = 0; k <= p; k++) close(sums.total[k]!, total[k]!, 1e-12, `total[${k}]`);
    for (let i = 0; i < withDriver.length; i++)
      close(sums.withDriver[i]!, withDriver[i]!, 1e-12, `with[${i}]`);
    close(sums.fullR2, subsetR2(system, [0, 1, 2, 3, 4, 5]), 1e-13, 'full R²');
  });
});
