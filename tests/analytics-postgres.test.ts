import { after, before, describe, test } from 'node:test';
import { analyticsFor, type AnalyticsService } from '../src/capabilities/measure/service.ts';
import { loadDemo } from '../src/app/demo/load.ts';
import {
  FIXTURE_NOW,
  funnelFixture,
  loadFixture,
  scoreFixture,
} from '../src/capabilities/measure/test-fixture.ts';
import { createServices, type Services } from '../src/capabilities/graph.ts';
import { PostgresStore } from '../src/platform/store/postgres/store.ts';
import { testApp } from './helpers.ts';
import { assertParity } from './parity.ts';
import { startPgServer, type PgServer } from './pg-server.ts';
import { MIGRATIONS } from '../src/capabilities/migrations.ts';

/**
 * The analytics SQL is shared: the same statements run on DuckDB and on PostgreSQL, and every
 * report must come out the same from both over the same data. Floating-point results may differ
 * in the last bits (PostgreSQL interpolates percentiles as lo + (hi - lo) d), so numbers compare
 * to a relative 1e-12.
 */
const assertSame = (actual: unknown, expected: unknown) =>
  assertParity(actual, expected, { tolerance: 1e-12, sameKeys: true });

describe('analytics on PostgreSQL equal analytics on DuckDB', () => {
  let server: PgServer;
  let pg: PostgresStore;
  let duck: Awaited<ReturnType<typeof testApp>>;
  const engines: { duckdb?: AnalyticsService; postgres?: AnalyticsService } = {};

  before(async () => {
    server = await startPgServer();
    pg = await PostgresStore.open(await server.createDatabase(), MIGRATIONS);
    const pgServices: Services = createServices(pg, () => FIXTURE_NOW);
    await pg.createWorkspace('acme', 'acme', FIXTURE_NOW);
    await pg.createWorkspace('globex', 'globex', FIXTURE_NOW);
    duck = await testApp(() => FIXTURE_NOW);
    for (const services of [pgServices, duck.services]) {
      const journey = await services.journeys.get('acme');
      await loadFixture(services, 'acme', scoreFixture());
      await loadFixture(services, 'acme', funnelFixture(journey));
      // the demo brings purchases, churn events, failures and support tickets
      await loadDemo(services, 'globex', { customers: 400, seed: 5 });
    }
    engines.postgres = analyticsFor(pgServices);
    engines.duckdb = analyticsFor(duck.services);
  });
  after(async () => {
    await pg?.close();
    await duck?.close();
    await server?.stop();
  });

  const window = { from: '2025-01-01', to: '2025-06-30' };
  const calls: [keyof AnalyticsService, Record<string, string>][] = [
    ['scores', { by: 'touchpoint', interval: 'week' }],
    ['scores', { by: 'stage,trait:segment', interval: 'month', metric: 'csat,ces,nps' }],
    ['scores', { by: 'channel', interval: 'day', touchpoint: 'unboxing,support-chat' }],
    ['compare', { by: 'touchpoint' }],
    ['compare', { by: 'phase', segment: 'trait:segment', a: 'new', b: 'vip' }],
    ['compare', { by: 'touchpoint', failure: 'late-delivery' }],
    ['funnel', {}],
    ['funnel', { by: 'channel' }],
    ['funnel', { by: 'trait:device', stages: 'consideration,purchase,delivery' }],
    ['journeyTime', {}],
    ['retention', { churnDays: '30' }],
    ['retention', { activity: 'purchase' }],
    ['painPoints', { churnDays: '30', followDays: '10' }],
  ];
  const demoWindow = { from: '2024-07-01', to: '2025-06-30' };
  for (const [workspace, range] of [
    ['acme', window],
    ['globex', demoWindow],
  ] as const) {
    for (const [call, query] of calls) {
      test(`${workspace}: ${call} ${JSON.stringify(query)}`, async () => {
        const fromDuck = await engines.duckdb![call](workspace, { ...range, ...query });
        const fromPg = await engines.postgres![call](workspace, { ...range, ...query });
        assertSame(JSON.parse(JSON.stringify(fromPg)), JSON.parse(JSON.stringify(fromDuck)));
      });
    }
  }
});
