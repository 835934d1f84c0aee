import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contextualAnswer } from './contextual.ts';
import { daysAfter, latestOrder, returnDeadline, type CustomerEvent } from './orders.ts';

const t = (date: string) => Date.parse(`${date}T10:00:00Z`);
const ev = (name: string, date: string, properties: Record<string, unknown>): CustomerEvent => ({
  name,
  at: t(date),
  properties,
});
const NOW = t('2025-06-30');

test('days after a date count calendar days (UTC)', () => {
  assert.equal(daysAfter('2025-06-26', t('2025-06-30')), 4);
  assert.equal(daysAfter('2025-06-26', Date.parse('2025-06-26T23:59:00Z')), 0);
  assert.equal(daysAfter('2025-06-26', t('2025-06-25')), -1);
});

test('the latest order, not an older one; late by 4 days while not delivered', () => {
  const order = latestOrder(
    [
      ev('Order Completed', '2025-03-01', { orderId: 'old' }),
      ev('Order Delivered', '2025-03-04', { orderId: 'old' }),
      ev('Order Completed', '2025-06-20', { orderId: 'new' }),
      ev('Order Shipped', '2025-06-21', {
        orderId: 'new',
        carrier: 'UPS',
        trackingUrl: 'https://t.example/1',
        promisedDate: '2025-06-26',
      }),
      ev('Delivery Delayed', '2025-06-25', { orderId: 'new', newEstimate: '2025-07-02' }),
    ],
    NOW,
  )!;
  assert.equal(order.orderId, 'new');
  assert.equal(order.status, 'delayed');
  assert.equal(order.lateByDays, 4);
  assert.equal(order.newEstimate, '2025-07-02');
  assert.equal(returnDeadline(order, 30), null);
  const answer = contextualAnswer({
    intent: 'order_status',
    order,
    now: NOW,
    returnWindowDays: 30,
    language: 'en',
  });
  assert.equal(answer.text, 'Your order new is delayed. It is late by 4 days: we are sorry.');
  assert.deepEqual(answer.link, { label: 'Track your parcel', url: 'https://t.example/1' });
});

test('on schedule before the promise; on time and late after delivery', () => {
  const shipped = [
    ev('Order Completed', '2025-06-27', { orderId: 'a' }),
    ev('Order Shipped', '2025-06-28', { orderId: 'a', promisedDate: '2025-07-02' }),
  ];
  const pending = latestOrder(shipped, NOW)!;
  assert.equal(pending.lateByDays, 0);
  assert.match(
    contextualAnswer({
      intent: 'order_status',
      order: pending,
      now: NOW,
      returnWindowDays: 30,
      language: 'en',
    }).text,
    /on its way\. It is on schedule\./,
  );
  const late = latestOrder(
    [...shipped, ev('Order Delivered', '2025-07-05', { orderId: 'a' })],
    t('2025-07-10'),
  )!;
  assert.equal(late.lateByDays, 3);
  assert.equal(returnDeadline(late, 30), '2025-08-04');
  assert.equal(
    contextualAnswer({
      intent: 'return_item',
      order: late,
      now: t('2025-07-10'),
      returnWindowDays: 30,
      language: 'en',
    }).text,
    'You can send it back until 2025-08-04.',
  );
  assert.equal(
    contextualAnswer({
      intent: 'return_item',
      order: late,
      now: t('2025-08-05'),
      returnWindowDays: 30,
      language: 'en',
    }).text,
    'The return window closed on 2025-08-04.',
  );
});

test('refunds: issued with amount, pending after a return, none without one', () => {
  const base = [
    ev('Order Completed', '2025-05-01', { orderId: 'r' }),
    ev('Order Delivered', '2025-05-06', { orderId: 'r' }),
  ];
  const ask = (events: CustomerEvent[]) =>
    contextualAnswer({
      intent: 'refund_status',
      order: latestOrder(events, NOW),
      now: NOW,
      returnWindowDays: 30,
      language: 'en',
    }).text;
  assert.match(ask(base), /no return/);
  const returned = [...base, ev('Return Requested', '2025-05-10', { orderId: 'r' })];
  assert.match(ask(returned), /not been issued yet/);
  assert.equal(
    ask([...returned, ev('Refund Issued', '2025-05-14', { orderId: 'r', amount: 49.9, currency: 'EUR' })]),
    'Your refund (49.90 EUR) has been issued.',
  );
});

test('no order, an anonymous visitor, an address change; unsafe links and bad dates are dropped', () => {
  const common = { now: NOW, returnWindowDays: 30, language: 'en' as const };
  assert.match(contextualAnswer({ ...common, intent: 'order_status', order: null }).text, /no order/);
  assert.match(contextualAnswer({ ...common, intent: 'order_status', order: undefined }).text, /Sign in/);
  assert.equal(contextualAnswer({ ...common, intent: 'change_address', order: null }).handoff, true);
  const order = latestOrder(
    [
      ev('Order Completed', '2025-06-01', {
        orderId: 'x',
        trackingUrl: 'javascript:alert(1)',
        promisedDate: 'soon',
      }),
    ],
    NOW,
  )!;
  assert.equal(order.trackingUrl, null);
  assert.equal(order.promisedDate, null);
  assert.equal(order.lateByDays, null);
});
