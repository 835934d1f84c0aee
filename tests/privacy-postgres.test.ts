import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { MIGRATIONS } from '../src/capabilities/migrations.ts';
import { PostgresStore } from '../src/platform/store/postgres/store.ts';
import { startPgServer, type PgServer } from './pg-server.ts';
import { erasureScenario, privacyApp, retentionScenario } from './privacy-kit.ts';

describe('privacy on PostgreSQL', () => {
  let server: PgServer;
  before(async () => {
    server = await startPgServer();
  });
  after(() => server?.stop());

  test('erasure deletes every row, VACUUMs the touched tables and refuses the customer again', async () => {
    const store = await PostgresStore.open(await server.createDatabase(), MIGRATIONS);
    try {
      const report = await erasureScenario(await privacyApp(store, Date.parse('2025-06-28T00:00:00Z')));
      assert.equal(report.reclaim.engine, 'postgres');
      const vacuumed = report.reclaim.vacuumed as string[];
      for (const table of ['events', 'feedback', 'customers', 'aliases']) assert.ok(vacuumed.includes(table));
    } finally {
      await store.close();
    }
  });

  test('retention with the clock set', async () => {
    const store = await PostgresStore.open(await server.createDatabase(), MIGRATIONS);
    try {
      await retentionScenario(await privacyApp(store, Date.parse('2025-06-28T00:00:00Z')));
    } finally {
      await store.close();
    }
  });
});
