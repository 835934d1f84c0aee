import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Store } from '../../src/platform/store/port.ts';
import { batch, event, feedback, identify, workspace } from './fixtures.ts';
import type { Context } from './harness.ts';

const countOf = async (store: Store, ws: string, table: 'events' | 'feedback', like: string) => {
  const [row] = await store.read(
    `SELECT count(*) AS n FROM ${table} WHERE workspace_id = $1 AND id LIKE $2`,
    [ws, like],
  );
  return row!.n;
};

export function ingest(ctx: Context) {
  describe('ingest', () => {
    let ws: string;
    before(async () => {
      ws = await workspace(ctx.store, 'ingest');
    });

    test('a batch is stored whole: events, feedback and identifies each count as stored', async () => {
      const out = await ctx.store.ingest(
        ws,
        batch({
          events: [event('b-1'), event('b-2')],
          feedback: [feedback('b-1')],
          identifies: [identify('c1', { traits: '{"plan":"pro"}' })],
        }),
      );
      assert.deepEqual(out, { stored: 4, duplicates: 0 }, 'event and feedback ids are separate namespaces');
    });

    test('a retried batch stores nothing twice; an id repeated within a batch is a duplicate', async () => {
      const first = batch({ events: [event('r-1'), event('r-2')], feedback: [feedback('r-1')] });
      assert.deepEqual(await ctx.store.ingest(ws, first), { stored: 3, duplicates: 0 });
      const again = batch({
        events: [event('r-1'), event('r-2'), event('r-3'), event('r-3')],
        feedback: [feedback('r-1'), feedback('r-2'), feedback('r-2')],
      });
      assert.deepEqual(await ctx.store.ingest(ws, again), { stored: 2, duplicates: 5 });
      assert.equal(await countOf(ctx.store, ws, 'events', 'r-%'), 3);
      assert.equal(await countOf(ctx.store, ws, 'feedback', 'r-%'), 2);
    });

    test('concurrent retries of one batch store it once (from separate processes where allowed)', async () => {
      const body = batch({
        events: Array.from({ length: 200 }, (_, i) => event(`cc-${i}`)),
        feedback: Array.from({ length: 50 }, (_, i) => feedback(`cc-${i}`)),
      });
      // Where several processes may write, each retry comes through a store of its own.
      const writers: Store[] = [];
      for (let i = 0; i < 6; i++)
        writers.push(ctx.store.capabilities.multiProcessWriters ? await ctx.openAnother() : ctx.store);
      const outcomes = await Promise.all(writers.map((w) => w.ingest(ws, body)));
      assert.equal(
        outcomes.reduce((n, o) => n + o.stored, 0),
        250,
      );
      assert.equal(
        outcomes.reduce((n, o) => n + o.duplicates, 0),
        5 * 250,
      );
      assert.equal(await countOf(ctx.store, ws, 'events', 'cc-%'), 200);
    });

    test('concurrent batches that overlap in both orders all commit, each id once', async () => {
      const ids = Array.from({ length: 300 }, (_, i) => `ov-${String(i).padStart(3, '0')}`);
      const writers: Store[] = [];
      for (let i = 0; i < 4; i++)
        writers.push(ctx.store.capabilities.multiProcessWriters ? await ctx.openAnother() : ctx.store);
      const orders = [ids, [...ids].reverse(), ids.slice(100), ids.slice(0, 200).reverse()];
      const outcomes = await Promise.all(
        writers.map((w, i) => w.ingest(ws, batch({ events: orders[i]!.map((id) => event(id)) }))),
      );
      assert.equal(
        outcomes.reduce((n, o) => n + o.stored, 0),
        300,
      );
      assert.equal(await countOf(ctx.store, ws, 'events', 'ov-%'), 300);
    });

    test('a batch with one bad row stores none of it', async () => {
      const bad = batch({
        events: [event('atom-1'), event('atom-2', { timestamp: Number.NaN })],
        feedback: [feedback('atom-1')],
      });
      await assert.rejects(ctx.store.ingest(ws, bad));
      assert.equal(await countOf(ctx.store, ws, 'events', 'atom-%'), 0);
      assert.equal(await countOf(ctx.store, ws, 'feedback', 'atom-%'), 0);
      // ...and its ids are not remembered as stored.
      assert.deepEqual(await ctx.store.ingest(ws, batch({ events: [event('atom-1')] })), {
        stored: 1,
        duplicates: 0,
      });
    });

    test('ingestAll is one transaction: a failure half-way stores nothing', async () => {
      async function* batches() {
        yield batch({ events: [event('all-1'), event('all-2')] });
        throw new Error('the file broke off');
      }
      await assert.rejects(ctx.store.ingestAll(ws, batches()), /broke off/);
      assert.equal(await countOf(ctx.store, ws, 'events', 'all-%'), 0);
      assert.deepEqual(await ctx.store.ingest(ws, batch({ events: [event('all-1')] })), {
        stored: 1,
        duplicates: 0,
      });
    });

    test('ingestAll drops ids repeated across its batches', async () => {
      async function* batches() {
        yield batch({ events: [event('imp-1'), event('imp-2')] });
        yield batch({ events: [event('imp-2'), event('imp-3'), event('imp-3')] });
      }
      assert.deepEqual(await ctx.store.ingestAll(ws, batches()), { stored: 3, duplicates: 2 });
    });

    test('duplicates are still recognised after a restart', async () => {
      await ctx.store.ingest(ws, batch({ events: [event('restart-1')], feedback: [feedback('restart-1')] }));
      await ctx.restart();
      const out = await ctx.store.ingest(
        ws,
        batch({ events: [event('restart-1'), event('restart-2')], feedback: [feedback('restart-1')] }),
      );
      assert.deepEqual(out, { stored: 1, duplicates: 2 });
    });

    test('counts: customers with any activity, events and feedback of the workspace', async () => {
      const store = await ctx.openFresh();
      await store.createWorkspace('n', 'N', 0);
      await store.ingest(
        'n',
        batch({
          events: [
            event('n-1', { customerId: 'ann' }),
            event('n-2', { customerId: null, anonymousId: 'anon-1' }),
            event('n-3', { customerId: null, anonymousId: 'anon-2' }),
          ],
          feedback: [feedback('n-1', { customerId: 'bob' })],
          identifies: [identify('cyd', { anonymousId: 'anon-1' })],
        }),
      );
      // ann (event), bob (feedback), cyd (identify, and anon-1's event); anon-2 is nobody yet.
      assert.deepEqual(await store.counts('n'), { customers: 3, events: 3, feedback: 1 });
    });
  });
}
