import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { feedback, testApp } from '../../../tests/helpers.ts';
import type { PainPointsReport } from './pain-points.ts';

/**
 * What the pain-point report claims, on planted data (the default retail journey map):
 * - 80 customers reach payment; 40 have a failed payment and half of those give up, the others
 *   buy. "Bought afterwards" would set the failed against those whose payment went through, who
 *   bought by definition (100 %): no such row; reaching no later stage carries the abandonment.
 * - after delivery, 30 of 40 customers with a bad answer buy again never, 30 of 40 with a good one
 *   buy again: a real consequence, compared.
 * - cart, promotions ...: met, nothing bad there: no rank, a reason instead.
 * - workspace globex holds answers only (no events), as a feedback export does.
 */
const DAY = 86_400_000;
const T0 = Date.parse('2025-03-01T10:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const WINDOW = 'from=2025-03-01&to=2025-06-29';

type Event = { id: string; customerId: string; name: string; timestamp: string; properties?: object };

function plantedEvents(): Event[] {
  const events: Event[] = [];
  const ev = (c: string, name: string, at: number, properties: object = {}) =>
    events.push({ id: `${c}-${events.length}`, customerId: c, name, timestamp: iso(at), properties });
  for (let i = 0; i < 80; i++) {
    const c = `p${i}`;
    const t = T0 + i * 3_600_000;
    ev(c, 'Product Viewed', t);
    ev(c, 'Product Added', t + 60_000);
    ev(c, 'Checkout Started', t + 120_000);
    ev(c, 'Payment Info Entered', t + 180_000);
    const failed = i % 2 === 0;
    if (failed) ev(c, 'Payment Failed', t + 190_000);
    if (failed && i % 4 === 0) continue; // gave up after the failure
    ev(c, 'Order Completed', t + 240_000, { orderId: `${c}-o1` });
    ev(c, 'Order Confirmation Sent', t + 300_000, { orderId: `${c}-o1` });
  }
  return events;
}

describe('pain points say what they compare, count once and rank only evidence', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let report: PainPointsReport;
  before(async () => {
    t = await testApp(() => Date.parse('2025-06-30T12:00:00Z'));
    const events = plantedEvents();
    // delivery answers three days after the order: d0..d39 bad, d40..d79 good
    const answers = [];
    const more: Event[] = [];
    for (let i = 0; i < 80; i++) {
      const c = `d${i}`;
      const t1 = T0 + i * 3_600_000;
      // no delivery event: an on-time delivery would be their first (good) moment there
      more.push({ id: `${c}-a`, customerId: c, name: 'Order Completed', timestamp: iso(t1) });
      const bad = i < 40;
      answers.push(feedback(`${c}-f`, { customerId: c, score: bad ? 1 : 5, timestamp: iso(t1 + 3 * DAY) }));
      // 10 of 40 bad buy again, 30 of 40 good buy again
      if ((bad && i < 10) || (!bad && i >= 50))
        more.push({ id: `${c}-r`, customerId: c, name: 'Order Completed', timestamp: iso(t1 + 30 * DAY) });
    }
    for (const batch of [events, more]) {
      const res = await t.post('/v1/events', t.keys.acme!.ingest, { batch });
      assert.equal(res.status, 200, await res.text());
    }
    assert.equal((await t.post('/v1/feedback', t.keys.acme!.ingest, { batch: answers })).status, 200);
    const res = await t.get(`/v1/analytics/pain-points?${WINDOW}`, t.keys.acme!.secret);
    assert.equal(res.status, 200);
    report = (await res.json()) as PainPointsReport;
  });
  after(() => t.close());

  const point = (id: string) => report.painPoints.find((p) => p.touchpoint === id);

  test('no "bought afterwards" up to the purchase itself: it would compare failures with completed orders', () => {
    const payment = point('payment')!;
    assert.ok(payment, JSON.stringify(report.unranked));
    assert.deepEqual(
      payment.evidence.map((e) => e.outcome),
      ['dropOff', 'support', 'churn'],
    );
    const dropOff = payment.evidence.find((e) => e.outcome === 'dropOff')!;
    assert.deepEqual([dropOff.affected.count, dropOff.affected.n], [20, 40]);
    // after delivery it is buying again, and the planted difference is found
    const delivery = point('delivery')!;
    const again = delivery.evidence.find((e) => e.outcome === 'purchase')!;
    assert.equal(again.description, 'bought again afterwards');
    assert.deepEqual([again.affected.count, again.affected.n], [10, 40]);
    assert.deepEqual([again.unaffected.count, again.unaffected.n], [30, 40]);
    assert.ok(again.change.pAdjusted! < 0.05);
  });

  test('every comparison names both groups; no "the others"', () => {
    const delivery = point('delivery')!;
    assert.equal(delivery.groups.affected, 'customers who reached Delivery and had a bad experience there');
    const lines = report.painPoints.flatMap((p) => p.summary);
    assert.ok(
      lines.some((l) =>
        l.includes('of the 40 customers who reached Delivery and had a bad experience there'),
      ),
    );
    assert.ok(
      lines.every((l) => !l.includes('the others')),
      lines.join('\n'),
    );
    assert.match(report.populations.people, /customers with an event or an answer from 2025-03-01/);
  });

  test('the formula is in words, without the code names', () => {
    assert.doesNotMatch(report.formula, /\b[a-z]+[A-Z]\w*\b/, report.formula);
    assert.doesNotMatch(report.formula, /[=] *reach|severity *=/);
    assert.match(report.formula, /share of active customers who had a bad experience here/);
  });

  test('a touchpoint with no evidence of pain gets no rank, but a reason', () => {
    assert.ok(report.painPoints.length > 0);
    assert.deepEqual(
      report.painPoints.map((p) => p.rank),
      report.painPoints.map((_, i) => i + 1),
    );
    for (const p of report.painPoints) assert.ok(p.painScore > 0, p.touchpoint);
    const cart = report.unranked.find((u) => u.touchpoint === 'cart')!;
    assert.deepEqual([cart.customers, cart.affected], [80, 0]);
    assert.equal(cart.reason, 'no bad answer and no declared failure here');
    assert.equal(point('cart'), undefined);
  });

  test('answers without journey events still rank, and the report says what it cannot show', async () => {
    const answers = Array.from({ length: 30 }, (_, i) =>
      feedback(`g${i}`, { customerId: `g${i}`, score: i < 12 ? 1 : 5, timestamp: '2025-04-02T10:00:00Z' }),
    );
    assert.equal((await t.post('/v1/feedback', t.keys.globex!.ingest, { batch: answers })).status, 200);
    const get = async (window: string) =>
      (await (
        await t.get(`/v1/analytics/pain-points?${window}`, t.keys.globex!.secret)
      ).json()) as PainPointsReport;
    const only = await get(WINDOW);
    assert.equal(only.people, 30);
    const delivery = only.painPoints.find((p) => p.touchpoint === 'delivery')!;
    assert.deepEqual([delivery.rank, delivery.affected, delivery.customers], [1, 12, 30]);
    assert.ok(delivery.painScore > 0);
    assert.ok(
      only.notes.some((n) => n.startsWith('no journey events from 2025-03-01')),
      JSON.stringify(only.notes),
    );
    // a period without data says so, and where the data is
    const empty = await get('from=2024-01-01&to=2024-01-31');
    assert.deepEqual([empty.people, empty.painPoints.length], [0, 0]);
    assert.deepEqual(empty.notes, [
      "no customer had an event or an answer from 2024-01-01T00:00:00.000Z to 2024-02-01T00:00:00.000Z; this workspace's data runs from 2025-04-02 to 2025-04-02: choose a period inside it",
    ]);
  });
});
