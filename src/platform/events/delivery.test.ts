import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tempDir } from '../../../tests/helpers.ts';
import { DuckDbStore } from '../store/duckdb/store.ts';
import type { Store } from '../store/port.ts';
import { DomainEvents, type Subscriber } from './delivery.ts';
import type { StoredDomainEvent } from './domain-event.ts';
import { MIGRATIONS } from '../../capabilities/migrations.ts';

const NOW = Date.parse('2025-06-30T12:00:00Z');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Appends `n` events of `type` in one write, as a capability would with its data. */
const append = (store: Store, type: string, from: number, n: number) =>
  store.write(
    [],
    Array.from({ length: n }, (_, i) => ({ type, workspaceId: 'w', payload: { n: from + i } })),
  );

/** A subscriber that records what it was handed and fails while `failures` lasts. */
function recorder(name: string, types: string[], failures = 0) {
  const handled: number[][] = [];
  let left = failures;
  const subscriber: Subscriber = {
    name,
    types,
    async handle(events: StoredDomainEvent[], now: number) {
      assert.equal(now, NOW, 'handlers get the clock they were given');
      handled.push(events.map((e) => (e.payload as { n: number }).n));
      if (left-- > 0) throw new Error('not yet');
    },
  };
  return { subscriber, handled };
}

test('a failing handler is retried with backoff, and the cursor moves only after it succeeds', async () => {
  const tmp = tempDir();
  const store = await DuckDbStore.open(tmp.db, MIGRATIONS);
  try {
    const events = new DomainEvents(store, () => NOW, { retryBaseMs: 30, pollMs: 60_000 });
    const flaky = recorder('flaky', ['t.a'], 2);
    events.subscribe(flaky.subscriber);
    const errors: string[] = [];
    const running = new DomainEvents(store, () => NOW, {
      retryBaseMs: 30,
      pollMs: 60_000,
      onError: (error, name) => errors.push(`${name}: ${(error as Error).message}`),
    });
    running.subscribe(flaky.subscriber);
    await append(store, 't.a', 0, 3);
    const startedAt = performance.now();
    const loop = running.start();
    for (let i = 0; i < 200 && flaky.handled.length < 3; i++) await sleep(10);
    const took = performance.now() - startedAt;
    await loop.stop();
    assert.deepEqual(
      flaky.handled,
      [
        [0, 1, 2],
        [0, 1, 2],
        [0, 1, 2],
      ],
      'the same batch again until it succeeded',
    );
    assert.deepEqual(errors, ['flaky: not yet', 'flaky: not yet']);
    // Waits of 30 and 60 ms between the attempts (generous margins: the machine is shared).
    assert.ok(took >= 80, `backed off between attempts (${took.toFixed(0)} ms)`);
    await events.drain();
    assert.equal(flaky.handled.length, 3, 'nothing is delivered twice once it succeeded');
  } finally {
    await store.close();
    tmp.cleanup();
  }
});

test('after a restart each subscriber resumes from its own cursor, and takes only its types', async () => {
  const tmp = tempDir();
  let store = await DuckDbStore.open(tmp.db, MIGRATIONS);
  try {
    await append(store, 't.a', 0, 5);
    await append(store, 't.b', 100, 2);
    const first = new DomainEvents(store, () => NOW, { batchSize: 3 });
    const a1 = recorder('a', ['t.a']);
    const b1 = recorder('b', ['t.b']);
    first.subscribe(a1.subscriber);
    first.subscribe(b1.subscriber);
    // One round for `a` only (three rows), then the process "dies".
    assert.equal(await first.deliverRound(a1.subscriber), 3);
    assert.deepEqual(a1.handled, [[0, 1, 2]]);
    await store.close();

    store = await DuckDbStore.open(tmp.db, MIGRATIONS);
    await append(store, 't.a', 5, 1);
    const second = new DomainEvents(store, () => NOW, { batchSize: 3 });
    const a2 = recorder('a', ['t.a']);
    const b2 = recorder('b', ['t.b']);
    second.subscribe(a2.subscriber);
    second.subscribe(b2.subscriber);
    await second.drain();
    assert.deepEqual(a2.handled.flat(), [3, 4, 5], '`a` goes on where it stopped');
    assert.deepEqual(b2.handled.flat(), [100, 101], '`b` had not started, and sees only its type');
  } finally {
    await store.close();
    tmp.cleanup();
  }
});

test('notify() starts delivery at once instead of at the next poll', async () => {
  const tmp = tempDir();
  const store = await DuckDbStore.open(tmp.db, MIGRATIONS);
  try {
    const events = new DomainEvents(store, () => NOW, { pollMs: 60_000 });
    const a = recorder('a', ['t.a']);
    events.subscribe(a.subscriber);
    const loop = events.start();
    await sleep(50); // the loop has found nothing and sleeps for a minute
    await append(store, 't.a', 0, 1);
    events.notify();
    for (let i = 0; i < 500 && a.handled.length === 0; i++) await sleep(10);
    await loop.stop();
    assert.deepEqual(a.handled, [[0]]);
  } finally {
    await store.close();
    tmp.cleanup();
  }
});
