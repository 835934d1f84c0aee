import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seededRandom } from '../structural/seeded.ts';
import { adjustFdr, compare } from './compare.ts';
import { toInfluenceMatrix } from './influence.ts';
import { buildMatrix } from './matrix.ts';
import { countCustomers, countProfiles, pairTable, wordsFor, type SignalProfiles } from './profiles.ts';

const tps = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `t${i}`, name: `Touchpoint ${i}`, stage: 's' }));

/** n customers with the given experiences, for hand-built tables. */
const many = (n: number, observed: number[], bad: number[]) =>
  Array.from({ length: n }, () => ({ observed, bad }));

describe('pair counts', () => {
  it('give the 2 x 2 table of each ordered pair among customers with signals at both', () => {
    // 30 bad at 0 and 1, 10 bad at 0 only, 20 bad at 1 only, 40 good at both, 50 only at 0 (bad).
    const counts = countCustomers(2, [
      ...many(30, [0, 1], [0, 1]),
      ...many(10, [0, 1], [0]),
      ...many(20, [0, 1], [1]),
      ...many(40, [0, 1], []),
      ...many(50, [0], [0]),
    ]);
    assert.deepEqual(pairTable(counts, 0, 1), { a: 30, n1: 40, c: 20, n0: 60 });
    assert.deepEqual(pairTable(counts, 1, 0), { a: 30, n1: 50, c: 10, n0: 50 });
    assert.equal(counts.observed[0], 150);
    assert.equal(counts.bad[0], 90);
    assert.equal(counts.customers, 150);
  });

  it('agree with a brute-force count over 70 touchpoints (three words) and weighted profiles', () => {
    const random = seededRandom(7);
    const T = 70;
    const customers = Array.from({ length: 400 }, () => {
      const observed = Array.from({ length: T }, (_, i) => i).filter(() => random() < 0.3);
      return { observed, bad: observed.filter(() => random() < 0.4) };
    });
    const counts = countCustomers(T, customers);
    for (let i = 0; i < T; i += 7) {
      for (let j = 0; j < T; j += 3) {
        if (i === j) continue;
        const both = customers.filter((c) => c.observed.includes(i) && c.observed.includes(j));
        const exposed = both.filter((c) => c.bad.includes(i));
        const unexposed = both.filter((c) => !c.bad.includes(i));
        assert.deepEqual(pairTable(counts, i, j), {
          a: exposed.filter((c) => c.bad.includes(j)).length,
          n1: exposed.length,
          c: unexposed.filter((c) => c.bad.includes(j)).length,
          n0: unexposed.length,
        });
      }
    }
    // The same customers merged into one profile with weight 3 count three times.
    const W = wordsFor(T);
    const one = countCustomers(T, customers.slice(0, 1));
    const profile: SignalProfiles = {
      touchpoints: T,
      words: W,
      count: 1,
      weight: Float64Array.of(3),
      observed: new Int32Array(W),
      bad: new Int32Array(W),
    };
    for (const t of customers[0]!.observed) profile.observed[Math.floor(t / 30)]! |= 1 << (t % 30);
    for (const t of customers[0]!.bad) profile.bad[Math.floor(t / 30)]! |= 1 << (t % 30);
    const tripled = countProfiles(profile);
    assert.deepEqual(
      Array.from(tripled.bo),
      Array.from(one.bo, (v) => 3 * v),
    );
  });
});

describe('comparisons', () => {
  it('report too little data as insufficient, with counts and without an estimate', () => {
    const e = compare({ a: 3, n1: 5, c: 10, n0: 100 }, 20);
    assert.equal(e.status, 'insufficient');
    assert.equal(e.riskDifference, null);
    assert.equal(e.lift, null);
    assert.equal(e.significant, false);
    assert.equal(e.exposed.n, 5);
    assert.match(e.reason!, /5 customers with a bad and 100 with a good/);
    assert.match(compare({ a: 0, n1: 0, c: 0, n0: 0 }).reason!, /no customer has signals at both/);
  });

  it('adjust p-values for the false discovery rate (Benjamini-Hochberg)', () => {
    const effects = [0.01, 0.04, 0.03, 0.005].map((p) => ({
      ...compare({ a: 30, n1: 60, c: 20, n0: 60 }),
      p,
    }));
    adjustFdr(effects);
    // sorted p: 0.005, 0.01, 0.03, 0.04 -> q = min over k >= i of p_k * 4 / k: 0.02, 0.02, 0.04, 0.04
    assert.deepEqual(
      effects.map((e) => e.q),
      [0.02, 0.04, 0.04, 0.02],
    );
  });
});

describe('the matrix', () => {
  const customers = [
    ...many(60, [0, 1, 2], [0, 1]),
    ...many(40, [0, 1, 2], [0]),
    ...many(20, [0, 1, 2], [1]),
    ...many(180, [0, 1, 2], []),
  ];

  it('lists every ordered pair, a grid in journey order and the outcome effects', () => {
    const counts = countCustomers(
      4,
      customers.map((c) => ({
        ...c,
        outcomes: [{ base: c.observed, hit: c.bad.includes(0) ? [0, 1, 2] : [] }],
      })),
      1,
    );
    const m = buildMatrix(counts, tps(4), [{ id: 'churn', label: 'Churn', definition: 'churned' }]);
    assert.deepEqual(
      m.touchpoints.map((t) => t.id),
      ['t0', 't1', 't2'],
    );
    assert.deepEqual(m.withoutSignals, ['t3']);
    assert.equal(m.pairs.length, 6);
    const p01 = m.pairs.find((p) => p.from === 't0' && p.to === 't1')!;
    // bad at 1: 60 of 100 after a bad, 20 of 200 after a good experience at 0
    assert.deepEqual(
      [p01.exposed.events, p01.exposed.n, p01.unexposed.events, p01.unexposed.n],
      [60, 100, 20, 200],
    );
    assert.ok(Math.abs(p01.riskDifference!.estimate - 0.5) < 1e-12);
    assert.ok(Math.abs(p01.lift!.estimate - 6) < 1e-12);
    assert.equal(p01.significant, true);
    assert.equal(m.riskDifference[0]![0], null);
    assert.ok(Math.abs(m.riskDifference[0]![1]! - 0.5) < 1e-12);
    // nobody is bad at 2: that column has no estimate, never a 0
    const p02 = m.pairs.find((p) => p.from === 't0' && p.to === 't2')!;
    assert.equal(p02.riskDifference!.estimate, 0);
    const p20 = m.pairs.find((p) => p.from === 't2' && p.to === 't0')!;
    assert.equal(p20.status, 'insufficient');
    assert.equal(m.riskDifference[2]![0], null);
    const churn = m.outcomes[0]!.effects.find((e) => e.touchpoint === 't0')!;
    assert.equal(churn.riskDifference!.estimate, 1);
    // t1 -> t0: 60 of 80 against 40 of 220, 0.568 > 0.5
    assert.deepEqual([m.strongest.pairs[0]!.from, m.strongest.pairs[0]!.to], ['t1', 't0']);
  });

  it('with one touchpoint says there are no pairs', () => {
    const m = buildMatrix(countCustomers(1, many(50, [0], [0])), tps(1), []);
    assert.equal(m.pairs.length, 0);
    assert.match(m.warnings.join(' '), /Only one touchpoint/);
  });

  it('with no data says so', () => {
    const m = buildMatrix(countCustomers(3, []), tps(3), []);
    assert.equal(m.touchpoints.length, 0);
    assert.match(m.warnings.join(' '), /No customer has an experience signal/);
  });

  it('converts into MICMAC input: significant positive effects, the rest 0, unmeasured listed', () => {
    const m = buildMatrix(countCustomers(3, customers), tps(3), []);
    const { input, unmeasured } = toInfluenceMatrix(m);
    assert.deepEqual(input.variables, ['t0', 't1', 't2']);
    assert.ok(Math.abs(input.matrix[0]![1]! - 0.5) < 1e-12);
    assert.equal(input.matrix[0]![2], 0);
    assert.deepEqual(unmeasured, [
      { from: 't2', to: 't0' },
      { from: 't2', to: 't1' },
    ]);
    assert.ok(input.matrix.flat().every((v) => v >= 0));
    const scaled = toInfluenceMatrix(m, { scale: '0-3' }).input.matrix;
    assert.equal(Math.max(...scaled.flat()), 3);
  });
});
