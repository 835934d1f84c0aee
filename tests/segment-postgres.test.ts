/**
 * The Segment-compatible ingest's own tables on PostgreSQL (server mode): the rejects log (logged
 * once per message, listed, replayed) and anonymous traits merged on identification, through the
 * HTTP app over a real PostgreSQL cluster.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createApp } from '../src/app/http/app.ts';
import { createServices } from '../src/capabilities/graph.ts';
import { createKey } from '../src/capabilities/workspaces/keys.ts';
import { PostgresStore } from '../src/platform/store/postgres/store.ts';
import { startPgServer, type PgServer } from './pg-server.ts';
import { MIGRATIONS } from '../src/capabilities/migrations.ts';

describe('Segment-compatible ingest on PostgreSQL', () => {
  let server: PgServer;
  before(async () => {
    server = await startPgServer();
  });
  after(() => server?.stop());

  test('rejects are logged once and listed; anonymous traits merge on identification', async () => {
    const store = await PostgresStore.open(await server.createDatabase(), MIGRATIONS);
    try {
      const now = Date.parse('2025-06-30T12:00:00Z');
      await store.createWorkspace('w', 'w', now);
      const key = (await createKey(store, 'w', 'ingest', now)).key;
      const secret = (await createKey(store, 'w', 'secret', now)).key;
      const app = createApp(createServices(store, () => now));
      const post = async (path: string, body: unknown) => {
        const res = await app.request(path, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        return (await res.json()) as { stored: number; duplicates: number; rejected?: number };
      };

      const batch = {
        batch: [
          { type: 'identify', anonymousId: 'v1', traits: { source: 'ad', plan: 'trial' }, messageId: 'a1' },
          { type: 'track', anonymousId: 'v1', event: 'Viewed', messageId: 't1' },
          { type: 'track', anonymousId: 'v1', messageId: 'bad' },
        ],
      };
      assert.deepEqual(await post('/v1/batch', batch), {
        ok: true,
        received: 3,
        stored: 2,
        duplicates: 0,
        rejected: 1,
        rejects: [
          {
            index: 2,
            issues: [
              { index: 2, path: 'event', code: 'invalid_value', message: 'track needs an event name' },
            ],
          },
        ],
      });
      const again = await post('/v1/batch', batch);
      assert.deepEqual([again.stored, again.duplicates, again.rejected], [0, 2, 1]);
      await post('/v1/identify', { userId: 'u1', anonymousId: 'v1', traits: { plan: 'pro' } });
      const [customer] = await store.read("SELECT traits FROM customers WHERE id = 'u1'");
      const traits: unknown =
        typeof customer!.traits === 'string' ? JSON.parse(customer!.traits) : customer!.traits;
      assert.deepEqual(traits, { source: 'ad', plan: 'pro' });

      const list = (await (
        await app.request('/v1/rejects', { headers: { authorization: `Bearer ${secret}` } })
      ).json()) as { total: number; waiting: number; rejects: { receivedAt: string }[] };
      assert.deepEqual(
        [list.total, list.waiting, list.rejects[0]!.receivedAt],
        [1, 1, new Date(now).toISOString()],
      );
      const replay = (await (
        await app.request('/v1/rejects/replay', {
          method: 'POST',
          headers: { authorization: `Bearer ${secret}` },
        })
      ).json()) as { replayed: number; stillRejected: unknown[] };
      assert.deepEqual([replay.replayed, replay.stillRejected.length], [0, 1]);
    } finally {
      await store.close();
    }
  });
});
