import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { TimelineItem } from '../../src/platform/store/port.ts';
import { batch, event, feedback, T0, workspace } from './fixtures.ts';
import type { Context } from './harness.ts';

/** Ids whose byte order differs from a dictionary order ("B" < "_" < "a" by code point). */
const IDS = ['a', 'B', '_x', 'Z9', 'b-2', 'b-10', 'é', 'A'];

export function timelines(ctx: Context) {
  describe('timeline', () => {
    let ws: string;
    before(async () => {
      ws = await workspace(ctx.store, 'timeline');
      // Same timestamps on purpose: order then falls to kind and id, where engines could differ.
      await ctx.store.ingest(
        ws,
        batch({
          events: [
            ...IDS.map((id) => event(id, { timestamp: T0 })),
            ...IDS.map((id) => event(`late-${id}`, { timestamp: T0 + 1000 })),
            event('other', { customerId: 'someone-else' }),
          ],
          feedback: IDS.map((id) => feedback(id, { timestamp: T0, comment: id === 'a' ? 'slow' : null })),
        }),
      );
    });

    test('pages follow (time, kind, id) in code-point order to the end, none lost or repeated', async () => {
      const seen: TimelineItem[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await ctx.store.timeline(ws, 'c1', { limit: 5, ...(cursor ? { cursor } : {}) });
        seen.push(...page.items);
        cursor = page.next ?? undefined;
        pages++;
      } while (cursor);
      const sorted = [...IDS].sort();
      assert.deepEqual(
        seen.map((i) => `${i.timestamp - T0}/${i.kind}/${i.id}`),
        [
          ...sorted.map((id) => `0/event/${id}`),
          ...sorted.map((id) => `0/feedback/${id}`),
          ...sorted.map((id) => `1000/event/late-${id}`),
        ],
      );
      assert.equal(pages, Math.ceil(seen.length / 5));
    });

    test('the cursor is base64url JSON of [timestamp, kind, id] of the last item', async () => {
      const page = await ctx.store.timeline(ws, 'c1', { limit: 3 });
      const last = page.items[2]!;
      assert.deepEqual(JSON.parse(Buffer.from(page.next!, 'base64url').toString('utf8')), [
        last.timestamp,
        last.kind,
        last.id,
      ]);
    });

    test('items carry their fields: events their name and parsed properties, feedback its score', async () => {
      const page = await ctx.store.timeline(ws, 'c1', { limit: 100 });
      assert.deepEqual(
        page.items.find((i) => i.kind === 'event'),
        {
          kind: 'event',
          id: 'A',
          timestamp: T0,
          touchpoint: 'product-pages',
          name: 'Product Viewed',
          properties: { sku: 'A' },
        },
      );
      assert.deepEqual(
        page.items.find((i) => i.kind === 'feedback' && i.id === 'a'),
        {
          kind: 'feedback',
          id: 'a',
          timestamp: T0,
          touchpoint: 'delivery',
          metric: 'csat',
          score: 2,
          scale: { min: 1, max: 5 },
          comment: 'slow',
          source: 'test',
        },
      );
      assert.deepEqual(page.customer, {
        id: 'c1',
        traits: {},
        firstSeen: T0,
        lastSeen: T0 + 1000,
        anonymousIds: [],
      });
    });

    test('a cursor that is not ours is a RangeError; an unknown customer has no header and no items', async () => {
      await assert.rejects(ctx.store.timeline(ws, 'c1', { limit: 5, cursor: 'not-a-cursor' }), RangeError);
      assert.deepEqual(await ctx.store.timeline(ws, 'nobody', { limit: 5 }), {
        customer: null,
        items: [],
        next: null,
      });
    });
  });
}
