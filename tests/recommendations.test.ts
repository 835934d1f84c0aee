import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createServices, type Services } from '../src/capabilities/graph.ts';
import { MIGRATIONS } from '../src/capabilities/migrations.ts';
import { PostgresStore } from '../src/platform/store/postgres/store.ts';
import { testApp } from './helpers.ts';
import { startPgServer, type PgServer } from './pg-server.ts';

const NOW = Date.parse('2025-06-30T12:00:00Z');
const DAY = 86_400_000;

/** A seeded generator (mulberry32): the planted shop is the same on every run. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PRODUCTS = Array.from({ length: 12 }, (_, i) => `sku-${i}`);

/**
 * 800 customers, one or two orders each, every product bought independently with probability 0.1,
 * except two planted pairs: sku-0 buyers also buy sku-1 70 % of the time (in the same order or a
 * later one), sku-4 buyers buy sku-5 60 % of the time. Orders carry Segment-style product lists
 * (objects with product_id), and some carry nothing, as a shop's events do.
 */
function plantedOrders() {
  const random = rng(11);
  const events: object[] = [];
  for (let c = 0; c < 800; c++) {
    const customerId = `c${c}`;
    const first = PRODUCTS.filter(() => random() < 0.1);
    const second: string[] = [];
    if (first.includes('sku-0') && random() < 0.7) (random() < 0.5 ? first : second).push('sku-1');
    if (first.includes('sku-4') && random() < 0.6) (random() < 0.5 ? first : second).push('sku-5');
    [first, second].forEach((bought, n) => {
      if (bought.length === 0) return;
      events.push({
        id: `o-${c}-${n}`,
        customerId,
        name: 'Order Completed',
        timestamp: new Date(NOW - (30 - n * 10) * DAY).toISOString(),
        properties: {
          orderId: `o-${c}-${n}`,
          products: bought.map((product_id) => ({ product_id, price: 10 })),
        },
      });
    });
    if (c % 50 === 0)
      events.push({
        id: `x-${c}`,
        customerId,
        name: 'Order Completed',
        timestamp: new Date(NOW - DAY).toISOString(),
      });
  }
  return events;
}

async function plant(services: Services) {
  const events = plantedOrders();
  for (let from = 0; from < events.length; from += 1000)
    await services.ingest.own('acme', 'events', { batch: events.slice(from, from + 1000) }, NOW);
}

const OPTIONS = {
  event: 'Order Completed',
  property: 'products',
  minSupport: 0.01,
  minCustomers: 5,
  alpha: 0.05,
};

describe('co-purchase recommendations', () => {
  let duck: Awaited<ReturnType<typeof testApp>>;
  let server: PgServer;
  let pg: PostgresStore;
  let pgServices: Services;

  before(async () => {
    duck = await testApp(() => NOW);
    server = await startPgServer();
    pg = await PostgresStore.open(await server.createDatabase(), MIGRATIONS);
    pgServices = createServices(pg, () => NOW);
    await pg.createWorkspace('acme', 'acme', NOW);
    await pg.createWorkspace('globex', 'globex', NOW);
    await plant(duck.services);
    await plant(pgServices);
  });
  after(async () => {
    await duck?.close();
    await pg?.close();
    await server?.stop();
  });

  test('the planted pairs are found over HTTP; independent products are not', async () => {
    const res = await duck.get('/v1/recommendations/pairs', duck.keys.acme!.secret);
    assert.equal(res.status, 200);
    const body = (await res.json()) as {
      population: { customers: number; purchases: number; from: string; to: string };
      tested: number;
      pairs: { product: string; also: string; significant: boolean; lift: number; confidence: number }[];
    };
    assert.deepEqual(body.pairs.map((p) => `${p.product}>${p.also}`).sort(), [
      'sku-0>sku-1',
      'sku-1>sku-0',
      'sku-4>sku-5',
      'sku-5>sku-4',
    ]);
    assert.ok(body.tested >= 40, `independent pairs were tested too (${body.tested})`);
    assert.ok(body.pairs.every((p) => p.significant && p.lift > 2));
    // The population is named: customers whose orders name products (those without a list are not).
    assert.ok(
      body.population.customers > 500 && body.population.customers < 800,
      String(body.population.customers),
    );
    assert.equal(body.population.from.slice(0, 10), '2025-05-31');

    const all = (await (
      await duck.get('/v1/recommendations/pairs?all=true&limit=1000', duck.keys.acme!.secret)
    ).json()) as typeof body;
    assert.equal(all.pairs.length, all.tested * 2, 'both directions of every tested pair');
  });

  test('a customer gets what goes with what they bought, never what they have', async () => {
    const { services } = duck;
    const model = await services.recommendations.model('acme', OPTIONS);
    const owners = (product: string) =>
      [...model.purchases.baskets].filter(([, b]) => b.has(product)).map(([c, b]) => ({ c, b }));
    const without = owners('sku-0').find(({ b }) => !b.has('sku-1'))!;
    const both = owners('sku-0').find(({ b }) => b.has('sku-1') && !b.has('sku-4') && !b.has('sku-5'))!;

    const res = await duck.get(`/v1/recommendations?customer=${without.c}`, duck.keys.acme!.secret);
    assert.equal(res.status, 200);
    const reply = (await res.json()) as {
      owned: string[];
      recommendations: { product: string; because: string }[];
    };
    assert.ok(reply.owned.includes('sku-0'));
    assert.deepEqual(reply.recommendations.map((r) => r.product).includes('sku-1'), true);
    assert.equal(reply.recommendations.find((r) => r.product === 'sku-1')!.because, 'sku-0');
    for (const r of reply.recommendations) assert.ok(!reply.owned.includes(r.product));

    const done = await services.recommendations.recommendationsFor('acme', both.c, 5);
    assert.deepEqual(done.recommendations, [], 'both bought: nothing to recommend from these pairs');
    const stranger = await services.recommendations.recommendationsFor('acme', 'nobody', 5);
    assert.deepEqual([stranger.owned, stranger.recommendations], [[], []]);
  });

  test('the product property is configurable, bad options name the field, workspaces are apart', async () => {
    const key = duck.keys.acme!.secret;
    const other = (await (await duck.get('/v1/recommendations/pairs?property=items', key)).json()) as {
      population: { customers: number };
      pairs: unknown[];
    };
    assert.deepEqual(
      [other.population.customers, other.pairs.length],
      [0, 0],
      'no order names products in "items"',
    );

    const bad = await duck.get('/v1/recommendations/pairs?minSupport=2', key);
    assert.equal(bad.status, 400);
    assert.match(JSON.stringify(await bad.json()), /minSupport/);
    const noCustomer = await duck.get('/v1/recommendations', key);
    assert.equal(noCustomer.status, 400);
    assert.match(JSON.stringify(await noCustomer.json()), /customer/);

    const globex = (await (await duck.get('/v1/recommendations/pairs', duck.keys.globex!.secret)).json()) as {
      population: { customers: number };
    };
    assert.equal(globex.population.customers, 0);
    assert.equal((await duck.get('/v1/recommendations/pairs', duck.keys.acme!.ingest)).status, 403);
  });

  test('PostgreSQL learns the same rules from the same orders', async () => {
    const onDuck = await duck.services.recommendations.pairs('acme', OPTIONS, true, 1000);
    const onPg = await pgServices.recommendations.pairs('acme', OPTIONS, true, 1000);
    assert.deepEqual(onPg, onDuck);
    assert.equal(onPg.pairs.filter((p) => p.significant).length, 4);
    const globex = await pgServices.recommendations.pairs('globex', OPTIONS);
    assert.equal(globex.population.customers, 0);
  });
});
