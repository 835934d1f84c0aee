import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadDemo } from '../src/app/demo/load.ts';
import { createServices, type Services } from '../src/capabilities/graph.ts';
import { PostgresStore } from '../src/platform/store/postgres/store.ts';
import { crossImpact } from '../src/capabilities/understand/cross-impact/service.ts';
import { storedDrivers } from '../src/capabilities/understand/drivers/stored.ts';
import { whatIfAnalysis } from '../src/capabilities/understand/what-if/service.ts';
import { testApp } from './helpers.ts';
import { assertParity } from './parity.ts';
import { startPgServer, type PgServer } from './pg-server.ts';
import { MIGRATIONS } from '../src/capabilities/migrations.ts';

/**
 * The understand SQL is shared: the cross-impact matrix, the stored-data drivers and the what-if come
 * out the same from PostgreSQL and DuckDB over the same demo data. Counts are exact; moments agree to
 * a relative 1e-9 (the engines sum floating point in different orders).
 */
const assertSame = (actual: unknown, expected: unknown, path: string) =>
  assertParity(actual, expected, { tolerance: 1e-9 }, path);

const NOW = Date.parse('2025-06-30T12:00:00Z');
const WINDOW = { from: '2024-07-01', to: '2025-06-30' };

describe('understand on PostgreSQL equals understand on DuckDB', () => {
  let server: PgServer;
  let pg: PostgresStore;
  let duck: Awaited<ReturnType<typeof testApp>>;
  let pgServices: Services;

  before(async () => {
    server = await startPgServer();
    pg = await PostgresStore.open(await server.createDatabase(), MIGRATIONS);
    pgServices = createServices(pg, () => NOW);
    await pg.createWorkspace('acme', 'acme', NOW);
    duck = await testApp(() => NOW);
    for (const services of [pgServices, duck.services])
      await loadDemo(services, 'acme', { customers: 600, seed: 4 });
  });
  after(async () => {
    await pg?.close();
    await duck?.close();
    await server?.stop();
  });

  test('the cross-impact matrix', async () => {
    const request = { ...WINDOW, influence: { micmac: true } };
    const { stats: _a, ...fromPg } = await crossImpact(pgServices, 'acme', request);
    const { stats: _b, ...fromDuck } = await crossImpact(duck.services, 'acme', request);
    assert.ok(fromDuck.pairs.some((p) => p.status === 'ok'));
    assertSame(fromPg, fromDuck, 'matrix');
  });

  test('the drivers and the what-if', async () => {
    const drivers = { ...WINDOW, outcome: 'nps', drivers: ['delivery', 'checkout'] };
    const d = await storedDrivers(duck.services, 'acme', drivers);
    assert.ok(d.ok);
    assertSame(await storedDrivers(pgServices, 'acme', drivers), d, 'drivers');
    for (const outcome of ['repeat-purchase', 'churn']) {
      assertSame(
        await storedDrivers(pgServices, 'acme', { ...drivers, outcome }),
        await storedDrivers(duck.services, 'acme', { ...drivers, outcome }),
        outcome,
      );
    }
    const whatIf = {
      ...WINDOW,
      touchpoint: 'delivery',
      outcome: 'nps',
      lift: 1,
      drivers: ['delivery', 'checkout'],
    };
    assertSame(
      await whatIfAnalysis(pgServices, 'acme', whatIf),
      await whatIfAnalysis(duck.services, 'acme', whatIf),
      'what-if',
    );
  });
});
