import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { MIGRATIONS } from '../src/capabilities/migrations.ts';
import { DomainEvents, type Subscriber } from '../src/platform/events/delivery.ts';
import type { StoredDomainEvent } from '../src/platform/events/domain-event.ts';
import { DuckDbStore } from '../src/platform/store/duckdb/store.ts';
import { PostgresStore } from '../src/platform/store/postgres/store.ts';
import type { Store } from '../src/platform/store/port.ts';
import { tempDir } from './helpers.ts';
import { startPgServer, type PgServer } from './pg-server.ts';

const HOUR = 3_600_000;

/** Appends `n` events in one write, as a capability would with its data. */
const append = (store: Store, from: number, n: number) =>
  store.write(
    [],
    Array.from({ length: n }, (_, i) => ({
      type: 'thing.happened',
      workspaceId: 'w',
      payload: { n: from + i },
    })),
  );

function recorder(name: string) {
  const seen: number[] = [];
  const subscriber: Subscriber = {
    name,
    types: ['thing.happened'],
    async handle(events: StoredDomainEvent[]) {
      seen.push(...events.map((e) => (e.payload as { n: number }).n));
    },
  };
  return { subscriber, seen };
}

const stored = async (store: Store) =>
  (await store.read('SELECT seq FROM domain_events ORDER BY seq')).map((r) => Number(r.seq));

/**
 * The same story on each store: rows go only once every registered subscriber has passed them
 * and they are older than the retention; the newest row stays, so numbering goes on after a
 * restart and a new row is still delivered.
 */
function pruning(open: () => Promise<Store>) {
  return async () => {
    let store = await open();
    // The clock the delivery (and so the retention) runs on; rows are stamped by the store's own.
    let offset = 0;
    const events = (s: Store) =>
      new DomainEvents(s, () => Date.now() + offset, { batchSize: 4, retentionMs: HOUR });
    const a = recorder('a');
    const b = recorder('b');
    let delivery = events(store);
    delivery.subscribe(a.subscriber);
    delivery.subscribe(b.subscriber);
    try {
      await append(store, 1, 10);
      const all = await stored(store);
      assert.equal(all.length, 10);

      await delivery.deliverRound(a.subscriber);
      await delivery.deliverRound(a.subscriber);
      await delivery.deliverRound(a.subscriber);
      offset = 2 * HOUR;
      assert.equal(await delivery.prune(), 0, 'b has no cursor yet: it will read from the first row');

      await delivery.deliverRound(b.subscriber);
      assert.equal(await delivery.prune(), 4, 'the four rows both have passed');
      assert.deepEqual(await stored(store), all.slice(4));

      await delivery.drain();
      offset = 0;
      assert.equal(await delivery.prune(), 0, 'rows within the retention stay');
      offset = 2 * HOUR;
      assert.equal(await delivery.prune(), 5, 'all passed and old: all but the newest');
      assert.deepEqual(await stored(store), all.slice(9));
      assert.deepEqual(a.seen, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      assert.deepEqual(b.seen, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

      // A restart numbers on after the kept row, so the subscribers still get what comes next.
      await store.close();
      store = await open();
      delivery = events(store);
      delivery.subscribe(a.subscriber);
      delivery.subscribe(b.subscriber);
      await append(store, 11, 1);
      await delivery.drain();
      assert.deepEqual(a.seen.slice(10), [11]);
      assert.deepEqual(b.seen.slice(10), [11]);
      assert.ok((await stored(store)).every((seq) => seq >= all[9]!));
    } finally {
      await store.close();
    }
  };
}

describe('outbox pruning on DuckDB', () => {
  const tmp = tempDir('cxloop-prune-');
  after(() => tmp.cleanup());
  test(
    'deletes only rows every subscriber passed and older than the retention, never the newest',
    pruning(() => DuckDbStore.open(tmp.db, MIGRATIONS)),
  );
});

describe('outbox pruning on PostgreSQL', () => {
  let server: PgServer;
  let url: string;
  before(async () => {
    server = await startPgServer();
    url = await server.createDatabase();
  });
  after(async () => server?.stop());
  test('deletes only rows every subscriber passed and older than the retention, never the newest', () =>
    pruning(() => PostgresStore.open(url, MIGRATIONS))());
});
