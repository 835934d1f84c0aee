import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseInfluenceMatrix, type InfluenceMatrix } from './matrix-input.ts';
import { micmac, type MicmacOptions, type MicmacResult } from './micmac.ts';
import { randomInfluenceValues } from './seeded.ts';

function matrixOf(variables: string[], matrix: (number | string)[][]): InfluenceMatrix {
  const parsed = parseInfluenceMatrix({ variables, matrix });
  assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.issues));
  return parsed.matrix;
}

function run(m: InfluenceMatrix, options: MicmacOptions = {}): MicmacResult {
  const outcome = micmac(m, options);
  assert.ok(outcome.ok, JSON.stringify(!outcome.ok && outcome.issues));
  return outcome.result;
}

/** The textbook definition, computed the slow way: row and column sums of an explicit M^k. */
function explicitPower(values: number[][], k: number): { influence: number[]; dependence: number[] } {
  let p = values.map((row) => row.slice());
  for (let step = 1; step < k; step++) {
    p = p.map((row) => values[0]!.map((_, j) => row.reduce((s, v, m) => s + v * values[m]![j]!, 0)));
  }
  const influence = p.map((row) => row.reduce((a, b) => a + b, 0));
  const dependence = values[0]!.map((_, j) => p.reduce((s, row) => s + row[j]!, 0));
  const total = influence.reduce((a, b) => a + b, 0);
  return { influence: influence.map((x) => x / total), dependence: dependence.map((x) => x / total) };
}

function assertClose(actual: number[], expected: number[], tolerance = 1e-12) {
  assert.equal(actual.length, expected.length);
  actual.forEach((a, i) =>
    assert.ok(Math.abs(a - expected[i]!) <= tolerance, `index ${i}: ${a} vs ${expected[i]}`),
  );
}

// A feeds a hub H that drives everything else: weak directly, strong through H.
const HUB = {
  variables: ['A', 'H', 'X', 'Y'],
  matrix: [
    [0, 1, 0, 0],
    [0, 0, 3, 3],
    [1, 0, 0, 2],
    [0, 0, 2, 0],
  ],
};

test('direct influence and dependence are the row and column sums (hand-worked)', () => {
  const r = run(matrixOf(HUB.variables, HUB.matrix));
  assert.deepEqual(r.direct.influence, [1, 6, 3, 2]);
  assert.deepEqual(r.direct.dependence, [1, 1, 5, 5]);
  assert.deepEqual(r.direct.influenceRank, [4, 1, 2, 3]);
  assert.equal(r.orientation, 'rows influence columns');
  assert.deepEqual(r.variables, HUB.variables);
});

test('indirect scores equal the normalised row and column sums of the explicit matrix power', () => {
  const r = run(matrixOf(HUB.variables, HUB.matrix));
  assert.ok(r.indirect.converged);
  assert.equal(r.indirect.stop, 'stable-ranking');
  assert.ok(r.indirect.power >= 2);
  const expected = explicitPower(HUB.matrix, r.indirect.power);
  assertClose(r.indirect.influence, expected.influence);
  assertClose(r.indirect.dependence, expected.dependence);
  assert.ok(Math.abs(r.indirect.influence.reduce((a, b) => a + b, 0) - 1) < 1e-12);
  // Power 2 by hand: M·(1, 6, 3, 2) = (6, 15, 5, 6): A climbs from last to a shared second place.
  const two = run(matrixOf(HUB.variables, HUB.matrix), { power: 2 });
  assertClose(two.indirect.influence, [6 / 32, 15 / 32, 5 / 32, 6 / 32]);
  assert.deepEqual(two.indirect.influenceRank, [2, 1, 4, 2]);
  assert.equal(two.indirect.stop, 'fixed-power');
});

test('the ranking stops at the first power whose two rankings equal the previous ones', () => {
  const r = run(matrixOf(HUB.variables, HUB.matrix));
  const previous = run(matrixOf(HUB.variables, HUB.matrix), { power: r.indirect.power - 1 });
  assert.deepEqual(previous.indirect.influenceRank, r.indirect.influenceRank);
  assert.deepEqual(previous.indirect.dependenceRank, r.indirect.dependenceRank);
  if (r.indirect.power > 2) {
    const before = run(matrixOf(HUB.variables, HUB.matrix), { power: r.indirect.power - 2 });
    assert.ok(
      before.indirect.influenceRank.join() !== previous.indirect.influenceRank.join() ||
        before.indirect.dependenceRank.join() !== previous.indirect.dependenceRank.join(),
    );
  }
});

test('hidden influencers are the variables that climb from direct to indirect influence', () => {
  const r = run(matrixOf(HUB.variables, HUB.matrix));
  const a = r.hiddenInfluencers.find((h) => h.variable === 'A');
  assert.ok(a, JSON.stringify(r.hiddenInfluencers));
  assert.equal(a.directRank, 4);
  assert.ok(a.indirectRank < 4);
  assert.equal(a.move, a.directRank - a.indirectRank);
  assert.equal(r.hiddenInfluencers[0]!.variable, 'A');
});

test('quadrants split the map at the chosen threshold', () => {
  // Influence (row sums) 6, 1, 6, 2; dependence (column sums) 1, 6, 6, 2.
  const m = matrixOf(
    ['driver', 'result', 'relay', 'loner'],
    [
      [0, 3, 3, 0],
      [0, 0, 1, 0],
      [1, 3, 0, 2],
      [0, 0, 2, 0],
    ],
  );
  const mean = run(m);
  assert.deepEqual(mean.direct.influence, [6, 1, 6, 2]);
  assert.deepEqual(mean.direct.dependence, [1, 6, 6, 2]);
  assert.deepEqual(mean.quadrants, ['influential', 'dependent', 'relay', 'autonomous']);
  assert.deepEqual(mean.threshold, { method: 'mean', influence: 3.75, dependence: 3.75 });
  assert.deepEqual(run(m, { threshold: 'median' }).threshold, {
    method: 'median',
    influence: 4,
    dependence: 4,
  });
  assert.deepEqual(run(m, { threshold: 'midpoint' }).threshold, {
    method: 'midpoint',
    influence: 3.5,
    dependence: 3.5,
  });
  const fixed = run(m, { threshold: 1.5 });
  assert.deepEqual(fixed.threshold, { method: 'value', influence: 1.5, dependence: 1.5 });
  assert.deepEqual(fixed.quadrants, ['influential', 'dependent', 'relay', 'relay']);
  // A fixed value is read in direct units; on the indirect map (scores summing to 1) it is scaled by the total.
  assert.equal(fixed.indirect.threshold.influence, 1.5 / 15);
  assert.equal(fixed.indirect.quadrants.length, 4);
});

test('a variable equal to the threshold is not high: a uniform map is all autonomous', () => {
  const r = run(
    matrixOf(
      ['a', 'b', 'c'],
      [
        [0, 1, 1],
        [1, 0, 1],
        [1, 1, 0],
      ],
    ),
  );
  assert.deepEqual(r.quadrants, ['autonomous', 'autonomous', 'autonomous']);
  assert.deepEqual(r.indirect.quadrants, ['autonomous', 'autonomous', 'autonomous']);
  assert.ok(r.indirect.converged);
  assert.equal(r.indirect.power, 2);
});

test('a cycle whose ranking alternates forever is reported as not converged, with its period', () => {
  const r = run(
    matrixOf(
      ['a', 'b'],
      [
        [0, 1],
        [2, 0],
      ],
    ),
    { maxPower: 25 },
  );
  assert.equal(r.indirect.converged, false);
  assert.equal(r.indirect.stop, 'max-power');
  assert.equal(r.indirect.power, 25);
  assert.equal(r.indirect.period, 2);
  assert.ok(r.indirect.influence.every(Number.isFinite));
  assert.match(r.notes.join(), /did not settle within 25 powers.*repeat every 2/);
});

test('an acyclic matrix whose powers vanish keeps the last power that carries influence', () => {
  const r = run(
    matrixOf(
      ['a', 'b', 'c'],
      [
        [0, 2, 0],
        [0, 0, 1],
        [0, 0, 0],
      ],
    ),
  );
  assert.equal(r.indirect.stop, 'vanished');
  assert.equal(r.indirect.converged, false);
  assert.equal(r.indirect.power, 2);
  assert.deepEqual(r.indirect.influence, [1, 0, 0]);
  assert.deepEqual(r.indirect.dependence, [0, 0, 1]);
  assert.match(r.notes.join(), /M\^3 is zero/);
  const star = run(
    matrixOf(
      ['hub', 'x', 'y'],
      [
        [0, 1, 1],
        [0, 0, 0],
        [0, 0, 0],
      ],
    ),
    { power: 5 },
  );
  assert.equal(star.indirect.power, 1);
  assert.equal(star.indirect.stop, 'vanished');
  assert.deepEqual(star.indirect.influence, [1, 0, 0]);
  assert.deepEqual(star.indirect.dependence, [0, 0.5, 0.5]);
});

test('a matrix without any influence gets a clear issue, not NaN', () => {
  const outcome = micmac(
    matrixOf(
      ['a', 'b'],
      [
        [0, 'P'],
        [0, 0],
      ],
    ),
  );
  assert.ok(!outcome.ok);
  assert.equal(outcome.issues[0]!.code, 'no_influence');
});

test('P counts 0 in the direct run and the potential weight in the potential run', () => {
  const m = matrixOf(
    ['a', 'b', 'c'],
    [
      [0, 'P', 1],
      [0, 0, 2],
      [1, 0, 0],
    ],
  );
  const r = run(m);
  assert.deepEqual(r.direct.influence, [1, 2, 1]);
  assert.ok(r.potential);
  assert.equal(r.potential.weight, 3);
  assert.equal(r.potential.cells, 1);
  assert.deepEqual(r.potential.direct.influence, [4, 2, 1]);
  assert.deepEqual(run(m, { potentialWeight: 1 }).potential?.direct.influence, [2, 2, 1]);
  assert.equal(
    run(
      matrixOf(
        ['a', 'b'],
        [
          [0, 1],
          [1, 0],
        ],
      ),
    ).potential,
    null,
  );
});

test('200 variables: indirect scores still match the power definition and stay finite', () => {
  const n = 200;
  const values = randomInfluenceValues(42, n, 0.3);
  const rows = Array.from({ length: n }, (_, i) => Array.from(values.subarray(i * n, (i + 1) * n)));
  const r = run(
    matrixOf(
      Array.from({ length: n }, (_, i) => `v${i}`),
      rows,
    ),
    { power: 3 },
  );
  const expected = explicitPower(rows, 3);
  assertClose(r.indirect.influence, expected.influence, 1e-12);
  assertClose(r.indirect.dependence, expected.dependence, 1e-12);
});

test('a single variable: influence on itself is a settled ranking, none is a clear issue', () => {
  const self = run(matrixOf(['only'], [[2]]));
  assert.deepEqual(self.direct.influence, [2]);
  assert.deepEqual(self.indirect.influence, [1]);
  assert.equal(self.indirect.converged, true);
  const none = micmac(matrixOf(['only'], [[0]]));
  assert.ok(!none.ok);
  assert.equal(none.issues[0]!.code, 'no_influence');
});
