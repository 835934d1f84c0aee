import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lift, riskDifference, twoProportionP } from './intervals.ts';

const near = (actual: number, expected: number, tolerance: number, label = '') =>
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${label}: ${actual} is not ${expected} ± ${tolerance}`,
  );

describe('risk difference: Newcombe hybrid score interval (method 10)', () => {
  // Newcombe (1998), Statistics in Medicine 17:873-890, Table II, method 10, to the 4 decimals printed.
  const published: [number, number, number, number, number, number][] = [
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [10, 10, 0, 20, 0.6791, 1.0],
  ];
  for (const [a, n1, c, n0, lo, hi] of published) {
    it(`${a}/${n1} - ${c}/${n0} gives [${lo}, ${hi}]`, () => {
      const rd = riskDifference({ a, n1, c, n0 })!;
      near(rd.estimate, a / n1 - c / n0, 1e-15, 'estimate');
      near(rd.ci95[0], lo, 5e-5, 'lower');
      near(rd.ci95[1], hi, 5e-5, 'upper');
    });
  }

  it('worked by hand: 20/100 against 10/100', () => {
    // Wilson 95 % (z = 1.96): 20/100 -> [0.133365, 0.288831], 10/100 -> [0.055227, 0.174367].
    // lower = 0.1 - sqrt((0.2 - 0.133365)^2 + (0.174367 - 0.1)^2) = 0.1 - 0.099853 = 0.000147
    // upper = 0.1 + sqrt((0.288831 - 0.2)^2 + (0.1 - 0.055227)^2) = 0.1 + 0.099476 = 0.199476
    const rd = riskDifference({ a: 20, n1: 100, c: 10, n0: 100 })!;
    near(rd.ci95[0], 0.000147, 5e-6, 'lower');
    near(rd.ci95[1], 0.199476, 5e-6, 'upper');
  });

  it('has no estimate when a group is empty', () => {
    assert.equal(riskDifference({ a: 0, n1: 0, c: 3, n0: 10 }), null);
  });

  it('refuses impossible tables', () => {
    assert.throws(() => riskDifference({ a: 5, n1: 4, c: 0, n0: 1 }), RangeError);
    assert.throws(() => riskDifference({ a: 1.5, n1: 4, c: 0, n0: 1 }), RangeError);
  });
});

describe('lift: Katz log interval', () => {
  it('worked by hand: 20/100 against 10/100', () => {
    // RR = 2; SE(log RR) = sqrt(1/20 - 1/100 + 1/10 - 1/100) = sqrt(0.13) = 0.360555
    // 2 * exp(-1.96 * 0.360555) = 0.98655, 2 * exp(1.96 * 0.360555) = 4.05453
    const rr = lift({ a: 20, n1: 100, c: 10, n0: 100 })!;
    near(rr.estimate, 2, 1e-15, 'estimate');
    near(rr.ci95[0], 0.98655, 5e-6, 'lower');
    near(rr.ci95[1], 4.05453, 5e-6, 'upper');
    assert.equal(rr.corrected, false);
  });

  it('adds 0.5 to every cell when a count is zero, and says so', () => {
    // (5.5 / 57) / (0.5 / 30) = 5.78947; SE = sqrt(1/5.5 - 1/57 + 1/0.5 - 1/30) = 1.459775
    const rr = lift({ a: 5, n1: 56, c: 0, n0: 29 })!;
    assert.equal(rr.corrected, true);
    near(rr.estimate, 5.78947, 5e-5, 'estimate');
    near(rr.ci95[0], 0.33117, 5e-5, 'lower');
    near(rr.ci95[1], 101.2098, 5e-3, 'upper');
  });

  it('is undefined when nobody had the outcome', () => {
    assert.equal(lift({ a: 0, n1: 10, c: 0, n0: 20 }), null);
  });
});

describe('two-proportion test', () => {
  it('matches the chi-square test without continuity correction', () => {
    // 20/100 vs 10/100: pooled 0.15, z = 0.1 / sqrt(0.15 * 0.85 * 0.02) = 1.980295, p = 0.04767
    near(twoProportionP({ a: 20, n1: 100, c: 10, n0: 100 })!, 0.047675, 5e-6, 'p');
  });
  it('has no p when nobody (or everybody) had the outcome', () => {
    assert.equal(twoProportionP({ a: 0, n1: 10, c: 0, n0: 10 }), null);
    assert.equal(twoProportionP({ a: 10, n1: 10, c: 10, n0: 10 }), null);
  });
});
