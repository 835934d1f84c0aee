import assert from 'node:assert/strict';
import { test } from 'node:test';
import { learnCoPurchases, recommend } from './co-purchase.ts';
import { hypergeometricUpperTail } from './hypergeometric.ts';

const baskets = (...lists: string[][]) => lists.map((l) => new Set(l));

test('support, confidence, lift and the exact p-value of a hand-checked pair', () => {
  // 10 customers: A and B together 4 times, A alone once, B alone once, C alone 4 times.
  const model = learnCoPurchases(
    baskets(['A', 'B'], ['A', 'B'], ['A', 'B'], ['A', 'B'], ['A'], ['B'], ['C'], ['C'], ['C'], ['C']),
    { minSupport: 0, minCustomers: 1, alpha: 0.05 },
  );
  assert.equal(model.customers, 10);
  assert.equal(model.tested, 1);
  const ab = model.rules.find((r) => r.product === 'A' && r.also === 'B')!;
  assert.equal(ab.together, 4);
  assert.equal(ab.support, 0.4);
  assert.equal(ab.confidence, 0.8);
  assert.ok(Math.abs(ab.lift - 1.6) < 1e-12);
  // P(X >= 4), X ~ Hypergeometric(N=10, K=5, n=5) = (C(5,4) C(5,1) + C(5,5) C(5,0)) / C(10,5) = 26/252.
  assert.ok(Math.abs(ab.p - 26 / 252) < 1e-9, String(ab.p));
  assert.equal(ab.significant, false, 'ten customers are too few to call it');
});

test('the hypergeometric tail at its edges', () => {
  assert.equal(hypergeometricUpperTail(0, 10, 5, 5), 1);
  assert.equal(hypergeometricUpperTail(6, 10, 5, 5), 0);
  assert.ok(Math.abs(hypergeometricUpperTail(5, 10, 5, 5) - 1 / 252) < 1e-12);
});

test('minimum support: pairs bought together by fewer customers are not tested', () => {
  const model = learnCoPurchases(baskets(['A', 'B'], ['A', 'B'], ['A', 'C'], ['D']), {
    minSupport: 0.5,
    minCustomers: 1,
    alpha: 0.05,
  });
  // A and B: 2 of 4 customers (support 0.5) are kept; A and C: 1 of 4 is not.
  assert.deepEqual(model.rules.map((r) => `${r.product}>${r.also}`).sort(), ['A>B', 'B>A']);
  assert.equal(model.tested, 1);
});

test('bad options are refused naming the field', () => {
  assert.throws(
    () => learnCoPurchases([], { minSupport: 2, minCustomers: 0, alpha: 0.05 }),
    (e: { issues: { path: string }[] }) => e.issues.map((i) => i.path).join() === 'minSupport,minCustomers',
  );
});

/** A small seeded generator (mulberry32), so the planted data set is the same on every run. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('planted co-purchase pairs are found; independent products are not', () => {
  const random = rng(7);
  const products = Array.from({ length: 20 }, (_, i) => `p${i}`);
  const all = Array.from({ length: 3000 }, () => {
    const basket = new Set(products.filter(() => random() < 0.12));
    // Planted: kettle buyers take the coffee grinder 60 % of the time; tent buyers the lantern 50 %.
    if (basket.has('p0') && random() < 0.6) basket.add('p1');
    if (basket.has('p5') && random() < 0.5) basket.add('p6');
    return basket;
  });
  const model = learnCoPurchases(all);
  const found = new Set(model.rules.filter((r) => r.significant).map((r) => `${r.product}>${r.also}`));
  assert.deepEqual([...found].sort(), ['p0>p1', 'p1>p0', 'p5>p6', 'p6>p5']);
  assert.ok(model.tested > 150, 'every pair of independent products was tested too');
  const p0p1 = model.rules.find((r) => r.product === 'p0' && r.also === 'p1')!;
  assert.ok(p0p1.confidence > 0.6 && p0p1.lift > 3, JSON.stringify(p0p1));

  // A customer with the kettle gets the grinder; one with both gets neither again.
  assert.deepEqual(
    recommend(model, new Set(['p0', 'p9']), 5).map((r) => [r.product, r.because]),
    [['p1', 'p0']],
  );
  assert.deepEqual(recommend(model, new Set(['p0', 'p1']), 5), []);
  assert.deepEqual(recommend(model, new Set(['p1', 'p5']), 1).length, 1, 'the limit holds');
});
