import assert from 'node:assert/strict';
import { test } from 'node:test';
import { indexJourney } from '../journey/rules.ts';
import { correctedTimestamp, normalizeSegment, segmentMessage, segmentTime } from './segment.ts';

const message = (m: Record<string, unknown>) => segmentMessage.parse(m);
const receivedAt = Date.parse('2025-06-01T12:00:00.000Z');

test('clock skew: timestamp = receivedAt - (sentAt - originalTimestamp)', () => {
  // The client's clock is 1 hour fast: it says it sent at 13:00 an event from 12:58.
  const m = message({ timestamp: '2025-06-01T12:58:00.000Z', sentAt: '2025-06-01T13:00:00.000Z' });
  assert.equal(correctedTimestamp(m, undefined, receivedAt), Date.parse('2025-06-01T11:58:00.000Z'));
});

test('clock skew: the batch sentAt applies when the message has none; no sentAt keeps the timestamp', () => {
  const m = message({ timestamp: '2025-06-01T11:00:00.000Z' });
  assert.equal(
    correctedTimestamp(m, '2025-06-01T11:30:00.000Z', receivedAt),
    Date.parse('2025-06-01T11:30:00.000Z'),
  );
  assert.equal(correctedTimestamp(m, undefined, receivedAt), Date.parse('2025-06-01T11:00:00.000Z'));
  assert.equal(correctedTimestamp(message({}), undefined, receivedAt), receivedAt);
});

test('numeric user ids are accepted as strings, as Segment libraries sometimes send them', () => {
  assert.equal(message({ userId: 42 }).userId, '42');
});

const ctx = {
  journey: indexJourney({
    name: 'j',
    stages: [],
    rules: [],
    failures: [],
    outcomes: { purchase: [], churn: [] },
  }),
  now: receivedAt,
  newId: () => 'new-id',
};

test('a time after the arrival is clamped to the arrival; an event from 1999 keeps its time', () => {
  assert.equal(
    segmentTime(message({ timestamp: '2030-01-01T00:00:00Z' }), undefined, receivedAt),
    receivedAt,
  );
  const old = Date.parse('1999-12-31T23:00:00Z');
  assert.equal(segmentTime(message({ timestamp: '1999-12-31T23:00:00Z' }), undefined, receivedAt), old);
});

test('each bad message is rejected alone with its index; the others become rows', () => {
  const result = normalizeSegment(
    [
      { type: 'track', userId: 'u', event: 'A', messageId: 'm1' },
      { type: 'track', userId: 'u', messageId: 'm2' },
      { type: 'identify', anonymousId: 'v', traits: { plan: 'trial' }, messageId: 'm3' },
      { type: 'identify', traits: { plan: 'trial' } },
      { type: 'page', anonymousId: 'v', name: 'Home', category: 'Docs', messageId: 'm5' },
    ],
    ctx,
    { indexed: true },
  );
  assert.deepEqual(
    result.rows.events.map((e) => [e.id, e.name, e.properties]),
    [
      ['m1', 'A', null],
      ['m5', 'Page Viewed', '{"name":"Home","category":"Docs"}'],
    ],
  );
  assert.deepEqual(result.anonymous, [
    { id: 'm3', anonymousId: 'v', traits: '{"plan":"trial"}', timestamp: receivedAt },
  ]);
  assert.deepEqual(
    result.rejects.map((r) => [r.index, r.issues.map((i) => `${i.index}:${i.path}:${i.code}`)]),
    [
      [1, ['1:event:invalid_value']],
      [3, ['3:userId:invalid_value']],
    ],
  );
});

test('32 KB per message: a 30,000-character string fits, a 40 KB message does not', () => {
  const fits = normalizeSegment(
    [{ type: 'track', userId: 'u', event: 'A', properties: { note: 'x'.repeat(30_000) } }],
    ctx,
    { indexed: false },
  );
  assert.equal(fits.rejects.length, 0);
  const big = normalizeSegment(
    [{ type: 'track', userId: 'u', event: 'A', properties: { note: 'é'.repeat(17_000) } }],
    ctx,
    { indexed: false },
  );
  assert.equal(
    big.rejects[0]!.issues[0]!.code,
    'message_too_large',
    'counted in UTF-8 bytes, not characters',
  );
});
