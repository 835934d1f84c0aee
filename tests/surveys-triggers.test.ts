import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createServices } from '../src/capabilities/graph.ts';
import { importFile } from '../src/capabilities/ingest/file-import.ts';
import { PostgresStore } from '../src/platform/store/postgres/store.ts';
import { SHARED_COPY_MAX_AGE_MS } from '../src/platform/store/shared-copies.ts';
import { tempDir } from './helpers.ts';
import { startPgServer } from './pg-server.ts';
import { MIGRATIONS } from '../src/capabilities/migrations.ts';
import { surveyKit } from './surveys-kit.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const shipped = {
  id: 'shipped',
  name: 'Shipping',
  touchpoint: 'delivery',
  questions: [{ id: 'score', kind: 'csat', text: 'How was shipping?' }],
  triggers: [{ id: 'shipped', event: 'Order Shipped', delay: '1h', channel: 'web' }],
};

const invitedEvents = async (store: { read: PostgresStore['read'] }, workspace: string) =>
  (
    await store.read('SELECT event_id FROM survey_invitations WHERE workspace_id = $1 ORDER BY event_id', [
      workspace,
    ])
  ).map((r) => r.event_id);

describe('survey triggers as a subscriber to stored events', () => {
  it('a file import triggers surveys as the API does, and only for events a trigger watches', async () => {
    const kit = await surveyKit();
    const tmp = tempDir('cxloop-import-triggers-');
    try {
      await kit.defineSurvey('acme', shipped);
      const at = new Date(kit.clock.now).toISOString();
      const lines = [
        { id: 'imp-1', customerId: 'ann', name: 'Order Shipped', timestamp: at },
        { id: 'imp-2', customerId: 'bob', name: 'Product Viewed', timestamp: at },
        { id: 'imp-3', customerId: 'cy', name: 'Order Shipped', timestamp: at },
      ];
      const file = join(tmp.dir, 'events.jsonl');
      writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
      const result = await importFile(kit.services, 'acme', file, 'events', { skipInvalid: false });
      assert.equal(result.stored, 3);
      await kit.services.events.drain();
      assert.deepEqual(await invitedEvents(kit.store, 'acme'), ['imp-1', 'imp-3']);
      const outbox = await kit.store.read(
        "SELECT count(*) AS n FROM domain_events WHERE type = 'ingest.events-stored' AND workspace_id = 'acme'",
      );
      assert.equal(outbox[0]!.n, 1, 'one domain event for the import batch, none per event');

      // Events nobody watches write no outbox row at all.
      const res = await kit.call('POST', '/v1/events', kit.keys.acme!.ingest, {
        id: 'api-1',
        customerId: 'dee',
        name: 'Product Viewed',
        timestamp: at,
      });
      assert.equal(res.status, 200, res.text);
      const after = await kit.store.read('SELECT count(*) AS n FROM domain_events');
      assert.equal(after[0]!.n, 1);
    } finally {
      await kit.close();
      tmp.cleanup();
    }
  });

  it('on PostgreSQL, a survey saved through another process triggers within the definitions max age', async () => {
    const server = await startPgServer();
    const url = await server.createDatabase();
    // Two server processes: each its own pool and its own services (and memory of definitions).
    const stores = [await PostgresStore.open(url, MIGRATIONS), await PostgresStore.open(url, MIGRATIONS)];
    const now = Date.now();
    const [a, b] = stores.map((store) => createServices(store, () => now));
    try {
      await stores[0]!.createWorkspace('w', 'W', now);
      const event = (id: string) => ({
        id,
        customerId: 'kim',
        name: 'Order Shipped',
        timestamp: new Date(now).toISOString(),
      });
      // A reads the (empty) definitions and keeps them in memory.
      await a!.ingest.own('w', 'events', [event('before-save')], now);
      await b!.surveys.definitions.save('w', shipped, now);
      await sleep(SHARED_COPY_MAX_AGE_MS + 100);
      await a!.ingest.own('w', 'events', [event('after-save')], now);
      await a!.events.drain();
      assert.deepEqual(await invitedEvents(stores[0]!, 'w'), ['after-save']);
    } finally {
      for (const store of stores) await store.close();
      await server.stop();
    }
  });
});
