import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { AnalyticsService } from '../../src/capabilities/measure/service.ts';
import { loadDemo } from '../../src/app/demo/load.ts';
import { createServices } from '../../src/capabilities/graph.ts';
import { openStore } from '../../src/platform/store/open.ts';
import type { Store } from '../../src/platform/store/port.ts';
import { tempDir } from '../helpers.ts';
import { startPgServer, type PgServer } from '../pg-server.ts';
import { MIGRATIONS } from '../../src/capabilities/migrations.ts';

const NOW = Date.parse('2025-06-30T12:00:00Z');
const WINDOW = { from: '2025-01-01', to: '2025-06-30' };

/** Every analytics call with the options that reach its different SQL paths. */
const CALLS: [name: string, run: (a: AnalyticsService) => Promise<unknown>][] = [
  ['scores by touchpoint, weekly', (a) => a.scores('w', { ...WINDOW, by: 'touchpoint', interval: 'week' })],
  [
    'scores by channel and stage, monthly',
    (a) => a.scores('w', { ...WINDOW, by: 'channel,stage', interval: 'month' }),
  ],
  ['compare periods', (a) => a.compare('w', { ...WINDOW, from: '2025-04-01' })],
  ['compare with and without a failure', (a) => a.compare('w', { ...WINDOW, failure: 'late-delivery' })],
  ['funnel', (a) => a.funnel('w', WINDOW)],
  ['funnel by channel', (a) => a.funnel('w', { ...WINDOW, by: 'channel' })],
  ['journey time', (a) => a.journeyTime('w', WINDOW)],
  ['retention', (a) => a.retention('w', WINDOW)],
  ['pain points', (a) => a.painPoints('w', WINDOW)],
];

/** Equal, except that floating-point sums may differ in the last digits (engines add in their own order). */
function assertClose(actual: unknown, expected: unknown, path = ''): void {
  if (typeof actual === 'number' && typeof expected === 'number') {
    const scale = Math.max(1, Math.abs(expected));
    assert.ok(Math.abs(actual - expected) <= 1e-9 * scale, `${path}: ${actual} vs ${expected}`);
  } else if (actual && expected && typeof actual === 'object' && typeof expected === 'object') {
    assert.deepEqual(Object.keys(actual), Object.keys(expected), `${path}: keys`);
    for (const key of Object.keys(expected))
      assertClose(
        (actual as Record<string, unknown>)[key],
        (expected as Record<string, unknown>)[key],
        `${path}.${key}`,
      );
  } else {
    assert.deepEqual(actual, expected, path);
  }
}

/**
 * The analytics capability's SQL is written once for both engines: the same seeded demo data set
 * in a DuckDB file and in PostgreSQL must give the same reports.
 */
describe('analytics give the same reports on DuckDB and PostgreSQL', () => {
  let server: PgServer;
  const tmp = tempDir('cxloop-parity-');
  const stores: Store[] = [];
  const analytics: AnalyticsService[] = [];

  before(async () => {
    server = await startPgServer();
    for (const db of [join(tmp.dir, 'parity.duckdb'), await server.createDatabase()]) {
      const store = await openStore(db, MIGRATIONS);
      stores.push(store);
      await store.createWorkspace('w', 'w', NOW);
      const services = createServices(store, () => NOW);
      await loadDemo(services, 'w', { customers: 800, months: 6, seed: 11 });
      analytics.push(new AnalyticsService(services));
    }
  });
  after(async () => {
    for (const store of stores) await store.close();
    await server?.stop();
    tmp.cleanup();
  });

  for (const [name, run] of CALLS) {
    test(name, async () => {
      const [duckdb, postgres] = [await run(analytics[0]!), await run(analytics[1]!)];
      assertClose(postgres, duckdb);
    });
  }
});
