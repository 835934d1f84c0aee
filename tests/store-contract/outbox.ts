import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { DomainEvent, StoredDomainEvent } from '../../src/platform/events/domain-event.ts';
import type { Store } from '../../src/platform/store/port.ts';
import { batch, event, workspace } from './fixtures.ts';
import type { Context } from './harness.ts';

/** Every outbox row after `seq` (the database is shared with other topics, so tests read from a mark). */
async function after(store: Store, seq: number): Promise<StoredDomainEvent[]> {
  const out: StoredDomainEvent[] = [];
  for (let rows = await store.readDomainEvents(seq, 100); rows.length;) {
    out.push(...rows);
    rows = await store.readDomainEvents(rows[rows.length - 1]!.seq, 100);
  }
  return out;
}
const head = async (store: Store) => (await after(store, 0)).at(-1)?.seq ?? 0;

export function outbox(ctx: Context) {
  describe('outbox of domain events', () => {
    let ws: string;
    const note = (n: number | string): DomainEvent => ({
      type: 'test.noted',
      workspaceId: ws,
      payload: { n, nested: { list: [1, 'two', null] } },
    });
    before(async () => {
      ws = await workspace(ctx.store, 'outbox');
    });

    test('domain events commit with the batch, the import and the write that carry them', async () => {
      const mark = await head(ctx.store);
      await ctx.store.ingest(ws, batch({ events: [event('ob-1')], domainEvents: [note(1)] }));
      async function* batches() {
        yield batch({ events: [event('ob-2')], domainEvents: [note(2)] });
        yield batch({ events: [event('ob-3')], domainEvents: [note(3)] });
      }
      await ctx.store.ingestAll(ws, batches());
      await ctx.store.write(
        [{ sql: "INSERT INTO unsubscribes VALUES ($1, 'ob-c', now(), 'test')", params: [ws] }],
        [note(4)],
      );
      const rows = await after(ctx.store, mark);
      assert.deepEqual(
        rows.map((r) => [r.type, r.workspaceId, r.payload]),
        [1, 2, 3, 4].map((n) => ['test.noted', ws, note(n).payload]),
      );
      assert.ok(
        rows.every((r, i) => i === 0 || r.seq > rows[i - 1]!.seq),
        'numbered in order',
      );
      assert.ok(rows.every((r) => typeof r.createdAt === 'number' && r.createdAt > 0));
    });

    test('nothing is appended when the transaction fails, or when the batch names another workspace', async () => {
      const mark = await head(ctx.store);
      async function* broken() {
        yield batch({ events: [event('obf-1')], domainEvents: [note('import')] });
        throw new Error('the file broke off');
      }
      await assert.rejects(ctx.store.ingestAll(ws, broken()), /broke off/);
      await assert.rejects(
        ctx.store.write([{ sql: 'INSERT INTO no_such_table VALUES (1)' }], [note('write')]),
      );
      await assert.rejects(
        ctx.store.ingest(
          ws,
          batch({ events: [event('obf-2')], domainEvents: [{ ...note('other'), workspaceId: 'elsewhere' }] }),
        ),
        /workspace/,
      );
      assert.deepEqual(await after(ctx.store, mark), []);
      const [row] = await ctx.store.read(
        "SELECT count(*) AS n FROM events WHERE workspace_id = $1 AND id LIKE 'obf-%'",
        [ws],
      );
      assert.equal(row!.n, 0, 'and the rows did not land either');
    });

    test('appends racing from ingest and writes are numbered in the order they become visible', async () => {
      const mark = await head(ctx.store);
      const writers: Store[] = [];
      for (let i = 0; i < 4; i++)
        writers.push(ctx.store.capabilities.multiProcessWriters ? await ctx.openAnother() : ctx.store);
      const seen: number[][] = [];
      let reading = true;
      // A reader polling meanwhile must never see a number appear below one it has already seen.
      const reader = (async () => {
        let last = mark;
        while (reading) {
          const rows = await ctx.store.readDomainEvents(last, 1000);
          if (rows.length) {
            seen.push(rows.map((r) => r.seq));
            last = rows[rows.length - 1]!.seq;
          }
        }
      })();
      await Promise.all(
        Array.from({ length: 60 }, (_, i) => {
          const store = writers[i % writers.length]!;
          return i % 3 === 0
            ? store.write([], [note(`w${i}`)])
            : store.ingest(ws, batch({ events: [event(`race-${i}`)], domainEvents: [note(`i${i}`)] }));
        }),
      );
      reading = false;
      await reader;
      const all = await after(ctx.store, mark);
      assert.equal(all.length, 60);
      assert.equal(
        seen.flat().length,
        new Set(seen.flat()).size,
        'a reader moving its cursor saw each row once',
      );
      const missed = all.filter((r) => !seen.flat().includes(r.seq) && r.seq < Math.max(...seen.flat()));
      assert.deepEqual(missed, [], 'no row committed below a cursor that had moved past it');
    });

    test('a cursor is held by one delivery at a time, moves only when the work succeeds, and survives a restart', async () => {
      const name = `contract-${Date.now()}`;
      const other = ctx.store.capabilities.multiProcessWriters ? await ctx.openAnother() : ctx.store;
      let release!: () => void;
      const blocked = new Promise<void>((resolve) => (release = resolve));
      let entered!: () => void;
      const inside = new Promise<void>((resolve) => (entered = resolve));
      const first = ctx.store.holdCursor(name, async (cursor) => {
        assert.equal(cursor.position, 0);
        entered();
        await blocked;
        await cursor.advance(5);
        return 'first';
      });
      await inside;
      assert.equal(await other.holdCursor(name, async () => 'second'), null, 'held elsewhere: passed over');
      release();
      assert.deepEqual(await first, { value: 'first' });

      await assert.rejects(
        ctx.store.holdCursor(name, async (cursor) => {
          await cursor.advance(9);
          throw new Error('handler failed');
        }),
        /handler failed/,
      );
      await ctx.restart();
      const position = await ctx.store.holdCursor(name, async (cursor) => cursor.position);
      assert.deepEqual(position, { value: 5 }, 'the failed advance was not kept; the good one was');
    });
  });
}
