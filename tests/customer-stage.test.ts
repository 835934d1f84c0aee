import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createServices, type Services } from '../src/capabilities/graph.ts';
import { customerStage, stageCounts } from '../src/capabilities/journeys/current-stage.ts';
import { stageLine, stageTable } from '../src/capabilities/journeys/cli-print.ts';
import { searchCustomers } from '../src/capabilities/customers/search.ts';
import { listCustomers } from '../src/capabilities/customers/filtered-list.ts';
import { MIGRATIONS } from '../src/capabilities/migrations.ts';
import type { EventInput } from '../src/core/ingest/schemas.ts';
import { PostgresStore } from '../src/platform/store/postgres/store.ts';
import { testApp } from './helpers.ts';
import { startPgServer, type PgServer } from './pg-server.ts';

/**
 * Each customer's current stage on planted data, on DuckDB and PostgreSQL (the SQL is shared):
 * a repeat purchase or browsing again after a purchase starts a new cycle, and a customer at a
 * stage longer than the 90th percentile of those who moved on from it is stalled.
 */
const NOW = Date.parse('2025-06-30T12:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

function planted(): EventInput[] {
  const events: EventInput[] = [];
  let n = 0;
  const at = (customerId: string, name: string, touchpoint: string, ms: number) =>
    events.push({ id: `e${++n}`, customerId, name, touchpoint, timestamp: iso(ms) });
  // 30 customers who viewed a product and bought 1 to 30 hours later: consideration's
  // 90th percentile of time before moving on is 27.1 hours.
  for (let i = 1; i <= 30; i++) {
    at(`mover${i}`, 'Product Viewed', 'product-pages', NOW - 40 * DAY);
    at(`mover${i}`, 'Order Completed', 'checkout', NOW - 40 * DAY + i * HOUR);
  }
  // Bought, delivered, then bought again without browsing: back at the purchase, not at delivery.
  at('twice', 'Product Viewed', 'product-pages', NOW - 30 * DAY);
  at('twice', 'Order Completed', 'checkout', NOW - 29 * DAY);
  at('twice', 'Order Delivered', 'delivery', NOW - 27 * DAY);
  at('twice', 'Order Completed', 'checkout', NOW - 2 * DAY);
  // Bought, delivered, then browsing again: a new cycle at its start (consideration).
  at('returning', 'Product Viewed', 'product-pages', NOW - 30 * DAY);
  at('returning', 'Order Completed', 'checkout', NOW - 29 * DAY);
  at('returning', 'Order Delivered', 'delivery', NOW - 27 * DAY);
  at('returning', 'Product Viewed', 'product-pages', NOW - 3 * HOUR);
  // Viewed ten days ago and nothing since: stalled at consideration.
  at('stalled', 'Product Viewed', 'product-pages', NOW - 10 * DAY);
  // Only the first of its two purchases' cycles is over; delivery of the first is in the past.
  at('delivered', 'Product Viewed', 'product-pages', NOW - 20 * DAY);
  at('delivered', 'Order Completed', 'checkout', NOW - 19 * DAY);
  at('delivered', 'Order Delivered', 'delivery', NOW - 17 * DAY);
  // Another workspace's customer with the same id stays out.
  return events;
}

describe('current stage on planted data, DuckDB and PostgreSQL', () => {
  let server: PgServer;
  let pg: PostgresStore;
  let duck: Awaited<ReturnType<typeof testApp>>;
  const engines: [string, Services][] = [];

  before(async () => {
    server = await startPgServer();
    pg = await PostgresStore.open(await server.createDatabase(), MIGRATIONS);
    await pg.createWorkspace('acme', 'acme', NOW);
    await pg.createWorkspace('globex', 'globex', NOW);
    duck = await testApp(() => NOW);
    engines.push(['duckdb', duck.services], ['postgres', createServices(pg, () => NOW)]);
    for (const [, services] of engines) {
      await services.ingest.own('acme', 'events', { batch: planted() }, NOW);
      const answer = { customerId: 'returning', touchpoint: 'delivery', metric: 'csat' as const };
      await services.ingest.own(
        'acme',
        'feedback',
        {
          batch: [
            { ...answer, id: 'f1', score: 1, timestamp: iso(NOW - 2 * DAY) },
            { ...answer, id: 'f2', score: 5, timestamp: iso(NOW - 3 * DAY) },
          ],
        },
        NOW,
      );
      // Identified long before their last event: last seen must come from the events.
      await services.ingest.own(
        'acme',
        'identifies',
        {
          batch: [
            { customerId: 'stalled', traits: { name: 'Stella Stalled' }, timestamp: iso(NOW - 60 * DAY) },
          ],
        },
        NOW,
      );
      await services.ingest.own(
        'globex',
        'events',
        {
          batch: [
            {
              id: 'g1',
              customerId: 'stalled',
              name: 'Order Delivered',
              touchpoint: 'delivery',
              timestamp: iso(NOW - DAY),
            },
          ],
        },
        NOW,
      );
    }
  });
  after(async () => {
    await pg?.close();
    await duck?.close();
    await server?.stop();
  });

  const stageOf = async (services: Services, id: string) =>
    customerStage(services.store, 'acme', (await services.journeys.get('acme')).map, NOW, id);

  for (const engine of ['duckdb', 'postgres']) {
    const services = () => engines.find(([name]) => name === engine)![1];

    test(`${engine}: a repeat purchase starts a new cycle`, async () => {
      const twice = await stageOf(services(), 'twice');
      assert.equal(twice?.stage, 'purchase');
      assert.equal(twice?.since, NOW - 2 * DAY);
      const returning = await stageOf(services(), 'returning');
      assert.equal(returning?.stage, 'consideration');
      assert.equal(returning?.since, NOW - 3 * HOUR);
      assert.equal(returning?.stalled, false);
      const delivered = await stageOf(services(), 'delivered');
      assert.equal(delivered?.stage, 'delivery');
    });

    test(`${engine}: stalled past the 90th percentile of those who moved on`, async () => {
      const stalled = await stageOf(services(), 'stalled');
      assert.equal(stalled?.stage, 'consideration');
      // percentile_cont over 1..30 hours (plus 'twice', 'returning' and 'delivered' at 24 h)
      assert.equal(stalled?.movedOn, 33);
      assert.ok(
        stalled!.typicalMs! > 24 * HOUR && stalled!.typicalMs! < 30 * HOUR,
        String(stalled?.typicalMs),
      );
      assert.equal(stalled?.inStageMs, 10 * DAY);
      assert.equal(stalled?.stalled, true);
      // what `cxloop journey customer stalled` prints
      assert.match(
        stageLine(stalled),
        /^Consideration \[consideration\] since 2025-06-20T12:00:00.000Z, for 10d; typical up to 1d 2h .*: stalled$/,
      );
      // Nobody moved on from the purchase stage in enough numbers: no typical time, no verdict.
      assert.equal((await stageOf(services(), 'mover1'))?.stalled, null);
      assert.equal(await stageOf(services(), 'nobody'), null);
    });

    test(`${engine}: a customer's last seen is their latest event, not their identify`, async () => {
      const [found] = await searchCustomers(services().store, 'acme', 'stella', 20);
      assert.equal(found?.id, 'stalled');
      assert.equal(found?.lastSeen, NOW - 10 * DAY);
    });

    test(`${engine}: customers filtered by touchpoint, experience and period`, async () => {
      const week = { from: new Date(NOW - 7 * DAY), to: new Date(NOW) };
      const bad = await listCustomers(
        services().store,
        'acme',
        { touchpoint: 'delivery', experience: 'bad', window: week, q: null },
        20,
      );
      assert.deepEqual(
        bad.map((c) => [c.id, c.answers, c.lastSeen]),
        [['returning', 1, NOW - 3 * HOUR]],
      );
      const none = await listCustomers(
        services().store,
        'acme',
        { touchpoint: 'checkout', experience: null, window: week, q: null },
        20,
      );
      assert.deepEqual(none, []);
    });

    test(`${engine}: counts per stage, this workspace only`, async () => {
      const counts = await stageCounts(
        services().store,
        'acme',
        (await services().journeys.get('acme')).map,
        NOW,
      );
      const by = Object.fromEntries(counts.stages.map((s) => [s.stage, s]));
      assert.equal(counts.customers, 34);
      assert.equal(by.consideration?.customers, 2);
      assert.equal(by.consideration?.stalled, 1);
      assert.equal(by.purchase?.customers, 31);
      assert.equal(by.purchase?.stalled, null);
      assert.equal(by.delivery?.customers, 1);
      assert.equal(by.awareness?.customers, 0);
      assert.match(counts.population, /2025-06-30T12:00:00.000Z/);
      // what `cxloop journey stages` prints
      const table = stageTable(counts);
      assert.match(table, /^34 identified customers/);
      assert.match(table, /^Consideration\s+2\s+1\s+1d 2h$/m);
      assert.match(table, /^Purchase\s+31\s+-\s+-$/m);
    });
  }

  test('the API: the timeline names the stage, and /v1/journey/stages/current counts', async () => {
    const page = (await (
      await duck.get('/v1/customers/stalled/timeline', duck.keys.acme!.secret)
    ).json()) as {
      stage: { stage: string; stalled: boolean } | null;
    };
    assert.deepEqual([page.stage?.stage, page.stage?.stalled], ['consideration', true]);
    const res = await duck.get('/v1/journey/stages/current', duck.keys.acme!.secret);
    assert.equal(res.status, 200);
    const counts = (await res.json()) as { customers: number; rule: string };
    assert.equal(counts.customers, 34);
    assert.match(counts.rule, /90th percentile/);
    assert.equal((await duck.get('/v1/journey/stages/current', duck.keys.acme!.ingest)).status, 403);
  });
});
