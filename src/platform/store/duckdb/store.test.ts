import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { tempDir } from '../../../../tests/helpers.ts';
import type { EventRow, FeedbackRow } from '../../../core/ingest/rows.ts';
import { event, feedback } from '../../../../tests/store-contract/fixtures.ts';
import { DatabaseLockedError } from '../errors.ts';
import { DuckDbStore } from './store.ts';
import { MIGRATIONS } from '../../../capabilities/migrations.ts';

const batch = (events: EventRow[], fb: FeedbackRow[] = []) => ({ events, feedback: fb, identifies: [] });

describe('DuckDB store on a real file', () => {
  const tmp = tempDir();
  let store: DuckDbStore;
  before(async () => {
    store = await DuckDbStore.open(tmp.db, MIGRATIONS);
    await store.createWorkspace('w', 'W', 0);
  });
  after(async () => {
    await store.close();
    tmp.cleanup();
  });

  test('events and feedback ids are separate namespaces', async () => {
    const out = await store.ingest('w', batch([event('same')], [feedback('same')]));
    assert.deepEqual(out, { stored: 2, duplicates: 0 });
  });

  test('duplicates are recognised after a restart (the index is rebuilt from the file)', async () => {
    await store.ingest('w', batch([event('before-restart')]));
    await store.close();
    store = await DuckDbStore.open(tmp.db, MIGRATIONS);
    const out = await store.ingest(
      'w',
      batch([event('before-restart'), event('after-restart')], [feedback('same')]),
    );
    assert.deepEqual(out, { stored: 1, duplicates: 2 });
  });

  test('a second process cannot open the file while it is held, and says so', async () => {
    const { spawnSync } = await import('node:child_process');
    const child = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `Promise.all([import('./src/platform/store/duckdb/store.ts'), import('./src/capabilities/migrations.ts')]).then(([m, r]) => m.DuckDbStore.open(${JSON.stringify(tmp.db)}, r.MIGRATIONS)).then(() => console.log('opened'), e => console.log(e.constructor.name))`,
      ],
      { encoding: 'utf8' },
    );
    assert.match(child.stdout, new RegExp(DatabaseLockedError.name));
  });

  test('ingestAll is one transaction: a failure half-way stores nothing', async () => {
    async function* batches() {
      yield batch([event('all-1'), event('all-2')]);
      throw new Error('the file broke off');
    }
    await assert.rejects(store.ingestAll('w', batches()), /broke off/);
    const [row] = await store.read("SELECT count(*) AS n FROM events WHERE id LIKE 'all-%'");
    assert.equal(row!.n, 0);
    // ...and the ids of the failed transaction are not remembered as stored.
    const out = await store.ingest('w', batch([event('all-1')]));
    assert.deepEqual(out, { stored: 1, duplicates: 0 });
  });

  test('ingestAll drops ids repeated across its batches', async () => {
    async function* batches() {
      yield batch([event('imp-1'), event('imp-2')]);
      yield batch([event('imp-2'), event('imp-3'), event('imp-3')]);
    }
    assert.deepEqual(await store.ingestAll('w', batches()), { stored: 3, duplicates: 2 });
  });

  test('identify merges traits key by key and links anonymous ids to their first customer', async () => {
    const t = Date.parse('2025-03-03T00:00:00Z');
    await store.ingest('w', {
      events: [event('anon-e', { customerId: null, anonymousId: 'v1' })],
      feedback: [],
      identifies: [
        { customerId: 'zoe', anonymousId: 'v1', traits: '{"plan":"basic","city":"Oslo"}', timestamp: t },
        { customerId: 'zoe', anonymousId: null, traits: '{"plan":"pro"}', timestamp: t + 1 },
        { customerId: 'max', anonymousId: 'v1', traits: null, timestamp: t + 2 },
      ],
    });
    const page = await store.timeline('w', 'zoe', { limit: 10 });
    assert.deepEqual(page.customer?.traits, { plan: 'pro', city: 'Oslo' });
    assert.deepEqual(
      page.items.map((i) => i.id),
      ['anon-e'],
    );
    assert.equal((await store.timeline('w', 'max', { limit: 10 })).items.length, 0);
  });

  test('a batch that cannot be prepared for writing fails alone', async () => {
    const results = await Promise.allSettled([
      store.ingest('w', batch([event('beside-nan')])),
      store.ingest('w', batch([event('nan-time', { timestamp: Number.NaN })])),
    ]);
    assert.deepEqual(
      results.map((r) => r.status),
      ['fulfilled', 'rejected'],
    );
    const [row] = await store.read("SELECT count(*) AS n FROM events WHERE id IN ('beside-nan', 'nan-time')");
    assert.equal(row!.n, 1);
  });

  test('a failed group commit rejects every request in it and stores none of them', async () => {
    // Passes preparation, then breaks the NOT NULL constraint on name when appended.
    const bad = event('bad-group', { name: null as unknown as string });
    const results = await Promise.allSettled([
      store.ingest('w', batch([event('group-ok')])),
      store.ingest('w', batch([bad])),
    ]);
    const [row] = await store.read("SELECT count(*) AS n FROM events WHERE id IN ('group-ok', 'bad-group')");
    const fulfilled = results.filter((r) => r.status === 'fulfilled').length;
    assert.equal(row!.n, fulfilled, 'what was acknowledged is exactly what is stored');
    assert.ok(results.some((r) => r.status === 'rejected'));
  });

  test('groups in quick succession (each commit begins the next transaction) stay all-or-nothing', async () => {
    const calls = [];
    for (let i = 0; i < 40; i++) {
      const bad = i === 25 ? { name: null as unknown as string } : {};
      // Settled at once, so the failing call is handled while later ones are still being sent.
      calls.push(
        store.ingest('w', batch([event(`wave-${i}`, bad)])).then(
          () => true,
          () => false,
        ),
      );
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const results = await Promise.all(calls);
    const acknowledged = results.flatMap((ok, i) => (ok ? [`wave-${i}`] : []));
    const stored = await store.read("SELECT id FROM events WHERE id LIKE 'wave-%' ORDER BY id");
    assert.deepEqual(stored.map((r) => r.id).sort(), acknowledged.sort());
    assert.equal(results[25], false);
    // How many calls share the bad one's group depends on timing; the first is always alone.
    assert.equal(results[0], true);
    // No transaction is left open behind them: an import begins its own.
    async function* one() {
      yield batch([event('after-waves')]);
    }
    assert.deepEqual(await store.ingestAll('w', one()), { stored: 1, duplicates: 0 });
  });
});
