import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ApiKeyRecord } from '../../src/platform/store/port.ts';
import { T0 } from './fixtures.ts';
import type { Context } from './harness.ts';

const key = (
  id: string,
  workspaceId: string,
  kind: ApiKeyRecord['kind'],
  createdAt: number,
): ApiKeyRecord => ({
  id,
  workspaceId,
  kind,
  prefix: `cx_${id}`,
  createdAt,
  revokedAt: null,
});

export function workspacesAndKeys(ctx: Context) {
  describe('workspaces and keys', () => {
    test('workspaces are listed in creation order; an unknown one is null; an id is taken once', async () => {
      const store = await ctx.openFresh();
      await store.createWorkspace('zeta', 'Zeta', T0);
      await store.createWorkspace('alpha', 'Alpha', T0 + 1);
      assert.deepEqual(await store.listWorkspaces(), [
        { id: 'zeta', name: 'Zeta', createdAt: T0 },
        { id: 'alpha', name: 'Alpha', createdAt: T0 + 1 },
      ]);
      assert.deepEqual(await store.getWorkspace('alpha'), { id: 'alpha', name: 'Alpha', createdAt: T0 + 1 });
      assert.equal(await store.getWorkspace('nope'), null);
      await assert.rejects(store.createWorkspace('zeta', 'again', T0));
    });

    test('keys are found by hash, listed per workspace, and revoked once', async () => {
      const { store } = ctx;
      await store.createWorkspace('keys-a', 'A', T0);
      await store.createWorkspace('keys-b', 'B', T0);
      await store.insertKey(key('k2', 'keys-a', 'secret', T0 + 2), 'hash-2');
      await store.insertKey(key('k1', 'keys-a', 'ingest', T0 + 1), 'hash-1');
      await store.insertKey(key('k3', 'keys-b', 'ingest', T0), 'hash-3');
      assert.deepEqual(await store.findKeyByHash('hash-2'), key('k2', 'keys-a', 'secret', T0 + 2));
      assert.equal(await store.findKeyByHash('no-such-hash'), null);
      assert.deepEqual(
        (await store.listKeys('keys-a')).map((k) => k.id),
        ['k1', 'k2'],
      );
      assert.equal(await store.revokeKey('keys-b', 'k1', T0 + 5), false, "another workspace's key");
      assert.equal(await store.revokeKey('keys-a', 'k1', T0 + 5), true);
      assert.equal(await store.revokeKey('keys-a', 'k1', T0 + 6), false, 'already revoked');
      assert.equal((await store.findKeyByHash('hash-1'))?.revokedAt, T0 + 5);
      await assert.rejects(store.insertKey(key('k9', 'keys-a', 'ingest', T0), 'hash-1'), 'hashes are unique');
    });
  });
}
