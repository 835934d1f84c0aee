import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseInfluenceMatrix, withPotentialWeight } from './matrix-input.ts';

const issuesOf = (input: unknown) => {
  const parsed = parseInfluenceMatrix(input);
  assert.ok(!parsed.ok);
  return parsed.issues.map((i) => `${i.path}:${i.code}`);
};

test('a square matrix of scores and P cells', () => {
  const parsed = parseInfluenceMatrix({
    variables: ['a', 'b'],
    matrix: [
      [0, 'P'],
      [2.5, 0],
    ],
  });
  assert.ok(parsed.ok);
  assert.deepEqual(Array.from(parsed.matrix.values), [0, 0, 2.5, 0]);
  assert.equal(parsed.matrix.potentialCount, 1);
  assert.deepEqual(Array.from(withPotentialWeight(parsed.matrix, 3)), [0, 3, 2.5, 0]);
});

test('bad matrices are reported at matrix.<row>.<column>', () => {
  const variables = ['a', 'b', 'c'];
  const good = [
    [0, 1, 2],
    [3, 0, 1],
    [0, 0, 0],
  ];
  const withCell = (i: number, j: number, v: unknown) =>
    good.map((r, k) => (k === i ? r.map((c, m) => (m === j ? v : c)) : r));
  assert.deepEqual(issuesOf({ variables, matrix: withCell(2, 1, -1) }), ['matrix.2.1:negative_influence']);
  assert.deepEqual(issuesOf({ variables, matrix: withCell(1, 2, 'x') }), ['matrix.1.2:invalid_cell']);
  assert.deepEqual(issuesOf({ variables, matrix: withCell(0, 0, null) }), ['matrix.0.0:invalid_cell']);
  assert.deepEqual(issuesOf({ variables, matrix: good.slice(0, 2) }), ['matrix:not_square']);
  assert.deepEqual(issuesOf({ variables, matrix: good.map((r, i) => (i === 1 ? r.slice(1) : r)) }), [
    'matrix.1:not_square',
  ]);
  assert.deepEqual(issuesOf({ variables: ['a', 'b', 'a'], matrix: good }), [
    'variables.2:duplicate_variable',
  ]);
  assert.deepEqual(issuesOf({ variables: [], matrix: [] }), ['variables:too_small']);
  assert.deepEqual(issuesOf({ variables, matrix: good, extra: 1 }), [':unrecognized_keys']);
});

test('a matrix full of bad cells gets a bounded list of issues', () => {
  const n = 30;
  const issues = issuesOf({
    variables: Array.from({ length: n }, (_, i) => `v${i}`),
    matrix: Array.from({ length: n }, () => Array(n).fill(-1)),
  });
  assert.equal(issues.length, 21);
  assert.equal(issues.at(-1), 'matrix:too_many_issues');
});
