import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assignPairs, orderedPairs } from './assignment.ts';
import { aggregate, type Judgement } from './aggregate.ts';

const TPS = [
  { id: 'a', stage: 0 },
  { id: 'b', stage: 0 },
  { id: 'c', stage: 1 },
  { id: 'd', stage: 2 },
  { id: 'e', stage: 3 },
];

test('pairs: every ordered pair once, same and adjacent stages first', () => {
  const pairs = orderedPairs(TPS);
  assert.equal(pairs.length, 20);
  assert.equal(new Set(pairs.map((p) => `${p.from}>${p.to}`)).size, 20);
  assert.deepEqual(pairs.slice(0, 2), [
    { from: 'a', to: 'b' },
    { from: 'b', to: 'a' },
  ]);
  const stage = new Map(TPS.map((t) => [t.id, t.stage]));
  const distances = pairs.map((p) => Math.abs(stage.get(p.from)! - stage.get(p.to)!));
  assert.deepEqual(
    distances,
    [...distances].sort((x, y) => x - y),
  );
});

for (const [seats, k] of [
  [5, 2],
  [5, 3],
  [3, 3],
  [7, 2],
  [1, 1],
] as const) {
  test(`assignment for ${seats} seats, coverage ${k}: every pair exactly k times, loads within one`, () => {
    const { pairs, seats: lists } = assignPairs(TPS, seats, k);
    const covered = new Array<number>(pairs.length).fill(0);
    for (const list of lists) {
      assert.equal(new Set(list).size, list.length, 'a seat never judges a pair twice');
      for (const p of list) covered[p]!++;
      assert.deepEqual(
        list,
        [...list].sort((x, y) => x - y),
        'each seat meets the nearest stages first',
      );
    }
    assert.ok(covered.every((c) => c === k));
    const loads = lists.map((l) => l.length);
    assert.ok(Math.max(...loads) - Math.min(...loads) <= 1, String(loads));
    assert.equal(
      loads.reduce((s, l) => s + l, 0),
      pairs.length * k,
    );
  });
}

test('coverage above the seats is refused', () => {
  assert.throws(() => assignPairs(TPS, 2, 3), /coverage/);
});

test('aggregation: cells, per-participant agreement and the judged matrix', () => {
  const j = (participant: string, from: string, to: string, value: number | null): Judgement => ({
    participant,
    kind: 'influence',
    from,
    to,
    value,
  });
  const judgements = [
    j('p1', 'a', 'b', 3),
    j('p2', 'a', 'b', 3),
    j('p3', 'a', 'b', 0),
    j('p1', 'b', 'a', 0),
    j('p2', 'b', 'a', 0),
    j('p3', 'b', 'a', 3),
    j('p1', 'a', 'c', 1),
    j('p2', 'a', 'c', null),
  ];
  const agg = aggregate(
    ['a', 'b', 'c'],
    [
      { from: 'a', to: 'b' },
      { from: 'b', to: 'a' },
      { from: 'a', to: 'c' },
      { from: 'c', to: 'a' },
    ],
    judgements,
  );
  assert.equal(agg.pairs[0]!.summary.median, 3);
  assert.equal(agg.pairs[0]!.summary.disagreement, true);
  assert.equal(agg.pairs[2]!.summary.n, 1);
  assert.equal(agg.pairs[2]!.summary.unknown, 1);
  assert.deepEqual(agg.matrix.matrix, [
    [0, 3, 1],
    [0, 0, 0],
    [0, 0, 0],
  ]);
  assert.deepEqual(agg.matrix.unjudged, [{ from: 'c', to: 'a' }]);
  // Overall ordinal alpha by hand: units {3,3,0} and {0,0,3} (the single judgement is not pairable).
  // Coincidences (weight 1/2): o(3,3) = 1, o(3,0) = o(0,3) = 1 from unit 1, and o(0,0) = 1,
  // o(0,3) = o(3,0) = 1 from unit 2: o00 = 1, o33 = 1, o03 = o30 = 2; n0 = n3 = 3, N = 6.
  // Only two values, so the ordinal distance is one constant and alpha = 1 - (N-1) * 4 / (2 * 3 * 3) = -1/9.
  assert.ok(Math.abs(agg.agreement.influence.alpha! - (1 - (5 * 4) / 18)) < 1e-12);
  // Without p3 everyone agrees on both cells (3,3 and 0,0): alpha 1.
  const p3 = agg.agreement.participants.find((p) => p.participant === 'p3')!;
  assert.equal(p3.alphaWithout, 1);
  // p3 against the others' medians: (0 vs 1) and (1 vs 0), scaled: rho = -1.
  assert.equal(p3.withOthers.rho, -1);
  assert.equal(p3.withOthers.n, 2);
});
