import assert from 'node:assert/strict';
// eslint-disable-next-line no-restricted-imports -- tests read the template fixture; core code itself does no I/O
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import type { EventInput, FeedbackInput } from '../ingest/schemas.ts';
import { parseJourneyMap } from '../journey/validate.ts';
import { generateDemo } from './generate.ts';
import { DAY } from './time.ts';

// The planted effects, recovered from the raw items the way an analyst would: by joining responses to
// the customer's most recent relevant event, and events to each other through their ids.

const parsed = parseJourneyMap(
  parse(readFileSync(new URL('../../../templates/retail-ecommerce.yaml', import.meta.url), 'utf8')),
);
assert.ok(parsed.ok);
const now = Date.parse('2025-06-01T09:30:00Z');
const data = generateDemo(parsed.map, { seed: 11, customers: 5000, now });

const ms = (iso: string) => Date.parse(iso);
const str = (e: EventInput | undefined, key: string) => String(e?.properties?.[key]);

interface Order {
  id: string;
  customerId: string;
  checkoutId: string;
  completedAt: number;
  deliveredAt?: number;
  late?: boolean;
  tickets: number;
}
const orders = new Map<string, Order>();
const completedCheckouts = new Set<string>();
const byCustomer = new Map<string, EventInput[]>();
for (const e of data.events) {
  if (e.customerId === undefined) continue;
  const list = byCustomer.get(e.customerId) ?? [];
  list.push(e);
  byCustomer.set(e.customerId, list);
  const order = orders.get(str(e, 'orderId'));
  if (e.name === 'Order Completed') {
    const checkoutId = str(e, 'checkoutId');
    completedCheckouts.add(checkoutId);
    const id = str(e, 'orderId');
    orders.set(id, { id, customerId: e.customerId, checkoutId, completedAt: ms(e.timestamp), tickets: 0 });
  } else if (e.name === 'Order Delivered' && order) {
    order.deliveredAt = ms(e.timestamp);
    order.late = e.properties?.late === true;
  } else if (e.name === 'Support Ticket Opened' && order) {
    order.tickets++;
  }
}
const delivered = [...orders.values()].filter((o) => o.deliveredAt !== undefined);

/** The customer's latest event with one of `names` at or before the response: what it is about. */
function latest(f: FeedbackInput, names: string[]): EventInput | undefined {
  const t = ms(f.timestamp);
  let found: EventInput | undefined;
  for (const e of byCustomer.get(f.customerId) ?? []) {
    if (ms(e.timestamp) > t) break;
    if (names.includes(e.name)) found = e;
  }
  return found;
}

const responses = (touchpoint: string | RegExp) =>
  data.feedback.filter((f) =>
    typeof touchpoint === 'string' ? f.touchpoint === touchpoint : touchpoint.test(f.touchpoint),
  );
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const rate = (xs: boolean[]) => xs.filter(Boolean).length / xs.length;
const variance = (xs: number[]) => {
  const m = mean(xs);
  return mean(xs.map((x) => (x - m) ** 2));
};
/** Standard error of a difference of two means. */
const seDiff = (a: number[], b: number[]) => Math.sqrt(variance(a) / a.length + variance(b) / b.length);
function correlation(pairs: (readonly [number, number])[]): number {
  const xs = pairs.map((p) => p[0]);
  const ys = pairs.map((p) => p[1]);
  const [mx, my] = [mean(xs), mean(ys)];
  return mean(pairs.map(([x, y]) => (x - mx) * (y - my))) / Math.sqrt(variance(xs) * variance(ys));
}
/** Splits values into [when true, when false], dropping those the key cannot tell. */
function split<T>(items: T[], key: (item: T) => boolean | undefined, value: (item: T) => number) {
  const yes: number[] = [];
  const no: number[] = [];
  for (const item of items) {
    const k = key(item);
    if (k !== undefined) (k ? yes : no).push(value(item));
  }
  return [yes, no] as const;
}

// Each NPS answer belongs to the order whose follow-up survey asked for it.
const npsOrders = responses('followup-survey').map((f) => ({
  f,
  order: orders.get(str(latest(f, ['Follow-up Survey Sent']), 'orderId')),
}));
// Each CES answer belongs to the checkout it rated.
const cesCheckouts = responses('checkout').map((f) => ({
  f,
  checkoutId: str(latest(f, ['Checkout Started']), 'checkoutId'),
}));

describe('planted effects', () => {
  test('late deliveries are about 17 % of orders', () => {
    const share = rate(delivered.map((o) => o.late === true));
    assert.ok(share > 0.14 && share < 0.2, `late share ${share}`);
  });

  test('1a. late delivery lowers delivery CSAT (about 2.3 against 4.3)', () => {
    const [late, onTime] = split(
      responses('delivery'),
      (f) => latest(f, ['Order Delivered'])?.properties?.late === true,
      (f) => f.score,
    );
    assert.ok(late.length > 200);
    assert.ok(Math.abs(mean(late) - 2.3) < 0.25, `late ${mean(late)}`);
    assert.ok(Math.abs(mean(onTime) - 4.29) < 0.15, `on time ${mean(onTime)}`);
  });

  test('1b. late delivery lowers the later NPS by about 2.5 points', () => {
    const [late, onTime] = split(
      npsOrders,
      ({ order }) => order?.late,
      ({ f }) => f.score,
    );
    const diff = mean(late) - mean(onTime);
    assert.ok(diff < -1.8 && diff > -3.0, `NPS difference ${diff}`);
  });

  test('1c. late delivery more than doubles support contacts after delivery', () => {
    const settled = delivered.filter((o) => (o.deliveredAt ?? now) < now - 14 * DAY);
    const [late, onTime] = split(
      settled,
      (o) => o.late,
      (o) => o.tickets,
    );
    const ratio = mean(late) / mean(onTime);
    assert.ok(ratio > 2 && ratio < 3.5, `ticket ratio ${ratio} (${mean(late)} / ${mean(onTime)})`);
  });

  test('1d. late delivery lowers repeat purchase and raises churn', () => {
    const window = 150 * DAY;
    const settled = delivered.filter((o) => (o.deliveredAt ?? now) < now - window);
    // What the customer did next within the window: ordered again, closed the account, or neither.
    const next = (o: Order) =>
      (byCustomer.get(o.customerId) ?? []).find((e) => {
        const t = ms(e.timestamp) - (o.deliveredAt ?? 0);
        return t > 0 && t <= window && (e.name === 'Order Completed' || e.name === 'Account Closed');
      })?.name;
    const [lateRepeat, onTimeRepeat] = split(
      settled,
      (o) => o.late,
      (o) => Number(next(o) === 'Order Completed'),
    );
    const repeat = `repeat ${mean(lateRepeat)} vs ${mean(onTimeRepeat)}`;
    assert.ok(mean(onTimeRepeat) > 0.32 && mean(lateRepeat) < 0.28, repeat);
    assert.ok(mean(onTimeRepeat) - mean(lateRepeat) > 0.1, repeat);
    const [lateChurn, onTimeChurn] = split(
      settled,
      (o) => o.late,
      (o) => Number(next(o) === 'Account Closed'),
    );
    const churn = `churn ${mean(lateChurn)} vs ${mean(onTimeChurn)}`;
    assert.ok(Math.abs(mean(onTimeChurn) - 0.03) < 0.015 && mean(lateChurn) > 0.06, churn);
  });

  test('2a. customers who rate checkout hard abandon it more', () => {
    const [hard, easy] = split(
      cesCheckouts,
      ({ f }) => f.score <= 3,
      ({ checkoutId }) => Number(!completedCheckouts.has(checkoutId)),
    );
    assert.ok(mean(hard) > mean(easy) + 0.12, `abandonment ${mean(hard)} vs ${mean(easy)}`);
  });

  test('2b. a hard checkout lowers the later NPS a little', () => {
    const cesByCheckout = new Map(cesCheckouts.map((c) => [c.checkoutId, c.f.score]));
    const rated = npsOrders.filter(
      ({ order }) => order?.late === false && cesByCheckout.has(order.checkoutId),
    );
    const [hard, easy] = split(
      rated,
      ({ order }) => (cesByCheckout.get(order?.checkoutId ?? '') ?? 0) <= 3,
      ({ f }) => f.score,
    );
    const diff = mean(hard) - mean(easy);
    assert.ok(diff < -0.2 && diff > -1.5, `NPS difference ${diff} ± ${seDiff(hard, easy)}`);
  });

  test('3. a failed payment raises checkout abandonment', () => {
    const failed = new Set(
      data.events.filter((e) => e.name === 'Payment Failed').map((e) => str(e, 'checkoutId')),
    );
    const started = data.events.filter((e) => e.name === 'Checkout Started').map((e) => str(e, 'checkoutId'));
    const [withFailure, without] = split(
      started,
      (id) => failed.has(id),
      (id) => Number(!completedCheckouts.has(id)),
    );
    assert.ok(Math.abs(mean(withFailure) - 0.45) < 0.08, `after a failure ${mean(withFailure)}`);
    assert.ok(mean(withFailure) > mean(without) + 0.15, `${mean(withFailure)} vs ${mean(without)}`);
  });

  test('4. a support ticket resolved well partly recovers NPS', () => {
    const supportScore = new Map<string, number>();
    for (const f of responses(/^support-/)) {
      const closed = latest(f, ['Support Ticket Closed']);
      if (closed) supportScore.set(str(closed, 'orderId'), f.score);
    }
    const scored = npsOrders.flatMap(({ f, order }) => {
      const support = supportScore.get(order?.id ?? '');
      return support === undefined || support === 3
        ? []
        : [{ nps: f.score, well: support >= 4, late: order?.late }];
    });
    const [well, badly] = split(
      scored,
      (s) => s.well,
      (s) => s.nps,
    );
    assert.ok(mean(well) - mean(badly) > 1.2, `NPS ${mean(well)} vs ${mean(badly)} ± ${seDiff(well, badly)}`);
    // A late order resolved well ends above one with no ticket, yet below an on-time order.
    const lateWell = scored.filter((s) => s.late && s.well).map((s) => s.nps);
    const lateNoTicket = npsOrders
      .filter(({ order }) => order?.late && order.tickets === 0)
      .map(({ f }) => f.score);
    const onTime = npsOrders.filter(({ order }) => order?.late === false).map(({ f }) => f.score);
    assert.ok(mean(lateWell) > mean(lateNoTicket) && mean(lateWell) < mean(onTime));
  });

  test('5. unboxing CSAT is a placebo: unrelated to delivery and to NPS', () => {
    const unboxing = responses('unboxing').map((f) => ({
      f,
      order: orders.get(str(latest(f, ['Product Unboxed']), 'orderId')),
    }));
    const [late, onTime] = split(
      unboxing,
      ({ order }) => order?.late,
      ({ f }) => f.score,
    );
    const diff = mean(late) - mean(onTime);
    assert.ok(Math.abs(diff) < 3 * seDiff(late, onTime), `placebo difference ${diff}`);
    // Correlation with the same order's NPS is indistinguishable from zero.
    const npsByOrder = new Map(npsOrders.map(({ f, order }) => [order, f.score]));
    const pairs = unboxing.flatMap(({ f, order }) => {
      const nps = npsByOrder.get(order);
      return nps === undefined ? [] : [[f.score, nps] as const];
    });
    const r = correlation(pairs);
    assert.ok(
      pairs.length > 200 && Math.abs(r) < 3 / Math.sqrt(pairs.length),
      `r = ${r} over ${pairs.length}`,
    );
  });
  test('6. promoters refer friends more', () => {
    const referred = npsOrders.flatMap(({ f, order }) => {
      if (!order?.deliveredAt || order.deliveredAt > now - 45 * DAY) return [];
      const from = order.deliveredAt;
      const sent = (byCustomer.get(f.customerId) ?? []).some(
        (e) => e.name === 'Referral Sent' && ms(e.timestamp) > from && ms(e.timestamp) <= from + 45 * DAY,
      );
      return [{ promoter: f.score >= 9, sent }];
    });
    const [promoters, others] = split(
      referred,
      (r) => r.promoter,
      (r) => Number(r.sent),
    );
    assert.ok(mean(promoters) > 2.5 * mean(others), `referrals ${mean(promoters)} vs ${mean(others)}`);
  });

  test('7. an out-of-stock notice halves adding to the cart in that session', () => {
    // Sessions are runs of one person's events without a 30-minute gap.
    const sessions: { viewed: boolean; outOfStock: boolean; added: boolean }[] = [];
    const last = new Map<string, { t: number; session: (typeof sessions)[number] }>();
    for (const e of data.events) {
      const who = e.customerId ?? e.anonymousId ?? '';
      const t = ms(e.timestamp);
      let current = last.get(who);
      if (!current || t - current.t > 30 * 60_000) {
        current = { t, session: { viewed: false, outOfStock: false, added: false } };
        sessions.push(current.session);
      }
      current.t = t;
      last.set(who, current);
      if (e.name === 'Product Viewed') current.session.viewed = true;
      if (e.name === 'Product Out Of Stock') current.session.outOfStock = true;
      if (e.name === 'Product Added') current.session.added = true;
    }
    const browsing = sessions.filter((s) => s.viewed);
    const [withNotice, without] = split(
      browsing,
      (s) => s.outOfStock,
      (s) => Number(s.added),
    );
    const ratio = mean(withNotice) / mean(without);
    assert.ok(
      withNotice.length > 500 && ratio > 0.3 && ratio < 0.7,
      `cart rate ratio ${ratio} (${mean(withNotice)} / ${mean(without)}, n ${withNotice.length})`,
    );
  });
});
