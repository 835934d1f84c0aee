import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { adjustForFailures } from './adjusted-pairs.ts';
import { compare } from './compare.ts';
import { sparsity } from './influence.ts';
import { mantelHaenszelRiskDifference } from './mantel-haenszel.ts';

const close = (actual: number, expected: number, tol = 1e-9) =>
  assert.ok(Math.abs(actual - expected) <= tol, `${actual} != ${expected}`);

describe('Mantel-Haenszel risk difference (Sato variance)', () => {
  test('one stratum: the crude difference and the Wald variance, by hand', () => {
    // 30/50 against 10/50: RD 0.4; Sato: P = -5, Q = 7, W = 25, Var = (0.4 * -5 + 7) / 625 = 0.008,
    // which is 0.6 * 0.4 / 50 + 0.2 * 0.8 / 50, the Wald variance of one table.
    const r = mantelHaenszelRiskDifference([{ a: 30, n1: 50, c: 10, n0: 50 }])!;
    close(r.estimate, 0.4);
    close(r.ci95[0], 0.4 - 1.96 * Math.sqrt(0.008));
    close(r.ci95[1], 0.4 + 1.96 * Math.sqrt(0.008));
    assert.equal(r.informativeStrata, 1);
  });

  test('Simpson: no difference within either stratum, a large one crude', () => {
    // stratum 1: 8/10 against 40/50 (0.8 both); stratum 2: 5/50 against 1/10 (0.1 both).
    // Crude 13/60 against 41/60: -0.467. By hand: W = 500/60 each; P1 = -6000/3600, Q1 = 160/120,
    // P2 = -8000/3600, Q2 = 90/120; RD_MH = 0, Var = (Q1 + Q2) / (1000/60)^2 = 0.0075.
    const strata = [
      { a: 8, n1: 10, c: 40, n0: 50 },
      { a: 5, n1: 50, c: 1, n0: 10 },
    ];
    const crude = compare({ a: 13, n1: 60, c: 41, n0: 60 });
    assert.ok(crude.significant);
    const r = mantelHaenszelRiskDifference(strata)!;
    close(r.estimate, 0);
    close(r.ci95[1], 1.96 * Math.sqrt(0.0075));
    const verdict = adjustForFailures(crude, strata, 'Delivery');
    assert.equal(verdict.verdict, 'explained-by-failure');
  });

  test('strata where everyone is exposed, or nobody, carry no weight; none left is not separable', () => {
    assert.equal(mantelHaenszelRiskDifference([{ a: 5, n1: 10, c: 0, n0: 0 }]), null);
    const crude = compare({ a: 40, n1: 50, c: 5, n0: 50 });
    const v = adjustForFailures(
      crude,
      [
        { a: 40, n1: 50, c: 0, n0: 0 },
        { a: 0, n1: 0, c: 5, n0: 50 },
      ],
      'Delivery',
    );
    assert.equal(v.verdict, 'not-separable');
    assert.equal(v.riskDifference, null);
  });

  test('an association present within every stratum holds', () => {
    const strata = [
      { a: 30, n1: 50, c: 10, n0: 50 },
      { a: 20, n1: 40, c: 4, n0: 40 },
    ];
    const crude = compare({ a: 50, n1: 90, c: 14, n0: 90 });
    const v = adjustForFailures(crude, strata, 'Checkout');
    assert.equal(v.verdict, 'holds');
    // (30*50 - 10*50)/100 + (20*40 - 4*40)/80 = 10 + 8 = 18 over W = 25 + 20 = 45
    close(v.riskDifference!.estimate, 18 / 45);
  });

  test('a crude difference that is not significant is not tested', () => {
    const crude = compare({ a: 11, n1: 50, c: 10, n0: 50 });
    assert.equal(adjustForFailures(crude, [{ a: 11, n1: 50, c: 10, n0: 50 }], 'X').verdict, 'not-tested');
  });
});

describe('MICMAC sparsity', () => {
  test('2 of 10 touchpoints linked is too sparse; 5 of 10 is not', () => {
    const m = (links: [number, number][]) => {
      const out = Array.from({ length: 10 }, () => Array.from({ length: 10 }, () => 0));
      for (const [i, j] of links) out[i]![j] = 0.3;
      return out;
    };
    const sparse = sparsity(m([[0, 1]]));
    assert.deepEqual([sparse.linked, sparse.links, sparse.tooSparse], [2, 1, true]);
    const enough = sparsity(
      m([
        [0, 1],
        [2, 3],
        [3, 4],
      ]),
    );
    assert.deepEqual([enough.linked, enough.links, enough.tooSparse], [5, 3, false]);
    // three variables need all three linked
    assert.equal(
      sparsity([
        [0, 1, 0],
        [0, 0, 0],
        [0, 0, 0],
      ]).tooSparse,
      true,
    );
  });
});
