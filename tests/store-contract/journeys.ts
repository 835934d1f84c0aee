import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { journeyMapSchema } from '../../src/core/journey/schema.ts';
import { batch, event, feedback, T0, workspace } from './fixtures.ts';
import type { Context } from './harness.ts';

const map = (touchpoints: string[]) =>
  journeyMapSchema.parse({
    stages: [
      {
        id: 'consideration',
        name: 'Consideration',
        phase: 'pre-purchase',
        touchpoints: touchpoints.map((id) => ({ id, name: id.toUpperCase(), channel: 'web' })),
      },
    ],
    rules: [{ event: 'Product Viewed', where: { sku: 'A' }, touchpoint: touchpoints[0] }],
  });

export function journeys(ctx: Context) {
  describe('journeys', () => {
    let ws: string;
    before(async () => {
      ws = await workspace(ctx.store, 'journeys');
    });

    test('no journey at first; a journey set is read back as it was written', async () => {
      assert.equal(await ctx.store.getJourney(ws), null);
      await ctx.store.setJourney(ws, map(['web', 'faq']), T0);
      assert.deepEqual(await ctx.store.getJourney(ws), map(['web', 'faq']));
      await ctx.store.setJourney(ws, map(['faq']), T0 + 1);
      assert.deepEqual(await ctx.store.getJourney(ws), map(['faq']));
    });

    test('a remap renames touchpoints on stored events and feedback with the new map', async () => {
      await ctx.store.ingest(
        ws,
        batch({
          events: [event('j1', { touchpoint: 'old' }), event('j2', { touchpoint: 'old' }), event('j3')],
          feedback: [feedback('jf', { touchpoint: 'old' })],
        }),
      );
      assert.deepEqual(
        await ctx.store.touchpointUsage(ws),
        new Map([
          ['old', 3],
          ['product-pages', 1],
        ]),
      );
      await ctx.store.setJourney(ws, map(['new', 'product-pages']), T0 + 2, { old: 'new' });
      assert.deepEqual(
        await ctx.store.touchpointUsage(ws),
        new Map([
          ['new', 3],
          ['product-pages', 1],
        ]),
      );
      assert.deepEqual(await ctx.store.getJourney(ws), map(['new', 'product-pages']));
    });
  });
}
