import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hash64, IdIndex, idKey } from './id-index.ts';

test('hash64 is deterministic, 64 bits wide and tells close strings apart', () => {
  assert.deepEqual(hash64('order-1'), hash64('order-1'));
  assert.notDeepEqual(hash64('order-1'), hash64('order-2'));
  const seen = new Set<string>();
  for (let i = 0; i < 200_000; i++) seen.add(hash64(`e${i}`).join(':'));
  assert.equal(seen.size, 200_000);
});

test('idKey separates workspaces: the same id in two workspaces is two keys', () => {
  assert.notDeepEqual(idKey('a', 'x'), idKey('b', 'x'));
  assert.notDeepEqual(idKey('a', 'bx'), idKey('ab', 'x'));
});

test('IdIndex keeps every key through growth, including the all-zero key', () => {
  const index = new IdIndex(4);
  const keys = Array.from({ length: 10_000 }, (_, i) => idKey('w', `k${i}`));
  for (const key of keys) index.add(key);
  index.add([0, 0]);
  index.add(keys[0]!);
  assert.equal(index.count, 10_001);
  assert.ok(keys.every((k) => index.has(k)));
  assert.ok(index.has([0, 0]));
  assert.ok(!index.has(idKey('w', 'absent')));
});
