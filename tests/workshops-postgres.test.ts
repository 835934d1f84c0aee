import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { loadDemo } from '../src/app/demo/load.ts';
import { createServices, type Services } from '../src/capabilities/graph.ts';
import { MIGRATIONS } from '../src/capabilities/migrations.ts';
import { workshopReport } from '../src/capabilities/workshops/report.ts';
import { PostgresStore } from '../src/platform/store/postgres/store.ts';
import { testApp } from './helpers.ts';
import { assertParity } from './parity.ts';
import { startPgServer, type PgServer } from './pg-server.ts';

/**
 * Workshops on PostgreSQL: the tables, seats taken by participants joining at the same moment, a
 * resent judgement replacing the first, workspaces apart, and the same report as on DuckDB over the
 * same demo data (the measured-effort SQL is shared).
 */
const NOW = Date.parse('2025-06-30T12:00:00Z');
const TPS = ['checkout', 'payment', 'shipping-updates', 'delivery', 'support-chat'];
const key = () => randomBytes(32).toString('base64url');

async function runWorkshop(services: Services) {
  const { joinToken } = await services.workshops.create('acme', {
    id: 'pg',
    name: 'PG',
    touchpoints: TPS,
    seats: 4,
    coverage: 2,
    from: '2024-07-01',
    to: '2025-06-30',
  });
  const keys = [key(), key(), key(), key()];
  // all four join at once: each gets its own seat
  const seats = await Promise.all(
    // one name for all: the report labels them by seat, whichever seat each one got
    keys.map((k) => services.workshops.join(joinToken, { name: 'P', key: k })),
  );
  assert.deepEqual(seats.map((s) => s.seat).sort(), [0, 1, 2, 3]);
  for (const k of keys) {
    const view = await services.workshops.participantView(k);
    const judgements = [
      ...view.pairs.map((p) => ({
        kind: 'influence' as const,
        from: p.from,
        to: p.to,
        value: (p.from.length + view.participant.seat) % 4,
      })),
      ...TPS.map((t) => ({ kind: 'effort' as const, from: t, value: t === 'checkout' ? 4 : 2 })),
    ];
    await services.workshops.judge(k, { judgements });
    // a resent judgement replaces the first
    await services.workshops.judge(k, { judgements: [{ ...judgements[0]!, value: 3 }] });
  }
  await services.workshops.addAction('acme', 'pg', {
    title: 'Fix it',
    owner: 'Ops',
    touchpoints: ['delivery'],
  });
  return workshopReport(services, 'acme', 'pg');
}

describe('workshops on PostgreSQL', () => {
  let server: PgServer;
  let pg: PostgresStore;
  let duck: Awaited<ReturnType<typeof testApp>>;
  let pgServices: Services;

  before(async () => {
    server = await startPgServer();
    pg = await PostgresStore.open(await server.createDatabase(), MIGRATIONS);
    pgServices = createServices(pg, () => NOW);
    await pg.createWorkspace('acme', 'acme', NOW);
    await pg.createWorkspace('globex', 'globex', NOW);
    duck = await testApp(() => NOW);
    for (const services of [pgServices, duck.services])
      await loadDemo(services, 'acme', { customers: 600, seed: 4 });
  });
  after(async () => {
    await pg?.close();
    await duck?.close();
    await server?.stop();
  });

  test('the same workshop gives the same report on PostgreSQL as on DuckDB', async () => {
    const fromPg = await runWorkshop(pgServices);
    const fromDuck = await runWorkshop(duck.services);
    const strip = (r: typeof fromPg) => ({ ...r, actions: r.actions.map(({ createdAt: _c, ...a }) => a) });
    assertParity(strip(fromPg), strip(fromDuck), { tolerance: 1e-9 }, 'report');
    assert.equal(fromPg.participants, 4);
    assert.equal(
      Number((await pg.read('SELECT count(*) AS n FROM workshop_judgements'))[0]!.n),
      4 * (TPS.length + (TPS.length * (TPS.length - 1) * 2) / 4),
    );
    assert.ok(fromPg.pairs.some((p) => p.measured.status === 'ok'));
    assert.ok(fromPg.touchpoints.find((t) => t.id === 'support-chat')!.measured.resolutionHours.n > 0);
  });

  test('another workspace finds none of it', async () => {
    assert.deepEqual(await pgServices.workshops.list('globex'), []);
    await assert.rejects(pgServices.workshops.status('globex', 'pg'), /no workshop/);
  });
});
