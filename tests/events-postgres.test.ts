import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DomainEvents, type Subscriber } from '../src/platform/events/delivery.ts';
import { PostgresStore } from '../src/platform/store/postgres/store.ts';
import { startPgServer, type PgServer } from './pg-server.ts';
import { MIGRATIONS } from '../src/capabilities/migrations.ts';

const NOW = Date.parse('2025-06-30T12:00:00Z');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * In server mode every process runs the delivery loop over one PostgreSQL outbox. A subscriber's
 * batch must be handled by one process at a time, and every event handled.
 */
describe('domain event delivery on PostgreSQL from several processes', () => {
  let server: PgServer;
  let stores: PostgresStore[];

  before(async () => {
    server = await startPgServer();
    const url = await server.createDatabase();
    // Each store is its own connection pool, as each server process would have.
    stores = [
      await PostgresStore.open(url, MIGRATIONS),
      await PostgresStore.open(url, MIGRATIONS),
      await PostgresStore.open(url, MIGRATIONS),
    ];
  });
  after(async () => {
    for (const store of stores ?? []) await store.close();
    await server?.stop();
  });

  test('three processes deliver one subscriber: never two batches at once, every event once', async () => {
    const total = 600;
    let active = 0;
    let overlaps = 0;
    const handled: number[] = [];
    const byProcess = [0, 0, 0];
    const loops = stores.map((store, p) => {
      const subscriber: Subscriber = {
        name: 'counter',
        types: ['t.n'],
        async handle(events) {
          if (++active > 1) overlaps++;
          byProcess[p]! += events.length;
          await sleep(5); // long enough for another process to try meanwhile
          handled.push(...events.map((e) => (e.payload as { n: number }).n));
          active--;
        },
      };
      const events = new DomainEvents(store, () => NOW, { batchSize: 50, pollMs: 20 });
      events.subscribe(subscriber);
      return events.start();
    });
    // Appends race from all three processes while they deliver.
    await Promise.all(
      Array.from({ length: total / 10 }, (_, i) =>
        stores[i % 3]!.write(
          [],
          Array.from({ length: 10 }, (_, k) => ({
            type: 't.n',
            workspaceId: 'w',
            payload: { n: i * 10 + k },
          })),
        ),
      ),
    );
    for (let i = 0; i < 1000 && handled.length < total; i++) await sleep(20);
    await Promise.all(loops.map((l) => l.stop()));
    assert.equal(overlaps, 0, 'two processes handled the subscriber at the same time');
    assert.equal(handled.length, total, 'each event handled once (no failure, so no redelivery)');
    assert.deepEqual(
      [...handled].sort((a, b) => a - b),
      Array.from({ length: total }, (_, i) => i),
    );
    console.log(`events handled per process: ${byProcess.join(', ')}`);
  });
});
