import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deflection, groupUnanswered, share } from './report.ts';

const H = 3_600_000;

test('deflection: contacts within 72 hours count against; young and anonymous conversations apart', () => {
  const now = 1000 * H;
  const conversations = [
    { customerId: 'a', startedAt: 100 * H }, // ticket 50 h later: not resolved
    { customerId: 'b', startedAt: 100 * H }, // ticket 80 h later: resolved
    { customerId: 'c', startedAt: 100 * H }, // no contact: resolved
    { customerId: 'd', startedAt: 100 * H }, // contact before the conversation only: resolved
    { customerId: 'e', startedAt: 950 * H }, // younger than 72 h: pending
    { customerId: null, startedAt: 100 * H }, // anonymous
  ];
  const contacts = new Map([
    ['a', [150 * H]],
    ['b', [180 * H]],
    ['d', [90 * H]],
  ]);
  const r = deflection(conversations, contacts, now);
  assert.equal(r.rate.n, 4);
  assert.equal(r.rate.successes, 3);
  assert.equal(r.rate.rate, 0.75);
  assert.equal(r.pending, 1);
  assert.equal(r.anonymous, 1);
});

test('share carries the Wilson interval (3 of 4: 0.3006 to 0.9544, hand-checked)', () => {
  const s = share(3, 4);
  assert.equal(s.low!.toFixed(4), '0.3006');
  assert.equal(s.high!.toFixed(4), '0.9544');
  assert.deepEqual(share(0, 0), { n: 0, successes: 0, rate: null, low: null, high: null });
});

test('unanswered questions group by their most shared key term', () => {
  const groups = groupUnanswered([
    'do you sell gift cards',
    'gift cards for christmas?',
    'can I buy a gift card online',
    'do you ship to canada',
    'shipping to canada cost',
    'hello',
  ]);
  assert.deepEqual(groups[0], {
    term: 'gift',
    questions: 3,
    examples: ['do you sell gift cards', 'gift cards for christmas?', 'can I buy a gift card online'],
  });
  assert.equal(groups[1]!.term, 'canada');
  assert.equal(groups[1]!.questions, 2);
  assert.equal(groups.at(-1)!.term, '(no key term)');
});
