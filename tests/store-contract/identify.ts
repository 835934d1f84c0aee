import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { batch, event, feedback, identify, T0, workspace } from './fixtures.ts';
import type { Context } from './harness.ts';

const DAY = 86_400_000;

export function identifies(ctx: Context) {
  describe('identify', () => {
    let ws: string;
    before(async () => {
      ws = await workspace(ctx.store, 'identify');
    });
    const traitsOf = async (customer: string) =>
      (await ctx.store.timeline(ws, customer, { limit: 1 })).customer?.traits;

    test('traits merge key by key, later calls winning, within a batch and across batches', async () => {
      await ctx.store.ingest(
        ws,
        batch({
          identifies: [
            identify('zoe', { traits: '{"plan":"basic","city":"Oslo"}', timestamp: T0 }),
            identify('zoe', { traits: '{"plan":"pro"}', timestamp: T0 + 1 }),
            identify('zoe', { traits: null, timestamp: T0 + 2 }),
          ],
        }),
      );
      assert.deepEqual(await traitsOf('zoe'), { plan: 'pro', city: 'Oslo' });
      await ctx.store.ingest(
        ws,
        batch({ identifies: [identify('zoe', { traits: '{"vip":true}', timestamp: T0 + 3 })] }),
      );
      assert.deepEqual(await traitsOf('zoe'), { plan: 'pro', city: 'Oslo', vip: true });
    });

    test('a null trait removes the key; nested objects merge key by key (JSON merge patch)', async () => {
      await ctx.store.ingest(
        ws,
        batch({
          identifies: [identify('ned', { traits: '{"a":1,"b":2,"address":{"city":"Oslo","zip":"0150"}}' })],
        }),
      );
      await ctx.store.ingest(
        ws,
        batch({ identifies: [identify('ned', { traits: '{"a":null,"address":{"zip":"0151","floor":3}}' })] }),
      );
      assert.deepEqual(await traitsOf('ned'), { b: 2, address: { city: 'Oslo', zip: '0151', floor: 3 } });
    });

    test('an anonymous id links to its first customer; its events join that timeline only', async () => {
      await ctx.store.ingest(
        ws,
        batch({
          events: [event('anon-e', { customerId: null, anonymousId: 'v1', timestamp: T0 - DAY })],
          identifies: [
            identify('amy', { anonymousId: 'v1', timestamp: T0 }),
            identify('max', { anonymousId: 'v1', timestamp: T0 + 1 }),
          ],
        }),
      );
      await ctx.store.ingest(ws, batch({ identifies: [identify('max', { anonymousId: 'v1' })] }));
      const amy = await ctx.store.timeline(ws, 'amy', { limit: 10 });
      assert.deepEqual(
        amy.items.map((i) => i.id),
        ['anon-e'],
      );
      assert.deepEqual(amy.customer?.anonymousIds, ['v1']);
      const max = await ctx.store.timeline(ws, 'max', { limit: 10 });
      assert.deepEqual(max.items, []);
      assert.deepEqual(max.customer?.anonymousIds, []);
      const [row] = await ctx.store.read(
        "SELECT resolved_customer_id FROM events_resolved WHERE workspace_id = $1 AND id = 'anon-e'",
        [ws],
      );
      assert.equal(row!.resolved_customer_id, 'amy');
    });

    test('first and last seen span identify calls, events and feedback', async () => {
      await ctx.store.ingest(
        ws,
        batch({
          events: [event('seen-e', { customerId: 'sam', timestamp: T0 + 5 * DAY })],
          feedback: [feedback('seen-f', { customerId: 'sam', timestamp: T0 + 9 * DAY })],
          identifies: [identify('sam', { timestamp: T0 + 2 * DAY })],
        }),
      );
      const { customer } = await ctx.store.timeline(ws, 'sam', { limit: 1 });
      assert.equal(customer?.firstSeen, T0 + 2 * DAY);
      assert.equal(customer?.lastSeen, T0 + 9 * DAY);
    });
  });
}
