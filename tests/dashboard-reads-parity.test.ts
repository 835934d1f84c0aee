import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { searchCustomers } from '../src/capabilities/customers/search.ts';
import { loadDemo } from '../src/app/demo/load.ts';
import { touchpointFeedback } from '../src/capabilities/measure/touchpoint-feedback.ts';
import { createServices } from '../src/capabilities/graph.ts';
import { openStore } from '../src/platform/store/open.ts';
import type { Store } from '../src/platform/store/port.ts';
import type { Failure } from '../src/core/journey/schema.ts';
import { tempDir } from './helpers.ts';
import { startPgServer, type PgServer } from './pg-server.ts';
import { MIGRATIONS } from '../src/capabilities/migrations.ts';

const NOW = Date.parse('2025-06-30T12:00:00Z');
const WINDOW = { from: new Date('2025-01-01T00:00:00Z'), to: new Date('2025-07-01T00:00:00Z') };

/** The dashboard's own reads (touchpoint feedback, customer search) answer alike on both engines. */
describe('dashboard reads on DuckDB and PostgreSQL', () => {
  let server: PgServer;
  const tmp = tempDir('cxloop-reads-');
  const stores: Store[] = [];
  // The journey map's failures, so that the affected customers include those of failure events.
  let failures: Failure[] = [];

  before(async () => {
    server = await startPgServer();
    for (const db of [join(tmp.dir, 'reads.duckdb'), await server.createDatabase()]) {
      const store = await openStore(db, MIGRATIONS);
      stores.push(store);
      await store.createWorkspace('w', 'w', NOW);
      const services = createServices(store, () => NOW);
      await loadDemo(services, 'w', { customers: 400, months: 6, seed: 5 });
      failures = (await services.journeys.get('w')).map.failures;
    }
  });
  after(async () => {
    for (const store of stores) await store.close();
    await server?.stop();
    tmp.cleanup();
  });

  for (const touchpoint of ['delivery', 'support-chat', 'checkout']) {
    test(`feedback at ${touchpoint}`, async () => {
      const query = { window: WINDOW, touchpoint, failures, commentsOnly: true, limit: 25, offset: 5 };
      const [duck, pg] = await Promise.all(stores.map((s) => touchpointFeedback(s, 'w', query)));
      assert.ok(duck!.distribution.length > 0);
      assert.deepEqual(pg, duck);
    });
  }

  for (const q of ['demo-c-1', 'WEBER', '%', 'example.com']) {
    test(`customer search "${q}"`, async () => {
      const [duck, pg] = await Promise.all(stores.map((s) => searchCustomers(s, 'w', q, 20)));
      assert.deepEqual(pg, duck);
    });
  }
});
