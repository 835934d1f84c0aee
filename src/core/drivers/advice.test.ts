import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { holmAdjust } from '../stats/holm.ts';
import { analyzeDrivers } from './analyze.ts';
import { close, normal, plantedData, rng } from './test-helpers.ts';
import type { DriverAnalysisOk, DriverInput } from './types.ts';

const ADVICE = ['concentrate-here', 'keep-up-the-good-work', 'low-priority', 'possible-overkill'];

function ok(result: ReturnType<typeof analyzeDrivers>): DriverAnalysisOk {
  assert.equal(result.ok, true, result.ok ? '' : result.error.message);
  return result as DriverAnalysisOk;
}

function input(y: Float64Array, xs: Float64Array[]): DriverInput {
  return { outcome: { name: 'y', values: y }, drivers: xs.map((values, j) => ({ name: `x${j}`, values })) };
}

describe('driver advice needs evidence', () => {
  it('a model that is not significant gives no quadrant to any driver', () => {
    // y is noise: nothing to find. (The seed gives a model p well above 5 %, checked below.)
    const { xs } = plantedData(11, 300, [0, 0, 0, 0]);
    const z = normal(rng(99));
    const y = Float64Array.from({ length: 300 }, () => z());
    const result = ok(analyzeDrivers(input(y, xs)));
    assert.ok(result.fTest.p > 0.05, `model p = ${result.fTest.p}`);
    assert.equal(result.evidence.modelSignificant, false);
    for (const d of result.drivers) {
      assert.equal(d.quadrant, 'not-enough-evidence', d.name);
      assert.equal(d.significant, false);
      assert.match(d.evidence, /model as a whole is not significant/);
    }
    for (const q of ADVICE) assert.equal(result.quadrants.counts[q as 'concentrate-here'], 0);
  });

  it('a significant model advises only on drivers significant after Holm', () => {
    const { y, xs } = plantedData(5, 600, [0.6, 0.4, 0, 0], 0.2);
    const result = ok(analyzeDrivers(input(y, xs)));
    assert.ok(result.fTest.p < 1e-6);
    const byName = new Map(result.drivers.map((d) => [d.name, d]));
    const adjusted = holmAdjust(['x0', 'x1', 'x2', 'x3'].map((n) => byName.get(n)!.p));
    ['x0', 'x1', 'x2', 'x3'].forEach((n, i) => close(byName.get(n)!.pAdjusted, adjusted[i]!, 1e-15, n));
    assert.ok(ADVICE.includes(byName.get('x0')!.quadrant));
    for (const n of ['x2', 'x3']) {
      const d = byName.get(n)!;
      assert.ok(d.pAdjusted >= 0.05, `${n} adjusted p ${d.pAdjusted}`);
      assert.equal(d.quadrant, 'not-enough-evidence', n);
      assert.match(d.evidence, /Holm-adjusted/);
    }
  });

  it('never tells a driver that raises churn to keep up the good work', () => {
    // Higher x0 means more churn; x1 lowers it. Churn is better lower.
    const { y, xs } = plantedData(8, 2000, [0.5, -0.5], 0.1);
    const churn = Float64Array.from(y, (v) => (v > 0.3 ? 1 : 0));
    const result = ok(analyzeDrivers(input(churn, xs), { better: 'lower' }));
    const x0 = result.drivers.find((d) => d.name === 'x0')!;
    const x1 = result.drivers.find((d) => d.name === 'x1')!;
    assert.ok(x0.significant && x1.significant);
    assert.equal(x0.quadrant, 'works-against-outcome');
    assert.ok(ADVICE.includes(x1.quadrant));
    // The same data read as "higher is better" turns the roles round.
    const flipped = ok(analyzeDrivers(input(churn, xs)));
    assert.equal(flipped.drivers.find((d) => d.name === 'x1')!.quadrant, 'works-against-outcome');
  });

  it('cuts performance on each driver’s scale, not on the mean of months, dollars and flags', () => {
    const random = rng(4);
    const z = normal(random);
    const rows = 1000;
    const tenure = Float64Array.from({ length: rows }, () => Math.round(random() * 72));
    const charges = Float64Array.from({ length: rows }, () => 18 + random() * 100);
    const flag = Float64Array.from({ length: rows }, () => (random() < 0.3 ? 1 : 0));
    const y = Float64Array.from(
      { length: rows },
      (_, r) => 0.05 * tenure[r]! + 0.02 * charges[r]! + flag[r]! + z(),
    );
    const result = ok(
      analyzeDrivers({
        outcome: { name: 'y', values: y },
        drivers: [
          { name: 'tenure', values: tenure, scale: { min: 0, max: 72 } },
          { name: 'charges', values: charges },
          { name: 'flag', values: flag },
        ],
      }),
    );
    const performance = result.drivers.map((d) => d.performance!);
    for (const p of performance) assert.ok(p >= 0 && p <= 1, `performance ${p}`);
    const tenureResult = result.drivers.find((d) => d.name === 'tenure')!;
    assert.ok(tenureResult.kind === 'numeric' && tenureResult.scale.source === 'declared');
    close(tenureResult.performance!, tenureResult.mean / 72, 1e-12, 'mean on the declared 0-72 scale');
    close(
      result.quadrants.thresholds.performance.value,
      performance.reduce((a, b) => a + b, 0) / 3,
      1e-12,
      'the cut is the mean of the comparable performances',
    );
    assert.ok(result.quadrants.thresholds.performance.value < 1);
  });

  it('a lone driver is not placed: a quadrant compares drivers', () => {
    const { y, xs } = plantedData(2, 500, [0.5]);
    const result = ok(analyzeDrivers(input(y, xs)));
    assert.equal(result.drivers[0]!.significant, true);
    assert.equal(result.drivers[0]!.quadrant, 'not-placed');
  });
});
