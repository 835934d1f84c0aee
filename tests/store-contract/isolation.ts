import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { batch, event, feedback, identify, workspace } from './fixtures.ts';
import type { Context } from './harness.ts';

export function isolation(ctx: Context) {
  describe('workspace isolation', () => {
    before(async () => {
      await workspace(ctx.store, 'iso-a');
      await workspace(ctx.store, 'iso-b');
    });

    test('the same ids are stored in both workspaces, and each sees only its own', async () => {
      const body = batch({
        events: [event('same', { touchpoint: 'web' })],
        feedback: [feedback('same')],
        identifies: [identify('c1', { anonymousId: 'v', traits: '{"ws":"a"}' })],
      });
      assert.deepEqual(await ctx.store.ingest('iso-a', body), { stored: 3, duplicates: 0 });
      const forB = { ...body, identifies: [identify('c1', { traits: '{"ws":"b"}' })] };
      assert.deepEqual(await ctx.store.ingest('iso-b', forB), { stored: 3, duplicates: 0 });

      const a = await ctx.store.timeline('iso-a', 'c1', { limit: 10 });
      const b = await ctx.store.timeline('iso-b', 'c1', { limit: 10 });
      assert.deepEqual(a.customer?.traits, { ws: 'a' });
      assert.deepEqual(b.customer?.traits, { ws: 'b' });
      assert.deepEqual(a.customer?.anonymousIds, ['v']);
      assert.deepEqual(b.customer?.anonymousIds, []);
      assert.equal(a.items.length, 2);
      assert.equal(b.items.length, 2);
      assert.deepEqual(await ctx.store.counts('iso-b'), { customers: 1, events: 1, feedback: 1 });
      assert.deepEqual(
        await ctx.store.touchpointUsage('iso-b'),
        new Map([
          ['web', 1],
          ['delivery', 1],
        ]),
      );
      assert.deepEqual((await ctx.store.timeline('iso-c', 'c1', { limit: 10 })).items, []);
    });
  });
}
