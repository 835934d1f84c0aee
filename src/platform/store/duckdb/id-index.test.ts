import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IdIndex, idKey } from './id-index.ts';

test('idKey is deterministic, 64 bits wide and tells close ids apart', () => {
  assert.deepEqual(idKey('w', 'order-1'), idKey('w', 'order-1'));
  assert.notDeepEqual(idKey('w', 'order-1'), idKey('w', 'order-2'));
  const seen = new Set<string>();
  for (let i = 0; i < 200_000; i++) seen.add(idKey('w', `e${i}`).join(':'));
  assert.equal(seen.size, 200_000);
});

test('idKey keeps the values already stored in id_hi/id_lo', () => {
  // Fixed points: a change to the hash would make stored ids look new again after an upgrade.
  assert.deepEqual(idKey('w', 'x'), [4259104314, 3230547331]);
  assert.deepEqual(idKey('default', 'order-42'), [4089908706, 1751869692]);
});

test('idKey separates workspaces: the same id in two workspaces is two keys', () => {
  assert.notDeepEqual(idKey('a', 'x'), idKey('b', 'x'));
  assert.notDeepEqual(idKey('a', 'bx'), idKey('ab', 'x'));
});

test('IdIndex keeps every key through growth, including the all-zero key', () => {
  const index = new IdIndex(4);
  const keys = Array.from({ length: 10_000 }, (_, i) => idKey('w', `k${i}`));
  for (const [hi, lo] of keys) index.add(hi, lo);
  index.add(0, 0);
  index.add(...keys[0]!);
  assert.equal(index.count, 10_001);
  assert.ok(keys.every(([hi, lo]) => index.has(hi, lo)));
  assert.ok(index.has(0, 0));
  assert.ok(!index.has(...idKey('w', 'absent')));
});
