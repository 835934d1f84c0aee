import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCibMatrix, parseScenario, scenarioCount, type CibMatrix } from './cib-input.ts';
import { bruteForceScenarios, evaluateScenario, scenarioNames } from './cib.ts';
import { searchScenarios } from './cib-search.ts';
import { randomCibMatrix, seededRandom } from './seeded.ts';
import { SOMEWHERELAND } from './examples.ts';

function cibOf(input: unknown): CibMatrix {
  const parsed = parseCibMatrix(input);
  assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.issues));
  return parsed.matrix;
}

function scenarioOf(m: CibMatrix, names: string[]): Int32Array {
  const parsed = parseScenario(m, names);
  assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.issues));
  return parsed.scenario;
}

function somewhereland(): CibMatrix {
  return cibOf(SOMEWHERELAND);
}

test('Somewhereland: the balances of the manual scenario A2 B1 C3 D1 E1 F1 (Fig. 2-3)', () => {
  const m = somewhereland();
  const e = evaluateScenario(m, scenarioOf(m, ['A2', 'B1', 'C3', 'D1', 'E1', 'F1']));
  assert.deepEqual(Object.values(e.balances), [0, 3, -3, 2, 1, -3, -9, -1, 10, -7, 7, 4, -1, -3, 2, -1, -1]);
  // Only "distribution of wealth" breaks the rules: balanced (-7) although strong contrasts score 7.
  assert.equal(e.consistent, false);
  assert.equal(e.inconsistency, 14);
  assert.deepEqual(
    e.descriptors.filter((d) => d.shortfall > 0).map((d) => d.id),
    ['D. Distribution of wealth'],
  );
  assert.equal(e.totalImpactScore, 3 + 2 + 10 - 7 + 4 + 2);
});

test('Somewhereland: 486 scenarios of which exactly ten are consistent (cross-impact.de, CIB algorithm 4/4)', () => {
  const m = somewhereland();
  assert.equal(scenarioCount(m), 486);
  const found = searchScenarios(m);
  assert.equal(found.consistentCount, 10);
  assert.equal(found.found.length, 10);
  assert.ok(found.complete);
  const brute = bruteForceScenarios(m);
  assert.deepEqual(
    found.found.map((f) => scenarioNames(m, f.scenario).join(' ')),
    brute.map((f) => scenarioNames(m, f.scenario).join(' ')),
  );
  for (const f of found.found) {
    const e = evaluateScenario(m, f.scenario);
    assert.equal(e.consistent, true);
    assert.equal(e.totalImpactScore, f.totalImpactScore);
  }
});

test('hand-worked: two descriptors that reinforce each other, with a tie', () => {
  const m = cibOf({
    descriptors: [
      { id: 'delivery', variants: ['fast', 'slow'] },
      { id: 'support', variants: ['good', 'poor'] },
    ],
    matrix: [
      [0, 0, 2, -2],
      [0, 0, -1, 1],
      [1, 1, 0, 0],
      [-2, 2, 0, 0],
    ],
  });
  // fast+good: support balance (2, -2) picks good; delivery balance (1, 1) is a tie, so fast stands.
  const fastGood = evaluateScenario(m, scenarioOf(m, ['good', 'fast']));
  assert.deepEqual(fastGood.balances, { fast: 1, slow: 1, good: 2, poor: -2 });
  assert.equal(fastGood.consistent, true);
  assert.equal(fastGood.totalImpactScore, 3);
  // fast+poor: support balance (2, -2) wants good: shortfall 4; delivery (-2, 2) wants slow: shortfall 4.
  const fastPoor = evaluateScenario(m, scenarioOf(m, ['fast', 'poor']));
  assert.equal(fastPoor.inconsistency, 4);
  // slow+good: delivery ties again (1, 1), but support (-1, 1) wants poor: inconsistency 2.
  assert.equal(evaluateScenario(m, scenarioOf(m, ['slow', 'good'])).inconsistency, 2);
  const all = searchScenarios(m);
  assert.deepEqual(
    all.found.map((f) => scenarioNames(m, f.scenario).join('+')),
    ['fast+good', 'slow+poor'],
  );
  const loose = searchScenarios(m, { maxInconsistency: 4 });
  assert.equal(loose.matchCount, 4);
  assert.equal(loose.consistentCount, 2);
  assert.deepEqual(
    loose.found.map((f) => `${scenarioNames(m, f.scenario).join('+')}:${f.inconsistency}`),
    ['fast+good:0', 'slow+poor:0', 'slow+good:2', 'fast+poor:4'],
  );
});

test('a descriptor acting on itself is used exactly as given, never zeroed', () => {
  const descriptors = [
    { id: 'A', variants: ['a1', 'a2'] },
    { id: 'B', variants: ['b1', 'b2'] },
  ];
  const zero = cibOf({
    descriptors,
    matrix: [
      [0, 0, 1, 0],
      [0, 0, 1, 0],
      [1, 0, 0, 0],
      [1, 0, 0, 0],
    ],
  });
  const self = cibOf({
    descriptors,
    matrix: [
      [0, 0, 1, 0],
      [-3, 3, 1, 0],
      [1, 0, 0, 0],
      [1, 0, 0, 0],
    ],
  });
  assert.equal(searchScenarios(zero).consistentCount, 1);
  // a2 now pushes itself (+3 on a2, -3 on a1), which makes a2+b1 consistent as well.
  assert.equal(searchScenarios(self).consistentCount, 2);
  assert.equal(bruteForceScenarios(self).length, 2);
});

test('a single descriptor: no cross-impact, so every variant is consistent', () => {
  const m = cibOf({
    descriptors: [{ id: 'only', variants: ['x', 'y', 'z'] }],
    matrix: [
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ],
  });
  const r = searchScenarios(m);
  assert.equal(r.consistentCount, 3);
  assert.deepEqual(evaluateScenario(m, scenarioOf(m, ['y'])).balances, { x: 0, y: 0, z: 0 });
});

test('pruned search equals brute force on 300 random small matrices', () => {
  const random = seededRandom(2024);
  for (let trial = 0; trial < 300; trial++) {
    const descriptors = 1 + Math.floor(random() * 6);
    const counts = Array.from({ length: descriptors }, () => 1 + Math.floor(random() * 4));
    const m = randomCibMatrix(trial, counts, 0.2 + random() * 0.8, 1 + Math.floor(random() * 3));
    // Some trials fill the blocks of descriptors on themselves too: the matrix is used as given.
    if (trial % 3 === 0) m.values.forEach((_, k) => (m.values[k] = Math.floor(random() * 7) - 3));
    const slack = Math.floor(random() * 4);
    const brute = bruteForceScenarios(m, slack).sort((a, b) => a.inconsistency - b.inconsistency);
    const found = searchScenarios(m, { maxInconsistency: slack });
    const key = (f: { scenario: Int32Array; inconsistency: number; totalImpactScore: number }) =>
      `${f.scenario.join('.')}/${f.inconsistency}/${f.totalImpactScore}`;
    assert.deepEqual(found.found.map(key), brute.map(key), `trial ${trial}`);
    assert.equal(found.matchCount, brute.length);
    assert.equal(found.consistentCount, brute.filter((b) => b.inconsistency === 0).length);
    const unpruned = searchScenarios(m, { maxInconsistency: slack, prune: false });
    assert.deepEqual(unpruned.found.map(key), brute.map(key), `trial ${trial} without pruning`);
  }
});

test('a limit keeps the least inconsistent scenarios and says the list is cut', () => {
  const m = randomCibMatrix(5, [3, 3, 3, 3], 0.7);
  const all = bruteForceScenarios(m, 3).sort((a, b) => a.inconsistency - b.inconsistency);
  const cut = searchScenarios(m, { maxInconsistency: 3, limit: 5 });
  assert.ok(all.length > 5);
  assert.equal(cut.truncated, true);
  assert.equal(cut.matchCount, all.length);
  assert.deepEqual(
    cut.found.map((f) => f.scenario.join('.')),
    all.slice(0, 5).map((f) => f.scenario.join('.')),
  );
});

test('a node budget stops a search that would run too long, and says it is incomplete', () => {
  const m = randomCibMatrix(1, Array(12).fill(3), 0);
  const r = searchScenarios(m, { maxNodes: 1000 });
  assert.equal(r.complete, false);
  assert.ok(r.nodes <= 1001);
});

test('input problems are reported at their field path', () => {
  const descriptors = [
    { id: 'A', variants: ['a1', 'a2'] },
    { id: 'B', variants: ['b1', 'b2'] },
  ];
  const issues = (input: unknown) => {
    const parsed = parseCibMatrix(input);
    assert.ok(!parsed.ok);
    return parsed.issues.map((i) => `${i.path}:${i.code}`);
  };
  const good = [
    [0, 0, 1, 0],
    [0, 0, 1, 0],
    [1, 0, 0, 0],
    [1, 0, 0, 0],
  ];
  assert.deepEqual(issues({ descriptors, matrix: good.map((r, i) => (i === 2 ? [1, 0, 0.5, 0] : r)) }), [
    'matrix.2.2:not_integer',
  ]);
  assert.deepEqual(issues({ descriptors, matrix: good.map((r, i) => (i === 1 ? [0, 0, 4, 0] : r)) }), [
    'matrix.1.2:out_of_range',
  ]);
  assert.ok(
    parseCibMatrix({ descriptors, matrix: good.map((r, i) => (i === 1 ? [0, 0, 4, 0] : r)), scale: 4 }).ok,
  );
  assert.deepEqual(issues({ descriptors, matrix: good.slice(0, 3) }), ['matrix:not_square']);
  assert.deepEqual(issues({ descriptors, matrix: good.map((r, i) => (i === 3 ? [1, 0, 0] : r)) }), [
    'matrix.3:not_square',
  ]);
  assert.deepEqual(issues({ descriptors: [...descriptors, { id: 'C', variants: ['a1'] }], matrix: good }), [
    'descriptors.2.variants.0:duplicate_variant',
    'matrix:not_square',
  ]);
  assert.deepEqual(issues({ descriptors, matrix: good.map((r, i) => (i === 0 ? [0, 0, '1', 0] : r)) }), [
    'matrix.0.2:not_integer',
  ]);
  assert.deepEqual(issues({ descriptors: [], matrix: [] }), ['descriptors:too_small']);
});

test('a scenario names one variant of every descriptor', () => {
  const m = somewhereland();
  const bad = parseScenario(m, ['A1', 'A2', 'Z9', 'C1', 'D1', 'E1']);
  assert.ok(!bad.ok);
  assert.deepEqual(
    bad.issues.map((i) => `${i.path}:${i.code}`),
    [
      'scenario.1:descriptor_twice',
      'scenario.2:unknown_variant',
      'scenario:missing_descriptor',
      'scenario:missing_descriptor',
    ],
  );
});
