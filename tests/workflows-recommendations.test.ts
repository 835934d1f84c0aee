import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { readWorkflowFile } from '../src/capabilities/workflows/definitions.ts';
import { inHoldout } from '../src/core/workflows/machine.ts';
import { MIGRATIONS } from '../src/capabilities/migrations.ts';
import { PostgresStore } from '../src/platform/store/postgres/store.ts';
import { startPgServer, type PgServer } from './pg-server.ts';
import { DAY, HOUR, workflowKit } from './workflows-kit.ts';

const TEMPLATE = new URL('../templates/workflows/complementary-products.yaml', import.meta.url).pathname;
const WORKFLOW = 'complementary-products';

/** A seeded generator (mulberry32): the planted shop is the same on every run. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PRODUCTS = Array.from({ length: 12 }, (_, i) => `sku-${i}`);
/** Names the shop's events carry for two products (Segment's `products[].name`); the rest have none. */
const NAMES: Record<string, string> = { 'sku-0': 'Desk lamp', 'sku-1': 'LED bulb' };

/**
 * The shop of tests/recommendations.test.ts: 800 customers (no email address, so never mailed),
 * every product bought independently with probability 0.1, except two planted pairs: sku-0 buyers
 * also buy sku-1 70 % of the time, sku-4 buyers sku-5 60 %. There, exactly these two pairs are
 * significant (in both directions); every other pair is not.
 */
function plantedOrders(start: number) {
  const random = rng(11);
  const events: object[] = [];
  for (let c = 0; c < 800; c++) {
    const first = PRODUCTS.filter(() => random() < 0.1);
    const second: string[] = [];
    if (first.includes('sku-0') && random() < 0.7) (random() < 0.5 ? first : second).push('sku-1');
    if (first.includes('sku-4') && random() < 0.6) (random() < 0.5 ? first : second).push('sku-5');
    [first, second].forEach((bought, n) => {
      if (bought.length === 0) return;
      events.push({
        customerId: `shop${c}`,
        name: 'Order Completed',
        timestamp: new Date(start + n * 10 * DAY).toISOString(),
        properties: {
          orderId: `o-${c}-${n}`,
          products: bought.map((product_id) => ({
            product_id,
            ...(NAMES[product_id] ? { name: NAMES[product_id] } : {}),
          })),
        },
      });
    });
  }
  return events;
}

/** Customers outside the workflow's 10 % holdout (the draw is deterministic). */
function treated(prefix: string, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < n; i++)
    if (!inHoldout(0.1, 'acme', WORKFLOW, `${prefix}${i}`)) out.push(`${prefix}${i}`);
  return out;
}

for (const on of ['DuckDB', 'PostgreSQL'] as const)
  describe(`the shipped complementary-products workflow, on planted co-purchase pairs (${on})`, () => {
    let kit: Awaited<ReturnType<typeof workflowKit>>;
    let server: PgServer | undefined;
    before(async () => {
      if (on === 'PostgreSQL') {
        server = await startPgServer();
        kit = await workflowKit({
          store: await PostgresStore.open(await server.createDatabase(), MIGRATIONS),
        });
      } else kit = await workflowKit();
      const events = plantedOrders(kit.clock.now - 60 * DAY);
      for (let from = 0; from < events.length; from += 1000)
        await kit.services.ingest.own(
          'acme',
          'events',
          { batch: events.slice(from, from + 1000) },
          kit.clock.now,
        );
      // Quiet hours follow the real time of day (the clock starts now): off, so the test does not depend on it.
      await kit.services.surveys.policies.set(
        'acme',
        { quietHours: null, minGap: '1h', maxInvitations: 10 },
        kit.clock.now,
      );
    });
    after(async () => {
      await kit?.close();
      if (server) {
        await kit?.store.close();
        await server.stop();
      }
    });

    test('sku-0 buyers get sku-1 by email five days after delivery; no pair, or owning it already, means no email', async () => {
      const [ann, bob, cleo, dan, eve] = treated('buyer', 5) as [string, string, string, string, string];
      const bought: Record<string, string[]> = {
        [ann]: ['sku-0'], // sku-1 goes with it
        [bob]: ['sku-7'], // nothing goes with sku-7
        [cleo]: ['sku-0', 'sku-1'], // has both sides of the pair already
        [dan]: ['sku-0', 'sku-4'], // sku-1 and sku-5
        [eve]: ['sku-0'], // orders again before the email is due: the goal, her run ends
      };
      for (const [id, products] of Object.entries(bought)) {
        await kit.customer('acme', id, { email: `${id}@example.com`, name: `${id} Doe` });
        await kit.event('acme', id, 'Order Completed', {
          orderId: `o-${id}`,
          products: products.map((productId) => ({ productId })),
        });
      }
      const saved = await kit.apply('acme', readWorkflowFile(TEMPLATE));
      assert.equal(saved.id, WORKFLOW);
      kit.clock.now += DAY;
      for (const id of Object.keys(bought))
        await kit.event('acme', id, 'Order Delivered', { orderId: `o-${id}` });
      await kit.settle();
      const delivered = kit.clock.now;

      // What ann's run would do now: the branch reads the recommendations the email lists.
      const dry = await kit.services.workflows.dryRun('acme', WORKFLOW, ann);
      const branch = dry.steps.find((s) => s.step === 'anything-to-recommend')!;
      assert.match(branch.would, /condition holds/);
      assert.match(
        String(dry.steps.find((s) => s.step === 'goes-with')!.preview!.text),
        /LED bulb: goes with Desk lamp you bought/,
      );

      kit.clock.now = delivered + 2 * DAY;
      await kit.event('acme', eve, 'Order Completed', {
        orderId: `o2-${eve}`,
        products: [{ productId: 'sku-1' }],
      });
      await kit.settle();
      kit.clock.now = delivered + 5 * DAY - HOUR;
      await kit.settle();
      assert.equal(kit.smtp.messages.length, 0, 'nothing before the five days are up');
      kit.clock.now = delivered + 5 * DAY + HOUR;
      await kit.settle();
      await kit.smtp.waitFor(2);
      await new Promise((resolve) => setTimeout(resolve, 300)); // a third message would have arrived by now
      const to = (id: string) =>
        kit.smtp.messages.filter((m) => String((m.to as { text: string }).text) === `${id}@example.com`);
      assert.equal(kit.smtp.messages.length, 2, kit.smtp.messages.map((m) => m.subject).join(', '));

      const [annMail] = to(ann);
      assert.equal(annMail!.subject, `${ann}, these go with what you bought`);
      const annLines = String(annMail!.text)
        .split('\n')
        .filter((l) => l.startsWith('- '));
      assert.deepEqual(annLines, ['- LED bulb: goes with Desk lamp you bought']);
      assert.match(String(annMail!.html), /<strong>LED bulb<\/strong>: goes with Desk lamp you bought/);
      const oneClick = annMail!.headerLines.find((h) => h.key === 'list-unsubscribe-post');
      assert.equal(oneClick?.line, 'List-Unsubscribe-Post: List-Unsubscribe=One-Click', 'marketing mail');

      const danLines = String(to(dan)[0]!.text)
        .split('\n')
        .filter((l) => l.startsWith('- '))
        .sort();
      // A product the events never name shows its id.
      assert.deepEqual(danLines, [
        '- LED bulb: goes with Desk lamp you bought',
        '- sku-5: goes with sku-4 you bought',
      ]);

      for (const id of [bob, cleo, eve]) assert.equal(to(id).length, 0, `${id} gets no email`);
      const log = await kit.services.workflows.log('acme', { workflowId: WORKFLOW, limit: 100 });
      const outcomes = (id: string) =>
        log
          .filter((l) => l.customer_id === id && l.step_id !== 'settle-in')
          .map((l) => `${l.step_id} ${l.outcome}`)
          .sort();
      assert.deepEqual(outcomes(eve), [' converted', ' entered']);
      for (const id of [bob, cleo])
        assert.deepEqual(outcomes(id), [
          ' entered',
          ' exited',
          'anything-to-recommend branch_else',
          'done exit',
        ]);
      assert.deepEqual(outcomes(ann), [
        ' entered',
        ' exited',
        'anything-to-recommend branch_then',
        'done exit',
        'goes-with sent',
      ]);
    });

    test('the model for messages is reused for ten minutes of the clock, then learned again', async () => {
      const recs = kit.services.recommendations;
      const first = kit.clock.now;
      // globex: 40 customers bought x and y together, 40 others only z: z goes with nothing yet.
      const batch = (prefix: string, products: string[], n: number) =>
        Array.from({ length: n }, (_, i) => ({
          customerId: `${prefix}${i}`,
          name: 'Order Completed',
          timestamp: new Date(first - DAY).toISOString(),
          properties: { products },
        }));
      await kit.services.ingest.own(
        'globex',
        'events',
        { batch: [...batch('xy', ['x', 'y'], 40), ...batch('z', ['z'], 40)] },
        kit.clock.now,
      );
      await kit.customer('globex', 'zed', {});
      await kit.event('globex', 'zed', 'Order Completed', { products: ['z'] });
      assert.equal((await recs.forMessage('globex', 'zed')).count, 0);
      // Now 30 more customers buy z with w (and nobody w alone): a model learned afresh recommends w to zed.
      await kit.services.ingest.own(
        'globex',
        'events',
        { batch: batch('zw', ['z', 'w'], 30) },
        kit.clock.now,
      );
      assert.deepEqual(
        (await recs.recommendationsFor('globex', 'zed', 3)).recommendations.map((r) => r.product),
        ['w'],
      );
      kit.clock.now = first + 9 * 60_000;
      assert.equal((await recs.forMessage('globex', 'zed')).count, 0, 'the cached model, learned before');
      kit.clock.now = first + 11 * 60_000;
      assert.deepEqual(await recs.forMessage('globex', 'zed'), {
        items: [
          {
            product: 'w',
            name: 'w',
            because: 'z',
            because_name: 'z',
            ...pick((await recs.recommendationsFor('globex', 'zed', 3)).recommendations[0]!),
          },
        ],
        count: 1,
      });
      // What zed has is read fresh, whatever the model's age: once he buys w, it is not offered.
      kit.clock.now = first + 12 * 60_000;
      await kit.event('globex', 'zed', 'Order Completed', { products: ['w'] });
      assert.equal((await recs.forMessage('globex', 'zed')).count, 0);
    });
  });

function pick(r: { confidence: number; lift: number }) {
  return { confidence: r.confidence, lift: r.lift };
}
