import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createServices, type Services } from '../src/capabilities/graph.ts';
import { crossImpact } from '../src/capabilities/understand/cross-impact/service.ts';
import type { CrossImpactAnswer } from '../src/capabilities/understand/contract.ts';
import { PostgresStore } from '../src/platform/store/postgres/store.ts';
import { DuckDbStore } from '../src/platform/store/duckdb/store.ts';
import { MIGRATIONS } from '../src/capabilities/migrations.ts';
import { startPgServer, type PgServer } from './pg-server.ts';
import { tempDir } from './helpers.ts';
import type { JourneyMap } from '../src/core/journey/schema.ts';

/**
 * Cross-impact pairs adjusted for the journey's declared failures, on planted data, on DuckDB and
 * PostgreSQL. 400 customers; every fourth delivery is late (a declared failure at Delivery).
 * - Shipping updates: bad for 4 of 5 late customers, for 1 in 10 of the others regardless of
 *   anything else; Delivery answers: bad for late customers, for 1 in 3 of the others regardless
 *   of anything else. The pair shipping-updates <-> delivery is the same late delivery seen twice:
 *   marked explained by a shared failure.
 * - Support: bad for 2 of 3 customers whose checkout was bad (2 in 5), for 1 in 7 of the others, late or
 *   not: a real pair, which holds.
 */
const NOW = Date.parse('2025-06-30T12:00:00Z');
const DAY = 86_400_000;
const T0 = Date.parse('2025-03-01T10:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

const MAP: JourneyMap = {
  name: 'Planted',
  stages: [
    {
      id: 'purchase',
      name: 'Purchase',
      phase: 'purchase',
      touchpoints: [{ id: 'checkout', name: 'Checkout', channel: 'web', events: ['Checkout Started'] }],
    },
    {
      id: 'delivery-stage',
      name: 'Delivery',
      phase: 'post-purchase',
      touchpoints: [
        { id: 'shipping-updates', name: 'Shipping updates', channel: 'email' },
        { id: 'delivery', name: 'Delivery', channel: 'store', events: ['Order Delivered'] },
      ],
    },
    {
      id: 'aftercare',
      name: 'Aftercare',
      phase: 'post-purchase',
      touchpoints: [{ id: 'support', name: 'Support', channel: 'chat' }],
    },
  ],
  rules: [],
  failures: [
    {
      id: 'late',
      event: 'Order Delivered',
      where: { late: true },
      touchpoint: 'delivery',
      label: 'Late delivery',
    },
  ],
  outcomes: { purchase: ['Order Completed'], churn: [] },
};

function planted() {
  const events: Record<string, unknown>[] = [];
  const answers: Record<string, unknown>[] = [];
  for (let i = 0; i < 400; i++) {
    const c = `c${i}`;
    const t = T0 + i * 3_600_000;
    const late = i % 4 === 0;
    const checkoutBad = i % 5 >= 3;
    events.push({ id: `${c}-co`, customerId: c, name: 'Checkout Started', timestamp: iso(t) });
    events.push({ id: `${c}-oc`, customerId: c, name: 'Order Completed', timestamp: iso(t + 60_000) });
    events.push({
      id: `${c}-dl`,
      customerId: c,
      name: 'Order Delivered',
      timestamp: iso(t + 3 * DAY),
      properties: { late },
    });
    const answer = (touchpoint: string, metric: string, score: number, at: number) =>
      answers.push({
        id: `${c}-${touchpoint}`,
        customerId: c,
        touchpoint,
        metric,
        score,
        timestamp: iso(at),
      });
    answer('checkout', 'ces', checkoutBad ? 2 : 6, t + 120_000);
    answer('shipping-updates', 'csat', (late ? i % 5 !== 0 : i % 10 === 1) ? 1 : 5, t + 2 * DAY);
    answer('delivery', 'csat', late || i % 3 === 1 ? 1 : 5, t + 3 * DAY + 3_600_000);
    answer('support', 'csat', (checkoutBad ? i % 3 !== 0 : i % 7 === 0) ? 1 : 5, t + 4 * DAY);
  }
  return { events, answers };
}

async function plant(services: Services) {
  await services.journeys.set('acme', MAP, NOW);
  const { events, answers } = planted();
  await services.ingest.own('acme', 'events', { batch: events }, NOW);
  await services.ingest.own('acme', 'feedback', { batch: answers }, NOW);
}

const pair = (a: CrossImpactAnswer, from: string, to: string) =>
  a.pairs.find((p) => p.from === from && p.to === to)!;

describe('cross-impact pairs held for shared failures (Mantel-Haenszel), DuckDB and PostgreSQL', () => {
  let server: PgServer;
  let pg: PostgresStore;
  let duck: DuckDbStore;
  const tmp = tempDir();
  const answers: Record<string, CrossImpactAnswer> = {};

  before(async () => {
    server = await startPgServer();
    pg = await PostgresStore.open(await server.createDatabase(), MIGRATIONS);
    duck = await DuckDbStore.open(tmp.db, MIGRATIONS);
    for (const [name, store] of [
      ['duckdb', duck],
      ['postgres', pg],
    ] as const) {
      await store.createWorkspace('acme', 'acme', NOW);
      const services = createServices(store, () => NOW);
      await plant(services);
      answers[name] = await crossImpact(services, 'acme', {
        from: '2025-03-01',
        to: '2025-06-30',
        outcomes: [],
        influence: { micmac: true },
      });
    }
  });
  after(async () => {
    await duck?.close();
    await pg?.close();
    await server?.stop();
    tmp.cleanup();
  });

  for (const store of ['duckdb', 'postgres']) {
    test(`${store}: the late delivery seen twice is marked; a real pair holds`, () => {
      const a = answers[store]!;
      const seenTwice = pair(a, 'shipping-updates', 'delivery');
      assert.ok(seenTwice.significant && seenTwice.riskDifference!.estimate > 0.3, JSON.stringify(seenTwice));
      assert.equal(seenTwice.adjusted?.verdict, 'explained-by-failure', JSON.stringify(seenTwice.adjusted));
      assert.equal(pair(a, 'delivery', 'shipping-updates').adjusted?.verdict, 'explained-by-failure');
      const real = pair(a, 'checkout', 'support');
      assert.ok(real.significant, JSON.stringify(real));
      assert.equal(real.adjusted?.verdict, 'holds', JSON.stringify(real.adjusted));
      assert.ok(real.adjusted!.riskDifference!.ci95[0] > 0);
      assert.equal(real.adjusted!.informativeStrata, 2);
      assert.ok(a.notes.some((n) => n.includes('Late delivery') && n.includes('Mantel-Haenszel')));
    });
  }

  test('both stores give the same adjusted pairs', () => {
    const strip = (a: CrossImpactAnswer) => a.pairs.map((p) => [p.from, p.to, p.adjusted]);
    const d = strip(answers.duckdb!);
    const p = strip(answers.postgres!);
    assert.equal(
      JSON.stringify(p.map((x) => [x[0], x[1], (x[2] as { verdict: string }).verdict])),
      JSON.stringify(d.map((x) => [x[0], x[1], (x[2] as { verdict: string }).verdict])),
    );
  });
});
