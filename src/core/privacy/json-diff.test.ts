import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jsonDiff } from './json-diff.ts';

test('jsonDiff names each changed leaf by path, with its value before and after', () => {
  const before = { stages: [{ id: 'buy', touchpoints: ['web'] }], name: 'a' };
  const after = { stages: [{ id: 'buy', touchpoints: ['web', 'app'] }], name: 'b', extra: true };
  assert.deepEqual(jsonDiff(before, after), [
    { path: 'extra', after: true },
    { path: 'name', before: 'a', after: 'b' },
    { path: 'stages[0].touchpoints[1]', after: 'app' },
  ]);
});

test('jsonDiff is empty for equal documents and whole for a first version', () => {
  assert.deepEqual(jsonDiff({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }), []);
  assert.deepEqual(jsonDiff(null, { a: 1 }), [{ path: '', before: null, after: { a: 1 } }]);
});
