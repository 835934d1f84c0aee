import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { QUERIES } from '../../src/platform/store/shared/queries.ts';
import { batch, event, feedback, identify, T0, workspace } from './fixtures.ts';
import type { Context } from './harness.ts';

const DAY = 86_400_000;

export function readAndWrite(ctx: Context) {
  describe('read() and write()', () => {
    let ws: string;
    before(async () => {
      ws = await workspace(ctx.store, 'values');
      await ctx.store.ingest(
        ws,
        batch({
          events: [
            event('v-1', { timestamp: T0 + 123, properties: '{"sku":"A","tags":["x","y"],"n":2}' }),
            event('v-2', { timestamp: T0 + DAY + 7 * 3_600_000, properties: null }),
          ],
          feedback: [feedback('v-1', { score: 4 }), feedback('v-2', { score: 5 })],
          identifies: [identify('c1', { traits: '{"plan":"pro"}' })],
        }),
      );
    });

    test('values come back plain: numbers, epoch ms, JSON as text, lists as arrays', async () => {
      const [row] = await ctx.store.read(
        `SELECT count(*) AS n, count(DISTINCT customer_id) AS customers, sum(score) AS total,
                avg(score) AS mean, sum(scale_max) AS scale_sum, max(scale_min) AS scale_min,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY score) AS median,
                count(*) FILTER (WHERE score >= 5) AS promoters, min(ts) AS first,
                min(ts)::DATE AS first_day, date_trunc('week', min(ts)) AS week,
                bool_and(score > 3) AS all_good, max(comment) AS no_comment,
                list(id ORDER BY id) AS ids, 2.5::DOUBLE AS two_and_a_half, 7.25 AS decimal
         FROM feedback WHERE workspace_id = $1`,
        [ws],
      );
      assert.deepEqual(row, {
        n: 2,
        customers: 1,
        total: 9,
        mean: 4.5,
        scale_sum: 10,
        scale_min: 1,
        median: 4.5,
        promoters: 1,
        first: T0 + DAY,
        first_day: T0 + DAY,
        week: Date.parse('2025-02-24T00:00:00Z'), // the ISO week starts on Monday
        all_good: true,
        no_comment: null,
        ids: ['v-1', 'v-2'],
        two_and_a_half: 2.5,
        decimal: 7.25,
      });
    });

    test('JSON columns are JSON text; ->> gives text; extract and interval arithmetic agree', async () => {
      const rows = await ctx.store.read(
        `SELECT id, properties, properties->>'sku' AS sku, context, extract(hour FROM ts) AS hour,
                extract(epoch FROM ts) AS epoch, ts - received_at AS lag
         FROM events WHERE workspace_id = $1 ORDER BY id`,
        [ws],
      );
      assert.equal(typeof rows[0]!.properties, 'string');
      assert.deepEqual(JSON.parse(rows[0]!.properties as string), { sku: 'A', tags: ['x', 'y'], n: 2 });
      assert.deepEqual(
        rows.map(({ properties: _p, ...rest }) => rest),
        [
          {
            id: 'v-1',
            sku: 'A',
            context: null,
            hour: 0,
            epoch: (T0 + 123) / 1000,
            lag: { months: 0, days: 0, micros: -877_000n },
          },
          {
            id: 'v-2',
            sku: null,
            context: null,
            hour: 7,
            epoch: (T0 + DAY + 7 * 3_600_000) / 1000,
            lag: { months: 0, days: 1, micros: 25_199_000_000n },
          },
        ],
      );
    });

    test('parameters bind strings, numbers, booleans, Dates and null', async () => {
      const rows = await ctx.store.read(
        `SELECT id FROM feedback
         WHERE workspace_id = $1 AND score > $2 AND (ts >= $3) = $4 AND ($5::VARCHAR IS NULL OR comment = $5)
         ORDER BY id LIMIT $6`,
        [ws, 3.5, new Date(T0), true, null, 10],
      );
      assert.deepEqual(
        rows.map((r) => r.id),
        ['v-1', 'v-2'],
      );
    });

    test('the views have the same columns everywhere', async () => {
      const [resolved] = await ctx.store.read(
        'SELECT * FROM events_resolved WHERE workspace_id = $1 LIMIT 1',
        [ws],
      );
      for (const column of [
        'workspace_id',
        'id',
        'customer_id',
        'anonymous_id',
        'name',
        'touchpoint',
        'ts',
        'received_at',
        'properties',
        'context',
        'resolved_customer_id',
      ])
        assert.ok(column in resolved!, `events_resolved.${column}`);
      const [activity] = await ctx.store.read('SELECT * FROM customer_activity WHERE workspace_id = $1', [
        ws,
      ]);
      assert.deepEqual(activity, {
        workspace_id: ws,
        id: 'c1',
        first_seen: T0,
        last_seen: T0 + DAY + 7 * 3_600_000,
      });
    });

    test("the store's own shared statements run on this engine", async () => {
      for (const [name, sql] of Object.entries(QUERIES)) {
        const highest = Math.max(0, ...[...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
        const params = ['value', 'c1'].slice(0, highest);
        await assert.doesNotReject(ctx.store.read(sql, params), name);
      }
    });

    test('write() is one transaction: RETURNING gives rows, counts are rows changed, an error undoes all', async () => {
      const [inserted, updated] = await ctx.store.write([
        {
          sql: 'INSERT INTO workspaces VALUES ($1, $2, $3) RETURNING id, created_at',
          params: ['w-write', 'W', new Date(T0)],
        },
        { sql: "UPDATE workspaces SET name = 'W2' WHERE id IN ($1, $2)", params: ['w-write', ws] },
      ]);
      assert.deepEqual(inserted, { changed: 1, rows: [{ id: 'w-write', created_at: T0 }] });
      assert.equal(updated!.changed, 2);
      await assert.rejects(
        ctx.store.write([
          { sql: 'INSERT INTO workspaces VALUES ($1, $2, $3)', params: ['w-undone', 'U', new Date(T0)] },
          { sql: 'INSERT INTO workspaces VALUES ($1, $2, $3)', params: ['w-write', 'again', new Date(T0)] },
        ]),
      );
      assert.equal(await ctx.store.getWorkspace('w-undone'), null);
    });
  });
}
