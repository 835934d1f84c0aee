import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MIGRATIONS } from '../src/capabilities/migrations.ts';
import { DuckDbStore } from '../src/platform/store/duckdb/store.ts';
import { tempDir } from './helpers.ts';
import { runTextScenario, textApp } from './text-kit.ts';

test('text on DuckDB: sentiment at ingest, analysis, search and filters, themes, isolation', async () => {
  const tmp = tempDir();
  const store = await DuckDbStore.open(tmp.db, MIGRATIONS);
  try {
    await runTextScenario(store);
  } finally {
    await store.close();
    tmp.cleanup();
  }
});

test('backfill reads comments stored before text existed, once', async () => {
  const tmp = tempDir();
  const store = await DuckDbStore.open(tmp.db, MIGRATIONS);
  try {
    const t = await textApp(store);
    // Stored straight through the store: no domain event, as for data from before this version.
    const rows = Array.from({ length: 2500 }, (_, i) => ({
      id: `old-${i}`,
      customerId: `c${i}`,
      touchpoint: 'delivery',
      metric: 'csat' as const,
      score: 1,
      scaleMin: 1,
      scaleMax: 5,
      comment: i % 5 === 0 ? null : `the parcel arrived broken ${i}`,
      timestamp: Date.parse('2025-06-02T10:00:00Z'),
      receivedAt: Date.parse('2025-06-02T10:00:00Z'),
      source: 'api',
    }));
    await store.ingest('acme', { events: [], feedback: rows, identifies: [] });
    assert.equal(await t.services.text.catchUp('acme'), 2000);
    assert.equal(await t.services.text.catchUp('acme'), 0);
    const n = await store.read(
      `SELECT count(*) AS n, count(*) FILTER (WHERE label = 'negative') AS neg FROM text_comments`,
    );
    assert.equal(Number(n[0]!.n), 2000);
    assert.equal(Number(n[0]!.neg), 2000);
  } finally {
    await store.close();
    tmp.cleanup();
  }
});
